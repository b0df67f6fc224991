"""The coordinator's review queue: handed-in reports by state, reports not handed in, filters."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from accounts import access
from display.formats import shortened
from monitoring.models import (
    EvidenceFile,
    OwedCount,
    OwedReport,
    ReportStatus,
    SchoolReport,
)
from monitoring.owed import sql_placeholders, sql_table
from monitoring.periods import ReportPeriod
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


class ReadProgram(NamedTuple):
    pk: int
    title: str
    municipality_id: int
    region_id: int


@dataclass(frozen=True)
class ProgramScope:
    """The programs whose reports the queue lists: those of the municipalities the user reads
    whole (as staff or regional observer) that report, each read for every school or, for a
    curator limited to some schools, for those."""

    # (program ids, the schools read; None means all of them)
    groups: tuple[tuple[tuple[int, ...], frozenset[int] | None], ...]
    # Of all the database's programs: a region's observer reads nearly all of them.
    programs_in_database: int
    # A school's head reads its reports in every program (accounts/access.py).
    head_schools: frozenset[int] = frozenset()

    @classmethod
    def of(cls, user, programs: list[ReadProgram]) -> "ProgramScope":
        by_schools = defaultdict(list)
        for pk, _title, municipality_id, region_id in programs:
            schools = access.school_report_schools_in(user, municipality_id, region_id)
            if schools is None or schools:
                by_schools[None if schools is None else frozenset(schools)].append(pk)
        groups = tuple((tuple(ids), schools) for schools, ids in by_schools.items())
        head_schools = frozenset(access.scope_of(user).head_schools)
        return cls(groups, Program.objects.count(), head_schools)

    def reports(self, *, joined: bool):
        """The school reports of the scope, and those of the schools the user heads in programs
        that report."""
        reports = self._program_reports(joined=joined)
        if self.head_schools:
            reports |= SchoolReport.objects.filter(
                school__in=self.head_schools,
                activity__section__program__status__in=REPORTING_PROGRAM_STATUSES,
            )
        return reports

    def _program_reports(self, *, joined: bool):
        """The school reports of the programs in the scope. A page of rows, read in order from
        an index, joins the activity and section it shows anyway (`joined`). Counted over a
        region, joining the reports to their activities, sections, programs and municipalities
        cost more than the page's every other query together (EXPLAIN ANALYZE on
        generate_region's region): the reports are matched by activity instead, the activities
        by section, the sections by id (named, they are read from the index on section; joined,
        the planner scans all the activities)."""
        if not joined and len(self.groups) == 1 and self.groups[0][1] is None:
            program_ids = self.groups[0][0]
            # A region's observer reads nearly all programs: name the few others instead
            # (every report is of one program).
            others_fewer = self.programs_in_database - len(program_ids) < len(program_ids)
            sections = Section.objects.filter(program_id__in=program_ids)
            if others_fewer:
                sections = Section.objects.exclude(program_id__in=program_ids)
            section_ids = list(sections.values_list("pk", flat=True))
            activities = Activity.objects.filter(section__in=section_ids).values("pk")
            reports = SchoolReport.objects
            return (
                reports.exclude(activity__in=activities)
                if others_fewer
                else reports.filter(activity__in=activities)
            )
        condition = Q(pk__in=[])
        for program_ids, schools in self.groups:
            if joined:
                part = Q(activity__section__program__in=program_ids)
            else:
                activities = Activity.objects.filter(section__program__in=program_ids)
                part = Q(activity__in=activities.values("pk"))
            condition |= part & Q(school__in=schools) if schools is not None else part
        return SchoolReport.objects.filter(condition)

    def sql(self, *, whole: bool | None = None) -> tuple[str, list]:
        """The scope as a condition on a table with program_id and school_id (OwedReport): of
        all the programs, or only of those read for every school (`whole=True`: a condition on
        program_id alone, OwedCount has no school) or of those read for some (`whole=False`)."""
        scope, params = [], []
        for program_ids, schools in self.groups:
            if whole is not None and whole != (schools is None):
                continue
            condition = f"program_id IN ({sql_placeholders(program_ids)})"
            params += program_ids
            if schools is not None:
                condition = f"({condition} AND school_id IN ({sql_placeholders(schools)}))"
                params += schools
            scope.append(condition)
        return f"({' OR '.join(scope) or '1 = 0'})", params


# What a row of the queue shows, and what deciding on it reads (access.can_review).
QUEUE_ROW_FIELDS = [
    *("school_id", "activity_id", "period_start", "period_end", "status", "version"),
    *("updated_at", "submitted_at", "school__name", "school__short_name"),
    *("activity__number", "activity__title", "activity__section__program__title"),
    "activity__section__program__municipality_id",
]


class ReviewQueue:
    """A user's review queue narrowed by the filter: the reports handed in (their number in each
    state for the tabs, then one state's rows) and the reports owed not handed in."""

    def __init__(self, user, queue_filter: QueueFilter):
        self.queue_filter = queue_filter
        # Read once for the scope and for the filter's list of programs.
        self.programs = [
            ReadProgram(*row)
            for row in _programs_read_as_staff(user)
            .order_by("title", "pk")
            .values_list("pk", "title", "municipality_id", "municipality__region_id")
        ]
        chosen = [p for p in self.programs if p.pk == queue_filter.program_id]
        self.scope = ProgramScope.of(user, chosen if queue_filter.program_id else self.programs)

    def _handed_in(self, *, joined: bool):
        # The program is narrowed in the scope already.
        narrowing = replace(self.queue_filter, program_id=None)
        return narrowing.apply(self.scope.reports(joined=joined))

    @cached_property
    def counts(self) -> dict[str, int]:
        tabs = [status for _title, status in QUEUE_TABS.values() if status]
        reports = self._handed_in(joined=False).filter(status__in=tabs)
        return dict(reports.values_list("status").annotate(count=Count("pk")).order_by())

    def in_state(self, status: str) -> "KnownCount":
        """Reports in one state, the longest waiting first (or the latest changed)."""
        order = (
            ["submitted_at", "id"] if status == ReportStatus.SUBMITTED else ["-updated_at", "-id"]
        )
        reports = (
            self._handed_in(joined=True)
            .filter(status=status)
            .select_related("school", "activity__section__program")
            .only(*QUEUE_ROW_FIELDS)
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
        return KnownCount(reports, self.counts.get(status, 0))

    def missing(self, today: date) -> "MissingSlots":
        """Reports owed whose due date has passed and that nobody handed in, in open years: the
        earliest due first, then by school and activity. Read from the stored reports owed
        (monitoring/owed.py)."""
        narrowing = [
            (column, value)
            for column, value in (
                ("activity_id", self.queue_filter.activity_id),
                ("school_id", self.queue_filter.school_id),
                ("year", self.queue_filter.year),
                ("period_end", self.queue_filter.period_end),
            )
            if value
        ]
        return MissingSlots(self.scope, narrowing, today)


class KnownCount:
    """Rows whose number is known already (a tab's count): the paginator does not count again."""

    def __init__(self, rows, count: int):
        self.rows, self._count = rows, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, page: slice) -> list:
        return list(self.rows[page])


