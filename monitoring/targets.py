"""Where a new report goes: a checked place (school, activity year, period), or why not."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from monitoring.locks import is_year_closed
from monitoring.periods import ReportPeriod, find_period, report_periods
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    InActivityYear,
    activity_label,
)
from programs.models import Activity, ActivityYear, Program
from programs.schedule import annotate_schedule
from schools.models import School


@dataclass(frozen=True)
class ReportTarget(InActivityYear):
    """A checked place for a new report: the school, the activity's year and the period."""

    school: School
    activity: Activity
    activity_year: ActivityYear
    period: ReportPeriod


def year_label(program: Program, year: int) -> str:
    return next((py.label for py in program.years if py.year == year), str(year))


def closed_year_message(program: Program, year: int) -> str:
    return (
        f"{year_label(program, year)} год программы закрыт координатором: отчёты за него "
        "не принимаются и не изменяются."
    )


def report_target(activity, school, year: int, period_key: str | None, today: date):
    """The place for a school's report, or ValidationError saying in Russian why there is none."""
    program = activity.section.program
    label = activity_label(activity)[:150]
    if program.status not in REPORTING_PROGRAM_STATUSES:
        raise ValidationError(
            f"Программа в статусе «{program.get_status_display()}»: отчёты по ней не принимаются."
        )
    if not activity.schools.filter(pk=school.pk).exists():
        raise ValidationError(
            f"Школа «{school}» не участвует в мероприятии «{label}»: отчёт по нему не принимается."
        )
    if year not in {py.year for py in program.years}:
        raise ValidationError(f"В программе нет {year} года: её период — {program.period_label}.")
    cells = list(activity.years.order_by("year"))
    annotate_schedule(activity, cells, school_year=program.school_year, today=today)
    cell = next((cell for cell in cells if cell.year == year), None)
    if cell is None or not cell.is_due:
        raise ValidationError(
            f"В {year_label(program, year)} году мероприятие «{label}» не запланировано: "
            "отчёт за этот год не нужен."
        )
    if is_year_closed(program.pk, year):
        raise ValidationError(closed_year_message(program, year))
    periods = report_periods(cell.due, year, school_year=program.school_year)
    period = find_period(periods, period_key)
    if period is None:
        raise ValidationError(
            "У мероприятия нет такого отчётного периода: выберите период на странице "
            "«Мои мероприятия»."
        )
    return ReportTarget(school, activity, cell, period)
