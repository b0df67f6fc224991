import os

import pytest


def pytest_sessionstart(session):
    """In CI the suite must run on the real services: never fall back silently."""
    if os.environ.get("CI") != "true":
        return
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        pytest.exit("CI=true, но DATABASE_URL не указывает на PostgreSQL.", returncode=3)
    import redis

    try:
        redis.Redis.from_url(os.environ["REDIS_URL"]).ping()
    except (KeyError, redis.RedisError) as error:
        pytest.exit(f"CI=true, но Redis недоступен: {error}", returncode=3)


@pytest.fixture
def cast(db):
    # Imported here so that the pure-function tests can also run without Django set up.
    from tests.cast import Cast

    return Cast()


@pytest.fixture
def demo(db):
    from programs.demo import load_demo

    return load_demo()
