"""Grids from a Word document (.docx), read from its XML through python-docx.

The XML is walked directly rather than through python-docx's ``Table.cell`` objects: that API
rebuilds the merged-cell grid on every access and is far too slow for long roadmaps. Each table
is read in one pass over the elements that matter (rows, cells, text, breaks, merge marks), which
keeps a 2,000-row roadmap within a small multiple of merely reading its text. Merges are
resolved here: ``w:gridSpan`` repeats a cell across the grid columns it covers, ``w:vMerge``
continues the cell above. Text of a table nested in a cell belongs to that cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx

from .grid import Cell, Grid, Row, TextLine, pad_rows
from .numbering import ListNumbering
from .text import clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
T, BR, CR, TAB = f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"
PAGE_BREAK_MARK = f"{_W}lastRenderedPageBreak"
NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"  # "2019‑2021" typed with a non-breaking hyphen
NUM_PR = f"{_W}numPr"
SDT, SDT_CONTENT, CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
GRID_SPAN, V_MERGE, GRID_BEFORE, TBL_GRID = (
    f"{_W}gridSpan",
    f"{_W}vMerge",
    f"{_W}gridBefore",
    f"{_W}tblGrid",
)
R, R_PR, B = f"{_W}r", f"{_W}rPr", f"{_W}b"
VAL, TYPE = f"{_W}val", f"{_W}type"
_FALSE_VALUES = ("0", "false", "off")
_WRAPPERS = (SDT, SDT_CONTENT, CUSTOM_XML)
_TEXT_TAGS = (P, T, BR, CR, TAB, PAGE_BREAK_MARK, NUM_PR, NO_BREAK_HYPHEN)
_TABLE_TAGS = (TR, TC, GRID_SPAN, V_MERGE, GRID_BEFORE, *_TEXT_TAGS)


def read_docx_grids(data: bytes) -> list[Grid]:
    """One grid per table, in document order, each with the paragraphs that precede it; the
    paragraphs after the last table come as a last grid without rows."""
    document = docx.Document(io.BytesIO(data))
    numbering = ListNumbering.of(document)
    grids: list[Grid] = []
    lead: list[TextLine] = []
    for block in _children(document.element.body, (P, TBL)):
        if block.tag == P:
            text = _paragraph_text(block, numbering)
            if text:
                lead.append(TextLine(text, _runs_are_bold(block)))
        else:
            grid = _TableReader(block, numbering).read(f"Таблица {len(grids) + 1}")
            grid.lead_lines = lead
            lead = []
            grids.append(grid)
    if lead and grids:  # the paragraphs after the last table (its signature), in a grid of none
        grids.append(Grid([], 0, "После таблиц", lead_lines=lead))
    return grids


def _children(element, tags: tuple[str, ...]) -> Iterator:
    """Child elements with the given tags, looking through content controls and custom XML."""
    for child in element.iterchildren(*tags, *_WRAPPERS):
        if child.tag in _WRAPPERS:
            yield from _children(child, tags)
        else:
            yield child


def _owner(element):
    """The nearest ancestor that is not a content control or custom XML wrapper."""
    parent = element.getparent()
    while parent is not None and parent.tag in _WRAPPERS:
        parent = parent.getparent()
    return parent


def _paragraph_text(paragraph, numbering: ListNumbering | None) -> str:
    parts: list[str] = []
    for element in paragraph.iter(*_TEXT_TAGS):
        tag = element.tag
        if tag == T:
            parts.append(element.text or "")
        elif tag != P:
            _add_mark(element, parts, numbering)
    return clean("".join(parts))


def _add_mark(element, parts: list[str], numbering: ListNumbering | None) -> bool:
    """Append the text a mark stands for: a list number, a hyphen, a space for a break or a tab.
    True when the mark is a page break before any text of ``parts``."""
    tag = element.tag
    if tag == NUM_PR:
        parts.append(_list_number(element, numbering))
        return False
    if tag == NO_BREAK_HYPHEN:
        parts.append("-")
        return False
    starts_page = tag == PAGE_BREAK_MARK or element.get(TYPE) == "page"
    page_first = starts_page and not "".join(parts).strip()
    parts.append("\n" if tag in (BR, CR) and not starts_page else " ")
    return page_first


def _list_number(number_properties, numbering: ListNumbering | None) -> str:
    paragraph = number_properties.getparent().getparent()
    # numPr also sits in the old properties of a tracked change: only a paragraph's counts.
    if numbering is None or paragraph is None or paragraph.tag != P:
        return ""
    label = numbering.label(number_properties)
    return label + " " if label else ""


class _TableReader:
    """Reads a table in one pass over its elements: rows, cells, text and the marks inside."""

    def __init__(self, tbl, numbering: ListNumbering | None) -> None:
        self.tbl = tbl
        self.numbering = numbering
        self.rows: list[Row] = []
        self.tr = None
        self.tc = None
        self.cells: list[Cell] = []
        self.row_starts_page = False
        self.span = 1
        self.continues_above = False

    def read(self, name: str) -> Grid:
        parts: list[str] = []  # text pieces of the current cell
        for element in self.tbl.iter(*_TABLE_TAGS):
            tag = element.tag
            if tag == T:  # the most frequent elements first: this loop is hot
                text = element.text
                if text:
                    parts.append(text)
            elif tag == P:
                parts.append("\n")
            elif tag == TC:
                if self.tr is not None and _owner(element) is self.tr:
                    self._finish_cell(parts)
                    parts = []
                    self._start_cell(element)
            elif tag == TR:
                if _owner(element) is self.tbl:
                    self._finish_row(parts)
                    parts = []
                    self.tr = element
            elif tag in (GRID_SPAN, V_MERGE):
                if element.getparent().getparent() is self.tc:
                    self._read_merge(element)
            elif tag == GRID_BEFORE:
                if element.getparent().getparent() is self.tr and not self.cells:
                    self._skip_grid_columns(element)
            elif self.tc is not None and _add_mark(element, parts, self.numbering):
                self.row_starts_page = True
        self._finish_row(parts)
        grid_element = self.tbl.find(TBL_GRID)
        declared_width = len(grid_element) if grid_element is not None else 0
        width = max([declared_width, *(len(row.cells) for row in self.rows)])
        pad_rows(self.rows, width)
        return Grid(rows=self.rows, width=width, name=name, is_bold=_is_bold_source)

    def _start_cell(self, tc) -> None:
        self.tc = tc
        self.span = 1
        self.continues_above = False

    def _read_merge(self, element) -> None:
        if element.tag == GRID_SPAN:
            self.span = max(_int_value(element, 1), 1)
        else:
            self.continues_above = element.get(VAL, "continue") != "restart"

    def _skip_grid_columns(self, element) -> None:
        row_index = len(self.rows)
        for column in range(_int_value(element, 0)):
            self.cells.append(Cell("", (row_index, column)))

    def _finish_cell(self, parts: list[str]) -> None:
        if self.tc is None:
            return
        row_index, column = len(self.rows), len(self.cells)
        above = self.rows[-1].cells if self.rows else []
        if self.continues_above and column < len(above):
            merged = above[column]
            text, origin, source = merged.text, merged.origin, merged.source
            raw = merged.raw
        else:
            joined = "".join(parts).strip()
            text, origin, source = clean(joined), (row_index, column), self.tc
            raw = joined if "\n" in joined else None
        for _ in range(self.span):
            self.cells.append(Cell(text, origin, source, raw))
        self.tc = None

    def _finish_row(self, parts: list[str]) -> None:
        self._finish_cell(parts)
        if self.tr is None:
            return
        row_index = len(self.rows)
        self.rows.append(Row(self.cells, row_index + 1, after_break=self.row_starts_page))
        self.tr = None
        self.cells = []
        self.row_starts_page = False


def _int_value(element, default: int) -> int:
    try:
        return int(element.get(VAL, default))
    except ValueError:
        return default


def _runs_are_bold(element) -> bool:
    """True when every run that shows text is bold (direct formatting)."""
    found = False
    for run in element.iter(R):
        if not "".join(t.text or "" for t in run.iterchildren(T)).strip():
            continue
        found = True
        properties = run.find(R_PR)
        bold = properties.find(B) if properties is not None else None
        if bold is None or bold.get(VAL) in _FALSE_VALUES:
            return False
    return found


def _is_bold_source(source) -> bool:
    return source is not None and _runs_are_bold(source)
