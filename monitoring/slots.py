"""The unit of most monitoring pages, the *slot*: one report a school owes, i.e. a school the
activity involves × a reporting period of a year in which the activity is due, with the report
filed for it (or none). Each read takes a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from monitoring.locks import closed_years
from monitoring.models import (
    HANDED_IN_STATUSES,
    NOT_SUBMITTED_LABEL,
    ReportStatus,
    SchoolReport,
)
from monitoring.periods import ReportPeriod, report_periods
from programs.models import Activity, ActivityYear, Program
from programs.schedule import annotate_schedule
from programs.selectors import grouped
from schools.models import School

# Programs whose schools report: a draft is not approved yet, an archived one is history.
REPORTING_PROGRAM_STATUSES = (Program.Status.APPROVED, Program.Status.COMPLETED)
# Reports that settle what the school owes for a period (a returned one does not).
SETTLED_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})


def activity_label(activity) -> str:
    return " ".join(part for part in (activity.number, activity.title) if part)


class InActivityYear:
    """A place in an activity's year: its program and year, for pages and messages."""

    @property
    def program(self):
        return self.activity.section.program

    @property
    def year(self):
        return self.activity_year.year


@dataclass
class Slot(InActivityYear):
    """One report a school owes: school × activity × reporting period, and the report filed."""

    school: School
    activity: Activity
    activity_year: ActivityYear
    period: ReportPeriod
    periods_in_year: int
    report: SchoolReport | None
    is_closed: bool
    today: date

    @property
    def handed_in(self) -> bool:
        return self.report is not None and self.report.status in HANDED_IN_STATUSES

    @property
    def reviewer_status(self) -> str | None:
        """The report's state as coordinators see it: a draft is not handed in yet."""
        return self.report.status if self.handed_in else None

    @property
    def reviewer_label(self) -> str:
        status = self.reviewer_status
        return ReportStatus(status).label if status else NOT_SUBMITTED_LABEL

    @property
    def line_label(self) -> str:
        """The activity, with the period when the activity is reported more than once a year."""
        label = activity_label(self.activity)
        return f"{label} ({self.period.label})" if self.periods_in_year > 1 else label

    @property
    def is_overdue(self) -> bool:
        settled = self.report is not None and self.report.status in SETTLED_STATUSES
        return not (self.is_closed or settled) and self.period.is_overdue(self.today)

    @property
    def is_returned(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.RETURNED

    @property
    def latest_review(self):
        """The coordinator's last decision (needs the reviews prefetched, newest first)."""
        if self.report is None:
            return None
        return next(iter(self.report.reviews.all()), None)

    def is_due_within(self, days: int) -> bool:
        due = self.period.due
        return (
            not (self.is_closed or self.handed_in)
            and due is not None
            and self.today <= due <= self.today + timedelta(days=days)
        )


def report_slots(activities, *, school_ids=None, years=None, today, reports=None) -> list[Slot]:
    """Every report owed for the activities (a queryset) by the schools they involve.

    `school_ids` narrows the schools (None: all involved), `years` the program years; `reports`
    is the queryset the filed reports are read from (to prefetch what a page shows).
    """
    links = Activity.schools.through.objects.filter(activity__in=activities)
    if school_ids is not None:
        links = links.filter(school_id__in=school_ids)
    schools_of = defaultdict(list)
    for activity_id, school_id in links.values_list("activity_id", "school_id"):
        schools_of[activity_id].append(school_id)
    activity_ids = list(schools_of)
    if not activity_ids:
        return []
    activity_list = Activity.objects.filter(pk__in=activity_ids).select_related(
        "section__program__municipality"
    )
    schools = School.objects.in_bulk({pk for pks in schools_of.values() for pk in pks})
    years_of = grouped(
        ActivityYear.objects.filter(activity_id__in=activity_ids).order_by("year"),
        lambda row: row.activity_id,
    )
    filed = (reports if reports is not None else SchoolReport.objects.all()).filter(
        activity_id__in=activity_ids, school_id__in=list(schools)
    )
    if years is not None:
        filed = filed.filter(year__in=years)
    by_key = {(r.school_id, r.activity_id, r.year, r.period_end): r for r in filed}
    activity_list = list(activity_list)
    closed = closed_years({activity.section.program_id for activity in activity_list})
    slots = []
    for activity in activity_list:
        program = activity.section.program
        cells = years_of[activity.pk]
        annotate_schedule(activity, cells, school_year=program.school_year, today=today)
        for cell in cells:
            if not cell.is_due or (years is not None and cell.year not in years):
                continue
            periods = report_periods(cell.due, cell.year, school_year=program.school_year)
            for period in periods:
                for school_id in schools_of[activity.pk]:
                    slots.append(
                        Slot(
                            school=schools[school_id],
                            activity=activity,
                            activity_year=cell,
                            period=period,
                            periods_in_year=len(periods),
                            report=by_key.get((school_id, activity.pk, cell.year, period.end)),
                            is_closed=(program.pk, cell.year) in closed,
                            today=today,
                        )
                    )
    return slots


def roadmap_order(slot: Slot):
    activity = slot.activity
    return (activity.section.position, activity.position, activity.pk, slot.period.end)
