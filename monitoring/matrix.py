"""Who reported what: the school × activity matrix of a program year, and the same by school for
the analytical report (reports app)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from accounts import access
from monitoring.locks import is_year_closed
from monitoring.models import (
    NOT_SUBMITTED_ICON,
    NOT_SUBMITTED_LABEL,
    REPORT_ICONS,
    ReportStatus,
)
from monitoring.schedule_periods import (
    fill_schedule_periods,
    periods_of_cell,
    with_schedule_key,
)
from monitoring.slots import (
    Slot,
    report_slots,
    roadmap_order,
)
from programs.models import Activity, ActivityYear, Program
from programs.selectors import grouped
from reports.data import SchoolReportLine, SchoolSection
from schools.models import School

STATE_CSS = {
    ReportStatus.ACCEPTED: "status-done",
    ReportStatus.SUBMITTED: "status-in_progress",
    ReportStatus.RETURNED: "status-not_done",
}


@dataclass
class MatrixCell:
    slots: list[Slot]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(icon, label, count) per state, accepted first; only the states present."""
        order = [ReportStatus.ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, None]
        found = defaultdict(int)
        for slot in self.slots:
            found[slot.reviewer_status] += 1
        return [
            (
                REPORT_ICONS[status] if status else NOT_SUBMITTED_ICON,
                ReportStatus(status).label if status else NOT_SUBMITTED_LABEL,
                found[status],
            )
            for status in order
            if found[status]
        ]

    @property
    def label(self) -> str:
        if len(self.slots) == 1:
            return self.slots[0].reviewer_label
        return ", ".join(f"{label}: {count}" for _icon, label, count in self.counts)

    @property
    def link(self) -> int | None:
        """The report to open from a cell of one period, when one was handed in."""
        if len(self.slots) == 1 and self.slots[0].handed_in:
            return self.slots[0].report.pk
        return None

    @property
    def css_class(self) -> str:
        """The roadmap's status colours: accepted as done, on review in progress, returned bad."""
        statuses = {slot.reviewer_status for slot in self.slots}
        if len(statuses) > 1:
            return "status-partly_done"
        return STATE_CSS.get(statuses.pop(), "status-not_started")


@dataclass
class MatrixRow:
    school: School
    cells: list[MatrixCell | None]  # one per activity column; None: not involved


@dataclass
class ReportMatrix:
    program: Program
    year: int
    activities: list[Activity]
    rows: list[MatrixRow]
    is_closed: bool
    waiting: int = 0  # reports on review: a year with any cannot be closed


def report_matrix(user, program: Program, year: int, today: date) -> ReportMatrix:
    """Who reported what: the program's schools × the activities due in the year."""
    limit = access.school_report_schools(user, program)
    activities = Activity.objects.filter(section__program=program)
    slots = report_slots(activities, school_ids=limit, years={year}, today=today)
    slots.sort(key=roadmap_order)
    columns = list({slot.activity.pk: slot.activity for slot in slots}.values())
    by_cell = grouped(slots, lambda slot: (slot.school.pk, slot.activity.pk))
    schools = sorted({slot.school.pk: slot.school for slot in slots}.values(), key=str)
    rows = [
        MatrixRow(
            school,
            [
                MatrixCell(by_cell[(school.pk, activity.pk)])
                if (school.pk, activity.pk) in by_cell
                else None
                for activity in columns
            ],
        )
        for school in schools
    ]
    return ReportMatrix(
        program,
        year,
        columns,
        rows,
        is_closed=is_year_closed(program.pk, year),
        waiting=sum(slot.reviewer_status == ReportStatus.SUBMITTED for slot in slots),
    )


def latest_year_with_slots(user, program: Program, before: int) -> int | None:
    """The latest program year before `before` in which the reader's schools owe any report,
    in a fixed number of queries (not a matrix per year); None when there is none."""
    limit = access.school_report_schools(user, program)
    links = Activity.schools.through.objects.filter(activity_id=OuterRef("activity_id"))
    if limit is not None:
        links = links.filter(school_id__in=limit)
    cells = ActivityYear.objects.filter(
        Exists(links), activity__section__program=program, year__lt=before
    )
    fill_schedule_periods(cells)
    due = periods_of_cell().filter(period_end__isnull=False)
    return with_schedule_key(cells).filter(Exists(due)).aggregate(latest=Max("year"))["latest"]


def school_report_sections(program: Program, year: int, today: date | None = None):
    """Each involved school with, per activity due in the year, its report's state and text.

    Returns a list of reports.data.SchoolSection, schools by name, activities in roadmap order.
    """
    slots = report_slots(
        Activity.objects.filter(section__program=program),
        years={year},
        today=today or timezone.localdate(),
    )
    slots.sort(key=lambda slot: (str(slot.school), slot.school.pk, *roadmap_order(slot)))
    return [
        SchoolSection(
            school=str(school_slots[0].school),
            activities=[
                SchoolReportLine(
                    activity=slot.line_label,
                    state=slot.reviewer_label,
                    text=slot.report.text if slot.handed_in else "",
                )
                for slot in school_slots
            ],
        )
        for school_slots in (
            list(group) for _pk, group in groupby(slots, key=lambda slot: slot.school.pk)
        )
    ]
