"""Reads that span programs, sections, activities and years, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import Count, F, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from monitoring.schedule_periods import fill_schedule_periods, periods_of_cell, with_schedule_key
from programs.charts import progress_chart, section_progress_chart
from programs.editions import diff_snapshots, snapshot
from programs.fingerprint import PageFingerprint, fingerprint
from programs.models import (
    Activity,
    ActivityExecutor,
    ActivityYear,
    Edition,
    Financing,
    Program,
    Section,
)
from programs.schedule import annotate_schedule
from programs.status import CLOSED_STATUSES, ExecutionStatus, completion_share
from schools.models import Party, School


@dataclass
class YearProgress:
    label: str
    year: int
    share: float | None
    done: int
    due: int


@dataclass
class SectionRows:
    section: Section
    activities: list
    progress: list[YearProgress] = field(default_factory=list)


@dataclass(frozen=True)
class RoadmapFilter:
    """What a person narrowed the roadmap to; empty values mean no narrowing."""

    year: int | None = None
    status: str = ""
    party_id: int | None = None
    school_id: int | None = None
    overdue_only: bool = False
    text: str = ""

    @property
    def is_active(self):
        return any(
            (self.year, self.status, self.party_id, self.school_id, self.overdue_only, self.text)
        )

    def keeps(self, activity) -> bool:
        years = [y for y in activity.year_cells if self.year in (None, y.year)]
        if self.year and not any(y.is_due for y in years):
            return False
        if self.status and not any(y.status == self.status for y in years):
            return False
        if self.overdue_only and not any(y.is_overdue for y in years):
            return False
        if self.party_id and self.party_id not in {
            link.party_id for link in activity.executor_list
        }:
            return False
        if self.school_id and self.school_id not in activity.school_ids:
            return False
        if self.text:
            haystack = " ".join(
                (activity.number, activity.title, activity.executors_text, activity.result_name)
            ).lower()
            return self.text.lower() in haystack
        return True


def activities_with_plan(activities):
    """Prefetch what the roadmap table shows of each activity."""
    return activities.prefetch_related(
        Prefetch("years", queryset=ActivityYear.objects.order_by("year")),
        Prefetch(
            "executor_links",
            queryset=ActivityExecutor.objects.select_related("party").order_by("position"),
        ),
        "schools",
    )


def grouped(rows, key) -> defaultdict:
    """Rows in lists by `key(row)`, in the order they come."""
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def roadmap_rows(program) -> list:
    """The program's activities with `year_cells`, `executor_list` and `school_ids` attached."""
    return rows_by_program([program])[program.pk]


def rows_by_program(programs) -> defaultdict:
    """{program id: its activities as roadmap_rows gives them}, for several programs at once.

    One query per kind, grouped in Python: prefetch_related would build a related manager per
    activity, which costs more than the rest of the roadmap page on a 1,000-row program.
    """
    in_programs = {"activity__section__program__in": programs}
    activities = (
        Activity.objects.filter(section__program__in=programs)
        .select_related("responsible")
        .annotate(program_pk=F("section__program_id"))
        .order_by("position", "id")
    )
    by_activity = attrgetter("activity_id")
    years = grouped(ActivityYear.objects.filter(**in_programs).order_by("year"), by_activity)
    links = grouped(
        ActivityExecutor.objects.filter(**in_programs)
        .select_related("party")
        .order_by("position", "id"),
        by_activity,
    )
    schools = defaultdict(set)
    for activity_id, school_id in Activity.schools.through.objects.filter(
        **in_programs
    ).values_list("activity_id", "school_id"):
        schools[activity_id].add(school_id)
    rows = defaultdict(list)
    for activity in activities:
        activity.year_cells = years[activity.pk]
        activity.executor_list = links[activity.pk]
        activity.school_ids = schools[activity.pk]
        activity.responsible_label = str(activity.responsible) if activity.responsible else ""
        rows[activity.program_pk].append(activity)
    return rows


def _progress(activities, program_years):
    statuses = {py.year: [] for py in program_years}
    for activity in activities:
        for activity_year in activity.year_cells:
            if activity_year.year in statuses and activity_year.is_due:
                statuses[activity_year.year].append(activity_year.status)
    return [
        YearProgress(
            label=py.label,
            year=py.year,
            share=completion_share(statuses[py.year]),
            done=sum(s == ExecutionStatus.DONE for s in statuses[py.year]),
            due=sum(s != ExecutionStatus.CANCELLED for s in statuses[py.year]),
        )
        for py in program_years
    ]


