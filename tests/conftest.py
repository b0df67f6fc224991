import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop

import pytest

pytest_plugins = ["tests.worker"]  # the real Celery worker fixture


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


@pytest.fixture(autouse=True)
def _counters_of_this_test_only(settings, request):
    """Throttling counters live in the cache, which outlives a test (locmem in the process, or
    the shared Redis): each test counts from zero under a key prefix of its own."""
    default = settings.CACHES["default"]
    prefix = f"{default.get('KEY_PREFIX', '')}-{request.node.nodeid}"
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}


@pytest.fixture
def cast(db):
    # Imported here so that the pure-function tests can also run without Django set up.
    from tests.cast import Cast

    return Cast()


@pytest.fixture
def demo(db):
    from programs.demo import load_demo

    return load_demo()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a browser downloaded by Playwright."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, но chromium не установлен (apt-get install chromium).")
        pytest.skip("chromium не установлен: браузерные тесты пропущены")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts_dir():
    from django.conf import settings

    path = settings.BASE_DIR / "artifacts"
    path.mkdir(exist_ok=True)
    return path
