"""Grids from text: a Word table pasted or saved as text (tab-separated) and CSV files.

Text keeps a little of Word's formatting as markup (``<b>…</b>``, ``**…**``) and marks page
breaks with blank lines; both are read here: bold becomes the cells' ``source`` and a blank line
becomes a blank row, which the roadmap builder treats as a page break.
"""

from __future__ import annotations

import csv
import io
import re
import statistics

from .grid import Cell, Grid, Row, pad_rows
from .read_cell_lines import is_cell_per_line, read_cell_lines
from .text import clean

_BOLD_TOKEN_RE = re.compile(r"(<b>|</b>|<strong>|</strong>|\*\*)", re.IGNORECASE)
_OTHER_TAG_RE = re.compile(r"</?(?:i|em|u|span|font|p|br)\b[^>]*>", re.IGNORECASE)
_ITALIC_RE = re.compile(r"^\*([^*].*[^*]|[^*])\*$")
_CSV_DELIMITERS = (";", "\t", ",")


def decode_text(data: bytes) -> str:
    """Text files come as UTF-8 (with or without BOM), UTF-16 from Excel, or Windows-1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


class _MarkupReader:
    """Strips markup from cells and tells which are bold; bold may open in one cell and close
    in another of the same row, or span the lines of one paragraph."""

    def __init__(self) -> None:
        self.bold_open = False

    def cell(self, raw: str) -> tuple[str, bool, str | None]:
        """(text, bold, the text with its line breaks when it has several lines)."""
        raw = _OTHER_TAG_RE.sub(" ", raw)
        text_parts: list[str] = []
        all_bold = True
        for piece in _BOLD_TOKEN_RE.split(raw):
            token = piece.lower()
            if token in ("<b>", "<strong>"):
                self.bold_open = True
            elif token in ("</b>", "</strong>"):
                self.bold_open = False
            elif token == "**":
                self.bold_open = not self.bold_open
            elif piece:
                text_parts.append(piece)
                if piece.strip() and not self.bold_open:
                    all_bold = False
        joined = "".join(text_parts)
        text = clean(joined)
        italic = _ITALIC_RE.match(text)
        if italic:
            text = clean(italic.group(1))
        joined_lines = joined.strip()
        return text, bool(text) and all_bold, joined_lines if "\n" in joined_lines else None


def _split_lines(text: str) -> list[tuple[int, list[str]]]:
    """(line number, raw cells) per line. Excel quotes a cell holding line breaks; such quotes
    only matter when some line has an odd number of them, and then the csv module reads them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if any(_opens_quoted_cell(line) for line in lines):
        return _csv_rows(text, "\t")
    return [(index + 1, line.split("\t")) for index, line in enumerate(lines)]


def _opens_quoted_cell(line: str) -> bool:
    return line.count('"') % 2 == 1 and any(cell.startswith('"') for cell in line.split("\t"))


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    rows = []
    next_line = 1
    for cells in reader:
        rows.append((next_line, cells))
        next_line = reader.line_num + 1
    return rows


def _join_paragraph_lines(lines: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Join the lines of one paragraph outside the table: Markdown-like extraction ends a line
    broken inside a paragraph with two spaces, and bold markup can span such lines."""
    joined: list[tuple[int, list[str]]] = []
    continues_previous = False
    for number, cells in lines:
        is_paragraph = len(cells) == 1
        if continues_previous and is_paragraph and cells[0].strip() and joined:
            previous_number, previous_cells = joined[-1]
            joined[-1] = (previous_number, [previous_cells[0].rstrip() + "\n" + cells[0]])
        else:
            joined.append((number, cells))
        last = joined[-1][1]
        continues_previous = (
            len(last) == 1
            and bool(last[0].strip())
            and (last[0].endswith("  ") or last[0].count("**") % 2 == 1)
        )
    return joined


def _grid_from_lines(lines: list[tuple[int, list[str]]], name: str, structured_all: bool) -> Grid:
    markup = _MarkupReader()
    rows: list[Row] = []
    for number, raw_cells in lines:
        markup.bold_open = False  # markup never spans rows: an unclosed tag ends with its line
        row_index = len(rows)
        cells = []
        for column, raw in enumerate(raw_cells):
            text, bold, lines = markup.cell(raw)
            cells.append(Cell(text, (row_index, column), bold, lines))
        structured = structured_all or len(raw_cells) > 1
        rows.append(Row(cells, number, structured=structured))
    width = max((len(row.cells) for row in rows), default=0)
    pad_rows(rows, width)
    return Grid(rows=rows, width=width, name=name, splits_rows=True)


def read_text_grid(text: str) -> Grid:
    """A tab-separated text, as Word gives a table copied or saved as text: a row per line, or
    a cell per line (see ``read_cell_lines``)."""
    plain_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if is_cell_per_line(plain_lines):
        markup = _MarkupReader()

        def read_cell(raw: str) -> tuple[str, bool, str | None]:
            markup.bold_open = False
            return markup.cell(raw)

        grid = read_cell_lines(plain_lines, read_cell, "Таблица 1")
        if grid is not None:
            return grid
    lines = _join_paragraph_lines(_split_lines(text))
    return _grid_from_lines(lines, "Таблица 1", structured_all=False)


def _guess_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])

    def score(delimiter: str) -> tuple[int, int]:
        counts = [len(cells) for _, cells in _csv_rows(sample, delimiter) if any(cells)]
        wide = [count for count in counts if count > 1]
        if not wide:
            return (0, 0)
        typical = statistics.mode(wide)
        return (sum(count == typical for count in wide), typical)

    return max(_CSV_DELIMITERS, key=score)


def read_csv_grid(text: str) -> Grid:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = _csv_rows(text, _guess_delimiter(text))
    return _grid_from_lines(rows, "Таблица 1", structured_all=True)