@dataclass
class Roadmap:
    sections: list[SectionRows]
    progress: list[YearProgress]
    overall: YearProgress
    overdue: list = field(default_factory=list)
    shown: int = 0
    total: int = 0
    # Every activity in roadmap order, whatever the filter shows: editions compare all of them.
    all_sections: list = field(default_factory=list)
    all_activities: list = field(default_factory=list)

    @property
    def section_chart(self):
        return section_progress_chart(self)


# --- The municipality dashboard ----------------------------------------------------------


@dataclass
class ProgramProgress:
    """A program as the dashboard draws it: the progress bars and the overdue count of its
    roadmap, read as sums in SQL rather than from the roadmap (see dashboard_of)."""

    program: Program
    total: int
    overdue: int
    progress: list[YearProgress]
    overall: YearProgress
    sections: list[tuple[Section, int, int]]  # each section's done and due over the period

    @property
    def section_chart(self):
        return progress_chart((str(section), done, due) for section, done, due in self.sections)


@dataclass
class Dashboard:
    """The municipality dashboard's figures (drafts owe nothing: no overdue count or rows)."""

    programs: list[ProgramProgress]
    overdue: list  # the first overdue activities, with `executor_list` and `program_title`


def dashboard_of(programs, overdue_limit: int, today=None) -> Dashboard:
    """What the municipality dashboard shows of the programs, in a number of queries that does
    not grow with them or their roadmaps: the figures of roadmap_of(program), summed by the
    database, and the first `overdue_limit` overdue activities (drafts owe nothing)."""
    today = today or timezone.localdate()
    programs = list(programs.order_by("-start_year", "title", "id"))
    sections = grouped(
        Section.objects.filter(program__in=programs)
        .annotate(activity_count=Count("activities"))
        .order_by("position", "id"),
        attrgetter("program_id"),
    )
    plain_cells = ActivityYear.objects.filter(activity__section__program__in=programs)
    cells = _with_schedule(plain_cells)
    sums, all_cached = _done_and_due(cells)
    if not all_cached:
        fill_schedule_periods(plain_cells)
        sums, _all_cached = _done_and_due(cells)
    # A cell carried over to a later year owes it there; a closed one owes nothing.
    overdue_cells = (
        cells.filter(carried_to_year__isnull=True)
        .exclude(status__in=CLOSED_STATUSES)
        .filter(final_due__lt=today)
    )
    # The first overdue activities, and each program's first one with the program's count:
    # one pass over the overdue cells for both.
    roadmap_order = [
        "-section__program__start_year",
        "section__program__title",
        "section__program_id",
        "section__position",
        "section_id",
        "position",
        "id",
    ]
    in_program = F("section__program_id")
    overdue = list(
        Activity.objects.filter(
            pk__in=overdue_cells.values("activity"), section__program__in=programs
        )
        .exclude(section__program__status=Program.Status.DRAFT)
        .only("number", "title", "deadline", "executors_text")
        .annotate(
            program_pk=in_program,
            program_title=F("section__program__title"),
            overdue_in_program=Window(Count("pk"), partition_by=in_program),
            place=Window(RowNumber(), order_by=roadmap_order),
            place_in_program=Window(RowNumber(), partition_by=in_program, order_by=roadmap_order),
        )
        .filter(Q(place__lte=overdue_limit) | Q(place_in_program=1))
        .order_by("place")
    )
    counts = {a.program_pk: a.overdue_in_program for a in overdue if a.place_in_program == 1}
    return Dashboard(
        [
            _program_progress(program, sections[program.pk], sums, counts.get(program.pk, 0))
            for program in programs
        ],
        _with_executors([a for a in overdue if a.place <= overdue_limit]),
    )


