"""Production settings with what a test run needs on top: a key, plain HTTP, fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from roadmap_portal.settings import *  # noqa: F403
from roadmap_portal.settings import STORAGES

# Hashed static names need collectstatic first; the tests that check them run it themselves.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
