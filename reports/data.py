"""The plain data of a report: what the selector gathers once and both builders (PDF, XLSX) read.

No model instances here: builders take these dataclasses and return bytes, so they can run in a
worker, a command or a benchmark alike.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class TitleBlock:
    department: str  # "Отдел образования администрации Знаменского района"
    program_title: str
    order: str  # "Приказ № 55 от 03.09.2019" or ""
    period: str  # "2019–2021 годы"
    year_label: str  # reporting year as written: "2021" or "2023/24"
    made_on: date
    municipality: str


@dataclass(frozen=True)
class RiskGap:
    school: str
    factor: str  # "Дефицит кадров (▲ высокий)"
    missing: str  # "нет утверждённой антирисковой программы; …"


@dataclass(frozen=True)
class TargetSchool:
    name: str
    groups: str  # "ШНОР, ШНСУ" / "ШНОР" / "не входит в группы"
    cohort: str
    source: str


@dataclass(frozen=True)
class StatusCount:
    status: str  # ExecutionStatus value
    label: str  # "выполнено"
    count: int
    share: float  # 0..1 of the activities due


@dataclass(frozen=True)
class SummaryRow:
    """Execution of the activities due this year, for the whole program or one group of them."""

    label: str  # "Вся программа", a section title, or an executor name
    due: int
    counts: list[StatusCount]  # one per status, in ExecutionStatus order
    # False: nobody filled the year in, the builders print «нет сведений» instead of the counts.
    filled_in: bool = True


@dataclass(frozen=True)
class ActivityRow:
    section: str  # section as written ("1. Организационно-управленческие механизмы")
    number: str
    title: str
    executors: str  # as written in the roadmap
    deadline: str
    planned: str  # the year cell as written ("3", "+", "август")
    actual: Decimal | None
    status: str
    status_label: str
    comment: str
    due_text: str  # "срок 30.04.2021", "по заявке", "срок не распознан"
    is_overdue: bool


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str
    year_label: str
    target: str
    actual: str
    target_number: Decimal | None
    actual_number: Decimal | None
    deviation: Decimal | None  # actual − target, when both are numbers
    baseline_number: Decimal | None = None
    baseline_year: int | None = None
    judgement: str = ""  # «достигнуто», «не достигнуто», «частично (2 из 3 школ)», «нет данных»
    comment: str = ""  # what the judgement rests on: required where a person judges


@dataclass(frozen=True)
class SchoolReportLine:
    activity: str  # "1.2 Проведение семинара"
    state: str  # report state label, or "отчёт не сдан"
    text: str  # what the school reported ("" when nothing)


@dataclass(frozen=True)
class SchoolSection:
    school: str
    activities: list[SchoolReportLine]


@dataclass(frozen=True)
class ChartSeries:
    """Progress over the program years: one line point per year (share 0..1 or None)."""

    labels: list[str]  # the years begun so far: a future year has no point, not a 0 %
    shares: list[float | None]
    # Per year: True when nobody filled it in («нет сведений»); a None share alone: nothing due.
    no_information: list[bool] = field(default_factory=list)


@dataclass(frozen=True)
class SectionBar:
    label: str
    done: int
    due: int
    filled_in: bool = True  # False: nobody filled the year in, no share to draw

    @property
    def share(self) -> float | None:
        return self.done / self.due if self.due and self.filled_in else None


@dataclass(frozen=True)
class Signature:
    position: str
    name: str
    executor: str = ""  # «Исполнитель: О. В. Петренко, тел. …» from the staff directory


@dataclass(frozen=True)
class ReviewNote:
    """An addressed recommendation a coordinator gave a school when reviewing its report."""

    school: str
    activity: str  # "1.2 Проведение семинара"
    decision: str  # «принят», «возвращён на доработку»
    comment: str
    made_on: date


@dataclass(frozen=True)
class ReportingFigures:
    """Completeness and timeliness of the reports a group of schools owed in the year's rounds."""

    label: str  # a school, or «Итого»
    expected: int
    received: int
    on_time: int
    missing_overdue: int


@dataclass(frozen=True)
class CarriedOver:
    activity: str  # "2.1 Курсы повышения квалификации"
    to_year: str
    reason: str


@dataclass
class OfficialDetails:
    """What the signed справка adds to the monitoring figures: requisites, basis and purpose, the
    coordinator's per-section texts, reviews, reporting discipline and carried-over activities.

    None in a list means the portal holds no such records yet: the document says so plainly.
    """

    addressee: str = ""  # lines as the department writes them («Министерство образования…»)
    letterhead: str = ""  # the department as on its letterhead; "" → TitleBlock.department
    basis: str = ""  # the approving order and the edition in force
    purpose: str = ""
    target_decisions: list[str] = field(default_factory=list)  # the list decisions in force
    section_texts: dict[str, str] = field(default_factory=dict)  # section title → edited text
    reviews: list[ReviewNote] | None = None
    reporting: list[ReportingFigures] | None = None  # the last row is the total
    carried_over: list[CarriedOver] = field(default_factory=list)


