"""Reads that span programs, sections, activities and years, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import F, Prefetch
from django.utils import timezone

from programs.charts import section_progress_chart
from programs.editions import diff_snapshots, snapshot
from programs.fingerprint import PageFingerprint
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
from programs.status import ExecutionStatus, completion_share
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


def roadmaps_of(programs, today=None) -> list[tuple]:
    """[(program, its roadmap)] for several programs, in a number of queries that does not grow
    with them (a dashboard draws each one's progress)."""
    programs = list(programs)
    sections = grouped(
        Section.objects.filter(program__in=programs).order_by("position", "id"),
        attrgetter("program_id"),
    )
    rows = rows_by_program(programs)
    return [
        (program, roadmap_of(program, today=today, loaded=(sections[program.pk], rows[program.pk])))
        for program in programs
    ]


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
