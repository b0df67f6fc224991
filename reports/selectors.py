"""Gather a report's data once, as plain dataclasses that both builders read."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from types import SimpleNamespace

from django.utils import timezone

from display.formats import activity_executors, format_date_short, format_number
from imports.selectors import source_form
from monitoring.matrix import school_report_sections
from monitoring.models import ExpectedReport
from monitoring.periods import program_year_bounds
from monitoring.rounds import Figures, figures_by
from people.models import StaffMember
from programs.models import Activity, ActivityYear, Program
from programs.participants import participant_school_ids
from programs.schedule import annotate_schedule
from programs.selectors import edition_in_force, grouped, program_money, roadmap_rows
from programs.status import (
    NO_INFORMATION,
    STATUS_LABELS,
    ExecutionStatus,
    completion_share,
    nothing_filled_in,
)
from reports.data import (
    ActivityRow,
    ChartSeries,
    IndicatorRow,
    MunicipalityFigures,
    OfficialRoadmap,
    RegionalSpravka,
    ResourceRow,
    ResourceTable,
    RiskGap,
    RoadmapTableRow,
    SchoolReportLine,
    SchoolSection,
    SectionBar,
    Signature,
    Spravka,
    StatusCount,
    SummaryRow,
    TargetSchool,
    TitleBlock,
)
from reports.roadmap_form import default_columns, default_form, form_table
from results.judgement import Judgement
from results.selectors import indicator_tables, indicator_tables_of
from risks.selectors import gap_lines
from schools.models import Municipality, School, SchoolStatus

NO_EXECUTOR = "исполнитель не указан"


def department_of(municipality) -> str:
    """The education department as the title of a report names it."""
    return municipality.department_name or f"Управление образования: {municipality}"


def order_with_edition(program: Program, year: int | None) -> str:
    """«Приказ № 112 от 15.02.2021 (в редакции приказа от 12.03.2022 № 41)»: a year's справка
    names the edition in force at the end of that year, other documents the latest one."""
    if year is None:
        edition = program.editions.order_by("-number").first()
    else:
        edition = edition_in_force(program, date(year, 12, 31))
    amended = edition is not None and (edition.order_number, edition.order_date) != (
        program.order_number,
        program.order_date,
    )
    if not amended:
        return program.order_label
    if not program.order_label:
        return edition.order_label
    return f"{program.order_label} ({edition.order_label})"


def title_block(program: Program, year: int | None) -> TitleBlock:
    municipality = program.municipality
    year_label = next((py.label for py in program.years if py.year == year), "")
    return TitleBlock(
        department=department_of(municipality),
        program_title=program.title,
        order=order_with_edition(program, year),
        period=program.period_label,
        year_label=year_label,
        made_on=timezone.localdate(),
        municipality=municipality.name,
    )


def summary_row(label: str, statuses: list[str], filled_in: bool = True) -> SummaryRow:
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
    return SummaryRow(label=label, due=due, counts=counts, filled_in=filled_in)


def _year_cell(activity, year):
    return next((y for y in activity.year_cells if y.year == year), None)


def _target_schools(schools, year):
    rows = []
    for school in schools:
        status = next((s for s in school.statuses.all() if s.year == year), None)
        rows.append(
            TargetSchool(
                name=school.name,
                groups=status.groups_label if status else "статус на год не указан",
                cohort=status.cohort if status else "",
                source=status.source if status else "",
            )
        )
    return rows


def _indicators(program, prefix=""):
    """Indicator rows as the results app judges them: a row for each year with something in it."""
    rows = []
    for table in indicator_tables(program):
        indicator = table.indicator
        for cell in table.years:
            empty = (
                cell.target is None
                and cell.actual is None
                and not (cell.target_text or cell.actual_text)
                and cell.verdict.judgement is Judgement.NO_DATA
            )
            if empty:
                continue
            rows.append(
                IndicatorRow(
                    name=prefix + indicator.name,
                    unit=indicator.unit,
                    year_label=cell.label,
                    target=cell.target_text,
                    actual=cell.actual_text,
                    target_number=cell.target,
                    actual_number=cell.actual,
                    deviation=(
                        cell.actual - cell.target
                        if cell.target is not None and cell.actual is not None
                        else None
                    ),
                    baseline_number=indicator.baseline,
                    baseline_year=indicator.baseline_year,
                    judgement=cell.verdict.label,
                    comment=cell.record.comment if cell.record else "",
                )
            )
    return rows


@dataclass
class _Part:
    """One program's share of a справка: all of it, or only what involves one school."""

    program: Program
    prefix: str = ""  # "«Программа»: " before section titles when a справка spans programs
    school: School | None = None
    edition: dict | None = None  # the snapshot of the edition the справка's year was run by

    def load(self, today):
        """The part's activities in roadmap order, each year cell with its schedule."""
        sections = list(self.program.sections.order_by("position", "id"))
        self.section_titles = {section.pk: self.prefix + str(section) for section in sections}
        order = {section.pk: index for index, section in enumerate(sections)}
        activities = roadmap_rows(self.program)
        if self.school is not None:
            # «ОО» among the executors and parties linked to schools count as taking part.
            targets = {school.pk for school in self.program.target_schools.all()}
            activities = [
                a for a in activities if self.school.pk in participant_school_ids(a, targets)
            ]
        self.activities = sorted(activities, key=lambda a: (order[a.section_id], a.position, a.pk))
        if self.edition is not None:
            self.activities = _as_approved(self.activities, self.edition, self.program.years)
        for activity in self.activities:
            annotate_schedule(
                activity, activity.year_cells, school_year=self.program.school_year, today=today
            )
        return self

    def due_cells(self, year):
        for activity in self.activities:
            cell = _year_cell(activity, year)
            if cell is not None and cell.is_due:
                yield activity, cell

    def school_sections(self, year, today):
        sections = school_report_sections(self.program, year, today)
        if self.school is not None:
            sections = [s for s in sections if s.school == str(self.school)]
        return [
            SchoolSection(
                school=section.school,
                activities=[
                    SchoolReportLine(self.prefix + line.activity, line.state, line.text)
                    for line in section.activities
                ],
            )
            for section in sections
        ]


