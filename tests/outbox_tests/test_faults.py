"""A bad day in production on the real services: Redis down when a report is ordered or a school
report is submitted, a whole worker killed mid-build, a build hitting its time limit. Each ends
with the file built or the order failed-and-retryable, every letter sent once, and no 500 for a
write that committed.

The Redis that goes down is the test's own `redis-server` on a free port (the shared one is never
touched); workers are real Celery processes (tests/worker.py).
"""

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Notification, SchoolReport
from outbox import services as outbox
from outbox.middleware import DEFERRED_MESSAGE
from outbox.models import PendingTask
from programs.models import Activity, ActivityYear
from reports import services
from reports.models import GeneratedReport
from tests.worker import WorkerProcess, _forget_connections

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LATER = timedelta(hours=1)  # the sweepers run "an hour later": every backoff is over


class OwnRedis:
    """A redis-server of the test's own, started and stopped at will."""

    def __init__(self, folder):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=1).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server не запустился")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def broker_down(transactional_db, tmp_path):
    """The portal's broker is a Redis that is not running (yet)."""
    if not shutil.which("redis-server"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, но redis-server не установлен.")
        pytest.skip("redis-server не установлен")
    from roadmap_portal.celery import app

    own = OwnRedis(tmp_path)
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = own.url
    _forget_connections(app)
    yield own
    app.conf.task_always_eager, app.conf.broker_url = previous
    _forget_connections(app)
    own.stop()


def wait_for(condition, what, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"не дождались: {what}")


def report_status(report):
    report.refresh_from_db()
    return report.status


def test_report_ordered_with_redis_down_is_built_when_it_returns(cast, client, broker_down):
    client.force_login(cast.users["coordinator_a"])
    response = client.post(
        reverse("program_generated_reports", args=[cast.a.program.pk]),
        {"action": "request", "kind": "spravka", "format": "xlsx", "year": 2021},
        follow=True,
    )
    assert response.status_code == 200
    assert DEFERRED_MESSAGE in response.content.decode()
    report = GeneratedReport.objects.get()
    assert report.status == GeneratedReport.Status.QUEUED
    order = PendingTask.objects.get()
    assert order.state == PendingTask.State.PENDING and order.attempts == 1
    assert "Connection" in order.last_error

    # Still down: the sweeper tries, counts, keeps the order.
    assert outbox.sweep(timezone.now() + LATER) == 0
    order.refresh_from_db()
    assert order.state == PendingTask.State.PENDING and order.attempts == 2

    broker_down.start()
    worker = WorkerProcess(broker_down.url).start()
    try:
        assert outbox.sweep(timezone.now() + LATER) == 1
        wait_for(lambda: report_status(report) == GeneratedReport.Status.DONE, "справка готова")
    finally:
        worker.stop()
    assert PendingTask.objects.get().state == PendingTask.State.SENT


def _letters_to(worker, email) -> int:
    return sum(line.strip() == f"To: {email}" for line in worker.output)


def test_report_submitted_with_redis_down_is_saved_and_its_letters_go_once(
    cast, client, broker_down
):
    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2022])
    response = client.post(
        url,
        {"text": "Проведены 3 заседания", "actual_value": "3", "done_on": "", "action": "submit"},
        follow=True,
    )
    assert response.status_code == 200
    assert DEFERRED_MESSAGE in response.content.decode()
    report = SchoolReport.objects.get()
    assert report.status == "submitted"
    notifications = list(Notification.objects.all())
    assert notifications and all(n.emailed_at is None for n in notifications)
    assert PendingTask.objects.filter(state=PendingTask.State.PENDING).count() == len(notifications)

    broker_down.start()
    worker = WorkerProcess(broker_down.url).start()
    try:
        outbox.sweep(timezone.now() + LATER)
        wait_for(
            lambda: not Notification.objects.filter(emailed_at__isnull=True).exists(),
            "письма отправлены",
        )
        # The same orders delivered a second time (a sweeper and a slow web process both
        # handed them over) send nothing more; a later letter shows the queue was worked off.
        for order in PendingTask.objects.all():
            outbox.hand_over(order)
        sentinel = Notification.objects.create(user=cast.users["admin"], text="контроль")
        outbox.hand_over(
            PendingTask.objects.create(
                task="monitoring.tasks.send_notification_email_task",
                args=[sentinel.pk],
                next_attempt_at=timezone.now(),
            )
        )
        wait_for(lambda: _letters_to(worker, cast.users["admin"].email) == 1, "контрольное письмо")
    finally:
        worker.stop()
    for notification in notifications:
        assert _letters_to(worker, notification.user.email) == 1, notification.user


