"""Reads that span programs, sections, activities and years, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from programs.cells import is_planned
from programs.models import Activity, ActivityExecutor, ActivityYear, Program, Section
from programs.status import ExecutionStatus, completion_share


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


def year_is_due(activity_year, activity_has_year_cells: bool) -> bool:
    """An activity is due in a year its cell plans; one without year cells is due every year."""
    return is_planned(activity_year.planned_text) if activity_has_year_cells else True


def _progress(activities, program_years):
    statuses = {py.year: [] for py in program_years}
    for activity in activities:
        years = list(activity.years.all())
        has_cells = any(y.planned_text.strip() for y in years)
        for activity_year in years:
            if activity_year.year in statuses and year_is_due(activity_year, has_cells):
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


def roadmap_of(program) -> Roadmap:
    sections = list(program.sections.order_by("position", "id"))
    activities = activities_with_plan(
        Activity.objects.filter(section__program=program).order_by("position", "id")
    )
    by_section = {section.pk: [] for section in sections}
    for activity in activities:
        by_section[activity.section_id].append(activity)
    years = program.years
    rows = [
        SectionRows(section, by_section[section.pk], _progress(by_section[section.pk], years))
        for section in sections
    ]
    all_activities = [a for row in rows for a in row.activities]
    progress = _progress(all_activities, years)
    done = sum(p.done for p in progress)
    due = sum(p.due for p in progress)
    overall = YearProgress("весь период", 0, done / due if due else None, done, due)
    return Roadmap(rows, progress, overall)


def public_programs():
    """Programs published on the open page: approved or completed, and not switched off."""
    return Program.objects.filter(
        is_public=True, status__in=[Program.Status.APPROVED, Program.Status.COMPLETED]
    )