def _as_approved(activities, snapshot: dict, program_years) -> list:
    """The activities as an edition approved them: only those it holds, with its number, title,
    deadline and plan (execution stays as marked); activities added later are left out."""
    approved = {row["id"]: row for row in snapshot.get("activities", [])}
    labels = {program_year.year: program_year.label for program_year in program_years}
    kept = []
    for activity in activities:
        row = approved.get(activity.pk)
        if row is None:
            continue
        activity.number, activity.title = row["number"], row["title"]
        activity.deadline = row["deadline"]
        for cell in activity.year_cells:
            cell.planned_text = row["plan"].get(labels.get(cell.year, str(cell.year)), "")
        kept.append(activity)
    return kept


def _with_carry_over(cell) -> str:
    """The cell's comment, preceded by its carry-over and reason: both years' справки say it."""
    return "\n".join(part for part in (cell.carry_label, cell.comment) if part)


def _activity_row(part, activity, cell, filled_in: bool) -> ActivityRow:
    """A year nobody filled in claims nothing: «нет сведений», not «не начато, просрочено»."""
    return ActivityRow(
        section=part.section_titles[activity.section_id],
        number=activity.number,
        title=activity.title,
        executors="; ".join(
            part
            for part in (
                activity_executors(activity),
                activity.responsible_label and f"отв. {activity.responsible_label}",
            )
            if part
        ),
        deadline=activity.deadline,
        planned=cell.planned_text,
        actual=cell.actual_value,
        status=cell.status if filled_in else "",
        status_label=cell.status_label if filled_in else NO_INFORMATION,
        comment=_with_carry_over(cell),
        due_text=cell.due_text,
        is_overdue=cell.is_overdue and filled_in,
    )


def _bar(label, statuses, filled_in) -> SectionBar:
    return SectionBar(
        label=label,
        done=sum(s == ExecutionStatus.DONE for s in statuses),
        due=sum(s != ExecutionStatus.CANCELLED for s in statuses),
        filled_in=filled_in,
    )


