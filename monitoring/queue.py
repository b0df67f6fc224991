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
    HANDED_IN_STATUSES,
    EvidenceFile,
    ReportStatus,
    SchedulePeriod,
    SchoolReport,
    YearClosure,
)
from monitoring.periods import ReportPeriod
from monitoring.schedule_periods import fill_schedule_periods
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
)
from programs.models import Activity, ActivityYear, Program, Section
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


def missing_reports(
    user, queue_filter: QueueFilter, today: date, *, page: slice | None = None
) -> "MissingSlots":
    """Reports owed whose due date has passed and that nobody handed in, in open years: the
    earliest due first, then by school and activity. `page`: the rows the page will show, read
    together with the count (one pass over the scope instead of two)."""
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
        scope.append(f"s.program_id IN ({_placeholders(unlimited)})")
        params += unlimited
    for schools, program_ids in limited.items():
        scope.append(
            f"(s.program_id IN ({_placeholders(program_ids)}) "
            f"AND link.school_id IN ({_placeholders(schools)}))"
        )
        params += [*program_ids, *schools]
    if not scope:
        return MissingSlots("1 = 0", [], today, page)
    where, where_params = [f"({' OR '.join(scope)})"], params
    for column, value in (
        ("a.id", queue_filter.activity_id),
        ("link.school_id", queue_filter.school_id),
        ("y.year", queue_filter.year),
        ("d.period_end", queue_filter.period_end),
    ):
        if value:
            where.append(f"{column} = %s")
            where_params.append(value)
    cells = ActivityYear.objects.filter(
        activity__section__program__in=[*unlimited, *(pk for pks in limited.values() for pk in pks)]
    )
    fill_schedule_periods(cells)
    return MissingSlots(" AND ".join(where), where_params, today, page)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


class MissingSlots:
    """The slots not handed in, as the paginator reads them: their number, then one page of
    them, each in a fixed number of queries whatever the size of the region. The periods of each
    year cell come from the schedule-period cache (monitoring/schedule_periods.py)."""

    def __init__(self, where: str, params: list, today: date, page: slice | None = None):
        self.where, self.params, self.today, self.page = where, params, today, page
        self._rows = {}  # first row's offset → rows read from there

    def _from(self) -> tuple[str, list]:
        sql = f"""
            FROM {_table(Activity.schools.through)} link
            JOIN {_table(Activity)} a ON a.id = link.activity_id
            JOIN {_table(Section)} s ON s.id = a.section_id
            JOIN {_table(Program)} p ON p.id = s.program_id
            JOIN {_table(ActivityYear)} y ON y.activity_id = a.id
            JOIN {_table(SchedulePeriod)} d
              ON d.year = y.year
             AND d.planned_text = y.planned_text
             AND d.school_year = p.school_year
             AND d.carried_in = (y.carried_from_year IS NOT NULL)
             AND d.deadline = a.deadline
             AND d.has_cells = CASE WHEN y.planned_text <> '' THEN TRUE ELSE EXISTS (
                 SELECT 1 FROM {_table(ActivityYear)} planned
                 WHERE planned.activity_id = a.id AND planned.planned_text <> ''
             ) END
            JOIN {_table(School)} school ON school.id = link.school_id
            WHERE d.due < %s AND {self.where}
              AND NOT EXISTS (
                  SELECT 1 FROM {_table(YearClosure)} closure
                  WHERE closure.program_id = p.id AND closure.year = y.year AND closure.is_closed
              )
              AND NOT EXISTS (
                  SELECT 1 FROM {_table(SchoolReport)} report
                  WHERE report.school_id = link.school_id AND report.activity_id = a.id
                    AND report.year = y.year AND report.period_end = d.period_end
                    AND report.status IN ({_placeholders(HANDED_IN_STATUSES)})
              )
        """
        return sql, [self.today, *self.params, *sorted(HANDED_IN_STATUSES)]

    def _read(self, page: slice, *, with_count: bool) -> list:
        sql, params = self._from()
        # Schools by their name as shown, compared as Python compares strings (code points).
        label = "COALESCE(NULLIF(school.short_name, ''), school.name)"
        if connection.vendor == "postgresql":
            label += ' COLLATE "C"'
        total = ", COUNT(*) OVER ()" if with_count else ""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT link.school_id, a.id, y.id, d.period_start, d.period_end, d.due, "
                f"d.periods_in_year{total} {sql} "
                f"ORDER BY d.due, {label}, a.id, y.year, d.period_end, link.id "
                "LIMIT %s OFFSET %s",
                [*params, page.stop - page.start, page.start],
            )
            return cursor.fetchall()

    @cached_property
    def _count(self) -> int:
        if self.page is not None:
            rows = self._read(self.page, with_count=True)
            if rows:
                self._rows[self.page.start] = [row[:-1] for row in rows]
                return rows[0][-1]
        # No page asked, or one past the end (which says nothing of the count).
        sql, params = self._from()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {sql}", params)
            return cursor.fetchone()[0]

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, page: slice) -> list[Slot]:
        # The paginator asks for the last page up to the count: the rows read hold it.
        rows = self._rows.get(page.start)
        if rows is None or len(rows) < page.stop - page.start and page.stop < self._count:
            rows = self._read(page, with_count=False)
        return self._slots(rows[: page.stop - page.start])

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
