"""The roadmap in its official form as an XLSX sheet "Дорожная карта", ready to print.

Layout: the title lines (department, roadmap title, program, period, approving order) from
row 1, an empty row, the header, then one row per activity; a section row is merged across the
whole width. The columns are those of the PDF (`tables.roadmap_columns`). Printed landscape on
A4, fitted to the page width, the header row repeated on every page.
"""

import re

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from reports.data import OfficialRoadmap, RoadmapTableRow

from .stages import StageCallback, stage_reporter
from .tables import RoadmapColumn, roadmap_columns
from .xlsx_common import ReportBook, ReportSheet

SHEET_TITLE = "Дорожная карта"
WIDTH_OF_KIND = {
    "number": 8,
    "title": 50,
    "deadline": 16,
    "year": 11,
    "executors": 28,
    "result": 40,
}
WHOLE_NUMBER = re.compile(r"\d{1,9}")


def year_cell_value(text: str) -> int | str:
    """A planned count such as "3" is a number in Excel; "+", "август" stay text."""
    stripped = text.strip()
    return int(stripped) if WHOLE_NUMBER.fullmatch(stripped) else text


def _title_lines(data: OfficialRoadmap) -> list[tuple[str, str]]:
    """(text, cell kind) of each title line above the table; empty lines are left out."""
    title = data.title
    period = f"Период реализации: {title.period}" if title.period else ""
    order = f"Утверждена: {title.order}" if title.order else ""
    lines = [
        (title.department, "plain"),
        (data.roadmap_title, "title"),
        (title.program_title, "plain"),
        (period, "plain"),
        (order, "plain"),
    ]
    return [(text, style) for text, style in lines if text]


def _activity_values(row: RoadmapTableRow, columns: list[RoadmapColumn]) -> list:
    return [
        year_cell_value(column.value(row)) if column.kind == "year" else column.value(row)
        for column in columns
    ]


def _setup_print(sheet: WriteOnlyWorksheet, header_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _write_roadmap(report: ReportSheet, data: OfficialRoadmap) -> None:
    columns = roadmap_columns(data)
    title_lines = _title_lines(data)
    header_row = len(title_lines) + 2
    last_column = get_column_letter(len(columns))

    report.set_widths(WIDTH_OF_KIND[column.kind] for column in columns)
    report.sheet.freeze_panes = f"A{header_row + 1}"
    _setup_print(report.sheet, header_row)
    for text, kind in title_lines:
        report.append([text], kind)
    report.append([])
    report.append_header(column.header for column in columns)

    kinds = ["plain" if column.kind in ("number", "year") else "text" for column in columns]
    for row_number, row in enumerate(data.rows, start=header_row + 1):
        if row.is_section:
            report.append([f"{row.number} {row.title}".strip()], "section")
            report.sheet.merged_cells.add(f"A{row_number}:{last_column}{row_number}")
        else:
            report.append_rows(kinds, [_activity_values(row, columns)])


def roadmap_xlsx(data: OfficialRoadmap, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    book = ReportBook()
    report_stage("Таблица мероприятий")
    _write_roadmap(book.add_sheet(SHEET_TITLE), data)
    report_stage("Сохранение файла")
    return book.to_bytes()