def dashboard_fingerprint(programs) -> str:
    """A fingerprint (programs/fingerprint.py) of all dashboard_of reads of the programs: the
    programs, their sections, activities, year cells and executors with their names. The
    schedule-period cache needs none: its rows follow from keys (deadline, year, plan, kind of
    year, carry-over) that these rows hold."""
    in_programs = {"activity__section__program__in": programs}
    return fingerprint(
        (programs, "pk", "revision"),
        (Section.objects.filter(program__in=programs), "pk", "revision"),
        (Activity.objects.filter(section__program__in=programs), "pk", "revision"),
        (ActivityYear.objects.filter(**in_programs), "pk", "revision"),
        (ActivityExecutor.objects.filter(**in_programs), "pk", "revision", "party__revision"),
    )


def _with_schedule(cells):
    """Year cells with their schedule from the schedule-period cache (monitoring/
    schedule_periods.py): `periods` a year (0 when not due, as annotate_schedule's `is_due` is
    false; None when the key is not cached yet) and `final_due` (overdue after it)."""
    # Looked up cell by cell (LIMIT 1): a query the planner cannot turn into a join, whose cost
    # does not depend on its guesses of how many cells match how many keys.
    of_cell = periods_of_cell()
    return with_schedule_key(cells).annotate(
        periods=Subquery(of_cell.values("periods_in_year")[:1]),
        final_due=Subquery(of_cell.values("final_due")[:1]),
    )


def _done_and_due(cells) -> tuple[dict, bool]:
    """{(section id, year): [cells done, cells due]}, and whether every cell's key was in the
    cache (seen in the same pass: a page that finds them all there, as nearly every one does,
    reads nothing more)."""
    sums, all_cached = defaultdict(lambda: [0, 0]), True
    for section, year, status, periods, count in (
        cells.values("year", "status", "periods", section=F("activity__section_id"))
        .annotate(cells=Count("pk"))
        .order_by()
        .values_list("section", "year", "status", "periods", "cells")
    ):
        all_cached = all_cached and periods is not None
        if periods and status != ExecutionStatus.CANCELLED:
            sums[section, year][0] += count if status == ExecutionStatus.DONE else 0
            sums[section, year][1] += count
    return sums, all_cached


def _program_progress(program, sections, sums, overdue) -> ProgramProgress:
    """The bars of one program from the sums of done and due cells by (section, year)."""
    by_section = [
        (section, [sums.get((section.pk, py.year), (0, 0)) for py in program.years])
        for section in sections
    ]
    progress = []
    for index, py in enumerate(program.years):
        done = sum(figures[index][0] for _section, figures in by_section)
        due = sum(figures[index][1] for _section, figures in by_section)
        progress.append(YearProgress(py.label, py.year, done / due if due else None, done, due))
    done = sum(p.done for p in progress)
    due = sum(p.due for p in progress)
    return ProgramProgress(
        program,
        sum(section.activity_count for section in sections),
        overdue,
        progress,
        YearProgress("весь период", 0, done / due if due else None, done, due),
        [
            (section, sum(done for done, _due in figures), sum(due for _done, due in figures))
            for section, figures in by_section
        ],
    )


def _with_executors(activities) -> list:
    """The activities with `executor_list` attached (as rows_by_program attaches it)."""
    activities = list(activities)
    links = grouped(
        ActivityExecutor.objects.filter(activity__in=activities)
        .select_related("party")
        .order_by("position", "id"),
        attrgetter("activity_id"),
    )
    for activity in activities:
        activity.executor_list = links[activity.pk]
    return activities


def roadmap_of(
    program, roadmap_filter: RoadmapFilter | None = None, today=None, *, loaded=None
) -> Roadmap:
    """The program's roadmap with schedule and progress; progress always counts every activity.

    `loaded`: its (sections, roadmap rows) when already read with other programs'."""
    today = today or timezone.localdate()
    roadmap_filter = roadmap_filter or RoadmapFilter()
    sections, activities = loaded or (
        list(program.sections.order_by("position", "id")),
        roadmap_rows(program),
    )
    by_section = {section.pk: [] for section in sections}
    for activity in activities:
        annotate_schedule(
            activity, activity.year_cells, school_year=program.school_year, today=today
        )
        by_section[activity.section_id].append(activity)
    years = program.years
    all_activities = [a for section in sections for a in by_section[section.pk]]
    rows = [
        SectionRows(
            section,
            [a for a in by_section[section.pk] if roadmap_filter.keeps(a)],
            _progress(by_section[section.pk], years),
        )
        for section in sections
    ]
    progress = _progress(all_activities, years)
    done = sum(p.done for p in progress)
    due = sum(p.due for p in progress)
    overall = YearProgress("весь период", 0, done / due if due else None, done, due)
    overdue = [a for a in all_activities if any(y.is_overdue for y in a.year_cells)]
    if roadmap_filter.is_active:
        rows = [row for row in rows if row.activities]
    return Roadmap(
        rows,
        progress,
        overall,
        overdue=overdue,
        shown=sum(len(row.activities) for row in rows),
        total=len(all_activities),
        all_sections=sections,
        all_activities=all_activities,
    )