def _programs_read_as_staff(user):
    """Programs of the municipalities the user reads whole (as staff or regional observer)."""
    return Program.objects.visible_to(user).filter(
        municipality__in=Municipality.objects.visible_to(user).values("pk"),
        status__in=REPORTING_PROGRAM_STATUSES,
    )


class MissingSlots:
    """The slots not handed in, as the paginator reads them: their number, then one page of
    them, each in a fixed number of queries whatever the size of the region."""

    def __init__(self, scope: ProgramScope, narrowing: list[tuple[str, object]], today: date):
        self.scope, self.narrowing, self.today = scope, narrowing, today

    def _from(self, model, scope: tuple[str, list]) -> tuple[str, list]:
        """FROM and WHERE of the rows of `model` (OwedReport or OwedCount) in the scope given,
        due before today and narrowed by the filter."""
        where, params = ["due < %s", scope[0]], [self.today, *scope[1]]
        for column, value in self.narrowing:
            where.append(f"{column} = %s")
            params.append(value)
        return f"FROM {sql_table(model)} WHERE {' AND '.join(where)}", params

    @cached_property
    def _count(self) -> int:
        """The rows counted or, of the programs read for every school when neither a school nor
        an activity is chosen, their counts per year, period and due date summed (OwedCount): a
        region's observer would count a hundred thousand rows and more."""
        if any(column in {"school_id", "activity_id"} for column, _value in self.narrowing):
            parts = [("COUNT(*)", self._from(OwedReport, self.scope.sql()))]
        else:
            parts = [
                ("COALESCE(SUM(count), 0)", self._from(OwedCount, self.scope.sql(whole=True))),
                ("COUNT(*)", self._from(OwedReport, self.scope.sql(whole=False))),
            ]
        sql = " + ".join(f"(SELECT {aggregate} {rows})" for aggregate, (rows, _params) in parts)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql}", [p for _sql, (_rows, params) in parts for p in params])
            return cursor.fetchone()[0]

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, page: slice) -> list[Slot]:
        sql, params = self._from(OwedReport, self.scope.sql())
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


class Choice(NamedTuple):
    """One option of a filter's list, ready to show: a region's programs are listed with every
    page, and the template's filters per option cost more than the page's rows."""

    value: str
    label: str
    selected: bool


def choices_of(rows, chosen: int | None, width: int | None = None) -> list[Choice]:
    """Options from (id, label) rows; labels cut to `width` characters if given."""
    return [
        Choice(str(pk), shortened(label, width) if width else label, pk == chosen)
        for pk, label in rows
    ]


@dataclass
class QueueChoices:
    programs: list[Choice]  # titles cut to 70 characters
    schools: list[Choice]  # names as shown
    activities: list
    periods: list[tuple[str, str]]  # (period key, label)


def queue_choices(user, queue: ReviewQueue) -> QueueChoices:
    """The values the queue's filters offer: schools, activities and periods once a program is
    chosen (a region has a thousand schools: not a list to send with every page)."""
    queue_filter = queue.queue_filter
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
        programs=choices_of(
            ((program.pk, program.title) for program in queue.programs), queue_filter.program_id, 70
        ),
        schools=choices_of(
            (
                (pk, short_name or name)
                for pk, name, short_name in schools.distinct()
                .order_by("name", "pk")
                .values_list("pk", "name", "short_name")
            ),
            queue_filter.school_id,
        ),
        activities=list(activities),
        periods=list(dict(periods).items()),
    )
