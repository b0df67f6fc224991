"""The справка as an XLSX workbook: a sheet per part, real numbers, native Excel charts.

Sheet "Сводка" — the cell layout other code and tests rely on:

    A1        "Аналитическая справка об исполнении дорожной карты"
    A2:B8     field | value: Орган управления образованием, Муниципалитет, Программа,
              Утверждена (приказ), Период реализации, Отчётный год (text),
              Дата составления (a date cell)
    row 9     empty
    A10:C10   header ["Исполнение", "Количество", "Доля"]
    A11:C17   one row per ExecutionStatus in its order (не начато, в работе, выполнено,
              выполнено частично, не выполнено, перенесено, отменено):
              label (str) | count (int, format "0") | share of due (float 0..1, format "0.0%")
    A18:B18   "Всего к исполнению" | due (int)
    row 19    empty
    A20:B20   header ["Год", "Доля выполненных"]
    A21...    one row per program year: label (str) | share (float, "0.0%"; empty when nothing
              was due that year)
    chart     LineChart of the shares by year, anchored at E10
Panes are frozen below row 10; the autofilter covers A10:C17.

Other sheets are one table each with the header in row 1, frozen below it and under an
autofilter: "По разделам" and "По исполнителям" (label, due, then count and share per status;
"По разделам" adds the bar chart's data and a BarChart below), "Мероприятия", "Показатели",
"Школы" (target schools; the schools' reports follow below). "Выводы" holds the coordinator's
text, one line per row, and the signature.
"""

from datetime import date

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from programs.status import NO_INFORMATION
from reports.data import Spravka, SummaryRow

from .stages import StageCallback, stage_reporter
from .tables import status_counts, status_headers
from .xlsx_common import SHARE_FORMAT, Column, ReportBook, ReportSheet, table_ref

REPORT_TITLE = "Аналитическая справка об исполнении дорожной карты"
SUMMARY_HEADER_ROW = 10
TOTAL_LABEL = "Всего к исполнению"
PROGRESS_HEADER_ROW = 20
NO_CONCLUSIONS = "Выводы не заполнены."
NO_SCHOOL_REPORTS = (
    "Отчёты школ в портале пока не собираются: раздел будет заполнен после их сдачи."
)
SUMMARY_COLUMNS = [
    Column("Исполнение", 28),
    Column("Количество", 14, "count"),
    Column("Доля", 12, "share"),
]


def _title_fields(data: Spravka) -> list[tuple[str, str | date]]:
    title = data.title
    return [
        ("Орган управления образованием", title.department),
        ("Муниципалитет", title.municipality),
        ("Программа", title.program_title),
        ("Утверждена", title.order),
        ("Период реализации", title.period),
        ("Отчётный год", title.year_label),
        ("Дата составления", title.made_on),
    ]


def _write_summary(report: ReportSheet, data: Spravka) -> None:
    report.set_widths(column.width for column in SUMMARY_COLUMNS)
    report.sheet.freeze_panes = f"A{SUMMARY_HEADER_ROW + 1}"
    report.append([REPORT_TITLE], "title")
    fields = _title_fields(data)
    report.append_rows(["field", "plain"], fields[:-1])
    report.append_rows(["field", "date"], fields[-1:])
    report.append([])

    report.append_header(column.header for column in SUMMARY_COLUMNS)
    counts = status_counts(data.summary)
    rows = (
        [count.label, count.count, count.share]
        if data.summary.filled_in
        else [count.label, NO_INFORMATION, None]
        for count in counts
    )
    report.append_rows([column.kind for column in SUMMARY_COLUMNS], rows)
    last_status_row = SUMMARY_HEADER_ROW + len(counts)
    report.sheet.auto_filter.ref = table_ref(
        SUMMARY_HEADER_ROW, last_status_row, len(SUMMARY_COLUMNS)
    )
    report.append_rows(["plain", "count"], [[TOTAL_LABEL, data.summary.due]])
    report.append([])

    report.append_header(["Год", "Доля выполненных"])
    unfilled = data.progress.no_information or [False] * len(data.progress.labels)
    progress = (
        [label, NO_INFORMATION if no_information else share]
        for label, share, no_information in zip(
            data.progress.labels, data.progress.shares, unfilled, strict=True
        )
    )
    years = report.append_rows(["plain", "share"], progress)
    if years:
        report.sheet.add_chart(_progress_chart(report.sheet, years), f"E{SUMMARY_HEADER_ROW}")


