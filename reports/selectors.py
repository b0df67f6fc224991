"""Gather a report's data once, as plain dataclasses that both builders read."""

from collections import defaultdict

from django.utils import timezone

from monitoring.selectors import school_report_sections
from programs.cells import planned_number
from programs.models import Program
from programs.schedule import annotate_schedule
from programs.selectors import roadmap_of, roadmap_rows
from programs.status import STATUS_LABELS, ExecutionStatus
from reports.data import (
    ActivityRow,
    ChartSeries,
    IndicatorRow,
    OfficialRoadmap,
    RoadmapTableRow,
    SectionBar,
    Signature,
    Spravka,
    StatusCount,
    SummaryRow,
    TargetSchool,
    TitleBlock,
)

NO_EXECUTOR = "исполнитель не указан"


def title_block(program: Program, year: int | None) -> TitleBlock:
    municipality = program.municipality
    year_label = next((py.label for py in program.years if py.year == year), "")
    return TitleBlock(
        department=municipality.department_name or f"Управление образования: {municipality}",
        program_title=program.title,
        order=program.order_label,
        period=program.period_label,
        year_label=year_label,
        made_on=timezone.localdate(),
        municipality=municipality.name,
    )


def summary_row(label: str, statuses: list[str]) -> SummaryRow:
    due = len(statuses)
    counts = [
        StatusCount(
            status=status.value,
            label=status.label,
            count=(count := sum(s == status for s in statuses)),
            share=count / due if due else 0.0,
        )
        for status in ExecutionStatus
    ]
    return SummaryRow(label=label, due=due, counts=counts)


def _year_cell(activity, year):
    return next((y for y in activity.year_cells if y.year == year), None)


def _target_schools(program, year):
    statuses_by_school = {}
    schools = program.target_schools.prefetch_related("statuses").order_by("name")
    for school in schools:
        status = next((s for s in school.statuses.all() if s.year == year), None)
        statuses_by_school[school] = status
    return [
        TargetSchool(
            name=school.name,
            groups=status.groups_label if status else "статус на год не указан",
            cohort=status.cohort if status else "",
            source=status.source if status else "",
        )
        for school, status in statuses_by_school.items()
    ]


def _indicators(program):
    rows = []
    labels = {py.year: py.label for py in program.years}
    for indicator in program.indicators.prefetch_related("values").order_by("position", "id"):
        for value in sorted(indicator.values.all(), key=lambda v: v.year):
            rows.append(
                IndicatorRow(
                    name=indicator.name,
                    unit=indicator.unit,
                    year_label=labels.get(value.year, str(value.year)),
                    target=value.target,
                    actual=value.actual,
                    target_number=planned_number(value.target),
                    actual_number=planned_number(value.actual),
                    deviation=value.deviation,
                )
            )
    return rows


def spravka_data(program: Program, year: int, report_text=None, today=None) -> Spravka:
    """Everything the справка for one program year shows, computed in a fixed number of queries."""
    today = today or timezone.localdate()
    sections = list(program.sections.order_by("position", "id"))
    section_titles = {section.pk: str(section) for section in sections}
    section_order = {section.pk: index for index, section in enumerate(sections)}
    activities = sorted(
        roadmap_rows(program), key=lambda a: (section_order[a.section_id], a.position, a.pk)
    )
    all_statuses, by_section, by_executor, rows = [], defaultdict(list), defaultdict(list), []
    for activity in activities:
        annotate_schedule(
            activity, activity.year_cells, school_year=program.school_year, today=today
        )
        cell = _year_cell(activity, year)
        if cell is None or not cell.is_due:
            continue
        all_statuses.append(cell.status)
        by_section[activity.section_id].append(cell.status)
        executors = [link.party.short_name or link.party.name for link in activity.executor_list]
        for executor in executors or [activity.executors_text or NO_EXECUTOR]:
            by_executor[executor].append(cell.status)
        rows.append(
            ActivityRow(
                section=section_titles[activity.section_id],
                number=activity.number,
                title=activity.title,
                executors=activity.executors_text,
                deadline=activity.deadline,
                planned=cell.planned_text,
                actual=cell.actual_value,
                status=cell.status,
                status_label=cell.status_label,
                comment=cell.comment,
                due_text=cell.due_text,
                is_overdue=cell.is_overdue,
            )
        )
    roadmap = roadmap_of(program, today=today)
    return Spravka(
        title=title_block(program, year),
        schools=_target_schools(program, year),
        summary=summary_row("Вся программа", all_statuses),
        by_section=[
            summary_row(section_titles[pk], statuses) for pk, statuses in by_section.items()
        ],
        by_executor=[summary_row(name, statuses) for name, statuses in sorted(by_executor.items())],
        activities=rows,
        indicators=_indicators(program),
        school_sections=school_report_sections(program, year, today),
        section_bars=[
            SectionBar(
                label=str(row.section),
                done=next((p.done for p in row.progress if p.year == year), 0),
                due=next((p.due for p in row.progress if p.year == year), 0),
            )
            for row in roadmap.sections
        ],
        progress=ChartSeries(
            labels=[p.label for p in roadmap.progress], shares=[p.share for p in roadmap.progress]
        ),
        conclusions=report_text.conclusions if report_text else "",
        signature=Signature(
            position=(report_text.signer_position if report_text else "")
            or program.responsible_position,
            name=(report_text.signer_name if report_text else "") or program.responsible_name,
        ),
        status_labels=list(STATUS_LABELS.items()),
    )


def official_roadmap_data(program: Program) -> OfficialRoadmap:
    """The roadmap table as the approving documents print it: cells exactly as written."""
    years = [py.year for py in program.years]
    by_section = defaultdict(list)
    for activity in roadmap_rows(program):
        by_section[activity.section_id].append(activity)
    rows = []
    for section in program.sections.order_by("position", "id"):
        rows.append(RoadmapTableRow(True, section.number, section.title, "", "", "", "", "", []))
        for activity in by_section[section.pk]:
            cells = {y.year: y.planned_text for y in activity.year_cells}
            rows.append(
                RoadmapTableRow(
                    is_section=False,
                    number=activity.number,
                    title=activity.title,
                    deadline=activity.deadline,
                    executors=activity.executors_text,
                    result=activity.result_name,
                    planned_value=activity.planned_value,
                    indicator=activity.indicator_text,
                    years=[cells.get(year, "") for year in years],
                )
            )
    return OfficialRoadmap(
        title=title_block(program, None),
        roadmap_title=program.roadmap_title or "Дорожная карта",
        year_labels=[py.label for py in program.years],
        rows=rows,
    )
