"""The regional справка as an XLSX workbook: one sheet, the municipalities side by side.

Sheet "Муниципалитеты":

    A1        "Сводная справка по муниципалитетам региона"
    A2:B4     field | value: Регион, Отчётный год (text), Дата составления (a date cell)
    row 5     empty
    row 6     header (REGIONAL_COLUMNS), frozen below, under an autofilter with the rows
    A7...     one row per municipality, then the row «Итого по региону»
Counts are integers, shares floats 0..1 (empty when there is nothing to count); a year nobody
filled in has «нет сведений» for «Выполнено». The conclusions, when written, follow below.
"""

from programs.status import NO_INFORMATION
from reports.data import MunicipalityFigures, RegionalSpravka

from .stages import StageCallback, stage_reporter
from .xlsx_common import Column, ReportBook, table_ref

REGIONAL_TITLE = "Сводная справка по муниципалитетам региона"
HEADER_ROW = 6
REGIONAL_COLUMNS = [
    Column("Муниципалитет", 32, "text"),
    Column("Программ", 11, "count"),
    Column("Школ ШНОР", 11, "count"),
    Column("Школ ШНСУ", 11, "count"),
    Column("Мероприятий к исполнению", 14, "count"),
    Column("Выполнено", 12, "count"),
    Column("Доля выполненных", 12, "share"),
    Column("Отчётов школ ожидается", 13, "count"),
    Column("Отчётов сдано", 12, "count"),
    Column("Полнота отчётности", 12, "share"),
    Column("Показателей с оценкой", 13, "count"),
    Column("Показателей достигнуто", 13, "count"),
    Column("Доля достигнутых", 12, "share"),
]


def regional_values(row: MunicipalityFigures) -> list:
    return [
        row.name,
        row.programs,
        row.shnor,
        row.shnsu,
        row.due,
        row.done if row.filled_in else NO_INFORMATION,
        row.done_share,
        row.reports_expected,
        row.reports_received,
        row.completeness,
        row.indicators_judged,
        row.indicators_reached,
        row.reached_share,
    ]


def regional_xlsx(data: RegionalSpravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Муниципалитеты")
    book = ReportBook()
    report = book.add_sheet("Муниципалитеты")
    report.set_widths(column.width for column in REGIONAL_COLUMNS)
    report.sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    report.append([REGIONAL_TITLE], "title")
    report.append_rows(
        ["field", "plain"], [("Регион", data.region), ("Отчётный год", str(data.year))]
    )
    report.append_rows(["field", "date"], [("Дата составления", data.made_on)])
    report.append([])
    report.append_header(column.header for column in REGIONAL_COLUMNS)
    kinds = [column.kind for column in REGIONAL_COLUMNS]
    written = report.append_rows(kinds, (regional_values(row) for row in data.municipalities))
    report.sheet.auto_filter.ref = table_ref(HEADER_ROW, HEADER_ROW + written, len(kinds))
    report.append_rows(kinds, [regional_values(data.total)])
    if data.conclusions.strip():
        report.append([])
        report.append(["Выводы и рекомендации"], "title")
        for line in data.conclusions.strip().splitlines():
            report.append([line], "text")
    report_stage("Сохранение файла")
    return book.to_bytes()