def roadmap_parts(program_id, municipality_id) -> tuple:
    """What the program page reads of its roadmap, as fingerprint parts (programs/fingerprint.py):
    the program, its sections, activities with their responsible staff, year cells, executors
    with their names, schools, financing, approved editions, and the municipality's parties and
    schools the roadmap may be filtered by."""
    in_program = {"activity__section__program": program_id}
    return (
        (Party.objects.filter(municipality=municipality_id), "pk", "revision"),
        (School.objects.filter(municipality=municipality_id), "pk", "revision"),
        (Program.objects.filter(pk=program_id), "pk", "revision"),
        (Section.objects.filter(program=program_id), "pk", "revision"),
        (
            Activity.objects.filter(section__program=program_id),
            "pk",
            "revision",
            "responsible__revision",
        ),
        (ActivityYear.objects.filter(**in_program), "pk", "revision"),
        (ActivityExecutor.objects.filter(**in_program), "pk", "revision", "party__revision"),
        (Activity.schools.through.objects.filter(**in_program), "pk"),
        (Financing.objects.filter(**in_program), "pk", "revision"),
        (Edition.objects.filter(program=program_id), "pk", "revision"),
    )


_roadmap_fingerprint = PageFingerprint(roadmap_parts)


def roadmap_fingerprint(program) -> str:
    return _roadmap_fingerprint(program.pk, program.municipality_id)


def public_programs():
    """Programs published on the open page: approved or completed, and not switched off."""
    return Program.objects.filter(
        is_public=True, status__in=[Program.Status.APPROVED, Program.Status.COMPLETED]
    )


# --- Editions -------------------------------------------------------------------------------


def roadmap_snapshot(program, sections=None, activities=None) -> dict:
    """The program's current plan as an edition stores it; pass the roadmap's rows if loaded."""
    if activities is None:
        sections = list(program.sections.order_by("position", "id"))
        order = {section.pk: index for index, section in enumerate(sections)}
        activities = sorted(
            roadmap_rows(program), key=lambda a: (order[a.section_id], a.position, a.pk)
        )
    labels = {py.year: py.label for py in program.years}
    return snapshot(sections, activities, labels)


@dataclass
class EditionState:
    """Where a program's roadmap stands against its approved editions."""

    latest: Edition | None
    pending: list  # changes since the latest approved edition (the draft edition)

    @property
    def has_unapproved_changes(self) -> bool:
        return self.latest is not None and bool(self.pending)

    @property
    def label(self) -> str:
        return self.latest.order_label if self.latest else ""


def edition_state(program, roadmap: "Roadmap | None" = None) -> EditionState:
    latest = program.editions.order_by("-number").first()
    if roadmap is not None:
        current = roadmap_snapshot(program, roadmap.all_sections, roadmap.all_activities)
    else:
        current = roadmap_snapshot(program)
    pending = diff_snapshots(latest.snapshot if latest else None, current)
    return EditionState(latest, pending)


def edition_in_force(program, on_date) -> Edition | None:
    """The edition whose order was the latest on that date: a past year's справка names it."""
    return (
        program.editions.filter(order_date__lte=on_date).order_by("-order_date", "-number").first()
    )


# --- Money ----------------------------------------------------------------------------------


def program_money(program):
    """«Ресурсное обеспечение» of a program: sums by source and year in one query."""
    from django.db.models import Sum

    from programs.money import money_table

    sums = (
        Financing.objects.filter(activity__section__program=program)
        .values("source", "year")
        .annotate(planned_sum=Sum("planned"), actual_sum=Sum("actual"))
        .order_by("source", "year")
        .values_list("source", "year", "planned_sum", "actual_sum")
    )
    return money_table(program.years, sums)
