"""The coordinator's review queue: handed-in reports by state, reports not handed in, filters."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from accounts import access
from monitoring.models import (
    ReportStatus,
)
from monitoring.periods import ReportPeriod
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
    report_slots,
)
from programs.models import Activity

QUEUE_TABS = {
    "submitted": ("Ждут проверки", ReportStatus.SUBMITTED),
    "returned": ("Возвращены", ReportStatus.RETURNED),
    "accepted": ("Приняты", ReportStatus.ACCEPTED),
    "missing": ("Не сданы", None),
}


@dataclass(frozen=True)
class QueueFilter:
    """What a coordinator narrowed the queue to; empty values mean no narrowing."""

    program_id: int | None = None
    school_id: int | None = None
    activity_id: int | None = None
    year: int | None = None
    period_end: date | None = None

    def apply(self, reports):
        lookups = {
            "activity__section__program_id": self.program_id,
            "school_id": self.school_id,
            "activity_id": self.activity_id,
            "year": self.year,
            "period_end": self.period_end,
        }
        return reports.filter(**{key: value for key, value in lookups.items() if value})

    def keeps(self, slot: Slot) -> bool:
        return (
            self.school_id in (None, slot.school.pk)
            and self.year in (None, slot.year)
            and self.period_end in (None, slot.period.end)
        )


def queue_reports(user, status: str, queue_filter: QueueFilter):
    """Handed-in reports in one state, in the user's scope; the longest waiting first."""
    reports = queue_filter.apply(
        access.visible_school_reports(user).filter(
            status=status, activity__section__program__status__in=REPORTING_PROGRAM_STATUSES
        )
    )
    order = ["submitted_at", "id"] if status == ReportStatus.SUBMITTED else ["-updated_at", "-id"]
    return (
        reports.select_related("school", "activity__section__program__municipality")
        .annotate(file_count=Count("files"))
        .order_by(*order)
    )


def _programs_read_as_staff(user):
    """Programs of the municipalities the user reads whole (as staff or regional observer)."""
    return access.visible_programs(user).filter(
        municipality__in=access.visible_municipalities(user).values("pk"),
        status__in=REPORTING_PROGRAM_STATUSES,
    )


def missing_reports(user, queue_filter: QueueFilter, today: date) -> list[Slot]:
    """Reports owed whose due date has passed and that nobody handed in, in open years."""
    programs = _programs_read_as_staff(user).select_related("municipality")
    if queue_filter.program_id:
        programs = programs.filter(pk=queue_filter.program_id)
    limits = {program.pk: access.school_report_schools(user, program) for program in programs}
    activities = Activity.objects.filter(section__program__in=list(limits))
    if queue_filter.activity_id:
        activities = activities.filter(pk=queue_filter.activity_id)
    school_ids = {queue_filter.school_id} if queue_filter.school_id else None
    years = {queue_filter.year} if queue_filter.year else None
    slots = report_slots(activities, school_ids=school_ids, years=years, today=today)
    missing = [
        slot
        for slot in slots
        if not slot.handed_in
        and slot.is_overdue
        and queue_filter.keeps(slot)
        and (limits[slot.program.pk] is None or slot.school.pk in limits[slot.program.pk])
    ]
    return sorted(missing, key=lambda slot: (slot.period.due, str(slot.school), slot.activity.pk))


@dataclass
class QueueChoices:
    programs: list
    schools: list
    activities: list
    periods: list[tuple[str, str]]  # (period key, label)


def queue_choices(user, queue_filter: QueueFilter) -> QueueChoices:
    """The values the queue's filters offer: activities once a program is chosen."""
    programs = _programs_read_as_staff(user).order_by("title")
    schools = access.visible_schools(user).filter(activities__section__program__in=programs)
    activities = []
    periods = []
    if queue_filter.program_id:
        activities = Activity.objects.filter(section__program_id=queue_filter.program_id).order_by(
            "section__position", "position", "id"
        )
        reports = QueueFilter(queue_filter.program_id, year=queue_filter.year).apply(
            access.visible_school_reports(user)
        )
        periods = [
            (end.isoformat(), ReportPeriod(start, end, end).label)
            for start, end in reports.values_list("period_start", "period_end")
            .distinct()
            .order_by("period_end", "period_start")
        ]
    return QueueChoices(
        programs=list(programs),
        schools=list(schools.distinct().order_by("name")),
        activities=list(activities),
        periods=list(dict(periods).items()),
    )
