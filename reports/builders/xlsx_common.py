"""Shared pieces of the XLSX builders: cell styles by kind, columns, tables written row by row.

Every workbook is write-only (`Workbook(write_only=True)`): rows stream to disk, so a large
program costs little memory. Checked with openpyxl 3.1.5, write-only worksheets support what the
reports need, provided each is set in the right order:
- column widths and frozen panes are written with the first row: set them before any `append`;
- `auto_filter.ref`, `merged_cells.add(...)`, `add_chart`, page setup and `print_title_rows` are
  written when the sheet is closed: set them any time before saving;
- a styled value must be a `WriteOnlyCell`.

Styling is what costs: openpyxl writes a styled cell about three times slower than a bare value.
So only long free text wraps ("text"), short text stays bare ("plain"), and each styled cell
copies a style array prepared once per workbook (`cell._style = copy(...)`, openpyxl's own idiom
for copying a style) instead of resolving fonts or named styles cell by cell.

Every value goes through `ReportBook.cell`, and so through the one rule for people's text in a
sheet (`roadmap_portal.spreadsheets`): a text that looks like a formula stays text.
"""

from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from display.formats import decimal_places, spreadsheet_number_format
from roadmap_portal.spreadsheets import keep_as_text, sheet_text, text_cell

COUNT_FORMAT = "0"
SHARE_FORMAT = "0.0%"
AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "DD.MM.YYYY"

_TOP = Alignment(vertical="top")
_TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)

# Cell attributes of each kind of cell; "plain" (not listed) writes the bare value.
CELL_STYLES = {
    "title": {"font": Font(bold=True, size=13)},
    "field": {"font": Font(color="4A5563")},
    "header": {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="E6EDF5"),
        "border": Border(bottom=Side(style="thin", color="8A97A6")),
        "alignment": Alignment(vertical="center", wrap_text=True),
    },
    "section": {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="F1F4F8"),
        "alignment": _TOP_WRAPPED,
    },
    "text": {"alignment": _TOP_WRAPPED},
    "count": {"number_format": COUNT_FORMAT, "alignment": _TOP},
    "share": {"number_format": SHARE_FORMAT, "alignment": _TOP},
    "amount": {"number_format": AMOUNT_FORMAT, "alignment": _TOP},
    # A count or measured value («3», «1 234,5»): as many decimals as display.formats shows,
    # so a count is never «3,00» (cell kind "number" picks one of these by the value).
    **{
        f"number{places}": {"number_format": spreadsheet_number_format(places), "alignment": _TOP}
        for places in range(3)
    },
    "date": {"number_format": DATE_FORMAT, "alignment": Alignment(horizontal="left")},
}


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str = "plain"  # a key of CELL_STYLES, or "plain"


class ReportBook:
    """A write-only workbook whose cells are styled by kind."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        self._style_arrays = {}

    def add_sheet(self, title: str) -> "ReportSheet":
        return ReportSheet(self, self.workbook.create_sheet(title))

    def cell(self, sheet: WriteOnlyWorksheet, value, kind: str):
        """The value ready to append: bare, or a styled cell; an empty text is no cell at all."""
        if value == "":
            return None
        if kind == "plain" or value is None:
            return text_cell(sheet, value)
        if kind == "number":
            kind = f"number{decimal_places(value)}"
        cell = WriteOnlyCell(sheet, sheet_text(value))
        cell._style = copy(self._style_array(sheet, kind))
        return keep_as_text(cell)

    def _style_array(self, sheet: WriteOnlyWorksheet, kind: str):
        if kind not in self._style_arrays:
            prototype = WriteOnlyCell(sheet)
            for attribute, value in CELL_STYLES[kind].items():
                setattr(prototype, attribute, value)
            self._style_arrays[kind] = prototype._style
        return self._style_arrays[kind]

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


class ReportSheet:
    """A write-only sheet of a ReportBook, written top to bottom."""

    def __init__(self, book: ReportBook, sheet: WriteOnlyWorksheet):
        self.book = book
        self.sheet = sheet

    def set_widths(self, widths: Iterable[float]) -> None:
        """Before the first row: write-only sheets write column widths with it."""
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width

    def append(self, values: Iterable, kind: str = "plain") -> None:
        """One row whose cells all have the same kind."""
        self.sheet.append([self.book.cell(self.sheet, value, kind) for value in values])

    def append_header(self, headers: Iterable[str]) -> None:
        self.append(headers, "header")

    def append_rows(self, kinds: list[str], rows: Iterable[Iterable]) -> int:
        """Appends the rows, each value styled by its column's kind; returns how many."""
        cell, sheet = self.book.cell, self.sheet
        written = 0
        for values in rows:
            sheet.append(
                [cell(sheet, value, kind) for value, kind in zip(values, kinds, strict=True)]
            )
            written += 1
        return written

    def write_table(self, columns: list[Column], rows: Iterable[Iterable]) -> None:
        """A sheet that is one table: widths, frozen header row, the rows, an autofilter."""
        self.set_widths(column.width for column in columns)
        self.sheet.freeze_panes = "A2"
        self.append_header(column.header for column in columns)
        written = self.append_rows([column.kind for column in columns], rows)
        self.sheet.auto_filter.ref = table_ref(1, 1 + written, len(columns))


def table_ref(first_row: int, last_row: int, column_count: int) -> str:
    return f"A{first_row}:{get_column_letter(column_count)}{max(first_row, last_row)}"
