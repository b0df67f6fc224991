"""The deployment kit agrees with the portal's settings (the kit itself runs in the smoke test)."""

import configparser
import re

from django.conf import settings

from monitoring.forms import UPLOAD_SLOTS

DEPLOY = settings.BASE_DIR / "deploy"


def nginx_site():
    return (DEPLOY / "nginx-roadmap-portal.conf").read_text()


def megabytes(value):
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", value.lower()).groups()
    return int(number) * {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / 1024 / 1024}[unit]


def test_nginx_accepts_a_full_evidence_form():
    """A form with every slot at the limit passes nginx: the portal, not nginx, answers it."""
    size = re.search(r"client_max_body_size\s+(\w+);", nginx_site()).group(1)
    needed = UPLOAD_SLOTS * settings.EVIDENCE_MAX_BYTES / 1024 / 1024
    assert needed <= megabytes(size) <= needed + 16
    assert (DEPLOY / "413.html").read_text().count("слишком") >= 1


def test_nginx_never_serves_media_from_disk():
    site = nginx_site()
    media = str(settings.MEDIA_ROOT)
    assert "/var/lib/roadmap-portal/media" not in site and media not in site
    assert re.search(r"location /media/ \{ return 404; \}", site)
    assert "alias" not in site and "X-Accel" not in site


def test_nginx_passes_what_the_portal_relies_on():
    site = nginx_site()
    for header in ("X-Forwarded-Proto $scheme", "X-Forwarded-For", "X-Request-ID $request_id"):
        assert header in site
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert "ssl_certificate " in site and "return 301 https://" in site


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text().replace("\\\n", " "))
    return parser


def test_units_run_the_project_commands():
    web = unit("roadmap-portal-web.service")["Service"]
    assert "-c deploy/gunicorn.conf.py roadmap_portal.wsgi" in web["ExecStart"]
    worker = unit("roadmap-portal-worker@.service")["Service"]
    assert "celery -A roadmap_portal worker" in worker["ExecStart"]
    # A warm shutdown waits for the report in hand.
    assert int(worker["TimeoutStopSec"]) > settings.CELERY_TASK_TIME_LIMIT
    beat = unit("roadmap-portal-beat.service")["Service"]
    assert "celery -A roadmap_portal beat" in beat["ExecStart"]
    backup = unit("roadmap-portal-backup.service")["Service"]
    assert backup["ExecStart"].endswith("manage.py backup_portal")
    for name in (
        "roadmap-portal-web.service",
        "roadmap-portal-worker@.service",
        "roadmap-portal-beat.service",
        "roadmap-portal-backup.service",
    ):
        service = unit(name)["Service"]
        assert service["User"] == "portal"
        assert service["EnvironmentFile"] == "/etc/roadmap-portal/env"
        assert service["ReadWritePaths"] == "/var/lib/roadmap-portal"
