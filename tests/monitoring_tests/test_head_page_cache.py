"""«Мои мероприятия» comes from the cache when nothing it shows has changed, and never stale: a
report handed in, reviewed or given a file, an activity or its deadline changed, a year closed or
reopened, a program archived, a school renamed, a reporting round opened or moved and a day that
passes a due date show at once."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import EvidenceFile, ExpectedReport, ReportingRound, YearClosure
from monitoring.services import Decision, review_report
from programs.models import Program
from tests.monitoring_tests.conftest import make_report


@pytest.fixture
def head(cast, client, monkeypatch):
    activity = cast.a.activity
    activity.deadline = "апрель"
    activity.save()
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2021, 3, 1))
    client.force_login(cast.users["head_a"])
    return client


def my_page(client) -> str:
    page = client.get(reverse("my_activities")).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_second_visit_shows_the_same_page(cast, head):
    first = my_page(head)
    assert first == my_page(head)
    assert "до 30.04.2021" in first and "Отчитаться" in first


def test_reports_handed_in_reviewed_and_given_files_show_at_once(cast, head):
    report = make_report(cast.a.school, cast.a.activity, year=2021)
    assert "на проверке" in my_page(head)
    EvidenceFile.objects.create(
        report=report,
        original_name="протокол.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        kind="minutes",
        file="evidence/протокол.pdf",
    )
    assert "файлов: 1" in my_page(head)
    review_report(
        user=cast.users["coordinator_a"],
        report_id=report.pk,
        version=report.version,
        decision=Decision.RETURN,
        comment="Приложите список участников",
    )
    page = my_page(head)
    assert "Приложите список участников" in page and "Исправить" in page


def test_activity_and_its_deadline_show_at_once(cast, head):
    assert "до 30.04.2021" in my_page(head)
    activity = cast.a.activity
    activity.title = "Семинар для учителей"
    activity.deadline = "декабрь"
    activity.save()
    page = my_page(head)
    assert "Семинар для учителей" in page and "до 31.12.2021" in page


def test_closed_and_reopened_year_show_at_once(cast, head):
    closure = YearClosure.objects.create(program=cast.a.program, year=2021)
    assert "год закрыт координатором" in my_page(head)
    closure.is_closed = False
    closure.save()
    assert "год закрыт координатором" not in my_page(head)


def test_archived_program_and_renamed_school_show_at_once(cast, head):
    assert "Отчитаться" in my_page(head)
    school = cast.a.school
    school.name = "МБОУ «Лицей № 1»"
    school.save()
    assert "МБОУ «Лицей № 1»" in my_page(head)
    program = cast.a.program
    program.status = Program.Status.ARCHIVED
    program.save()
    assert "Отчитаться" not in my_page(head)


def test_a_day_past_the_due_date_shows_overdue(cast, head, monkeypatch):
    assert "просрочено" not in my_page(head)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2021, 5, 4))
    assert "⚠ просрочено" in my_page(head)


def test_reporting_rounds_show_at_once(cast, head):
    assert "Раунды отчётности" not in my_page(head)
    round_ = ReportingRound.objects.create(
        program=cast.a.program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2021, 5, 14),
    )
    ExpectedReport.objects.create(round=round_, school=cast.a.school, activity=cast.a.activity)
    page = my_page(head)
    assert "сдать до <b>14.05.2021</b>; сдано 0 из 1" in page
    round_.due_date = date(2021, 5, 20)
    round_.save()
    assert "сдать до <b>20.05.2021</b>; сдано 0 из 1" in my_page(head)
    make_report(cast.a.school, cast.a.activity, year=2021)
    assert "сдать до <b>20.05.2021</b>; сдано 1 из 1" in my_page(head)
