"""Realistic plain report data for the builder tests and for bench/report.py.

Built directly from the dataclasses of reports.data (no database). The summaries are computed
from the activity rows, so that counts printed by a builder can be checked against the rows.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import cycle, islice

from programs.status import STATUS_LABELS, ExecutionStatus
from reports.data import (
    ActivityRow,
    ChartSeries,
    IndicatorRow,
    OfficialRoadmap,
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

S = ExecutionStatus
YEAR_LABELS = ["2021", "2022", "2023"]
REPORT_YEAR = "2022"
PROGRAM_TITLE = (
    "Программа поддержки школ с низкими образовательными результатами и школ, "
    "функционирующих в неблагоприятных социальных условиях, на 2021–2023 годы"
)
SECTIONS = [
    "1. Организационно-управленческие механизмы поддержки ШНОР и ШНСУ",
    "2. Повышение профессиональных компетенций педагогических работников",
    "3. Мониторинг образовательных результатов и социального контекста",
]
ACTIVITY_TITLES = [
    "Формирование перечня школ с низкими образовательными результатами по данным ФИОКО",
    "Заседание муниципальной рабочей группы по сопровождению ШНОР и ШНСУ",
    "Разработка и утверждение среднесрочных программ развития школ",
    "Экспертиза концептуальных документов школ муниципальной тьюторской командой",
    "Заключение договоров о сетевом взаимодействии со школами-партнёрами",
    "Информирование общественности о ходе реализации программы на сайте управления",
    "Совещание руководителей ОО «Управленческие решения по итогам ВПР»",
    "Корректировка муниципального задания школ с учётом программы поддержки",
    "Курсы повышения квалификации для учителей математики и русского языка",
    "Семинар-практикум «Формирующее оценивание на уроке»",
    "Стажировка педагогов ШНОР на базе стажировочных площадок",
    "Заседания РМО по анализу типичных ошибок обучающихся",
    "Наставничество: закрепление молодых педагогов за опытными учителями",
    "Открытые уроки учителей школ-партнёров",
    "Диагностика профессиональных дефицитов педагогов",
    "Методический десант ИМЦ в школы с низкими результатами",
    "Входной мониторинг предметных результатов обучающихся 5–9 классов",
    "Анализ результатов ВПР в разрезе школ и классов",
    "Сбор контекстных данных о социальных условиях школ",
    "Промежуточный мониторинг по математике в 8 классах",
    "Итоговый мониторинг результатов ОГЭ по обязательным предметам",
    "Адресные рекомендации школам по итогам мониторинга",
    "Анкетирование родителей об удовлетворённости качеством образования",
    "Подготовка аналитической справки о реализации программы",
]
EXECUTORS = [
    "Отдел образования",
    "ИМЦ, ЦРО",
    "Отдел образования, МБОУ «Знаменская СОШ № 1»",
    "РМО учителей математики",
    "Муниципальная тьюторская команда",
    "ИМЦ",
]
PLANNED = ["3", "+", "август", "ежеквартально", "Не менее 2 семинаров", "апрель – май"]
DEADLINES = ["2021-2023", "ежегодно", "Март 2022", "апрель – май", "В течение всего периода"]
# 24 statuses: 9 done, 3 in progress, 4 partly done, 2 not done, 2 postponed, 1 cancelled,
# 3 not started — shares such as 3/24 = 12,5 % show the Russian decimal comma.
STATUS_PATTERN = [
    S.DONE, S.IN_PROGRESS, S.DONE, S.PARTLY_DONE, S.NOT_STARTED, S.DONE,
    S.NOT_DONE, S.DONE, S.PARTLY_DONE, S.POSTPONED, S.DONE, S.IN_PROGRESS,
    S.CANCELLED, S.DONE, S.NOT_STARTED, S.PARTLY_DONE, S.DONE, S.NOT_DONE,
    S.IN_PROGRESS, S.DONE, S.POSTPONED, S.PARTLY_DONE, S.NOT_STARTED, S.DONE,
]  # fmt: skip
ACTUALS = [Decimal("3"), None, Decimal("1234.5"), Decimal("2"), None, Decimal("0.75")]
NAMED_SCHOOLS = [
    "МБОУ «Знаменская СОШ № 1»",
    "МБОУ «Кариановская СОШ»",
    "МБОУ «Ремонтненская гимназия № 1»",
    "МБОУ «Богородицкая ООШ»",
    "МКОУ «Подгорненская СОШ»",
    "Филиал МБОУ «Знаменская СОШ № 1» в с. Ивановка",
]
SCHOOL_GROUPS = [("ШНОР", "ШНОР-1"), ("ШНСУ", ""), ("ШНОР, ШНСУ", "ШНОР-2")]
REPORT_STATES = ["принят", "на доработке", "отчёт не сдан"]
CONCLUSIONS = (
    "1. Мероприятия первого раздела в основном выполнены; рабочая группа собиралась "
    "ежеквартально.\n"
    "2. Курсы повышения квалификации прошли не все педагоги ШНОР: перенос на 2023 год.\n"
    "\n"
    "Рекомендации:\n"
    "— МБОУ «Богородицкая ООШ» представить план устранения профессиональных дефицитов;\n"
    "— ИМЦ провести методический десант во II квартале."
)


def title_block() -> TitleBlock:
    return TitleBlock(
        department="Отдел образования администрации Знаменского района Тамбовской области",
        program_title=PROGRAM_TITLE,
        order="Приказ № 55 от 03.09.2021",
        period="2021–2023 годы",
        year_label=REPORT_YEAR,
        made_on=date(2023, 1, 23),
        municipality="Знаменский район",
    )


def _section_of(index: int, count: int) -> int:
    return index * len(SECTIONS) // count


def activity_rows(count: int = 24) -> list[ActivityRow]:
    rows, numbers = [], defaultdict(int)
    for index, (title, status) in enumerate(
        zip(islice(cycle(ACTIVITY_TITLES), count), cycle(STATUS_PATTERN), strict=False)
    ):
        section = _section_of(index, count)
        numbers[section] += 1  # numbering restarts in each section, as in the seeds
        rows.append(
            ActivityRow(
                section=SECTIONS[section],
                number=f"{section + 1}.{numbers[section]}",
                title=title,
                executors=EXECUTORS[index % len(EXECUTORS)],
                deadline=DEADLINES[index % len(DEADLINES)],
                planned=PLANNED[index % len(PLANNED)],
                actual=ACTUALS[index % len(ACTUALS)] if status != S.NOT_STARTED else None,
                status=status.value,
                status_label=STATUS_LABELS[status],
                comment="Протокол № 3 от 12.04.2022\nфото в отчёте школы" if index % 5 == 0 else "",
                due_text=["срок 30.04.2022", "по заявке", "срок не распознан"][index % 3],
                is_overdue=status == S.NOT_DONE,
            )
        )
    return rows


def summary_row(label: str, rows: list[ActivityRow]) -> SummaryRow:
    due = len(rows)
    counts = []
    for status in ExecutionStatus:
        count = sum(row.status == status for row in rows)
        counts.append(StatusCount(status.value, status.label, count, count / due if due else 0.0))
    return SummaryRow(label=label, due=due, counts=counts)


def _grouped(rows: list[ActivityRow], keys_of) -> dict[str, list[ActivityRow]]:
    groups = defaultdict(list)
    for row in rows:
        for key in keys_of(row):
            groups[key].append(row)
    return groups


def _section_bar(label: str, rows: list[ActivityRow]) -> SectionBar:
    due = [row for row in rows if row.status != S.CANCELLED]
    return SectionBar(label, sum(row.status == S.DONE for row in due), len(due))


def school_names(count: int) -> list[str]:
    extra = [f"МБОУ «СОШ № {number}»" for number in range(len(NAMED_SCHOOLS) + 1, count + 1)]
    return (NAMED_SCHOOLS + extra)[:count]


def target_schools(count: int) -> list[TargetSchool]:
    return [
        TargetSchool(
            name=name,
            groups=SCHOOL_GROUPS[index % 3][0],
            cohort=SCHOOL_GROUPS[index % 3][1],
            source="Перечень ФИОКО 2021" if index % 2 == 0 else "Приказ министерства № 1234",
        )
        for index, name in enumerate(school_names(count))
    ]


def school_sections(count: int, activities: list[ActivityRow]) -> list[SchoolSection]:
    sections = []
    for index, name in enumerate(school_names(count)):
        involved = activities[index % len(activities) :: max(1, len(activities) // 2)][:2]
        lines = [
            SchoolReportLine(
                activity=f"{row.number} {row.title}",
                state=REPORT_STATES[(index + position) % 3],
                text="Проведено 2 заседания ШМО, протоколы приложены." if position == 0 else "",
            )
            for position, row in enumerate(involved)
        ]
        # The second school takes part in nothing this year: the builders must say so.
        sections.append(SchoolSection(school=name, activities=lines if index != 1 else []))
    return sections


def indicator_rows() -> list[IndicatorRow]:
    rows = []
    plans = [
        ("Доля педагогов ШНОР, прошедших повышение квалификации", "%", [30, 45, 60]),
        ("Количество проведённых методических семинаров", "ед.", [4, 6, 8]),
    ]
    actuals = {("%", "2021"): Decimal("32.5"), ("%", "2022"): Decimal("41")}
    actuals |= {("ед.", "2021"): Decimal("5"), ("ед.", "2022"): Decimal("6")}
    for name, unit, targets in plans:
        for year, target in zip(YEAR_LABELS, targets, strict=True):
            actual = actuals.get((unit, year))
            rows.append(
                IndicatorRow(
                    name=name,
                    unit=unit,
                    year_label=year,
                    target=str(target),
                    actual="" if actual is None else str(actual),
                    target_number=Decimal(target),
                    actual_number=actual,
                    deviation=None if actual is None else actual - target,
                )
            )
    return rows


def sample_spravka(
    activities: int = 24, schools: int = 6, school_reports: bool = True, conclusions=CONCLUSIONS
) -> Spravka:
    rows = activity_rows(activities)
    by_section = _grouped(rows, lambda row: [row.section])
    by_executor = _grouped(rows, lambda row: row.executors.split(", "))
    return Spravka(
        title=title_block(),
        schools=target_schools(schools),
        summary=summary_row("Вся программа", rows),
        by_section=[summary_row(label, group) for label, group in by_section.items()],
        by_executor=[summary_row(label, group) for label, group in by_executor.items()],
        activities=rows,
        indicators=indicator_rows(),
        school_sections=school_sections(schools, rows) if school_reports else None,
        section_bars=[_section_bar(label, group) for label, group in by_section.items()],
        progress=ChartSeries(labels=YEAR_LABELS, shares=[0.625, 9 / 23, None]),
        conclusions=conclusions,
        signature=Signature("Начальник отдела образования", "И. П. Петрова"),
        status_labels=list(ExecutionStatus.choices),
    )


ROADMAP_TITLE = "Дорожная карта (план мероприятий) по поддержке ШНОР и ШНСУ на 2021–2023 годы"
RESULTS = ["Протокол заседания", "Аналитическая справка", "Приказ УО"]


APPROVAL = [
    "УТВЕРЖДЕНА",
    "приказом отдела образования администрации Знаменского района",
    "от 03.09.2021 № 55",
]


def _roadmap_activity(
    row: ActivityRow, index: int, with_years: bool, with_deadlines: bool
) -> RoadmapTableRow:
    return RoadmapTableRow(
        is_section=False,
        number=row.number,
        title=row.title,
        deadline=row.deadline if with_deadlines else "",
        executors=row.executors,
        result=RESULTS[index % len(RESULTS)],
        planned_value="Не менее 3 заседаний ежегодно" if index % 4 == 0 else "",
        indicator="Доля педагогов, принявших участие" if index % 6 == 1 else "",
        years={
            int(label): PLANNED[(index + year) % len(PLANNED)] if with_years else ""
            for year, label in enumerate(YEAR_LABELS)
        },
    )


def _section_row(title: str) -> RoadmapTableRow:
    return RoadmapTableRow(True, "", title, "", "", "", "", "", {})


def sample_roadmap(
    activities: int = 24, with_years: bool = True, with_deadlines: bool = True
) -> OfficialRoadmap:
    """A program made in the portal: one table in the default form."""
    sections, section = [], None
    for index, activity in enumerate(activity_rows(activities)):
        if activity.section != section:
            section = activity.section
            sections.append((_section_row(section), []))
        sections[-1][1].append(_roadmap_activity(activity, index, with_years, with_deadlines))
    rows = [row for heading, group in sections for row in (heading, *group)]
    years = [int(label) for label in YEAR_LABELS]
    form = default_form(default_columns(rows, years), dict(zip(years, YEAR_LABELS, strict=True)))
    return OfficialRoadmap(
        title=title_block(),
        roadmap_title=ROADMAP_TITLE,
        approval=APPROVAL,
        tables=[form_table(form, ROADMAP_TITLE, sections)],
    )
