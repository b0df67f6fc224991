"""The «Не сданы» tab reads the stored reports owed (monitoring/owed.py): after every kind of
write that changes what a school owes, the tab lists what the schedules say, as the queue built
it in Python before issue 17."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from imports.parsing import parse_roadmap_text
from imports.services import import_roadmap
from monitoring.models import ReportStatus, SchoolReport
from monitoring.queue import QueueFilter, ReviewQueue
from monitoring.services import set_year_closed
from monitoring.tasks import rebuild_owed_reports_task
from programs.editing import (
    delete_activity,
    delete_section,
    save_activity,
    save_activity_year,
    save_program,
)
from programs.models import Activity, ActivityYear, Program
from programs.status import ExecutionStatus
from schools.models import School
from tests.cast import make_activity, make_program, make_user
from tests.imports_tests.builders import tab_text
from tests.monitoring_tests.conftest import make_report, owed_as_before, report_data, review_data

pytestmark = pytest.mark.django_db


def owed_rows(user) -> list[tuple]:
    """The tab's rows (all pages) as (school, activity, year, end of period), checked against
    the reference built from the schedules."""
    today = timezone.localdate()
    slots = ReviewQueue(user, QueueFilter()).missing(today)
    rows = [
        (str(slot.school), slot.activity.number, slot.year, slot.period.end)
        for slot in slots[0:10_000]
    ]
    assert slots.count() == len(rows)  # the number the pages are counted by
    assert rows == [
        (str(slot.school), slot.activity.number, slot.year, slot.period.end)
        for slot in owed_as_before(user, today)
    ]
    return rows


def years_owed(user, school=None) -> list[int]:
    return [year for name, _number, year, _end in owed_rows(user) if school in (None, name)]


@pytest.fixture
def observer(cast):
    return cast.users["observer_a"]


def test_the_cast_owes_its_planned_years(cast, observer, client):
    assert years_owed(observer) == [2021, 2022]
    client.force_login(cast.users["coordinator_a"])
    page = client.get(f"{reverse('review_queue')}?tab=missing").content.decode()
    assert "МБОУ СОШ № 1 (А)" in page and "⚠ 31.12.2021" in page


def test_a_changed_deadline_changes_the_periods_owed(cast, observer):
    activity = cast.a.activity
    activity.deadline = "ежеквартально"
    save_activity(
        activity, seen_version=activity.version, schools=[cast.a.school], executors=[], plans={}
    )

    assert years_owed(observer) == [2021] * 4 + [2022] * 4


def test_a_new_activity_is_owed_and_a_deleted_one_or_section_no_more(cast, observer):
    activity = Activity(section=cast.a.section, number="1.2", title="Новое", deadline="май")
    save_activity(
        activity, seen_version=1, schools=[cast.a.other_school], executors=[], plans={2023: "+"}
    )
    assert ("МБОУ СОШ № 2 (А)", "1.2", 2023) in [row[:3] for row in owed_rows(observer)]

    delete_activity(activity)
    assert "1.2" not in [row[1] for row in owed_rows(observer)]

    delete_section(cast.a.section)
    assert owed_rows(observer) == []


def test_year_cells_planned_or_carried_in_are_owed(cast, observer):
    cell_2023 = ActivityYear.objects.get(activity=cast.a.activity, year=2023)
    cell_2023.planned_text = "+"
    cell_2023.save()
    assert years_owed(observer) == [2021, 2022, 2023]

    cell_2022 = ActivityYear.objects.get(activity=cast.a.activity, year=2022)
    cell_2022.planned_text = ""
    cell_2022.save()
    assert years_owed(observer) == [2021, 2023]

    # Postponed from 2021 to 2022: the 2022 cell carries it in, due though nothing is planned.
    cell_2021 = cast.a.activity_year
    cell_2021.status, cell_2021.carry_reason = ExecutionStatus.POSTPONED, "Нет помещения"
    cell_2021.carried_to_year = 2022
    save_activity_year(cell_2021, None, seen_updated_at=cell_2021.updated_at.isoformat())
    assert years_owed(observer) == [2021, 2022, 2023]


def test_schools_linked_and_unlinked_change_who_owes(cast, observer):
    activity, other = cast.a.activity, cast.a.other_school
    activity.schools.add(other)
    assert years_owed(observer, str(other)) == [2021, 2022]

    other.activities.remove(activity)
    assert years_owed(observer, str(other)) == []

    activity.schools.clear()
    assert owed_rows(observer) == []


def test_program_status_kind_of_year_and_period(cast, observer):
    program = cast.a.program
    program.status = Program.Status.ARCHIVED
    program.save()
    assert owed_rows(observer) == []

    program.status = Program.Status.COMPLETED
    program.save()
    assert years_owed(observer) == [2021, 2022]

    program.school_year = True
    program.save()
    assert {row[3].month for row in owed_rows(observer)} == {8}  # a school year ends in August

    # A program planned by deadline alone owes each year, the year the period gains as well.
    plain = make_program(cast.a.municipality, title="Без плана по годам", end_year=2022)
    section = plain.sections.create(number="1.", title="Раздел")
    activity = make_activity(section, number="7.1", deadline="май")
    activity.schools.add(cast.a.school)
    plain.end_year = 2024
    save_program(plain, target_schools=[])
    assert [row[2] for row in owed_rows(observer) if row[1] == "7.1"] == [2021, 2022, 2023, 2024]


def test_a_closed_year_owes_nothing_until_reopened(cast, observer):
    coordinator = cast.users["coordinator_a"]
    set_year_closed(user=coordinator, program=cast.a.program, year=2021, close=True)
    assert years_owed(observer) == [2022]

    set_year_closed(
        user=coordinator, program=cast.a.program, year=2021, close=False, reason="Ошибка"
    )
    assert years_owed(observer) == [2021, 2022]


def test_reports_handed_in_returned_accepted_or_deleted(cast, observer, client):
    report = make_report(cast.a.school, cast.a.activity, status=ReportStatus.DRAFT)
    assert years_owed(observer) == [2021, 2022]  # a draft is not handed in

    for status in (ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED):
        report.status = status
        report.save()
        assert years_owed(observer) == [2022], status

    report.delete()
    assert years_owed(observer) == [2021, 2022]

    # Handed in by the head through the page, returned and accepted by the coordinator.
    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2022])
    client.post(url, report_data(text="Проведены 3 заседания", value="3"))
    assert years_owed(observer) == [2021]
    client.force_login(cast.users["coordinator_a"])
    report = SchoolReport.objects.get()
    client.post(reverse("school_report_review", args=[report.pk]), review_data(report, "accept"))
    assert SchoolReport.objects.get().status == ReportStatus.ACCEPTED
    assert years_owed(observer) == [2021]


def test_a_renamed_school_is_listed_and_ordered_by_its_new_name(cast, observer):
    cast.a.activity.schools.add(cast.a.other_school)
    assert [row[0] for row in owed_rows(observer)][:2] == ["МБОУ СОШ № 1 (А)", "МБОУ СОШ № 2 (А)"]

    school = School.objects.get(pk=cast.a.other_school.pk)
    school.short_name = "Алексеевская СОШ"
    school.save()
    assert [row[0] for row in owed_rows(observer)][:2] == ["Алексеевская СОШ", "МБОУ СОШ № 1 (А)"]


HEADER = ["№", "Мероприятие", "Срок", "2021", "2022", "Ответственные"]


def test_an_imported_roadmap_and_its_new_edition(cast, observer):
    first = tab_text(HEADER, ["1.", "Совещание", "май", "+", "", "ОО"])
    program = import_roadmap(
        parse_roadmap_text(first), municipality=cast.a.municipality, title="Импорт"
    ).program
    program.status = Program.Status.APPROVED
    program.save()
    activity = Activity.objects.get(section__program=program)
    activity.schools.add(cast.a.school)
    assert [row[2] for row in owed_rows(observer) if row[1] == "1."] == [2021]

    edition = tab_text(
        HEADER, ["1.", "Совещание", "май", "+", "+", "ОО"], ["2.", "Курсы", "", "", "+", "ОО"]
    )
    import_roadmap(parse_roadmap_text(edition), program=program)
    assert [row[2] for row in owed_rows(observer) if row[1] == "1."] == [2021, 2022]


def test_the_nightly_rebuild_repairs_writes_that_bypass_the_services(cast, observer, settings):
    # A bulk update sends no signal: the stored rows are stale until the rebuild.
    ActivityYear.objects.filter(activity=cast.a.activity, year=2023).update(planned_text="+")
    beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "monitoring.tasks.rebuild_owed_reports_task" in beat
    rebuild_owed_reports_task()
    assert years_owed(observer) == [2021, 2022, 2023]

    ActivityYear.objects.filter(activity=cast.a.activity, year=2023).update(planned_text="")
    call_command("rebuild_owed_reports", stdout=StringIO())
    assert years_owed(observer) == [2021, 2022]


def test_the_demo_loader_stores_what_its_schools_owe(demo):
    assert owed_rows(get_user_model().objects.get(username="observer"))


def test_narrowed_or_for_a_curator_the_count_is_of_the_rows_listed(cast, observer, client):
    """Summed from the counts kept per program, year, period and due date, or counted from the
    rows for a school or activity chosen and for a curator of some schools: the same number."""
    cast.a.activity.schools.add(cast.a.other_school)
    cell = ActivityYear.objects.get(activity=cast.a.activity, year=2022)
    cell.planned_text = "ежеквартально"
    cell.save()
    curator = make_user("curator")
    Membership.objects.create(
        user=curator, role=Role.COORDINATOR, municipality=cast.a.municipality
    ).curated_schools.add(cast.a.other_school)
    today = timezone.localdate()
    listed = owed_as_before(observer, today)
    ends = sorted({slot.period.end for slot in listed if slot.year == 2022})
    assert len(ends) > 1

    narrowings = [
        (QueueFilter(), lambda slot: True),
        (QueueFilter(year=2022), lambda slot: slot.year == 2022),
        (QueueFilter(period_end=ends[0]), lambda slot: slot.period.end == ends[0]),
        (
            QueueFilter(school_id=cast.a.other_school.pk),
            lambda slot: slot.school.pk == cast.a.other_school.pk,
        ),
        (
            QueueFilter(activity_id=cast.a.activity.pk),
            lambda slot: slot.activity == cast.a.activity,
        ),
    ]
    for queue_filter, kept in narrowings:
        slots = ReviewQueue(observer, queue_filter).missing(today)
        assert slots.count() == len(slots[0:1000]) == len(list(filter(kept, listed)))
    for_curator = ReviewQueue(curator, QueueFilter(year=2022)).missing(today)
    assert (
        for_curator.count()
        == len(for_curator[0:1000])
        == len([s for s in listed if s.school.pk == cast.a.other_school.pk and s.year == 2022])
    )
    assert for_curator.count() < len(listed)


def test_an_activity_moved_to_another_program_is_counted_once(cast, observer):
    """The counts of the program it left are recomputed as well as those of the one it joined."""
    other = make_program(cast.a.municipality, title="Другая программа")
    cast.a.activity.section = other.sections.create(number="1.", title="Раздел")
    cast.a.activity.save()

    assert years_owed(observer) == [2021, 2022]
    assert (
        ReviewQueue(observer, QueueFilter(program_id=cast.a.program.pk))
        .missing(timezone.localdate())
        .count()
        == 0
    )