def _show_axes(chart: BarChart | LineChart) -> None:
    # openpyxl 3.1 leaves the axes' "delete" flag unset, and Excel then hides both axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _progress_chart(sheet: WriteOnlyWorksheet, years: int) -> LineChart:
    first, last = PROGRESS_HEADER_ROW + 1, PROGRESS_HEADER_ROW + years
    chart = LineChart()
    chart.title = "Доля выполненных мероприятий по годам"
    chart.y_axis.number_format = SHARE_FORMAT
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.legend = None
    _show_axes(chart)
    shares = Reference(sheet, min_col=2, min_row=PROGRESS_HEADER_ROW, max_row=last)
    chart.add_data(shares, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    chart.width, chart.height = 16, 8
    return chart


def _matrix_columns(first_header: str) -> list[Column]:
    columns = [Column(first_header, 48, "text"), Column("К исполнению", 12, "count")]
    for label in status_headers():
        columns += [Column(label, 12, "count"), Column(f"{label}, доля", 12, "share")]
    return columns


def _matrix_row(row: SummaryRow) -> list:
    values = [row.label, row.due]
    if not row.filled_in:
        return values + [NO_INFORMATION] + [None] * (2 * len(status_headers()) - 1)
    for count in status_counts(row):
        values += [count.count, count.share]
    return values


def _write_matrix(report: ReportSheet, first_header: str, rows: list[SummaryRow]) -> None:
    report.write_table(_matrix_columns(first_header), (_matrix_row(row) for row in rows))


def _write_by_executor(report: ReportSheet, data: Spravka) -> None:
    _write_matrix(report, "Исполнитель", data.by_executor)
    if data.by_executor_note:
        report.append([])
        report.append([data.by_executor_note], "text")


def _write_by_section(report: ReportSheet, data: Spravka) -> None:
    _write_matrix(report, "Раздел", data.by_section)
    if not data.section_bars:
        return
    report.append([])
    header_row = len(data.by_section) + 3
    report.append_header(["Раздел (диаграмма)", "Выполнено", "К исполнению", "Доля выполненных"])
    bars = ([bar.label, bar.done, bar.due, bar.share] for bar in data.section_bars)
    last_row = header_row + report.append_rows(["text", "count", "count", "share"], bars)
    report.sheet.add_chart(_section_chart(report.sheet, header_row, last_row), f"A{last_row + 2}")


def _section_chart(sheet: WriteOnlyWorksheet, header_row: int, last_row: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"  # horizontal bars, as in the PDF
    chart.title = "Доля выполненных мероприятий по разделам"
    chart.x_axis.scaling.orientation = "maxMin"  # first section on top
    chart.y_axis.number_format = SHARE_FORMAT
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.legend = None
    _show_axes(chart)
    shares = Reference(sheet, min_col=4, min_row=header_row, max_row=last_row)
    chart.add_data(shares, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.width, chart.height = 20, max(6, 1.2 * (last_row - header_row) + 3)
    return chart


# One line per activity, nothing wrapped: the sheet is for filtering and sorting (the PDF is
# the one to read), and its hundreds of rows are where per-cell styles would cost the most.
ACTIVITY_COLUMNS = [
    Column("Раздел", 40),
    Column("№", 7),
    Column("Мероприятие", 60),
    Column("Исполнители", 30),
    Column("Срок", 18),
    Column("План", 18),
    Column("Срок исполнения", 18),
    Column("Факт", 12, "number"),
    Column("Исполнение", 18),
    Column("Просрочено", 12),
    Column("Комментарий", 40),
]


def _activity_rows(data: Spravka):
    for row in data.activities:
        yield [
            row.section,
            row.number,
            row.title,
            row.executors,
            row.deadline,
            row.planned,
            row.due_text,
            row.actual,
            row.status_label,
            "да" if row.is_overdue else "нет",
            row.comment,
        ]


INDICATOR_COLUMNS = [
    Column("Показатель", 48, "text"),
    Column("Ед. изм.", 12),
    Column("Базовое значение", 12, "number"),
    Column("Базовый год", 10),
    Column("Год", 10),
    Column("План", 12, "number"),
    Column("Факт", 12, "number"),
    Column("Отклонение", 12, "number"),
    Column("Оценка", 24),
    Column("Комментарий к оценке", 40, "text"),
    Column("План, как записан", 20),
    Column("Факт, как записан", 20),
]


def _indicator_rows(data: Spravka):
    for row in data.indicators:
        yield [
            row.name,
            row.unit,
            row.baseline_number,
            row.baseline_year,
            row.year_label,
            row.target_number,
            row.actual_number,
            row.deviation,
            row.judgement,
            row.comment,
            row.target,
            row.actual,
        ]


SCHOOL_COLUMNS = [
    Column("Школа", 48),
    Column("Группа", 14),
    Column("Когорта", 12),
    Column("Основание включения", 40),
]
SCHOOL_REPORT_HEADER = ["Школа", "Мероприятие", "Отчёт", "Что сообщила школа"]


def _school_report_rows(data: Spravka):
    for section in data.school_sections or []:
        if not section.activities:
            yield [section.school, "Мероприятий с участием школы нет", None, None]
        for line in section.activities:
            yield [section.school, line.activity, line.state, line.text]


def _write_schools(report: ReportSheet, data: Spravka) -> None:
    target = ([s.name, s.groups, s.cohort, s.source] for s in data.schools)
    report.write_table(SCHOOL_COLUMNS, target)
    report.append([])
    report.append(["Отчёты школ"], "title")
    if data.school_sections is None:
        report.append([NO_SCHOOL_REPORTS])
        return
    report.append_header(SCHOOL_REPORT_HEADER)
    report.append_rows(["plain", "text", "plain", "text"], _school_report_rows(data))
    _write_risk_gaps(report, data)


RISK_GAP_HEADER = ["Школа", "Фактор риска «500+»", "Чего нет"]
NO_RISK_PROFILES = "Профили рисков школ за отчётный год не заполнены."
NO_RISK_GAPS = "Высокие и средние риски целевых школ закрыты программами и мероприятиями."


def _write_risk_gaps(report: ReportSheet, data: Spravka) -> None:
    report.append([])
    report.append(["Риски «500+»: высокие и средние риски без ответа"], "title")
    if not data.risk_gaps:
        report.append([NO_RISK_PROFILES if data.risk_gaps is None else NO_RISK_GAPS])
        return
    report.append_header(RISK_GAP_HEADER)
    rows = ([gap.school, gap.factor, gap.missing] for gap in data.risk_gaps)
    report.append_rows(["plain", "text", "text"], rows)


def _write_conclusions(report: ReportSheet, data: Spravka) -> None:
    report.set_widths([90, 16, 30])  # text lines in A; the signature: position, line, name
    report.append(["Выводы и рекомендации"], "title")
    for line in data.conclusions.strip().splitlines() or [NO_CONCLUSIONS]:
        report.append([line], "text")
    report.append([])
    signature = data.signature
    signature_line = [signature.position, "____________", signature.name]
    report.append_rows(["text", "plain", "plain"], [signature_line])
    report.append([data.title.made_on], "date")
    if signature.executor:
        report.append([signature.executor])


def _write_resources(report: ReportSheet, data: Spravka) -> None:
    """Money by source and year: planned and spent rubles as numbers, a total row last."""
    table = data.resources
    columns = [Column("Источник финансирования", 30)]
    for label in [*table.year_labels, "Всего"]:
        columns += [Column(f"{label}: план, руб.", 16, "amount")]
        columns += [Column(f"{label}: факт, руб.", 16, "amount")]
    rows = (
        [row.source, *(value for cell in row.cells for value in cell), row.planned, row.actual]
        for row in table.rows
    )
    report.write_table(columns, rows)


def spravka_xlsx(data: Spravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    book = ReportBook()
    sheet_writers = [
        ("Сводка", _write_summary),
        ("По разделам", _write_by_section),
        ("По исполнителям", _write_by_executor),
        ("Мероприятия", lambda report, d: report.write_table(ACTIVITY_COLUMNS, _activity_rows(d))),
        ("Показатели", lambda report, d: report.write_table(INDICATOR_COLUMNS, _indicator_rows(d))),
        *([("Ресурсное обеспечение", _write_resources)] if data.resources else []),
        ("Школы", _write_schools),
        ("Выводы", _write_conclusions),
    ]
    for title, write_sheet in sheet_writers:
        report_stage(title)
        write_sheet(book.add_sheet(title), data)
    report_stage("Сохранение файла")
    return book.to_bytes()
