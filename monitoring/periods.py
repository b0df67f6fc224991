"""Reporting periods of an activity in one program year, read from its due dates.

A school reports once a year, unless the activity's rhythm asks for more: the due dates that
programs.deadlines finds for the year cell ("ежемесячно" → 12 month ends, "раз в квартал" → 4
quarter ends, "январь, июнь" → 2 dates) each close a period that starts the day after the
previous one (the first starts with the program year). More than 12 dates a year (a weekly
rhythm) would mean a report every week: such activities are reported monthly. One date, or none
("по заявке", "срок не распознан"), means one period: the whole program year, due on that date
(or never overdue when there is none). Standard library only.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from programs.deadlines import Due

MOST_PERIODS_A_YEAR = 12

MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    due: date | None  # None: no date is set ("по заявке"), the period is never overdue

    @property
    def key(self) -> str:
        """How the period travels in URLs and forms: the ISO date it ends on."""
        return self.end.isoformat()

    @property
    def label(self) -> str:
        return reporting_period_label(self.start, self.end)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def program_year_bounds(year: int, *, school_year: bool) -> tuple[date, date]:
    """First and last day of a program year: a calendar year, or September to August."""
    if school_year:
        return date(year, 9, 1), date(year + 1, 8, 31)
    return date(year, 1, 1), date(year, 12, 31)


def selected_year(program, year: int | None, today: date) -> int:
    """The program year asked for, if the program has it; else the year under way (the last
    one once the program is over, the first before it starts)."""
    years = [program_year.year for program_year in program.years]
    if year in years:
        return year
    started = [
        y for y in years if program_year_bounds(y, school_year=program.school_year)[0] <= today
    ]
    return started[-1] if started else years[0]


def report_periods(due: Due, year: int, *, school_year: bool) -> list[ReportPeriod]:
    """The periods a school reports for in a program year (see the module docstring)."""
    first, last = program_year_bounds(year, school_year=school_year)
    dates = due.dates
    if len(dates) > MOST_PERIODS_A_YEAR:
        dates = _month_ends(first, last)
    if len(dates) <= 1:
        return [ReportPeriod(first, last, due.final)]
    periods, start = [], first
    for end in dates:
        periods.append(ReportPeriod(start, end, end))
        start = end + timedelta(days=1)
    return periods


def _month_ends(first: date, last: date) -> tuple[date, ...]:
    ends, day = [], first
    while day <= last:
        end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        ends.append(end)
        day = end + timedelta(days=1)
    return tuple(ends)


def _is_month_start(day: date) -> bool:
    return day.day == 1


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def reporting_period_label(start: date, end: date) -> str:
    """ "2023 год", "2023/24 учебный год", "март 2023", "II квартал 2023", "январь – июнь 2023"."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year} год"
    if (start.month, start.day, end.month, end.day) == (9, 1, 8, 31) and end.year == start.year + 1:
        return f"{start.year}/{end.year % 100:02d} учебный год"
    if not (_is_month_start(start) and _is_month_end(end)):
        return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"
    if start.year == end.year and start.month == end.month:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
        return f"{QUARTERS[start.month // 3]} квартал {start.year}"
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]} – {MONTHS[end.month - 1]} {start.year}"
    return f"{MONTHS[start.month - 1]} {start.year} – {MONTHS[end.month - 1]} {end.year}"


def find_period(periods: list[ReportPeriod], key: str | None) -> ReportPeriod | None:
    """The period a form or URL names; with one period a year, naming it may be left out."""
    if not key and len(periods) == 1:
        return periods[0]
    return next((period for period in periods if period.key == key), None)