def _has_begun(program, year, today) -> bool:
    first_day, _last_day = program_year_bounds(year, school_year=program.school_year)
    return first_day <= today


def _progress(parts, year_labels: dict[int, str], today) -> ChartSeries:
    """Share of due activities done in each year the parts' programs run, up to this one: a year
    not begun has no point (not a 0 %), a year nobody filled in says so."""
    labels, shares, no_information = [], [], []
    for year, label in year_labels.items():
        begun = [part for part in parts if _has_begun(part.program, year, today)]
        if not begun:
            continue
        cells = [cell for part in begun for _a, cell in part.due_cells(year)]
        unfilled = nothing_filled_in(cells)
        labels.append(label)
        shares.append(None if unfilled else completion_share(cell.status for cell in cells))
        no_information.append(unfilled)
    return ChartSeries(labels=labels, shares=shares, no_information=no_information)


def _executor_note(by_executor: list[SummaryRow], due: int) -> str:
    """An activity with several executors counts in each of their rows: say so when it shows."""
    listed = sum(row.due for row in by_executor)
    if listed <= due:
        return ""
    return (
        "Мероприятие с несколькими исполнителями учтено в строке каждого из них, поэтому сумма "
        f"по исполнителям ({format_number(listed)}) больше числа мероприятий к исполнению "
        f"({format_number(due)})."
    )


def _spravka(parts, year, *, title, schools, summary_label, text, today) -> Spravka:
    """The справка of some programs (or parts of them) for one year, each figure gathered once."""
    due = [(part, activity, cell) for part in parts for activity, cell in part.due_cells(year)]
    filled_in = not nothing_filled_in(cell for _p, _a, cell in due)
    all_statuses, by_section, by_executor, rows = [], defaultdict(list), defaultdict(list), []
    for part, activity, cell in due:
        all_statuses.append(cell.status)
        by_section[part.section_titles[activity.section_id]].append(cell.status)
        names = [link.party.short_name or link.party.name for link in activity.executor_list]
        for executor in names or [activity.executors_text or NO_EXECUTOR]:
            by_executor[executor].append(cell.status)
        rows.append(_activity_row(part, activity, cell, filled_in))
    year_labels = {
        py.year: py.label if len(parts) == 1 else str(py.year)
        for part in parts
        for py in part.program.years
    }
    program = parts[0].program if len(parts) == 1 else None
    executor_rows = [
        summary_row(name, statuses, filled_in) for name, statuses in sorted(by_executor.items())
    ]
    return Spravka(
        title=title,
        schools=_target_schools(schools, year),
        summary=summary_row(summary_label, all_statuses, filled_in),
        by_section=[
            summary_row(label, statuses, filled_in) for label, statuses in by_section.items()
        ],
        by_executor=executor_rows,
        by_executor_note=_executor_note(executor_rows, len(all_statuses)),
        activities=rows,
        indicators=[row for part in parts for row in _indicators(part.program, part.prefix)],
        school_sections=[s for part in parts for s in part.school_sections(year, today)],
        section_bars=[_bar(label, statuses, filled_in) for label, statuses in by_section.items()],
        progress=_progress(parts, dict(sorted(year_labels.items())), today),
        conclusions=text.conclusions if text else "",
        signature=Signature(
            position=(text.signer_position if text else "")
            or (program.responsible_position if program else ""),
            name=(text.signer_name if text else "")
            or (program.responsible_name if program else ""),
            executor=_executor_line(text, parts[0].program.municipality_id),
        ),
        status_labels=list(STATUS_LABELS.items()),
        risk_gaps=_risk_gaps(schools, year),
        resources=resource_table(program) if program else None,
    )


def _risk_gaps(schools, year) -> list[RiskGap] | None:
    lines = gap_lines([school.pk for school in schools], year)
    return None if lines is None else [RiskGap(*line) for line in lines]


def resource_table(program: Program) -> ResourceTable | None:
    """The program's money by source and year, with a total row; None when none is entered."""
    money = program_money(program)
    if not money.rows:
        return None
    rows = [ResourceRow(row.label, row.cells, row.planned, row.actual) for row in money.rows]
    total_cells = [(planned, actual) for _label, planned, actual in money.columns]
    rows.append(ResourceRow("Итого", total_cells, money.planned, money.actual, is_total=True))
    return ResourceTable([py.label for py in money.years], rows)


