"""The coordinator's review queue: handed-in reports by state, reports not handed in, filters."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts import access
from monitoring.models import (
    EvidenceFile,
    OwedReport,
    ReportStatus,
    SchoolReport,
)
from monitoring.owed import sql_placeholders
from monitoring.periods import ReportPeriod
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
)
from programs.models import Activity, ActivityYear, Program
from schools.models import Municipality, School

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


def queue_reports(user, status: str, queue_filter: QueueFilter):
    """Handed-in reports in one state, in the user's scope; the longest waiting first."""
    reports = queue_filter.apply(
        SchoolReport.objects.visible_to(user).filter(
            status=status, activity__section__program__status__in=REPORTING_PROGRAM_STATUSES
        )
    )
    order = ["submitted_at", "id"] if status == ReportStatus.SUBMITTED else ["-updated_at", "-id"]
    return (
        reports.select_related("school", "activity__section__program__municipality")
        # A count per row of the page: Count("files") joined and grouped the whole scope.
        .annotate(
            file_count=Coalesce(
                Subquery(
                    EvidenceFile.objects.filter(report=OuterRef("pk"))
                    .order_by()
                    .values("report")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            )
        )
        .order_by(*order)
    )


def _programs_read_as_staff(user):
    """Programs of the municipalities the user reads whole (as staff or regional observer)."""
    return Program.objects.visible_to(user).filter(
        municipality__in=Municipality.objects.visible_to(user).values("pk"),
        status__in=REPORTING_PROGRAM_STATUSES,
    )


def missing_reports(user, queue_filter: QueueFilter, today: date) -> "MissingSlots":
    """Reports owed whose due date has passed and that nobody handed in, in open years: the
    earliest due first, then by school and activity. Read from the stored reports owed
    (monitoring/owed.py)."""
    programs = _programs_read_as_staff(user).select_related("municipality")
    if queue_filter.program_id:
        programs = programs.filter(pk=queue_filter.program_id)
    # Schools each program's reports are read for: all, or a curator's own (by municipality).
    unlimited, limited = [], defaultdict(list)
    for program in programs.only("pk", "municipality__region_id"):
        limit = access.school_report_schools(user, program)
        if limit is None:
            unlimited.append(program.pk)
        elif limit:
            limited[frozenset(limit)].append(program.pk)
    scope, params = [], []
    if unlimited:
        scope.append(f"program_id IN ({sql_placeholders(unlimited)})")
        params += unlimited
    for schools, program_ids in limited.items():
        scope.append(
            f"(program_id IN ({sql_placeholders(program_ids)}) "
            f"AND school_id IN ({sql_placeholders(schools)}))"
        )
        params += [*program_ids, *schools]
    if not scope:
        return MissingSlots("1 = 0", [], today)
    where, where_params = [f"({' OR '.join(scope)})"], params
    for column, value in (
        ("activity_id", queue_filter.activity_id),
        ("school_id", queue_filter.school_id),
        ("year", queue_filter.year),
        ("period_end", queue_filter.period_end),
    ):
        if value:
            where.append(f"{column} = %s")
            where_params.append(value)
    return MissingSlots(" AND ".join(where), where_params, today)


class MissingSlots:
    """The slots not handed in, as the paginator reads them: their number, then one page of
    them, each in a fixed number of queries whatever the size of the region."""

    def __init__(self, where: str, params: list, today: date):
        self.where, self.params, self.today = where, params, today

    def _from(self) -> tuple[str, list]:
        table = connection.ops.quote_name(OwedReport._meta.db_table)
        return f"FROM {table} WHERE due < %s AND {self.where}", [self.today, *self.params]

    @cached_property
    def _count(self) -> int:
        sql, params = self._from()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {sql}", params)
            return cursor.fetchone()[0]

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, page: slice) -> list[Slot]:
        sql, params = self._from()
        # Schools by their name as shown, compared as Python compares strings (code points);
        # the order of the index of migration 0006.
        label = "school_label"
        if connection.vendor == "postgresql":
            label += ' COLLATE "C"'
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT school_id, activity_id, activity_year_id, period_start, period_end, due, "
                f"periods_in_year {sql} "
                f"ORDER BY due, {label}, activity_id, year, period_end, school_id "
                "LIMIT %s OFFSET %s",
                [*params, page.stop - page.start, page.start],
            )
            return self._slots(cursor.fetchall())

    def _slots(self, rows) -> list[Slot]:
        schools = School.objects.in_bulk({row[0] for row in rows})
        activities = Activity.objects.select_related("section__program__municipality").in_bulk(
            {row[1] for row in rows}
        )
        cells = ActivityYear.objects.in_bulk({row[2] for row in rows})
        # Drafts: begun, not handed in (the page says so).
        drafts = SchoolReport.objects.filter(
            school_id__in=schools, activity_id__in=activities, status=ReportStatus.DRAFT
        )
        by_key = {(r.school_id, r.activity_id, r.year, r.period_end): r for r in drafts}
        return [
            Slot(
                school=schools[school_id],
                activity=activities[activity_id],
                activity_year=cells[cell_id],
                period=ReportPeriod(_date(start), _date(end), _date(due)),
                periods_in_year=periods_in_year,
                report=by_key.get((school_id, activity_id, cells[cell_id].year, _date(end))),
                is_closed=False,
                today=self.today,
            )
            for school_id, activity_id, cell_id, start, end, due, periods_in_year in rows
        ]


def _date(value) -> date:
    """SQLite hands raw-SQL dates back as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass
class QueueChoices:
    programs: list[tuple[int, str]]  # (id, title)
    schools: list[tuple[int, str]]  # (id, name as shown)
    activities: list
    periods: list[tuple[str, str]]  # (period key, label)


def queue_choices(user, queue_filter: QueueFilter) -> QueueChoices:
    """The values the queue's filters offer: schools, activities and periods once a program is
    chosen (a region has a thousand schools: not a list to send with every page)."""
    programs = _programs_read_as_staff(user).order_by("title", "pk")
    schools = School.objects.visible_to(user)
    activities, periods = [], []
    if queue_filter.program_id:
        schools = schools.filter(activities__section__program_id=queue_filter.program_id)
        activities = Activity.objects.filter(section__program_id=queue_filter.program_id).order_by(
            "section__position", "position", "id"
        )
        reports = QueueFilter(queue_filter.program_id, year=queue_filter.year).apply(
            SchoolReport.objects.visible_to(user)
        )
        periods = [
            (end.isoformat(), ReportPeriod(start, end, end).label)
            for start, end in reports.values_list("period_start", "period_end")
            .distinct()
            .order_by("period_end", "period_start")
        ]
    elif queue_filter.school_id:
        schools = schools.filter(pk=queue_filter.school_id)
    else:
        schools = schools.none()
    return QueueChoices(
        programs=list(programs.values_list("pk", "title")),
        schools=[
            (pk, short_name or name)
            for pk, name, short_name in schools.distinct()
            .order_by("name", "pk")
            .values_list("pk", "name", "short_name")
        ],
        activities=list(activities),
        periods=list(dict(periods).items()),
    )
