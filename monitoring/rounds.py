"""Reporting rounds: their periods, completeness and timeliness, and the consistency check.

Completeness = expected reports received (handed in: on review, returned or accepted);
timeliness = received by the round's due date, counted from the first hand-in. Both are counted
by the database over ExpectedReport rows, at any level: school, round, program, municipality,
region.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from monitoring.models import (
    HANDED_IN_STATUSES,
    ExpectedReport,
    ReportingRound,
    ReportStatus,
    RoundPeriod,
    SchoolReport,
)
from monitoring.periods import program_year_bounds
from programs.models import Activity, ActivityYear
from programs.status import ExecutionStatus
from schools.models import School

PERIODS_A_YEAR = {
    RoundPeriod.YEAR: 1,
    RoundPeriod.HALF: 2,
    RoundPeriod.QUARTER: 4,
    RoundPeriod.MONTH: 12,
}


def round_period(kind: str, number: int, year: int, *, school_year: bool) -> tuple[date, date]:
    """First and last day of the round's period within the program year ("II квартал" of a
    school year is December to February)."""
    first, _last = program_year_bounds(year, school_year=school_year)
    months = 12 // PERIODS_A_YEAR[kind]
    start_month = first.month + (number - 1) * months  # counted from the program year's start
    start = date(first.year + (start_month - 1) // 12, (start_month - 1) % 12 + 1, 1)
    end_month = start_month + months - 1
    end_year, end_month = first.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1
    return start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def round_errors(*, kind: str, number: int | None, year: int | None, program_years) -> dict:
    """Russian messages per field for a period that cannot be a round's; empty when fine."""
    errors = {}
    if year is not None and year not in {py.year for py in program_years}:
        labels = ", ".join(py.label for py in program_years)
        errors["year"] = f"Год должен быть годом программы: {labels}."
    if kind in PERIODS_A_YEAR:
        most = PERIODS_A_YEAR[kind]
        if number is None or not 1 <= number <= most:
            errors["period_number"] = (
                "Для периода «год» номер — 1." if most == 1 else f"Номер периода — от 1 до {most}."
            )
    return errors


def _handed_in(**extra):
    return SchoolReport.objects.filter(
        school=OuterRef("school"),
        activity=OuterRef("activity"),
        year=OuterRef("round__year"),
        period_end__gte=OuterRef("round__period_start"),
        period_end__lte=OuterRef("round__period_end"),
        status__in=HANDED_IN_STATUSES,
        **extra,
    )


def with_receipt(expected):
    """Expected reports with `received`, `on_time`, `received_at` and `report_id`."""
    first = _handed_in().order_by("first_submitted_at", "pk")
    return expected.annotate(
        received=Exists(_handed_in()),
        on_time=Exists(_handed_in(first_submitted_at__date__lte=OuterRef("round__due_date"))),
        received_at=Subquery(first.values("first_submitted_at")[:1]),
        report_id=Subquery(first.values("pk")[:1]),
    )


@dataclass(frozen=True)
class Figures:
    """Completeness and timeliness of a group of expected reports."""

    key: object  # the group's id (school, round, program…); None for a total
    label: str
    expected: int
    received: int
    on_time: int
    missing_overdue: int  # not received and the due date has passed

    @property
    def completeness(self) -> float | None:
        return self.received / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def late(self) -> int:
        return self.received - self.on_time


def figures_by(expected, group: str, label: str, today: date) -> list[Figures]:
    """Figures per value of `group` (a lookup such as "school" or "round__program__municipality"),
    labelled by `label` (a lookup of the same object's name), in one query."""
    rows = (
        with_receipt(expected)
        .values(group, label)
        .annotate(
            n_expected=Count("pk"),
            n_received=Count("pk", filter=Q(received=True)),
            n_on_time=Count("pk", filter=Q(on_time=True)),
            n_missing=Count("pk", filter=Q(received=False, round__due_date__lt=today)),
        )
        .order_by(label, group)
    )
    return [
        Figures(
            row[group],
            row[label],
            row["n_expected"],
            row["n_received"],
            row["n_on_time"],
            row["n_missing"],
        )
        for row in rows
    ]


def total_figures(expected, label: str, today: date) -> Figures:
    totals = with_receipt(expected).aggregate(
        n_expected=Count("pk"),
        n_received=Count("pk", filter=Q(received=True)),
        n_on_time=Count("pk", filter=Q(on_time=True)),
        n_missing=Count("pk", filter=Q(received=False, round__due_date__lt=today)),
    )
    return Figures(
        None,
        label,
        totals["n_expected"],
        totals["n_received"],
        totals["n_on_time"],
        totals["n_missing"],
    )


def expected_rows(round_, expected, today: date) -> list:
    """The round's expected reports (of the queryset `expected`) with their state: received on
    time, late, missing, or still expected."""
    rows = list(
        with_receipt(expected.filter(round=round_))
        .select_related("school", "activity")
        .order_by("school__name", "activity__section__position", "activity__position")
    )
    for row in rows:
        if row.on_time:
            row.state, row.state_label = "on_time", "сдан в срок"
        elif row.received:
            row.state, row.state_label = "late", "сдан с опозданием"
        elif round_.due_date < today:
            row.state, row.state_label = "missing", "не сдан, срок прошёл"
        else:
            row.state, row.state_label = "waiting", "ожидается"
    return rows