def _executor_line(text, municipality_id) -> str:
    """The person who wrote the справка's conclusions, as the staff directory names them."""
    if text is None or text.updated_by_id is None:
        return ""
    member = StaffMember.objects.filter(
        user_id=text.updated_by_id, municipality_id=municipality_id
    ).first()
    return member.executor_line if member else ""


def _with_statuses(schools):
    return list(schools.prefetch_related("statuses").order_by("name"))


def spravka_data(program: Program, year: int, report_text=None, today=None) -> Spravka:
    """The справка for one program year, computed in a fixed number of queries."""
    today = today or timezone.localdate()
    # A past year is reported by the roadmap of the edition in force at its end.
    edition = edition_in_force(program, date(year, 12, 31)) if year < today.year else None
    return _spravka(
        [_Part(program, edition=edition.snapshot if edition else None).load(today)],
        year,
        title=title_block(program, year),
        schools=_with_statuses(program.target_schools.all()),
        summary_label="Вся программа",
        text=report_text,
        today=today,
    )


def programs_running(programs, year):
    """The programs that have `year` among their years."""
    return [p for p in programs if any(py.year == year for py in p.years)]


def municipality_spravka_data(municipality, programs, year, report_text=None, today=None):
    """One справка across the municipality's programs running in the year."""
    today = today or timezone.localdate()
    running = programs_running(programs, year)
    parts = [_Part(program, prefix=f"«{program.title}»: ").load(today) for program in running]
    return _spravka(
        parts,
        year,
        title=_scope_title(municipality, f"Все программы муниципалитета ({len(running)})", year),
        schools=_with_statuses(
            School.objects.filter(programs__in=[p.pk for p in running]).distinct()
        ),
        summary_label="Все программы",
        text=report_text,
        today=today,
    )


def school_spravka_data(school, programs, year, report_text=None, today=None):
    """What involves one school in the year, across the programs it takes part in."""
    today = today or timezone.localdate()
    running = programs_running(programs, year)
    parts = [
        _Part(program, prefix=f"«{program.title}»: ", school=school).load(today)
        for program in running
    ]
    return _spravka(
        parts,
        year,
        title=_scope_title(school.municipality, f"Участие школы: {school.name}", year),
        schools=_with_statuses(School.objects.filter(pk=school.pk)),
        summary_label="Мероприятия с участием школы",
        text=report_text,
        today=today,
    )


def _scope_title(municipality, subject, year) -> TitleBlock:
    return TitleBlock(
        department=department_of(municipality),
        program_title=subject,
        order="",
        period=f"{year} год",
        year_label=str(year),
        made_on=timezone.localdate(),
        municipality=municipality.name,
    )


# «приказом отдела образования …»: the approving body after «приказом», in the genitive.
_ORGAN_GENITIVE = {
    "отдел": "отдела",
    "управление": "управления",
    "комитет": "комитета",
    "департамент": "департамента",
    "министерство": "министерства",
    "администрация": "администрации",
}


def _organ_genitive(organ: str) -> str:
    head, _, rest = organ.strip().partition(" ")
    genitive = _ORGAN_GENITIVE.get(head.lower())
    return " ".join(filter(None, (genitive, rest))) if genitive else organ.strip()


def _order_requisites(order_date, order_number) -> str:
    """«от 03.09.2019 № 55», as the requisites of an order are written."""
    parts = []
    if order_date:
        parts.append(f"от {format_date_short(order_date)}")
    if order_number:
        parts.append(f"№ {order_number}")
    return " ".join(parts)


