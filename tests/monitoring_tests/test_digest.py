"""The daily digest: one letter a person a day, never one per event; deadlines ahead, overdue
reports, reviews waiting, and escalation of long-waiting reviews to the specialists."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from monitoring.models import DigestLog
from monitoring.services import send_daily_digests
from monitoring.tasks import send_daily_digest_task
from programs.models import Section
from tests.cast import make_activity, make_program
from tests.monitoring_tests.conftest import make_report


def waiting_report(cast, days, year=2021):
    submitted_at = timezone.now() - timedelta(days=days)
    return make_report(cast.a.school, cast.a.activity, year=year, submitted_at=submitted_at)


def activity_due_in(cast, days):
    """An activity of school A due `days` from today, in a program of that year."""
    due = timezone.localdate() + timedelta(days=days)
    program = make_program(
        cast.a.municipality, title="Программа текущего года", start_year=due.year, end_year=due.year
    )
    section = Section.objects.create(program=program, number="1.", title="Раздел")
    activity = make_activity(section, title="Семинар для педагогов", deadline=f"{due:%d.%m.%Y}")
    activity.schools.add(cast.a.school)
    return due


EXPECTED_READERS = {"head_a", "head_b", "coordinator_a", "specialist_a"}


def test_one_digest_per_person_per_day(cast, mailoutbox, settings):
    settings.REVIEW_ESCALATION_DAYS = 5
    waiting_report(cast, days=10)
    due = activity_due_in(cast, days=3)
    today = timezone.localdate()

    assert send_daily_digests(today) == len(EXPECTED_READERS)
    logs = {log.user.username: log for log in DigestLog.objects.select_related("user")}
    assert set(logs) == EXPECTED_READERS
    assert sorted(letter.to[0] for letter in mailoutbox) == sorted(
        f"{name}@example.org" for name in EXPECTED_READERS
    )
    head_a = logs["head_a"].text
    assert f"Срок отчёта {due:%d.%m.%Y}" in head_a and "Семинар для педагогов" in head_a
    assert "Просрочен отчёт (срок 31.12.2022)" in head_a
    assert "Просрочен отчёт (срок 31.12.2021)" not in head_a  # handed in, waiting for review
    assert "Ждёт вашей проверки" in logs["coordinator_a"].text
    assert "Отчёт ждёт проверки дольше 5 дн." in logs["specialist_a"].text
    assert "Кормовская" not in logs["head_b"].text and "СОШ № 1 (Б)" in logs["head_b"].text

    # The same day again: nothing more, however many events there are.
    waiting_report(cast, days=0, year=2022)
    assert send_daily_digests(today) == 0
    assert len(mailoutbox) == len(EXPECTED_READERS)
    # The next day is a new digest.
    assert send_daily_digests(today + timedelta(days=1)) == len(EXPECTED_READERS)


def test_a_fresh_review_is_not_escalated(cast, settings):
    settings.REVIEW_ESCALATION_DAYS = 5
    waiting_report(cast, days=1)
    send_daily_digests(timezone.localdate())
    assert not DigestLog.objects.filter(user__username="specialist_a").exists()
    assert DigestLog.objects.filter(user__username="coordinator_a").exists()


def test_the_beat_schedule_has_the_digest(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["daily-digest"]
    assert entry["task"] == "monitoring.tasks.send_daily_digest_task"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_digest_on_a_real_worker_sends_one_message_per_user_even_run_twice(
    cast, celery_worker_process
):
    waiting_report(cast, days=10)

    def finished_runs():
        return sum(
            "send_daily_digest_task" in line and "succeeded" in line
            for line in celery_worker_process.output
        )

    for run in (1, 2):
        send_daily_digest_task.delay()
        deadline = time.monotonic() + 60
        while finished_runs() < run:
            assert time.monotonic() < deadline, "".join(celery_worker_process.output[-30:])
            time.sleep(0.2)
        names = list(DigestLog.objects.values_list("user__username", flat=True))
        assert sorted(names) == sorted(EXPECTED_READERS), run
    assert all(log.day == timezone.localdate() for log in DigestLog.objects.all())