def _long_program(cast):
    # Long enough that the PDF takes seconds: time to kill the worker or hit the limit. Written
    # in bulk: the rows themselves are not what these tests are about.
    activities = Activity.objects.bulk_create(
        Activity(
            section=cast.a.section,
            number=f"1.{number + 2}",
            position=number + 1,
            title=f"Методический семинар для педагогов школ № {number}",
        )
        for number in range(300)
    )
    ActivityYear.objects.bulk_create(
        ActivityYear(activity=activity, year=year, planned_text="1", planned_number=1)
        for activity in activities
        for year in (2021, 2022, 2023)
    )


def _order_pdf(client, cast):
    client.post(
        reverse("program_generated_reports", args=[cast.a.program.pk]),
        {"action": "request", "kind": "spravka", "format": "pdf", "year": 2021},
    )
    return GeneratedReport.objects.latest("pk")


def test_build_of_a_killed_worker_fails_retryably_and_is_built_on_retry(
    cast, client, celery_worker_process
):
    _long_program(cast)
    client.force_login(cast.users["coordinator_a"])
    report = _order_pdf(client, cast)
    wait_for(lambda: report_status(report) == GeneratedReport.Status.RUNNING, "построение")
    celery_worker_process.kill()  # main process and pool: nothing redelivers it soon

    stale = timedelta(seconds=settings.REPORTS_HEARTBEAT_STALE_SECONDS + 1)
    assert services.sweep_reports(timezone.now() + stale) == (0, 1)
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == services.STOPPED_MESSAGE
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert "Повторить" in page and "обработчик задач остановился" in page

    response = client.post(reverse("generated_report_retry", args=[report.pk]))
    assert response.status_code == 302
    assert report_status(report) == GeneratedReport.Status.QUEUED
    worker = WorkerProcess(celery_worker_process.broker).start()
    try:
        wait_for(lambda: report_status(report) == GeneratedReport.Status.DONE, "файл построен")
    finally:
        worker.stop()
    assert report.size > 0


def test_build_hitting_the_time_limit_fails_retryably(
    cast, client, celery_worker_process, monkeypatch
):
    from reports.tasks import build_report_task

    # The limit travels with the order: the web process and the worker share the setting. Half
    # a second: the long program's PDF takes about two on a quiet machine, more than the limit
    # whatever the machine's speed.
    monkeypatch.setattr(build_report_task, "soft_time_limit", 0.5)
    monkeypatch.setattr(build_report_task, "_exec_options", None)  # Celery caches them
    _long_program(cast)
    client.force_login(cast.users["coordinator_a"])
    report = _order_pdf(client, cast)
    wait_for(lambda: report_status(report) == GeneratedReport.Status.FAILED, "ошибка")
    assert report.error == services.TIME_LIMIT_MESSAGE
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert "больше отведённого времени" in page and "Повторить" in page
    client.post(reverse("generated_report_retry", args=[report.pk]))
    assert report_status(report) == GeneratedReport.Status.QUEUED


def test_order_left_in_the_queue_is_handed_over_again_and_can_be_retried(cast, client):
    """An order the broker lost (Redis restarted empty) does not wait forever."""
    client.force_login(cast.users["coordinator_a"])
    report = GeneratedReport.objects.create(
        municipality=cast.a.municipality,
        program=cast.a.program,
        year=2021,
        kind="spravka",
        format="xlsx",
        requested_by=cast.users["coordinator_a"],
        stage="В очереди",
    )
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert "Повторить" in page
    stale = timedelta(seconds=settings.REPORTS_QUEUE_STALE_SECONDS + 1)
    # Tasks run in-process here: handed over again means built.
    assert services.sweep_reports(timezone.now() + stale) == (1, 0)
    assert report_status(report) == GeneratedReport.Status.DONE
