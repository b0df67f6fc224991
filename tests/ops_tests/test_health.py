"""/healthz and /readyz: what a monitoring probe and an operator see, without logging in."""

import json
import logging
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.urls import reverse

from ops.heartbeat import broker, worker_status
from ops.logs import JsonFormatter, RequestIdFilter, request_id_var
from reports.models import GeneratedReport

NO_WORKER = "Сейчас не работает обработчик задач"


def test_healthz_answers_without_login_or_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_lists_every_check_in_russian(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "redis", "worker", "media_space"}
    assert body["checks"]["migrations"] == {"ok": True, "detail": "все применены"}
    # Tasks run in-process here: nothing to wait for, and the probe says why.
    assert "в процессе портала" in body["checks"]["worker"]["detail"]


@pytest.mark.django_db
def test_readyz_fails_when_media_disk_is_nearly_full(client, settings):
    settings.OPS_MEDIA_MIN_FREE_MB = 10**12
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["media_space"]["ok"] is False
    assert "нужно не меньше" in body["checks"]["media_space"]["detail"]
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz_reports_an_unreachable_broker(client, broker_down):
    body = client.get("/readyz").json()
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["worker"]["detail"].startswith("Redis недоступен")


def queued_report(cast):
    return GeneratedReport.objects.create(
        program=cast.a.program,
        municipality=cast.a.municipality,
        year=2021,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
        stage="В очереди",
    )


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("не дождались")


@pytest.mark.worker
def test_worker_heartbeat_drives_readyz_report_page_and_admin_home(
    cast, client, celery_worker_process
):
    """With a worker: ready and silent. Stopped: /readyz fails at once, the order page tells
    the person their order is kept, the admin home shows it. Back: ready again."""
    report = queued_report(cast)
    wait_until(lambda: worker_status().alive == 1)
    assert client.get("/readyz").status_code == 200
    client.force_login(cast.users["coordinator_a"])
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert NO_WORKER not in page

    celery_worker_process.stop()
    readyz = client.get("/readyz")
    assert readyz.status_code == 503
    assert readyz.json()["checks"]["worker"]["ok"] is False
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert NO_WORKER in page
    assert "Заказ сохранён и будет выполнен" in page
    # The partial polled by htmx says it too.
    partial = client.get(
        reverse("generated_report_detail", args=[report.pk]), headers={"HX-Request": "1"}
    )
    assert NO_WORKER in partial.content.decode()

    client.force_login(cast.users["admin"])
    admin_home = client.get(reverse("admin:index")).content.decode()
    assert "Состояние портала" in admin_home
    assert "Обработчик задач" in admin_home and "неисправно" in admin_home


@pytest.mark.worker
def test_a_silent_worker_grows_old(cast, client, celery_worker_process, settings):
    """A killed worker cannot say goodbye: its last heartbeat ages past the limit."""
    wait_until(lambda: worker_status().alive == 1)
    celery_worker_process.stop()
    from ops.heartbeat import _key

    broker().zadd(_key(), {"killed@host": time.time() - 120})
    settings.OPS_WORKER_HEARTBEAT_MAX_AGE = 60
    status = worker_status()
    assert status.alive == 0
    assert status.last_seen_seconds >= 119
    detail = client.get("/readyz").json()["checks"]["worker"]["detail"]
    assert detail.startswith("обработчик задач не отвечает 1")


def test_finished_report_page_never_mentions_the_worker(cast, client, broker_down):
    report = queued_report(cast)
    client.force_login(cast.users["coordinator_a"])
    assert (
        NO_WORKER
        in client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    )
    GeneratedReport.objects.filter(pk=report.pk).update(status=GeneratedReport.Status.FAILED)
    assert (
        NO_WORKER
        not in client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    )


def test_order_forms_warn_before_ordering(cast, client, broker_down):
    client.force_login(cast.users["coordinator_a"])
    for url in (
        reverse("program_generated_reports", args=[cast.a.program.pk]),
        reverse("municipality_generated_reports", args=[cast.a.municipality.pk]),
        reverse("school_generated_reports", args=[cast.a.school.pk]),
    ):
        page = client.get(url).content.decode()
        assert NO_WORKER in page and "Заказать отчёт можно" in page, url


def test_order_forms_are_quiet_when_tasks_run_in_process(cast, client):
    client.force_login(cast.users["coordinator_a"])
    page = client.get(
        reverse("program_generated_reports", args=[cast.a.program.pk])
    ).content.decode()
    assert NO_WORKER not in page


def test_security_headers_and_request_id(client):
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-abc12345"})
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"] == "nginx-abc12345"
    forged = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert len(forged["X-Request-ID"]) == 32 and forged["X-Request-ID"].isalnum()


def test_json_log_line_carries_the_request_id():
    record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "Отчёт %s", (7,), None)
    token = request_id_var.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Отчёт 7"
    assert line["request_id"] == "req-12345678"
    assert line["level"] == "WARNING"


@pytest.mark.django_db
def test_csrf_failure_page_is_russian():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Форма устарела" in page and "обновите страницу" in page
    assert "CSRF verification failed" not in page


def manage(*args, **env):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "roadmap_portal.settings",
        "SECRET_KEY": "x7!Qp2@Lm9#Rv4$Tz8%Wb1^Yc6&Hn3*Jk5(Ds0)Fg-Ua_Ie=Ob+Mh",
        "ALLOWED_HOSTS": "portal.example.ru",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DEBUG": "0",
        "STATE_DIR": str(settings.STATE_DIR),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_plain_http_pilot_turns_secure_cookies_off_and_check_deploy_still_warns():
    result = manage("check", "--deploy", PLAIN_HTTP_PILOT="1")
    output = result.stdout + result.stderr
    assert "ops.W001" in output and "PLAIN_HTTP_PILOT" in output
    assert "security.W012" in output  # SESSION_COOKIE_SECURE
    assert "security.W008" in output  # SECURE_SSL_REDIRECT
    shown = manage("diffsettings", "--all", PLAIN_HTTP_PILOT="1").stdout
    assert "SESSION_COOKIE_SECURE = False" in shown
    assert "CSRF_COOKIE_SECURE = False" in shown


def test_beat_schedule_lives_in_the_state_directory():
    schedule = settings.CELERY_BEAT_SCHEDULE_FILENAME
    assert schedule.startswith(str(settings.STATE_DIR))
    assert not schedule.startswith(str(settings.BASE_DIR / "celerybeat"))
    assert "ops-cleanup" in settings.CELERY_BEAT_SCHEDULE
