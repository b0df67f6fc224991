"""The school head's page «Мои мероприятия»: what each school owes, by program and year."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Prefetch

from monitoring.models import (
    ReportReview,
    SchoolReport,
)
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
    report_slots,
    roadmap_order,
)
from programs.models import Activity, Program
from programs.selectors import grouped
from schools.models import School


@dataclass
class YearWork:
    label: str
    is_closed: bool
    slots: list[Slot]


@dataclass
class ProgramWork:
    program: Program
    years: list[YearWork]


@dataclass
class SchoolWork:
    school: School
    programs: list[ProgramWork]
    overdue: int = 0
    returned: int = 0


def school_workload(schools, today: date) -> list[SchoolWork]:
    """For each school: its programs, their years and the reports it owes in each."""
    school_ids = {school.pk for school in schools}
    activities = Activity.objects.filter(
        schools__in=school_ids, section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    with_reviews = SchoolReport.objects.prefetch_related(
        Prefetch("reviews", queryset=ReportReview.objects.order_by("-created_at", "-id"))
    ).annotate(file_count=Count("files"))
    slots = report_slots(activities, school_ids=school_ids, today=today, reports=with_reviews)
    by_school = grouped(slots, lambda slot: slot.school.pk)
    work = []
    for school in sorted(schools, key=lambda school: str(school)):
        school_slots = sorted(
            by_school[school.pk],
            key=lambda slot: (
                slot.program.title,
                slot.program.pk,
                slot.year,
                *roadmap_order(slot),
            ),
        )
        programs = []
        for _key, program_slots in groupby(school_slots, key=lambda slot: slot.program.pk):
            program_slots = list(program_slots)
            program = program_slots[0].program
            labels = {py.year: py.label for py in program.years}
            years = [
                YearWork(labels.get(year, str(year)), year_slots[0].is_closed, year_slots)
                for year, year_slots in (
                    (year, list(group))
                    for year, group in groupby(program_slots, key=lambda slot: slot.year)
                )
            ]
            programs.append(ProgramWork(program, years))
        work.append(
            SchoolWork(
                school,
                programs,
                overdue=sum(slot.is_overdue for slot in school_slots),
                returned=sum(slot.is_returned for slot in school_slots),
            )
        )
    return work
