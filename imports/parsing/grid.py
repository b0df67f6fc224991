"""The common shape every reader produces: grids of cells with merges resolved.

A merged cell is repeated in every grid position it covers, all sharing one ``origin`` (the
position of its top-left cell), so a header spanning three year columns labels all three, and a
section row merged across the table is one origin spanning the whole row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class Cell:
    __slots__ = ("origin", "raw", "source", "text")

    def __init__(
        self, text: str, origin: tuple[int, int], source: object = None, raw: str | None = None
    ):
        self.text = text
        self.origin = origin
        self.source = source  # what the reader needs to tell whether the cell is bold
        # The text with its line breaks, kept only for a cell of several lines: executors
        # written one per line are told apart by them.
        self.raw = raw

    @property
    def lines(self) -> list[str]:
        if self.raw is None:
            return [self.text] if self.text else []
        return [" ".join(line.split()) for line in self.raw.split("\n") if line.strip()]

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.origin})"


@dataclass
class Row:
    cells: list[Cell]
    source_row: int  # 1-based position in the source, as the user sees it
    after_break: bool = False  # a page break (or a blank line in text) comes right before it
    structured: bool = True  # False for a text line without tabs (a paragraph, not a row)

    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    def is_blank(self) -> bool:
        return not any(cell.text for cell in self.cells)

    def distinct_cells(self) -> list[tuple[int, Cell]]:
        """Non-empty cells, each merged cell once, as (column, cell) of its first column."""
        seen: set[tuple[int, int]] = set()
        found = []
        for column, cell in enumerate(self.cells):
            if cell.text and cell.origin not in seen:
                seen.add(cell.origin)
                found.append((column, cell))
        return found


@dataclass
class TextLine:
    """A paragraph outside the tables (title, order, municipality live there)."""

    text: str
    bold: bool = False


@dataclass
class Grid:
    rows: list[Row]
    width: int
    name: str  # "Таблица 2", "Лист «План»": for messages
    is_bold: Callable[[object], bool] = field(default=lambda source: bool(source))
    lead_lines: list[TextLine] = field(default_factory=list)  # paragraphs before the grid
    # Text (pasted, CSV, PDF) may cut one table row in two across a page; a Word or Excel
    # table row is one row whatever its text, so only text rows are ever joined.
    splits_rows: bool = False

    def cell_is_bold(self, cell: Cell) -> bool:
        return bool(cell.text) and self.is_bold(cell.source)

    def row_is_bold(self, row: Row) -> bool:
        cells = row.distinct_cells()
        return bool(cells) and all(self.cell_is_bold(cell) for _, cell in cells)


def pad_rows(rows: list[Row], width: int) -> None:
    """Give every row ``width`` cells: missing ones are empty and unmerged."""
    for row_index, row in enumerate(rows):
        for column in range(len(row.cells), width):
            row.cells.append(Cell("", (row_index, column)))