def roadmap_approval(program: Program, as_written: list[str]) -> list[str]:
    """The block at the top right: as the source wrote it while the edition it names is in
    force, else «УТВЕРЖДЕНА / приказом <органа> / от ДД.ММ.ГГГГ № N», with the edition in
    force after it; [] for a program not approved."""
    editions = list(program.editions.order_by("number"))
    latest = editions[-1] if editions else None
    amended = latest is not None and (latest.order_number, latest.order_date) != (
        program.order_number,
        program.order_date,
    )
    if as_written and not amended:
        return list(as_written)
    requisites = _order_requisites(program.order_date, program.order_number)
    if not requisites and latest is None:
        return []
    municipality = program.municipality
    organ = (
        editions[0].order_organ
        if editions
        else municipality.department_name or f"Управление образования ({municipality.name})"
    )
    lines = ["УТВЕРЖДЕНА", f"приказом {_organ_genitive(organ)}"]
    if requisites:
        lines.append(requisites)
    if amended:
        lines.append(f"({latest.order_label})")
    return lines


def _roadmap_sections(program: Program, years: list[int]):
    """(section id, section row, activity rows) in roadmap order."""
    by_section = defaultdict(list)
    for activity in roadmap_rows(program):
        by_section[activity.section_id].append(activity)
    for section in program.sections.order_by("position", "id"):
        row = RoadmapTableRow(True, section.number, section.title, "", "", "", "", "", {})
        activities = []
        for activity in by_section[section.pk]:
            cells = {y.year: y.planned_text for y in activity.year_cells}
            activities.append(
                RoadmapTableRow(
                    is_section=False,
                    number=activity.number,
                    title=activity.title,
                    deadline=activity.deadline,
                    executors=activity_executors(activity),
                    result=activity.result_name,
                    planned_value=activity.planned_value,
                    indicator=activity.indicator_text,
                    years={year: cells.get(year, "") for year in years},
                )
            )
        yield section.pk, row, activities


def official_roadmap_data(program: Program) -> OfficialRoadmap:
    """The roadmap as the approving documents print it: cells exactly as written, in the form
    of the document it was imported from (its tables, header cells, numbering row, captions,
    approval block and signature), or in the portal's default form."""
    years = [py.year for py in program.years]
    sections = list(_roadmap_sections(program, years))
    form = source_form(program)
    roadmap_title = program.roadmap_title or (form and form["title"]) or "Дорожная карта"
    if form and form["tables"]:
        specs = form["tables"]
        grouped = [[] for _ in specs]
        table = 0
        for section_id, row, activities in sections:
            # A section the portal added since the import goes on in the table before it.
            table = min(form["section_tables"].get(section_id, table), len(specs) - 1)
            grouped[table].append((row, activities))
    else:
        rows = [row for _, section, activities in sections for row in (section, *activities)]
        labels = {py.year: py.label for py in program.years}
        specs = [default_form(default_columns(rows, years), labels)]
        grouped = [[(row, activities) for _, row, activities in sections]]
    return OfficialRoadmap(
        title=title_block(program, None),
        roadmap_title=roadmap_title,
        approval=roadmap_approval(program, form["approval"] if form else []),
        tables=[
            form_table(spec, roadmap_title, group)
            for spec, group in zip(specs, grouped, strict=True)
        ],
        signature=list(form["signature"]) if form else [],
        period="" if str(program.start_year) in roadmap_title else f"на {program.period_label}",
    )


# --- The regional справка: municipalities side by side ---------------------------------------


def _regional_execution(programs, year, today) -> dict[int, tuple[int, int, bool]]:
    """(due, done, filled in) per municipality, each program's cells scheduled as its справка
    schedules them — in two queries however many programs."""
    program_of = {program.pk: program for program in programs}
    activities = Activity.objects.filter(section__program__in=program_of).values_list(
        "pk", "deadline", "section__program_id"
    )
    cells = grouped(
        ActivityYear.objects.filter(activity__section__program__in=program_of).order_by("year"),
        attrgetter("activity_id"),
    )
    due_cells = defaultdict(list)
    for pk, deadline, program_id in activities:
        program = program_of[program_id]
        years = cells[pk]
        annotate_schedule(
            SimpleNamespace(deadline=deadline), years, school_year=program.school_year, today=today
        )
        due_cells[program.municipality_id] += [c for c in years if c.year == year and c.is_due]
    return {
        municipality_id: (
            len(cells),
            sum(cell.status == ExecutionStatus.DONE for cell in cells),
            not nothing_filled_in(cells),
        )
        for municipality_id, cells in due_cells.items()
    }


