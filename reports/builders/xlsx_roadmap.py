"""The roadmap in its official form as an XLSX sheet "Дорожная карта", ready to print.

Layout, as the document it was approved in: the approval block at the top right, the roadmap
title, then each table of the form under its caption — its header levels with their merged
cells and the numbering row — with one row per activity and a section row merged across the
table; an empty row between tables, the signature line at the end when the source had one.
Printed landscape on A4, fitted to the page width, the first table's header repeated on every
page (a sheet repeats one band of rows).
"""

import re

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from reports.data import OfficialRoadmap, RoadmapTable

from .stages import StageCallback, stage_reporter
from .tables import column_kind, roadmap_cells
from .xlsx_common import ReportBook, ReportSheet

SHEET_TITLE = "Дорожная карта"
WIDTH_OF_KIND = {
    "number": 8,
    "title": 50,
    "deadline": 16,
    "year": 11,
    "executors": 28,
    "result": 40,
    "other": 16,
}
WHOLE_NUMBER = re.compile(r"\d{1,9}")


def year_cell_value(text: str) -> int | str:
    """A planned count such as "3" is a number in Excel; "+", "август" stay text."""
    stripped = text.strip()
    return int(stripped) if WHOLE_NUMBER.fullmatch(stripped) else text


def _setup_print(sheet: WriteOnlyWorksheet, header_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows


def _widths(data: OfficialRoadmap) -> list[float]:
    """Each sheet column as wide as the widest kind any table has there."""
    widths: list[float] = []
    for table in data.tables:
        for index, field in enumerate(table.columns):
            width = WIDTH_OF_KIND[column_kind(field)]
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    return widths


class _RoadmapWriter:
    """Writes the sheet top to bottom, counting rows for the merges."""

    def __init__(self, report: ReportSheet):
        self.report = report
        self.row = 0

    def append(self, values: list, kind: str = "plain") -> None:
        self.report.append(values, kind)
        self.row += 1

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        self.report.sheet.merged_cells.add(
            f"{get_column_letter(first_column)}{first_row}:"
            f"{get_column_letter(last_column)}{last_row}"
        )

    def line_across(self, text: str, width: int, kind: str) -> None:
        self.append([text], kind)
        if width > 1:
            self.merge(self.row, 1, self.row, width)

    def table(self, table: RoadmapTable) -> tuple[int, int]:
        """Writes the table; returns the first and last row of its header."""
        width = len(table.columns)
        if table.caption:
            self.line_across(table.caption, width, "section")
        first = self.row + 1
        for level, cells in enumerate(table.header):
            values = [None] * width
            for cell in cells:
                values[cell.column] = cell.text
            self.append(values, "header")
            for cell in cells:
                if cell.colspan > 1 or cell.rowspan > 1:
                    top = first + level
                    last_column = cell.column + cell.colspan
                    self.merge(top, cell.column + 1, top + cell.rowspan - 1, last_column)
        if table.numbering:
            self.append(list(table.numbering))
        header_end = self.row
        kinds = [column_kind(field) for field in table.columns]
        styles = ["plain" if kind in ("number", "year") else "text" for kind in kinds]
        for row in table.rows:
            if row.is_section:
                self.line_across(" ".join(filter(None, (row.number, row.title))), width, "section")
                continue
            values = [
                year_cell_value(text) if kind == "year" else text
                for kind, text in roadmap_cells(row, table.columns)
            ]
            self.report.append_rows(styles, [values])
            self.row += 1
        return first, header_end


def _first_data_row(data: OfficialRoadmap) -> int:
    """Where the first table's rows start: the panes freeze above it (set before any row)."""
    # the block, a gap, the title (and period), a gap
    above = len(data.approval) + bool(data.approval) + 2 + bool(data.period)
    if not data.tables:
        return above + 1
    first = data.tables[0]
    return above + bool(first.caption) + len(first.header) + bool(first.numbering) + 1


def _write_roadmap(report: ReportSheet, data: OfficialRoadmap) -> None:
    widths = _widths(data)
    width = len(widths)
    report.set_widths(widths)
    report.sheet.freeze_panes = f"A{_first_data_row(data)}"
    writer = _RoadmapWriter(report)
    block_column = max(width - 1, 1)  # the approval block sits over the last two columns
    for line in data.approval:
        writer.append([None] * (block_column - 1) + [line])
        if width > block_column:
            writer.merge(writer.row, block_column, writer.row, width)
    if data.approval:
        writer.append([])
    writer.line_across(data.roadmap_title, width, "title")
    if data.period:
        writer.line_across(data.period, width, "title")
    writer.append([])
    repeated = ""
    for index, table in enumerate(data.tables):
        if index:
            writer.append([])
        first, last = writer.table(table)
        repeated = repeated or f"{first}:{last}"
    if data.signature:
        writer.append([])
        writer.append([data.signature[0]] + [None] * (width - 2) + [" ".join(data.signature[1:])])
    _setup_print(report.sheet, repeated)


def roadmap_xlsx(data: OfficialRoadmap, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    book = ReportBook()
    report_stage("Таблица мероприятий")
    _write_roadmap(book.add_sheet(SHEET_TITLE), data)
    report_stage("Сохранение файла")
    return book.to_bytes()
