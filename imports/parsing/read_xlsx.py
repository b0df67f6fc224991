"""Grids from an Excel workbook (.xlsx), one per worksheet.

openpyxl's read-only mode streams the cells quickly but does not expose merged ranges, which
roadmaps use for section rows and two-level headers; those are read from the sheet's XML here
(the ``<mergeCell ref="A1:H1"/>`` list at its end) and resolved like Word merges.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
from openpyxl.utils.cell import range_boundaries

from .grid import Cell, Grid, Row, pad_rows
from .text import value_text

_MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")


def read_xlsx_grids(data: bytes) -> list[Grid]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [_read_sheet(sheet, archive) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _read_sheet(sheet, archive: zipfile.ZipFile) -> Grid:
    # Dimensions recorded in the file are often wrong (written by other tools): ignore them.
    sheet.reset_dimensions()
    rows: list[Row] = []
    for row_index, sheet_row in enumerate(sheet.iter_rows()):
        cells = [
            Cell(value_text(cell.value), (row_index, column), cell, _lines_of(cell.value))
            for column, cell in enumerate(sheet_row)
        ]
        rows.append(Row(cells, source_row=row_index + 1))
    _drop_trailing_blank_rows(rows)
    width = max((len(row.cells) for row in rows), default=0)
    pad_rows(rows, width)
    _apply_merges(rows, width, _merged_ranges(sheet, archive))
    return Grid(rows=rows, width=width, name=f"Лист «{sheet.title}»", is_bold=_is_bold_cell)


def _lines_of(value) -> str | None:
    """A text cell's own line breaks (Alt+Enter): they separate executors."""
    if isinstance(value, str) and "\n" in value.strip():
        return value.strip()
    return None


def _drop_trailing_blank_rows(rows: list[Row]) -> None:
    while rows and rows[-1].is_blank():
        rows.pop()


def _merged_ranges(sheet, archive: zipfile.ZipFile) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row), 1-based, of each merged range of the sheet."""
    path = getattr(sheet, "_worksheet_path", None)  # where openpyxl found the sheet's XML
    if not path:
        return []
    try:
        xml = archive.read(path.lstrip("/"))
    except KeyError:
        return []
    start = xml.find(b"mergeCells")  # the list follows the cell data: skip straight to it
    if start < 0:
        return []
    return [range_boundaries(ref.decode()) for ref in _MERGE_RE.findall(xml, start)]


def _apply_merges(rows: list[Row], width: int, ranges) -> None:
    for min_col, min_row, max_col, max_row in ranges:
        top, left = min_row - 1, min_col - 1
        if top >= len(rows) or left >= width:
            continue
        anchor = rows[top].cells[left]
        # Ranges may run far past the data (whole rows or columns): clip them to the grid.
        for row in rows[top : min(max_row, len(rows))]:
            for column in range(left, min(max_col, width)):
                row.cells[column] = Cell(anchor.text, anchor.origin, anchor.source, anchor.raw)


def _is_bold_cell(cell) -> bool:
    font = getattr(cell, "font", None)
    return bool(font is not None and font.b)
