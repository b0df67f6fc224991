import pytest


@pytest.fixture
def broker_down():
    """The portal queues its tasks to a Redis that does not answer."""
    from roadmap_portal.celery import app

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous
