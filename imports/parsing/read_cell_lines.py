"""A Word table copied as text one cell per line: every cell starts a line with a tab, the
further lines of a multi-line cell follow without one, blank lines separate rows (and appear
inside a row too), and a row merged across the table (a section) is a single cell.

Row boundaries are not in the text, so they are rebuilt from the table's width: the row of
column numbers «1 2 3 … N» under the header gives N (else the usual number of cells between
blank lines). Cells between blank lines are then grouped into rows of exactly N cells; a group
too short to complete a row is a merged row of its own. The header above the numbering row has
one or two levels; the lower level is written full width (empty under a cell merged down), and
a parent label spans the run of sub-labels under it.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .grid import Cell, Grid, Row, pad_rows
from .layout import classify_label
from .text import fold

_MIN_CELL_LINES = 6
_MIN_WIDTH = 3
# Words of a label spanning sub-columns, the likeliest first.
_PARENT_WORDS = [re.compile(words) for words in (r"\bгод", r"значени|финансир", r"срок|период")]


@dataclass
class _TextCell:
    line: int  # 1-based line where the cell starts
    parts: list[str] = field(default_factory=list)
    group: int = 0  # cells between two blank lines share a group

    @property
    def text(self) -> str:
        return "\n".join(self.parts).strip()


def is_cell_per_line(lines: list[str]) -> bool:
    """Most lines holding a tab hold only one, at the start: each is a cell, not a row; and
    blank lines part the rows. (A table of rows whose first cell is empty has no blank lines
    between them.)"""
    tabbed = [line for line in lines if "\t" in line]
    cells = [line for line in lines if line.startswith("\t") and line.count("\t") == 1]
    if len(cells) < _MIN_CELL_LINES or 5 * len(cells) < 4 * len(tabbed):
        return False
    first = next(index for index, line in enumerate(lines) if line.startswith("\t"))
    last = max(index for index, line in enumerate(lines) if line.startswith("\t"))
    return any(not line.strip() for line in lines[first:last])


def read_cell_lines(lines: list[str], cell_reader, name: str) -> Grid | None:
    """The grid of a cell-per-line text, or None when no table width can be found.
    ``cell_reader`` turns a cell's raw text into (text, bold, lines), as for tab-separated text."""
    lead, cells, tail = _tokenise(lines)
    numbering = _numbering_run(cells)
    if numbering is not None:
        start, width = numbering
        header, numbers, data = cells[:start], cells[start : start + width], cells[start + width :]
    else:
        width = _usual_group_size(cells)
        if width is None:
            return None
        header, numbers, data = [], [], cells
    rows: list[list[_TextCell]] = []
    if header:
        rows += _header_rows(header, width)
    if numbers:
        rows.append(numbers)
    repeat = [cell.text for cell in header + numbers]
    rows += _data_rows(_without_repeats(data, repeat), width)

    grid_rows: list[Row] = []
    for line, text in lead:
        grid_rows.append(_paragraph_row(line, text, len(grid_rows), cell_reader))
    for row_cells in rows:
        grid_rows.append(_table_row(row_cells, width, len(grid_rows), cell_reader))
    for line, text in tail:
        grid_rows.append(_paragraph_row(line, text, len(grid_rows), cell_reader))
    pad_rows(grid_rows, width)
    return Grid(rows=grid_rows, width=width, name=name, splits_rows=True)


def _tokenise(lines: list[str]):
    """(paragraphs before the table, cells, paragraphs after it), paragraphs as (line, text)."""
    lead: list[tuple[int, str]] = []
    tail: list[tuple[int, str]] = []
    cells: list[_TextCell] = []
    last_cell_line = max(
        (index for index, line in enumerate(lines) if line.startswith("\t")), default=-1
    )
    group, blank_before = 0, False
    for index, line in enumerate(lines):
        if line.startswith("\t"):
            if blank_before and cells:
                group += 1
            cells.append(_TextCell(index + 1, [line[1:]], group))
            blank_before = False
        elif not line.strip():
            blank_before = True
        elif not cells:
            lead.append((index + 1, line))
        elif index > last_cell_line and (blank_before or tail):
            tail.append((index + 1, line))  # signatures and notes under the table
        else:
            cells[-1].parts.append(line)  # a further line of a multi-line cell
    return lead, cells, tail


def _numbering_run(cells: list[_TextCell]) -> tuple[int, int] | None:
    """(position, length) of the first run of cells reading 1, 2, 3, … (at least three)."""
    index = 0
    while index < len(cells):
        length = 0
        while index + length < len(cells) and _number_of(cells[index + length]) == length + 1:
            length += 1
        if length >= _MIN_WIDTH:
            return index, length
        index += max(length, 1)
    return None


def _number_of(cell: _TextCell) -> int | None:
    text = cell.text.rstrip(".")
    return int(text) if text.isdigit() and len(text) <= 3 else None


def _usual_group_size(cells: list[_TextCell]) -> int | None:
    sizes: dict[int, int] = {}
    for cell in cells:
        sizes[cell.group] = sizes.get(cell.group, 0) + 1
    wide = [size for size in sizes.values() if size >= _MIN_WIDTH]
    return statistics.mode(wide) if wide else None


def _header_rows(header: list[_TextCell], width: int) -> list[list[_TextCell]]:
    """One header row, or two: the lower level is the last ``width`` cells, or, when a blank
    line parts the levels and the lower one holds only the sub-labels, those sub-labels under
    the one parent that spans them."""
    if len(header) <= width:
        return [header]
    groups = _groups(header)
    if len(groups) == 2:
        upper, labels = groups
        if len(labels) < width and len(upper) + len(labels) - 1 == width:
            parent = _spanning_parent(upper)
            after = width - parent - len(labels)
            lower = [None] * parent + labels + [None] * after
            return [upper[: parent + 1] + [None] * (len(labels) - 1) + upper[parent + 1 :], lower]
    upper, lower = header[: len(header) - width], header[len(header) - width :]
    if len(upper) > width:
        return [upper[:width], lower]
    return [_spread_parents(upper, lower, width), lower]


def _spanning_parent(upper: list[_TextCell]) -> int:
    """Which upper label spans the sub-labels: one naming years, values or terms («Плановое
    значение по годам», «Сроки»), else the first the header words do not name alone."""
    for words in _PARENT_WORDS:
        for index, cell in enumerate(upper):
            if words.search(fold(cell.text)):
                return index
    return next((i for i, cell in enumerate(upper) if classify_label(cell.text) is None), 0)


def _spread_parents(upper: list[_TextCell], lower: list[_TextCell], width: int) -> list:
    """The upper level laid over ``width`` columns: a label over sub-labels spans them, and the
    columns it spans after the first stay empty (as text extracted from Word shows a merge)."""
    spread: list[_TextCell | None] = []
    slack = width - len(upper)
    for cell in upper:
        column = len(spread)
        spread.append(cell)
        span = 1
        while slack and column + span < width and lower[column].text and lower[column + span].text:
            span += 1
            slack -= 1
            spread.append(None)
    return spread + [None] * (width - len(spread))


def _without_repeats(cells: list[_TextCell], repeat: list[str]) -> list[_TextCell]:
    """The header (and numbering row) repeated after a page break is dropped."""
    if not repeat:
        return cells
    kept: list[_TextCell] = []
    index = 0
    while index < len(cells):
        window = cells[index : index + len(repeat)]
        if [cell.text for cell in window] == repeat:
            index += len(repeat)
            continue
        kept.append(cells[index])
        index += 1
    return kept


def _data_rows(cells: list[_TextCell], width: int) -> list[list[_TextCell]]:
    """Cells grouped into rows: runs of blank-line groups making exactly ``width`` cells are
    rows; a group that cannot complete a row is a merged row of its own (as few as possible)."""
    pieces: list[list[_TextCell]] = []
    for group in _groups(cells):
        while len(group) > width:
            pieces.append(group[:width])
            group = group[width:]
        pieces.append(group)

    rows, start = [], 0
    for end in _iterative_best(pieces, width):
        rows.append([cell for piece in pieces[start:end] for cell in piece])
        start = end
    return rows


def _iterative_best(pieces: list[list[_TextCell]], width: int) -> tuple[int, ...]:
    """The row ends chosen by the fewest merged rows, computed from the end (no recursion:
    a long roadmap has thousands of pieces)."""
    count = len(pieces)
    short = [0] * (count + 1)
    step = [0] * (count + 1)
    for start in range(count - 1, -1, -1):
        short[start], step[start] = short[start + 1] + 1, start + 1
        size = 0
        for end in range(start, count):
            size += len(pieces[end])
            if size > width:
                break
            if size == width:
                if short[end + 1] <= short[start]:
                    short[start], step[start] = short[end + 1], end + 1
                break
    ends, position = [], 0
    while position < count:
        position = step[position]
        ends.append(position)
    return tuple(ends)


def _groups(cells: list[_TextCell]) -> list[list[_TextCell]]:
    groups: list[list[_TextCell]] = []
    for cell in cells:
        if groups and groups[-1][-1].group == cell.group:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return groups


def _paragraph_row(line: int, text: str, index: int, cell_reader) -> Row:
    content, bold, _ = cell_reader(text)
    return Row([Cell(content, (index, 0), bold)], line, structured=False)


def _table_row(cells: list, width: int, index: int, cell_reader) -> Row:
    present = [cell for cell in cells if cell is not None]
    line = present[0].line if present else 0
    if len(cells) == 1 and width > 1:  # a row merged across the table: a section
        text, bold, raw = cell_reader(cells[0].text)
        return Row([Cell(text, (index, 0), bold, raw) for _ in range(width)], line)
    row_cells = []
    for column, cell in enumerate(cells):
        text, bold, raw = cell_reader(cell.text if cell is not None else "")
        row_cells.append(Cell(text, (index, column), bold, raw))
    return Row(row_cells, line)