def school_rounds(schools, today: date) -> list:
    """The rounds the schools must report in, each with the schools' own figures: what a head
    sees on «Мои мероприятия»."""
    expected = ExpectedReport.objects.filter(school__in=schools)
    figures = {f.key: f for f in figures_by(expected, "round", "round__due_date", today)}
    rounds = list(
        ReportingRound.objects.filter(pk__in=list(figures))
        .select_related("program")
        .order_by("-due_date", "-id")
    )
    for round_ in rounds:
        round_.figures = figures[round_.pk]
    return rounds


# --- Consistency check ------------------------------------------------------------------------


@dataclass(frozen=True)
class Contradiction:
    activity: str
    year: int
    school: str
    problem: str


def _activity_text(number: str, title: str) -> str:
    return " ".join(part for part in (number, title[:150]) if part)


def contradictions(program) -> list[Contradiction]:
    """What the execution marks and the schools' reports say differently, in two queries:
    an activity marked done while a school taking part has no report for the year, or only a
    returned one; accepted reports while the activity's year is «не начато»."""
    reports = SchoolReport.objects.filter(
        school=OuterRef("school_id"), activity=OuterRef("activity_id"), year=OuterRef("year")
    )
    done_without_reports = (
        Activity.schools.through.objects.filter(
            activity__section__program=program, activity__years__status=ExecutionStatus.DONE
        )
        .annotate(
            year=F("activity__years__year"),
            reported=Exists(
                reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
            ),
            returned=Exists(reports.filter(status=ReportStatus.RETURNED)),
        )
        .filter(reported=False)
        .values_list("activity__number", "activity__title", "year", "school__name", "returned")
        .order_by("year", "activity__section__position", "activity__position", "school__name")
    )
    found = [
        Contradiction(
            _activity_text(number, title),
            year,
            school,
            "отмечено «выполнено», а отчёт школы возвращён на доработку"
            if returned
            else "отмечено «выполнено», а отчёта школы нет",
        )
        for number, title, year, school, returned in done_without_reports
    ]
    not_started = ActivityYear.objects.filter(
        activity=OuterRef("activity"), year=OuterRef("year"), status=ExecutionStatus.NOT_STARTED
    )
    accepted_but_not_started = (
        SchoolReport.objects.filter(
            activity__section__program=program, status=ReportStatus.ACCEPTED
        )
        .filter(Exists(not_started))
        .values_list("activity__number", "activity__title", "year", "school__name")
        .order_by("year", "activity__section__position", "activity__position", "school__name")
    )
    found += [
        Contradiction(
            _activity_text(number, title),
            year,
            school,
            "отчёт школы принят, а мероприятие отмечено «не начато»",
        )
        for number, title, year, school in accepted_but_not_started
    ]
    return found


# --- Reminders and escalation in the daily digest -------------------------------------------


def round_digest_lines(today: date, days_ahead: int) -> list[tuple[set[int], str]]:
    """(user ids, line) for the daily digest, from three queries: heads of schools with reports
    still missing in a round due within `days_ahead` days (a reminder) or already due (overdue);
    the municipality's coordinators and specialists for rounds past their due date (escalation),
    naming the schools that have not reported."""
    from accounts.models import Membership, Role

    missing = (
        with_receipt(
            ExpectedReport.objects.filter(round__due_date__lte=today + timedelta(days_ahead))
        )
        .filter(received=False)
        .values("round", "school")
        .annotate(count=Count("pk"))
        .order_by("round", "school")
    )
    missing = [(row["round"], row["school"], row["count"]) for row in missing]
    if not missing:
        return []
    rounds = ReportingRound.objects.select_related("program").in_bulk({r for r, _s, _c in missing})
    schools = School.objects.in_bulk({s for _r, s, _c in missing})
    heads, staff = defaultdict(set), defaultdict(set)
    for membership in Membership.objects.filter(
        Q(role=Role.HEAD, school__in=schools)
        | Q(
            role__in=[Role.COORDINATOR, Role.SPECIALIST],
            municipality__in={r.program.municipality_id for r in rounds.values()},
        )
    ):
        if membership.role == Role.HEAD:
            heads[membership.school_id].add(membership.user_id)
        else:
            staff[membership.municipality_id].add(membership.user_id)
    lines, late_schools = [], defaultdict(list)
    for round_id, school_id, count in missing:
        round_ = rounds[round_id]
        what = f"раунд отчётности «{round_.program.title[:80]}», {round_.reporting_period_label}"
        due = f"{round_.due_date:%d.%m.%Y}"
        if round_.due_date < today:
            lines.append(
                (
                    heads[school_id],
                    f"Просрочена сдача отчётов (срок {due}): {what}; не сдано: {count}",
                )
            )
            late_schools[round_id].append(f"{schools[school_id]} ({count})")
        else:
            lines.append((heads[school_id], f"Сдать отчёты до {due}: {what}; не сдано: {count}"))
    for round_id, names in late_schools.items():
        round_ = rounds[round_id]
        lines.append(
            (
                staff[round_.program.municipality_id],
                f"Срок раунда отчётности прошёл {round_.due_date:%d.%m.%Y} "
                f"(«{round_.program.title[:80]}», {round_.reporting_period_label}), не сдали: "
                + ", ".join(names),
            )
        )
    return lines
