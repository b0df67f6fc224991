"""Reporting rounds: opening one (and refusing bad ones), completeness and timeliness against
hand-computed numbers, late and missing reports marked, the consistency check."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import ExpectedReport, ReportingRound, ReportStatus, SchoolReport
from monitoring.rounds import contradictions, figures_by, round_period, total_figures
from programs.status import ExecutionStatus
from tests.cast import make_activity

MOSCOW = ZoneInfo("Europe/Moscow")
AFTER_DUE = date(2023, 1, 10)


@pytest.mark.parametrize(
    ("kind", "number", "school_year", "period"),
    [
        ("year", 1, False, (date(2022, 1, 1), date(2022, 12, 31))),
        ("half", 2, False, (date(2022, 7, 1), date(2022, 12, 31))),
        ("quarter", 1, False, (date(2022, 1, 1), date(2022, 3, 31))),
        ("month", 2, False, (date(2022, 2, 1), date(2022, 2, 28))),
        ("year", 1, True, (date(2022, 9, 1), date(2023, 8, 31))),
        ("quarter", 2, True, (date(2022, 12, 1), date(2023, 2, 28))),
        ("half", 2, True, (date(2023, 3, 1), date(2023, 8, 31))),
    ],
)
def test_round_period(kind, number, school_year, period):
    assert round_period(kind, number, 2022, school_year=school_year) == period


def round_data(cast, **changes):
    activities = [a.pk for a in cast.a.program.sections.first().activities.all()]
    return {
        "year": "2022",
        "period_kind": "year",
        "period_number": "1",
        "due_date": "2022-12-20",
        "activities": activities,
        "schools": [cast.a.school.pk, cast.a.other_school.pk],
    } | changes


@pytest.fixture
def world(cast):
    """Activity 1.1 (due 2022) with both schools; 1.2 (due 2022) with school 1; 1.3 planned only
    for 2023. A 2022 round due 20.12.2022 expects 3 reports: 1.1 × both schools, 1.2 × school 1."""
    cast.a.activity.schools.add(cast.a.other_school)
    second = make_activity(cast.a.section, number="1.2", position=1, cells={2022: "+"})
    second.schools.add(cast.a.school)
    later = make_activity(cast.a.section, number="1.3", position=2, cells={2023: "+"})
    later.schools.add(cast.a.school, cast.a.other_school)
    cast.second = second
    return cast


def opened_round(world, client):
    client.force_login(world.users["coordinator_a"])
    response = client.post(reverse("program_rounds", args=[world.a.program.pk]), round_data(world))
    assert response.status_code == 302
    return ReportingRound.objects.get()


def hand_in(school, activity, first, status=ReportStatus.SUBMITTED):
    moment = datetime(*first, 12, 0, tzinfo=MOSCOW)
    return SchoolReport.objects.create(
        school=school,
        activity=activity,
        year=2022,
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
        text="Проведено",
        status=status,
        submitted_at=moment,
        first_submitted_at=moment if status != ReportStatus.DRAFT else None,
    )


def test_opening_a_round_expects_the_schools_taking_part(world, client):
    round_ = opened_round(world, client)
    pairs = set(ExpectedReport.objects.values_list("school_id", "activity_id"))
    assert pairs == {
        (world.a.school.pk, world.a.activity.pk),
        (world.a.other_school.pk, world.a.activity.pk),
        (world.a.school.pk, world.second.pk),
    }
    assert (round_.period_start, round_.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert round_.opened_by == world.users["coordinator_a"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "2025"}, "Выберите год программы."),
        ({"period_kind": "quarter", "period_number": "5"}, "Номер периода — от 1 до 4."),
        (
            {"due_date": "2021-12-01"},
            "Срок сдачи не может быть раньше начала периода (01.01.2022).",
        ),
        ({"due_date": ""}, "Укажите срок сдачи отчётов."),
        ({"schools": []}, "Выберите школы, которые должны отчитаться."),
        ({"activities": "1.2 only", "schools": "other"}, "раунду нечего ожидать"),
    ],
)
def test_bad_round_is_refused_in_russian_and_nothing_saved(world, client, changes, message):
    if changes.get("schools") == "other":
        # The other school does not take part in 1.2: the round would expect nothing.
        changes = changes | {"activities": [world.second.pk], "schools": [world.a.other_school.pk]}
    client.force_login(world.users["coordinator_a"])
    response = client.post(
        reverse("program_rounds", args=[world.a.program.pk]), round_data(world, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportingRound.objects.exists() and not ExpectedReport.objects.exists()


def test_completeness_and_timeliness_by_hand(world, client):
    round_ = opened_round(world, client)
    a = world.a
    # School 1, 1.1: first handed in 15.12 (on time), returned, sent again 25.12: still on time.
    on_time = hand_in(a.school, a.activity, (2022, 12, 15), ReportStatus.RETURNED)
    SchoolReport.objects.filter(pk=on_time.pk).update(
        status=ReportStatus.SUBMITTED, submitted_at=datetime(2022, 12, 25, 12, tzinfo=MOSCOW)
    )
    # School 1, 1.2: handed in 28.12, after the due date: late.
    hand_in(a.school, world.second, (2022, 12, 28))
    # School 2, 1.1: only a draft: not received, the due date has passed: missing.
    hand_in(a.other_school, a.activity, (2022, 12, 1), ReportStatus.DRAFT)

    expected = ExpectedReport.objects.filter(round=round_)
    total = total_figures(expected, "всего", AFTER_DUE)
    assert (total.expected, total.received, total.on_time, total.late, total.missing_overdue) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert total.completeness == pytest.approx(2 / 3)
    assert total.timeliness == pytest.approx(1 / 3)
    by_school = {
        f.label: (f.expected, f.received, f.on_time, f.missing_overdue)
        for f in figures_by(expected, "school", "school__name", AFTER_DUE)
    }
    assert by_school == {a.school.name: (2, 2, 1, 0), a.other_school.name: (1, 0, 0, 1)}
    # Before the due date nothing is missing yet.
    assert total_figures(expected, "всего", date(2022, 12, 10)).missing_overdue == 0
    by_region = figures_by(
        expected,
        "round__program__municipality__region",
        "round__program__municipality__region__name",
        AFTER_DUE,
    )
    assert [(f.label, f.expected, f.received) for f in by_region] == [("Ростовская область", 3, 2)]

    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "сдан с опозданием" in page and "сдан в срок" in page
    assert page.count("не сдан, срок прошёл") == 1  # the due date 20.12.2022 has passed

    client.force_login(world.users["observer_a"])
    overview = client.get(reverse("reporting_overview")).content.decode()
    assert "Ростовская область" in overview and "Ремонтненский район" in overview
    client.force_login(world.users["observer_b"])
    overview = client.get(reverse("reporting_overview")).content.decode()
    assert "Ремонтненский район" not in overview

    client.force_login(world.users["head_a"])
    mine = client.get(reverse("my_activities")).content.decode()
    assert "сдать до <b>20.12.2022</b>; сдано 2 из 2, с опозданием: 1" in mine


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_round_pages_query_count_does_not_grow(world, client):
    round_ = opened_round(world, client)
    urls = [
        reverse("round_detail", args=[round_.pk]),
        reverse("program_rounds", args=[world.a.program.pk]),
        reverse("reporting_overview"),
    ]
    small = [_count(client, url) for url in urls]
    for number in range(10):
        activity = make_activity(world.a.section, number=f"2.{number}", cells={2022: "+"})
        activity.schools.add(world.a.school, world.a.other_school)
        ExpectedReport.objects.create(round=round_, school=world.a.school, activity=activity)
        ExpectedReport.objects.create(round=round_, school=world.a.other_school, activity=activity)
        hand_in(world.a.school, activity, (2022, 12, 1))
    assert [_count(client, url) for url in urls] == small


def test_consistency_check_lists_contradictions(world, client):
    a = world.a
    # 2021: marked done, but neither school taking part has a report → two contradictions.
    a.activity.years.filter(year=2021).update(status=ExecutionStatus.DONE)
    # 2022: school 1's report of 1.2 accepted while 1.2 is «не начато».
    hand_in(a.school, world.second, (2022, 5, 1), ReportStatus.ACCEPTED)
    # 2022 of 1.1: done, school 1 returned, school 2 accepted.
    a.activity.years.filter(year=2022).update(status=ExecutionStatus.DONE)
    hand_in(a.school, a.activity, (2022, 5, 1), ReportStatus.RETURNED)
    hand_in(a.other_school, a.activity, (2022, 5, 1), ReportStatus.ACCEPTED)
    found = [(c.activity, c.year, c.school, c.problem) for c in contradictions(a.program)]
    assert found == [
        ("1.1 Мероприятие", 2021, a.school.name, "отмечено «выполнено», а отчёта школы нет"),
        ("1.1 Мероприятие", 2021, a.other_school.name, "отмечено «выполнено», а отчёта школы нет"),
        (
            "1.1 Мероприятие",
            2022,
            a.school.name,
            "отмечено «выполнено», а отчёт школы возвращён на доработку",
        ),
        (
            "1.2 Мероприятие",
            2022,
            a.school.name,
            "отчёт школы принят, а мероприятие отмечено «не начато»",
        ),
    ]
    client.force_login(world.users["coordinator_a"])
    page = client.get(reverse("program_consistency", args=[a.program.pk])).content.decode()
    assert "Найдено противоречий: 4" in page


@pytest.mark.parametrize(
    ("user", "status"),
    [("coordinator_a", 302), ("specialist_a", 302), ("head_a", 403), ("coordinator_b", 404)],
)
def test_who_opens_a_round(world, client, user, status):
    client.force_login(world.users[user])
    response = client.post(reverse("program_rounds", args=[world.a.program.pk]), round_data(world))
    assert response.status_code == status
    assert ReportingRound.objects.exists() == (status == 302)


def test_digest_reminds_before_the_due_date_and_escalates_after(world, client):
    from datetime import timedelta

    from django.utils import timezone

    from monitoring.models import DigestLog
    from monitoring.services import send_daily_digests

    round_ = opened_round(world, client)  # expects 2 reports of school 1, 1 of school 2
    today = timezone.localdate()
    soon = today + timedelta(days=3)
    ReportingRound.objects.filter(pk=round_.pk).update(due_date=soon)
    hand_in(world.a.school, world.second, (2022, 12, 1))  # school 1 still owes 1.1
    send_daily_digests(today)
    texts = {log.user.username: log.text for log in DigestLog.objects.select_related("user")}
    assert (
        f"Сдать отчёты до {soon:%d.%m.%Y}: раунд отчётности «Программа поддержки ШНОР (А)», "
        "2022 год; не сдано: 1" in texts["head_a"]
    )
    assert "раунд" not in texts.get("coordinator_a", "")

    DigestLog.objects.all().delete()
    past = today - timedelta(days=2)
    ReportingRound.objects.filter(pk=round_.pk).update(due_date=past)
    send_daily_digests(today)
    texts = {log.user.username: log.text for log in DigestLog.objects.select_related("user")}
    assert f"Просрочена сдача отчётов (срок {past:%d.%m.%Y})" in texts["head_a"]
    escalation = (
        f"Срок раунда отчётности прошёл {past:%d.%m.%Y} («Программа поддержки ШНОР (А)», "
        "2022 год), не сдали: МБОУ СОШ № 1 (А) (1), МБОУ СОШ № 2 (А) (1)"
    )
    assert escalation in texts["coordinator_a"] and escalation in texts["specialist_a"]
    assert "раунд" not in texts.get("coordinator_b", "")
