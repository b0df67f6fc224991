"""`manage.py check --deploy` with production-like settings gives no warnings."""

import os
import subprocess
import sys

from django.conf import settings


def test_check_deploy_is_clean():
    # What only the test run sets (plain HTTP, Playwright's event loop) stays out.
    test_only = {"SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    inherited = {k: v for k, v in os.environ.items() if k not in test_only}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "roadmap_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x7!Qp2@Lm9#Rv4$Tz8%Wb1^Yc6&Hn3*Jk5(Ds0)Fg-Ua_Ie=Ob+Mh",
        "ALLOWED_HOSTS": "portal.example.ru",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.ru",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    environment = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    environment["DJANGO_SETTINGS_MODULE"] = "roadmap_portal.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY не задан" in result.stderr
