"""Production settings with what a test run needs on top: a key, plain HTTP, fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Shared with the Celery worker processes that some tests start (they inherit the environment).
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="portal-test-media-"))

from roadmap_portal.settings import *  # noqa: F403
from roadmap_portal.settings import CACHES, DATABASES, STORAGES

# Hashed static names need collectstatic first; the test that checks them runs it itself
# (tests/portal_tests/test_static_files.py).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run in-process unless a test starts a real worker (tests/worker.py); each pytest-xdist
# process gets a queue of its own so that two workers never take each other's tasks.
CELERY_TASK_ALWAYS_EAGER = True
# The run id is inherited by the worker processes, so a test run never meets another's tasks.
os.environ.setdefault("PORTAL_TEST_RUN", str(os.getpid()))
CELERY_TASK_DEFAULT_QUEUE = (
    f"portal-tests-{os.environ['PORTAL_TEST_RUN']}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
# The cache may be the machine's shared Redis: counters (throttling, lockout) of one test process
# must never meet another's, nor those of an earlier run.
CACHES["default"]["KEY_PREFIX"] = CELERY_TASK_DEFAULT_QUEUE
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: a worker process must be able to open the test database.
    # One folder per test process, so that parallel runs never share a database file.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.mkdtemp(prefix="portal-test-db-"), "test.sqlite3")
    }
