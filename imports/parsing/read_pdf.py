"""Grids from a PDF roadmap, as departments publish them on their sites: text-based PDF tables
read through pdfplumber (cell boxes from the ruling lines, text from the text layer).

A table running over several pages is one grid: the next page's table of the same width
continues it, its first row marked as coming after a page break (the header repeated there is
skipped, a row cut by the break is joined like in other text sources). Merged cells are
resolved like Word merges: a cell box covering the next columns repeats across them, a cell
box reaching down repeats below. Line breaks inside a PDF cell are where the line ran out of
room, not where the author pressed Enter, so they separate nothing.
"""

from __future__ import annotations

import io
import re

import pdfplumber

from .errors import RoadmapParseError
from .grid import Cell, Grid, Row, TextLine, pad_rows
from .text import clean

# «2», «- 2 -», «стр. 2 из 5»: page furniture, which neither heads nor parts the tables.
_PAGE_NUMBER_RE = re.compile(
    r"^(?:стр\.?|страница|с\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:из\s+\d{1,4})?$", re.I
)

MSG_SCANNED = (
    "В PDF-файле нет текста: это скан (изображения страниц). Распознайте текст программой "
    "распознавания (OCR) или загрузите дорожную карту в формате .docx, .xlsx или PDF с текстом."
)


MSG_NO_RULED_TABLE = (
    "В PDF-файле не найдено таблицы: дорожная карта читается из таблицы с линиями ячеек. "
    "Загрузите исходный документ Word или Excel либо вставьте таблицу, скопированную из него."
)


def read_pdf_grids(data: bytes) -> list[Grid]:
    """One grid per table (a table continued over pages is one), in page order, each with the
    text lines above it."""
    grids: list[Grid] = []
    lead: list[TextLine] = []
    has_text = False
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if not page.chars:
                continue
            has_text = True
            top = page.bbox[1]
            tables = page.find_tables()
            for table in tables:
                lead += _lines(page, top, table.bbox[1])
                rows = _table_rows(table)
                width = max((len(row) for row in rows), default=0)
                continues = grids and not lead and grids[-1].width == width
                if continues:
                    _append_rows(grids[-1], rows, page_break=True)
                else:
                    grid = Grid(
                        rows=[],
                        width=width,
                        name=f"Таблица {len(grids) + 1} (стр. {page.page_number})",
                        lead_lines=lead,
                        splits_rows=True,
                    )
                    _append_rows(grid, rows, page_break=False)
                    grids.append(grid)
                lead = []
                top = table.bbox[3]
            cut = _cut_row(page, tables[-1]) if tables else None
            if cut is not None:
                cells, top = cut
                _append_rows(grids[-1], [[(text, None) for text in cells]], page_break=False)
            lead += _lines(page, top, page.bbox[3])
    if not has_text:
        raise RoadmapParseError(MSG_SCANNED)
    if not grids:
        raise RoadmapParseError(MSG_NO_RULED_TABLE)
    for grid in grids:
        pad_rows(grid.rows, grid.width)
    return grids


def _lines(page, top: float, bottom: float) -> list[TextLine]:
    """The text lines of the page between ``top`` and ``bottom`` (outside the tables)."""
    if bottom - top < 1:
        return []
    region = page.within_bbox((page.bbox[0], top, page.bbox[2], bottom), strict=False)
    text = region.extract_text() or ""
    lines = (clean(line) for line in text.splitlines())
    return [TextLine(line) for line in lines if line and not _PAGE_NUMBER_RE.match(line)]


def _cut_row(page, table) -> tuple[list[str], float] | None:
    """The top part of a row cut by the page break, under the table's last closed row: its
    cell borders run on below the table to the page's end, but no line closes it, so it is
    no table cell. Its words are put in the columns of the row above by their position.
    Returns (cells' texts, the row's bottom), or None when no row goes on below the table."""
    bottom = table.bbox[3]
    borders = [
        edge
        for edge in page.vertical_edges
        if edge["top"] >= bottom - 1
        and edge["bottom"] > bottom + 2
        and table.bbox[0] - 1 <= edge["x0"] <= table.bbox[2] + 1
    ]
    if len(borders) < 2:
        return None
    row_bottom = max(edge["bottom"] for edge in borders)
    region = page.crop((table.bbox[0], bottom, table.bbox[2], row_bottom), strict=False)
    lefts = sorted({box[0] for row in table.rows for box in row.cells if box is not None})
    columns = list(zip(lefts, [*lefts[1:], table.bbox[2]], strict=True))
    texts: list[list[str]] = [[] for _ in columns]
    for word in region.extract_words():
        middle = (word["x0"] + word["x1"]) / 2
        for index, box in enumerate(columns):
            if box[0] <= middle < box[1]:
                texts[index].append(word["text"])
                break
    return [" ".join(words) for words in texts], row_bottom


def _table_rows(table) -> list[list[tuple[str, tuple[int, int] | None]]]:
    """(text, None) for a cell of its own, ("", (row, column)) pointing at the cell covering
    a merged position."""
    boxes = [row.cells for row in table.rows]
    texts = table.extract()
    xs = sorted({box[0] for row in boxes for box in row if box is not None})
    rows = []
    for row_index, (row_boxes, row_texts) in enumerate(zip(boxes, texts, strict=True)):
        row = []
        for column, box in enumerate(row_boxes):
            if box is not None:
                row.append((row_texts[column] or "", None))
                continue
            left = next((c for c in range(column - 1, -1, -1) if row_boxes[c] is not None), None)
            if left is not None and row_boxes[left][2] > xs[column] + 1:
                row.append(("", (row_index, left)))
            else:
                row.append(("", (row_index - 1, column) if row_index else None))
        rows.append(row)
    return rows


def _append_rows(grid: Grid, rows, page_break: bool) -> None:
    offset = len(grid.rows)
    for index, row in enumerate(rows):
        row_index = offset + index
        cells: list[Cell] = []
        for column, (text, merged_from) in enumerate(row):
            if merged_from is None:
                cells.append(Cell(clean(text), (row_index, column)))
                continue
            source_row, source_column = merged_from
            if source_row == index:  # covered from the left in this row
                cells.append(_copy(cells[source_column]))
            elif source_row >= 0 and offset + source_row < len(grid.rows):
                cells.append(_copy(grid.rows[offset + source_row].cells[column]))
            else:
                cells.append(Cell("", (row_index, column)))
        grid.rows.append(Row(cells, row_index + 1, after_break=page_break and index == 0))


def _copy(cell: Cell) -> Cell:
    return Cell(cell.text, cell.origin, cell.source)