def _regional_target_groups(programs, year) -> dict[int, tuple[int, int]]:
    """(ШНОР, ШНСУ) target schools per municipality in the year, in one query."""
    statuses = (
        SchoolStatus.objects.filter(year=year, school__programs__in=[p.pk for p in programs])
        .values_list("school__municipality_id", "school_id", "is_shnor", "is_shnsu")
        .distinct()
    )
    groups = defaultdict(lambda: [0, 0])
    for municipality_id, _school, is_shnor, is_shnsu in statuses:
        groups[municipality_id][0] += is_shnor
        groups[municipality_id][1] += is_shnsu
    return {municipality_id: tuple(counts) for municipality_id, counts in groups.items()}


def _regional_indicators(programs, year) -> dict[int, tuple[int, int]]:
    """(judged, reached) indicator years per municipality, as results.judgement judges them."""
    figures = defaultdict(lambda: [0, 0])
    municipality_of = {program.pk: program.municipality_id for program in programs}
    for program_id, tables in indicator_tables_of(programs).items():
        for table in tables:
            for cell in table.years:
                if cell.year != year or cell.verdict.judgement is Judgement.NO_DATA:
                    continue
                counts = figures[municipality_of[program_id]]
                counts[0] += 1
                counts[1] += cell.verdict.judgement is Judgement.REACHED
    return {municipality_id: tuple(counts) for municipality_id, counts in figures.items()}


def _regional_reporting(programs, year, today) -> dict[int, Figures]:
    """Completeness of the school reports the year's reporting rounds expect, per municipality."""
    expected = ExpectedReport.objects.filter(
        round__program__in=[p.pk for p in programs], round__year=year
    )
    rows = figures_by(
        expected, "round__program__municipality", "round__program__municipality__name", today
    )
    return {row.key: row for row in rows}


def region_programs(region):
    """The programs a regional справка covers: every program of the region but archived ones."""
    return Program.objects.filter(municipality__region=region).exclude(
        status=Program.Status.ARCHIVED
    )


def regional_spravka_data(region, year: int, today=None) -> RegionalSpravka:
    """The region's municipalities side by side in a year: programs running, target schools,
    activities due and done, reporting completeness, indicators reached. A fixed number of
    queries, however many municipalities and programs the region has."""
    today = today or timezone.localdate()
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    programs = programs_running(
        region_programs(region).filter(start_year__lte=year, end_year__gte=year), year
    )
    execution = _regional_execution(programs, year, today)
    groups = _regional_target_groups(programs, year)
    indicators = _regional_indicators(programs, year)
    reporting = _regional_reporting(programs, year, today)
    rows = []
    for municipality in municipalities:
        due, done, filled_in = execution.get(municipality.pk, (0, 0, False))
        shnor, shnsu = groups.get(municipality.pk, (0, 0))
        judged, reached = indicators.get(municipality.pk, (0, 0))
        reports = reporting.get(municipality.pk)
        rows.append(
            MunicipalityFigures(
                name=municipality.name,
                programs=sum(p.municipality_id == municipality.pk for p in programs),
                shnor=shnor,
                shnsu=shnsu,
                due=due,
                done=done,
                due_filled_in=due if filled_in else 0,
                reports_expected=reports.expected if reports else 0,
                reports_received=reports.received if reports else 0,
                indicators_judged=judged,
                indicators_reached=reached,
            )
        )
    return RegionalSpravka(
        region=region.name,
        year=year,
        made_on=timezone.localdate(),
        municipalities=rows,
        total=_regional_total(rows),
    )


def _regional_total(rows: list[MunicipalityFigures]) -> MunicipalityFigures:
    """The region's line: sums; the done share counts the municipalities that filled in."""
    counts = {
        name: sum(getattr(row, name) for row in rows)
        for name in (
            "programs",
            "shnor",
            "shnsu",
            "due",
            "done",
            "due_filled_in",
            "reports_expected",
            "reports_received",
            "indicators_judged",
            "indicators_reached",
        )
    }
    return MunicipalityFigures(name="Итого по региону", **counts)