@dataclass
class Spravka:
    """Аналитическая справка for one program and one year."""

    title: TitleBlock
    schools: list[TargetSchool]
    summary: SummaryRow
    by_section: list[SummaryRow]
    by_executor: list[SummaryRow]
    activities: list[ActivityRow]
    indicators: list[IndicatorRow]
    school_sections: list[SchoolSection] | None  # None: school reports are not collected yet
    section_bars: list[SectionBar]
    progress: ChartSeries
    conclusions: str  # the coordinator's text: выводы и адресные рекомендации
    signature: Signature
    status_labels: list[tuple[str, str]] = field(default_factory=list)  # (value, label) in order
    # Risks «500+» of the target schools left unanswered (risks.coverage); None: no profiles yet.
    risk_gaps: list[RiskGap] | None = None
    resources: "ResourceTable | None" = None  # «Ресурсное обеспечение»; None: no money entered
    official: OfficialDetails | None = None  # None: only the monitoring figures are known
    # Why the rows «По исполнителям» add up to more than the total ("" when they do not).
    by_executor_note: str = ""


@dataclass(frozen=True)
class RoadmapTableRow:
    is_section: bool
    number: str
    title: str
    deadline: str
    executors: str
    result: str
    planned_value: str
    indicator: str
    years: dict[int, str]  # the year cells as written, by year
    section: str = ""  # the section, on its first activity, for a table with a section column


@dataclass(frozen=True)
class RoadmapHeaderCell:
    text: str
    column: int  # the first column it covers, 0-based
    colspan: int = 1
    rowspan: int = 1


@dataclass
class RoadmapTable:
    """One table of the roadmap in its form: the source document's or the portal's default."""

    caption: str  # the line above the table, "" for none
    # One list per header level; a cell merged down from the level above is not repeated.
    header: list[list[RoadmapHeaderCell]]
    numbering: list[str]  # the row of column numbers under the header, [] for none
    # Each column's field: "number", "title", "deadline", "result", "planned_value",
    # "responsible", "indicator", "section", "year:YYYY", or None for a column not loaded.
    columns: list[str | None]
    rows: list[RoadmapTableRow]


@dataclass
class OfficialRoadmap:
    """The roadmap in its official table form, as the approving documents print it."""

    title: TitleBlock
    roadmap_title: str
    approval: list[str]  # the block at the top right, line by line; [] when not approved
    tables: list[RoadmapTable]
    signature: list[str] = field(default_factory=list)  # as the source had it, line by line
    period: str = ""  # «на 2019–2021 годы» under a title that does not state the period

    @property
    def rows(self) -> list[RoadmapTableRow]:
        return [row for table in self.tables for row in table.rows]


@dataclass(frozen=True)
class ResourceRow:
    source: str  # «муниципальный бюджет», …, or «Итого»
    cells: list[tuple[Decimal, Decimal]]  # (planned, spent) rubles per program year
    planned: Decimal
    actual: Decimal
    is_total: bool = False


@dataclass(frozen=True)
class ResourceTable:
    """«Ресурсное обеспечение»: money by financing source (rows) and program year (columns)."""

    year_labels: list[str]
    rows: list[ResourceRow]  # the last row is the total


@dataclass(frozen=True)
class MunicipalityFigures:
    """One municipality of a regional справка (or the region's total) in the reporting year."""

    name: str
    programs: int  # programs running in the year
    shnor: int  # target schools in the ШНОР group that year
    shnsu: int  # … in the ШНСУ group (a school in both counts in each)
    due: int  # activity year cells due, as a program справка counts them
    done: int
    # Of `due`, those in municipalities that filled their year in: the base of the done share.
    # Nobody filled it in (0 of a non-zero due): «нет сведений», not 0 % done.
    due_filled_in: int
    reports_expected: int  # school reports the year's reporting rounds expect
    reports_received: int
    indicators_judged: int  # indicator years with a judgement other than «нет данных»
    indicators_reached: int

    @property
    def filled_in(self) -> bool:
        return self.due_filled_in > 0 or self.due == 0

    @property
    def done_share(self) -> float | None:
        return self.done / self.due_filled_in if self.due_filled_in else None

    @property
    def completeness(self) -> float | None:
        return self.reports_received / self.reports_expected if self.reports_expected else None

    @property
    def reached_share(self) -> float | None:
        return self.indicators_reached / self.indicators_judged if self.indicators_judged else None


@dataclass
class RegionalSpravka:
    """Сводная справка for a regional observer: the region's municipalities side by side."""

    region: str
    year: int
    made_on: date
    municipalities: list[MunicipalityFigures]
    total: MunicipalityFigures
    conclusions: str = ""
