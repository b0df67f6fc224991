"""The pure rules: reporting periods from due dates, what a report must hold, and how accepted
reports set the activity's year."""

from datetime import date
from decimal import Decimal

import pytest

from monitoring.periods import MONTHS, find_period, report_periods, reporting_period_label
from monitoring.rules import (
    EMPTY_REPORT,
    SUBMIT_NEEDS_TEXT,
    Execution,
    content_errors,
    execution_after_acceptance,
)
from programs.deadlines import due_in_year
from programs.status import ExecutionStatus


def periods_of(deadline, year=2023, cell="", school_year=False):
    due = due_in_year(deadline, year, year_cell=cell, school_year=school_year)
    return report_periods(due, year, school_year=school_year)


QUARTERS_2023 = ["I квартал 2023", "II квартал 2023", "III квартал 2023", "IV квартал 2023"]


@pytest.mark.parametrize(
    ("deadline", "cell", "labels"),
    [
        ("", "", ["2023 год"]),
        ("апрель", "", ["2023 год"]),
        ("по заявке", "", ["2023 год"]),
        ("ежеквартально", "", QUARTERS_2023),
        ("не реже 1 раза в квартал", "", QUARTERS_2023),
        ("2021-2023", "ежемесячно", [f"{month} 2023" for month in MONTHS]),
        ("раз в полугодие", "", ["январь – июнь 2023", "июль – декабрь 2023"]),
        ("январь, июнь", "", ["январь 2023", "февраль – июнь 2023"]),
    ],
)
def test_periods_follow_the_rhythm(deadline, cell, labels):
    assert [period.label for period in periods_of(deadline, cell=cell)] == labels


def test_a_weekly_activity_is_reported_monthly():
    periods = periods_of("еженедельно")
    assert len(periods) == 12 and periods[0].label == "январь 2023"


def test_school_year_periods():
    assert [p.label for p in periods_of("", school_year=True)] == ["2023/24 учебный год"]
    # Quarters end where the calendar's do; the first one of a school year is September alone.
    quarters = periods_of("ежеквартально", school_year=True)
    assert [period.label for period in quarters] == [
        "сентябрь 2023",
        "IV квартал 2023",
        "I квартал 2024",
        "II квартал 2024",
    ]


def test_period_due_and_overdue():
    (whole_year,) = periods_of("апрель")
    assert whole_year.due == date(2023, 4, 30)
    assert whole_year.is_overdue(date(2023, 5, 1)) and not whole_year.is_overdue(date(2023, 4, 30))
    (on_request,) = periods_of("по заявке")
    assert on_request.due is None and not on_request.is_overdue(date(2030, 1, 1))


def test_find_period():
    quarters = periods_of("ежеквартально")
    assert find_period(quarters, "2023-06-30") == quarters[1]
    assert find_period(quarters, None) is None  # several periods: one must be named
    assert find_period(periods_of(""), None).label == "2023 год"
    assert find_period(quarters, "2023-05-31") is None


def test_reporting_period_label_of_odd_spans():
    assert reporting_period_label(date(2023, 3, 15), date(2023, 4, 10)) == "15.03.2023 – 10.04.2023"
    assert (
        reporting_period_label(date(2023, 11, 1), date(2024, 1, 31)) == "ноябрь 2023 – январь 2024"
    )


def test_content_rules():
    assert content_errors(text="", actual_value=None, file_count=0, submitting=False) == [
        EMPTY_REPORT
    ]
    assert content_errors(text=" ", actual_value=Decimal(1), file_count=0, submitting=True) == [
        SUBMIT_NEEDS_TEXT
    ]
    assert content_errors(text="", actual_value=None, file_count=1, submitting=False) == []
    assert content_errors(text="Сделано", actual_value=None, file_count=0, submitting=True) == []
    assert (
        "не больше 20 файлов"
        in content_errors(text="Сделано", actual_value=None, file_count=21, submitting=True)[0]
    )


OWED = {(1, "2023-12-31"), (2, "2023-12-31")}
NOT_STARTED = Execution(ExecutionStatus.NOT_STARTED, None)


@pytest.mark.parametrize(
    ("current", "accepted", "expected"),
    [
        (
            NOT_STARTED,
            {(1, "2023-12-31"): Decimal(2)},
            Execution(ExecutionStatus.IN_PROGRESS, Decimal(2)),
        ),
        (
            NOT_STARTED,
            {(1, "2023-12-31"): Decimal(2), (2, "2023-12-31"): Decimal(3)},
            Execution(ExecutionStatus.DONE, Decimal(5)),
        ),
        (
            NOT_STARTED,
            {(1, "2023-12-31"): None, (2, "2023-12-31"): None},
            Execution(ExecutionStatus.DONE, None),
        ),
        (
            Execution(ExecutionStatus.NOT_STARTED, Decimal(7)),
            {(1, "2023-12-31"): None},
            Execution(ExecutionStatus.IN_PROGRESS, Decimal(7)),
        ),
        (
            Execution(ExecutionStatus.DONE, None),
            {(1, "2023-12-31"): Decimal(1)},
            Execution(ExecutionStatus.DONE, Decimal(1)),
        ),
        (
            Execution(ExecutionStatus.CANCELLED, None),
            {(1, "2023-12-31"): Decimal(1)},
            Execution(ExecutionStatus.CANCELLED, Decimal(1)),
        ),
        (
            Execution(ExecutionStatus.POSTPONED, None),
            {(1, "2023-12-31"): None},
            Execution(ExecutionStatus.IN_PROGRESS, None),
        ),
    ],
)
def test_accepted_reports_set_the_year(current, accepted, expected):
    assert execution_after_acceptance(current, OWED, accepted) == expected


def test_no_owed_reports_keep_the_status():
    result = execution_after_acceptance(NOT_STARTED, set(), {(1, "2023-12-31"): Decimal(1)})
    assert result == Execution(ExecutionStatus.NOT_STARTED, Decimal(1))
