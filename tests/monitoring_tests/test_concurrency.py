"""Two coordinators acting on the same report: the second gets a clear Russian message and
the first decision stands; nothing of either is lost or half-written."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse

from accounts.models import Membership, Role
from monitoring import services
from monitoring.models import ReportReview, SchoolReport
from tests.cast import make_user
from tests.monitoring_tests.conftest import make_report, review_data


def submitted_report(cast):
    return make_report(cast.a.school, cast.a.activity)


def second_coordinator(cast):
    user = make_user("coordinator_a2")
    user.first_name, user.last_name = "Ирина", "Смирнова"
    user.save()
    Membership.objects.create(user=user, role=Role.COORDINATOR, municipality=cast.a.municipality)
    return user


def test_the_second_decision_on_the_same_version_is_refused(cast, client):
    report = submitted_report(cast)
    seen_by_both = review_data(report, "accept")
    other = second_coordinator(cast)
    client.force_login(other)
    assert (
        client.post(reverse("school_report_review", args=[report.pk]), seen_by_both).status_code
        == 302
    )

    client.force_login(cast.users["coordinator_a"])
    returning = {**seen_by_both, "decision": "return", "comment": "Переделайте"}
    response = client.post(reverse("school_report_review", args=[report.pk]), returning)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Отчёт уже изменил другой пользователь (Ирина Смирнова): сейчас он «принят»" in page
    report.refresh_from_db()
    assert report.status == "accepted" and report.reviewed_by == other
    assert list(ReportReview.objects.values_list("decision", flat=True)) == ["accepted"]


def test_a_head_saving_over_a_newer_version_is_refused(cast, client, media_root):
    report = submitted_report(cast)
    SchoolReport.objects.filter(pk=report.pk).update(status="draft", version=3)
    client.force_login(cast.users["head_a"])
    response = client.post(
        reverse("school_report_edit", args=[report.pk]),
        {"text": "Старая вкладка", "action": "submit", "version": 2},
    )
    assert response.status_code == 409
    assert "Ваши изменения не сохранены" in response.content.decode()
    report.refresh_from_db()
    assert report.text == "Проведено" and report.status == "draft"


def _waits_for_a_lock(timeout=30.0) -> bool:
    """Whether another session of this database is blocked on a lock, asked of PostgreSQL itself
    (a thread still running after a pause would prove nothing: it may not have started yet)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Statistics views keep one snapshot per transaction, and this one holds the lock.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_decision_waits_for_the_lock_then_sees_the_newer_version(cast):
    """On PostgreSQL the row lock makes the second decision wait; it then finds a new version."""
    if connection.vendor != "postgresql":
        pytest.skip("select_for_update блокирует строки только в PostgreSQL")
    report = submitted_report(cast)
    other = second_coordinator(cast)
    outcome = {}
    locked = threading.Event()

    def second_decision():
        locked.wait()
        try:
            services.review_report(
                user=other, report_id=report.pk, version=report.version, decision="accept"
            )
        except services.ReportConflict as error:
            outcome["conflict"] = str(error)
        finally:
            connection.close()

    thread = threading.Thread(target=second_decision)
    thread.start()
    with transaction.atomic():
        mine = SchoolReport.objects.select_for_update().get(pk=report.pk)
        locked.set()
        assert _waits_for_a_lock(), "the second decision must wait for the row lock"
        assert outcome == {} and thread.is_alive()
        mine.status, mine.version = "returned", mine.version + 1
        mine.save()
    thread.join(timeout=30)
    assert "уже изменил другой пользователь" in outcome["conflict"]
    report.refresh_from_db()
    assert report.status == "returned"
