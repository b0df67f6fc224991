"""Reads spanning relations: a program's indicators with their judged years and school grids."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from programs.models import Program
from results.computed import Computed, ResultRow, combine, school_values
from results.judgement import Judgement, Verdict, judge, judge_schools
from results.models import AssessmentResult, Indicator, IndicatorYear, SchoolIndicatorValue


@dataclass
class SchoolCell:
    school_id: int
    year: int
    target: Decimal | None
    actual: Decimal | None
    judgement: Judgement
    own_target: bool  # False when the school takes the program's target for the year


@dataclass
class SchoolLine:
    school: object
    cells: list[SchoolCell]


@dataclass
class YearCell:
    year: int
    label: str
    record: IndicatorYear | None
    target: Decimal | None
    actual: Decimal | None
    target_text: str
    actual_text: str
    verdict: Verdict
    computed: Computed | None = None


@dataclass
class IndicatorTable:
    indicator: Indicator
    years: list[YearCell]
    schools: list[SchoolLine] = field(default_factory=list)

    @property
    def how_computed(self) -> str:
        """How the actual values were obtained, in words, for the page and the справка."""
        indicator = self.indicator
        if not indicator.is_computed:
            return ""
        scope = [indicator.get_assessment_display(), indicator.subject or "все предметы"]
        scope.append(f"{indicator.grade} класс" if indicator.grade else "все классы")
        counts = "; ".join(
            f"{cell.label}: {cell.computed.schools} шк., {cell.computed.participants} участн."
            for cell in self.years
            if cell.computed and cell.computed.schools
        )
        return (
            f"Факт вычислен по результатам ({', '.join(scope)}): "
            f"{indicator.get_measure_display()}, {indicator.get_method_display().split(': ')[-1]}"
            f", по школам целевой группы. {counts or 'Результатов за годы программы нет.'}"
        )


def _result_rows(indicator, results) -> dict[int, list[ResultRow]]:
    """The indicator's assessment rows by year, with the measured value of each."""
    by_year: dict[int, list[ResultRow]] = {}
    for result in results:
        if result.assessment != indicator.assessment:
            continue
        if indicator.subject and result.subject.casefold() != indicator.subject.casefold():
            continue
        if indicator.grade and result.grade != indicator.grade:
            continue
        by_year.setdefault(result.year, []).append(
            ResultRow(result.school_id, result.participants, getattr(result, indicator.measure))
        )
    return by_year


def _school_lines(indicator, program_years, schools, year_rows, computed_rows):
    values = {(v.school_id, v.year): v for v in indicator.school_values.all()}
    lines = []
    for school in schools:
        cells = []
        for program_year in program_years:
            year = program_year.year
            own = values.get((school.pk, year))
            program_target = year_rows[year].target if year in year_rows else None
            target = own.target if own and own.target is not None else program_target
            if indicator.is_computed:
                computed = computed_rows.get(year, {}).get(school.pk)
                actual = computed.value if computed else None
            else:
                actual = own.actual if own else None
            cells.append(
                SchoolCell(
                    school.pk,
                    year,
                    target,
                    actual,
                    judge(indicator.direction, target, actual),
                    own_target=bool(own and own.target is not None),
                )
            )
        lines.append(SchoolLine(school, cells))
    return lines


def indicator_tables(program, *, school_ids=None) -> list[IndicatorTable]:
    """Every indicator of the program with its years judged; school-level ones with the school ×
    year grid of the schools `school_ids` allows (None: every target school)."""
    return indicator_tables_of([program], school_ids=school_ids)[program.pk]


def indicator_tables_of(programs, *, school_ids=None) -> dict[int, list[IndicatorTable]]:
    """`indicator_tables` of several programs at once (program id → tables), in as many queries
    as for one: a region's справка judges the indicators of all its programs."""
    programs = list(programs)
    indicators = list(
        Indicator.objects.filter(program__in=[p.pk for p in programs])
        .order_by("position", "id")
        .prefetch_related(
            Prefetch("years", queryset=IndicatorYear.objects.order_by("year")),
            Prefetch("school_values", queryset=SchoolIndicatorValue.objects.all()),
        )
    )
    schools = defaultdict(list)
    target_links = (
        Program.target_schools.through.objects.filter(program__in=[p.pk for p in programs])
        .select_related("school")
        .order_by("school__name")
    )
    for link in target_links:
        schools[link.program_id].append(link.school)
    assessments = {i.assessment for i in indicators if i.is_computed}
    years = {py.year for program in programs for py in program.years}
    all_schools = {school.pk for program_schools in schools.values() for school in program_schools}
    results = (
        list(
            AssessmentResult.objects.filter(
                school__in=all_schools, assessment__in=assessments, year__in=years
            ).only(
                "school_id",
                "year",
                "assessment",
                "subject",
                "grade",
                "participants",
                "share_low",
                "share_good",
                "mean_score",
            )
        )
        if assessments and all_schools
        else []
    )
    by_program = defaultdict(list)
    for indicator in indicators:
        by_program[indicator.program_id].append(indicator)
    return {
        program.pk: _tables(
            program, by_program[program.pk], schools[program.pk], results, school_ids
        )
        for program in programs
    }


def _tables(program, indicators, schools, all_results, school_ids) -> list[IndicatorTable]:
    program_years = program.years
    school_pks = {school.pk for school in schools}
    results = [result for result in all_results if result.school_id in school_pks]
    tables = []
    for indicator in indicators:
        year_rows = {row.year: row for row in indicator.years.all()}
        by_year = _result_rows(indicator, results) if indicator.is_computed else {}
        computed_rows = {year: school_values(rows) for year, rows in by_year.items()}
        lines = (
            _school_lines(indicator, program_years, schools, year_rows, computed_rows)
            if indicator.is_school_level
            else []
        )
        cells = []
        for program_year in program_years:
            record = year_rows.get(program_year.year)
            target = record.target if record else None
            computed = None
            if indicator.is_computed:
                computed = combine(by_year.get(program_year.year, []), indicator.method)
                actual = computed.value
            else:
                actual = record.actual if record else None
            if indicator.is_school_level:
                verdict = judge_schools(
                    indicator.direction,
                    [
                        (cell.target, cell.actual)
                        for line in lines
                        for cell in line.cells
                        if cell.year == program_year.year
                    ],
                )
            else:
                person = record.person_judgement if record else ""
                verdict = Verdict(judge(indicator.direction, target, actual, person))
            cells.append(
                YearCell(
                    program_year.year,
                    program_year.label,
                    record,
                    target,
                    actual,
                    record.target_text if record else "",
                    record.actual_text if record else "",
                    verdict,
                    computed,
                )
            )
        if school_ids is not None:
            lines = [line for line in lines if line.school.pk in school_ids]
        tables.append(IndicatorTable(indicator, cells, lines))
    return tables


def result_rows_by_year(schools, *, assessment, measure, years, subject="", grade=None):
    """Stored results of the schools as plain rows per year, for criteria and charts."""
    results = AssessmentResult.objects.filter(
        school__in=schools, assessment=assessment, year__in=years
    )
    if subject:
        results = results.filter(subject__iexact=subject)
    if grade:
        results = results.filter(grade=grade)
    by_year: dict[int, list[ResultRow]] = {}
    for school_id, year, participants, value in results.values_list(
        "school_id", "year", "participants", measure
    ):
        by_year.setdefault(year, []).append(ResultRow(school_id, participants, value))
    return by_year


def list_history(school) -> list:
    """The school's entries into and exits from the target list, oldest first."""
    return list(
        school.list_entries.select_related("decision").order_by(
            "decision__year", "decision__order_date", "pk"
        )
    )
