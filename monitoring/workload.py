"""The school head's page «Мои мероприятия»: what each school owes, by program and year."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Prefetch

from monitoring.models import (
    EvidenceFile,
    ExpectedReport,
    ReportReview,
    ReportStatus,
    SchoolReport,
    YearClosure,
)
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
    report_slots,
    roadmap_order,
)
from programs.fingerprint import fingerprint
from programs.models import Activity, ActivityYear, Program
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


@dataclass
class WorkloadYear:
    year: int
    returned: int  # reports sent back for rework: the tab says so while another year is shown


def workload_years(schools) -> list[WorkloadYear]:
    """The program years in which the schools' activities are planned, oldest first."""
    years = ActivityYear.objects.filter(
        activity__schools__in=schools,
        activity__section__program__status__in=REPORTING_PROGRAM_STATUSES,
    ).values_list("year", flat=True)
    returned = dict(
        SchoolReport.objects.filter(school__in=schools, status=ReportStatus.RETURNED)
        .values("year")
        .annotate(count=Count("id"))
        .values_list("year", "count")
    )
    return [WorkloadYear(year, returned.get(year, 0)) for year in sorted(set(years))]


def year_under_way(years: list[int], today: date) -> int | None:
    """Of the years, the one a head works in today: this calendar year, else the last one
    passed (programs over), else the first (none started yet)."""
    passed = [year for year in years if year <= today.year]
    return passed[-1] if passed else next(iter(years), None)


def school_workload(schools, today: date, years=None) -> list[SchoolWork]:
    """For each school: its programs, their years (`years`, if given) and the reports it owes."""
    school_ids = {school.pk for school in schools}
    activities = Activity.objects.filter(
        schools__in=school_ids, section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    with_reviews = SchoolReport.objects.prefetch_related(
        Prefetch("reviews", queryset=ReportReview.objects.order_by("-created_at", "-id"))
    ).annotate(file_count=Count("files"))
    slots = report_slots(
        activities, school_ids=school_ids, years=years, today=today, reports=with_reviews
    )
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


def workload_fingerprint(school_ids) -> str:
    """A fingerprint (programs/fingerprint.py) of all «Мои мероприятия» reads for the schools:
    their activities with sections, programs, years and closed years; the schools' reports
    with reviews and files; the reporting rounds that expect their reports."""
    activities = Activity.objects.filter(schools__in=school_ids)
    return fingerprint(
        (Activity.schools.through.objects.filter(school_id__in=school_ids), "pk"),
        (
            activities,
            "pk",
            "revision",
            "section__revision",
            "section__program__revision",
        ),
        (ActivityYear.objects.filter(activity__in=activities), "pk", "revision"),
        (
            YearClosure.objects.filter(
                program__sections__activities__in=activities, is_closed=True
            ),
            "pk",
        ),
        (SchoolReport.objects.filter(school__in=school_ids), "pk", "revision"),
        (ReportReview.objects.filter(report__school__in=school_ids), "pk", "revision"),
        (EvidenceFile.objects.filter(report__school__in=school_ids), "pk", "report_id"),
        (ExpectedReport.objects.filter(school__in=school_ids), "pk", "round__revision"),
    )
