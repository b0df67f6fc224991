"""From table rows to sections and activities.

Each data row is one of: a section row (merged across the table, bold, or a number with a title
and nothing else while the next rows are numbered under it), an activity, or the continuation of
the previous activity (a row cut by a page break: no number, text going on in lowercase).
Header rows repeated after page breaks and the row of column numbers are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grid import Grid, Row
from .layout import Layout, is_column_numbers_row
from .model import SECTION_FIELD, Activity, ParseWarning, Section
from .text import (
    clean,
    heading_kind,
    is_activity_number,
    is_punctuation_only,
    normalize_number,
    section_number_as_written,
    split_section_head,
    starts_lowercase,
)

_LOOKAHEAD_ROWS = 5
_TEXT_FIELDS = ("deadline", "result", "planned_value", "responsible", "indicator")
# Two deadline columns are a start and an end ("Сроки": "начало" / "окончание").
_FIELD_SEPARATORS = {"deadline": " – "}
# "1.1. Разработка плана" in a table without a № column: the number leads the title.
_LEADING_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(\S.*)$")

MSG_NO_TITLE = "Строка без наименования мероприятия"
MSG_NUMBER_ONLY = "Строка содержит только номер и пропущена"
MSG_ORPHAN = "Строка без номера и наименования пропущена: ей не к чему присоединиться"
MSG_SPLIT_AFTER_BREAK = "Строка продолжает предыдущую после разрыва страницы и присоединена к ней"
MSG_SPLIT = "Строка без номера продолжает предыдущую и присоединена к ней"
MSG_UNKNOWN_COLUMN = "Колонка «{label}» не распознана и не загружена"
MSG_PUNCTUATION = "Строка из одних знаков препинания («{text}») пропущена"
MSG_REPEATED_TITLE = (
    "Заголовок документа повторён внутри таблицы (текст вставлен повторно) и пропущен"
)


@dataclass
class _RowValues:
    """A row's text per field (cells of one field joined with "; ") and per year."""

    fields: dict[str, str]
    years: dict[str, str]
    responsible_lines: list[str]  # the executor cells line by line: one party a line

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


def _row_values(row: Row, layout: Layout, first_row: int = 0) -> _RowValues:
    """``first_row`` leaves out cells merged down from rows above it."""
    texts: dict[str, list[str]] = {}
    years: dict[str, str] = {}
    responsible_lines: list[str] = []
    seen: set[tuple[str, tuple[int, int]]] = set()
    cells = row.cells
    for column, name, year in layout.field_columns:
        cell = cells[column]
        key = (name, cell.origin)
        if key in seen or cell.origin[0] < first_row:
            continue  # one merged cell over two columns of the same field counts once
        seen.add(key)
        if year:
            years[year] = _join(years.get(year, ""), cell.text, "; ")
        elif cell.text:
            texts.setdefault(name, []).append(cell.text)
            if name == "responsible":
                responsible_lines += cell.lines
    joined = {name: _FIELD_SEPARATORS.get(name, "; ").join(parts) for name, parts in texts.items()}
    return _RowValues(joined, years, responsible_lines)


def _join(first: str | None, second: str, separator: str) -> str:
    if not first:
        return second
    if not second:
        return first
    return first + separator + second


class RoadmapBuilder:
    """Collects sections and activities over all the tables of a document, in order."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.warnings: list[ParseWarning] = []
        self._last_activity: Activity | None = None
        self._last_title_origin: tuple[int, int] | None = None
        self._pending_heading: Section | None = None
        self._group_text = ""
        self._table = 0
        self._last_filled: frozenset[str] = frozenset()
        self._heading_levels: dict[str, int] = {}
        self._preamble: set[str] = set()

    # --- tables -----------------------------------------------------------------------------

    def add_table(
        self,
        grid: Grid,
        layout: Layout,
        table: int,
        rows: range,
        heading: Section | None = None,
        preamble: list[str] = (),
    ) -> None:
        """Read ``rows`` of ``grid``; ``heading`` is a caption before the table that opens a
        section unless the table starts with a section row of its own. ``preamble`` are the
        lines above the first table: one of them inside the table was pasted again."""
        self._table = table
        self._preamble.update(preamble)
        self._pending_heading = heading
        self._last_title_origin = None
        first_section = len(self.sections)
        for label in layout.unknown_labels.values():
            header_row = grid.rows[layout.header_rows[0]].source_row if layout.header_rows else 0
            self._warn(header_row, MSG_UNKNOWN_COLUMN.format(label=label))
        after_break = False
        for index in rows:
            row = grid.rows[index]
            if row.is_blank() or layout.is_repeat(row) or is_column_numbers_row(row):
                after_break = True
                continue
            if self._is_noise(row):
                continue
            self._add_row(grid, layout, index, after_break or row.after_break)
            after_break = False
        self._drop_trailing_empty_sections(first_section)

    def _drop_trailing_empty_sections(self, first_section: int) -> None:
        # Signatures and notes under a table («Начальник отдела …») look like section rows.
        while len(self.sections) > first_section and not self.sections[-1].activities:
            self.sections.pop()

    # --- rows -------------------------------------------------------------------------------

    def _is_noise(self, row: Row) -> bool:
        """Rows that carry nothing: a line of dashes, or the document's title pasted again."""
        if not row.structured and row.cells[0].text in self._preamble:
            self._warn(row.source_row, MSG_REPEATED_TITLE)
            return True
        if any(cell.text and not is_punctuation_only(cell.text) for cell in row.cells):
            return False
        texts = [cell.text for _, cell in row.distinct_cells()]
        self._warn(row.source_row, MSG_PUNCTUATION.format(text="  ".join(texts)))
        return True

    def _add_row(self, grid: Grid, layout: Layout, index: int, after_break: bool) -> None:
        row = grid.rows[index]
        values = _row_values(row, layout)
        number, title = values.get("number"), values.get("title")
        key_origins = {row.cells[column].origin for column in layout.key_columns}
        others = [cell for _, cell in row.distinct_cells() if cell.origin not in key_origins]

        if self._spans_whole_row(row, len(layout.fields)):
            self._open_section_from_text(row.cells[0].text, row)
            return
        if self._opens_group(layout, row) and not (number or title or others):
            return
        if title and others and not layout.columns("number"):
            number, title = _leading_number(title)
            values.fields["number"], values.fields["title"] = number, title
        if self._continues_merged_title(layout, row, index):
            self._extend(self._last_activity, _row_values(row, layout, index), "; ")
        elif not others:
            self._add_sparse_row(grid, layout, index, values, after_break)
        elif not number and (not title or self._is_continuation(grid, layout, values, after_break)):
            self._continue_previous(_row_values(row, layout, index), row, after_break)
        else:
            self._add_activity(values, row, layout)

    def _add_sparse_row(
        self, grid: Grid, layout: Layout, index: int, values: _RowValues, after_break: bool
    ) -> None:
        """A row with a number and/or a title and nothing else: usually a section."""
        row = grid.rows[index]
        number, title = values.get("number"), values.get("title")
        if number and number == title:  # one cell merged over the № and title columns
            self._open_section_from_text(number, row)
        elif number and not title:
            if is_activity_number(number):
                self._warn(row.source_row, MSG_NUMBER_ONLY)
            else:  # a section title written in the number column
                self._open_section_from_text(number, row)
        elif title and not number:
            previous = self._last_activity
            if grid.splits_rows and after_break and previous is not None and not previous.title:
                # The page cut a row before its title: the title is on this page.
                self._continue_previous(_row_values(row, layout, index), row, after_break)
            elif not starts_lowercase(title) or grid.row_is_bold(row):
                self._open_section_from_text(title, row)
            elif grid.splits_rows and self._last_activity:
                self._continue_previous(_row_values(row, layout, index), row, after_break)
            else:  # a Word or Excel row is never the end of another one
                self._add_activity(values, row, layout)
        elif self._is_section_number(grid, layout, index, number):
            self._open_section(normalize_number(number), title, row, clean(number))
        else:
            self._add_activity(values, row, layout)

    def _is_section_number(self, grid: Grid, layout: Layout, index: int, number: str) -> bool:
        row = grid.rows[index]
        if grid.row_is_bold(row) or _title_spans_other_columns(row, layout):
            return True
        normalized = normalize_number(number) or ""
        if normalized.isalpha():  # roman numerals number sections, not activities
            return True
        if "." in normalized or not is_activity_number(number):
            return False
        # "1 | Организационное обеспечение" heads the rows numbered "1.1", "1.2", …
        for row in grid.rows[index + 1 : index + 1 + _LOOKAHEAD_ROWS]:
            following = _row_values(row, layout).get("number")
            if following and is_activity_number(following):
                return (normalize_number(following) or "").startswith(normalized + ".")
        return False

    @staticmethod
    def _spans_whole_row(row: Row, width: int) -> bool:
        """One cell merged across the table's columns (the grid may run wider)."""
        cells = row.cells[:width]
        first = cells[0]
        return (
            len(cells) > 1
            and bool(first.text)
            and all(cell.origin == first.origin for cell in cells)
        )

    def _opens_group(self, layout: Layout, row: Row) -> bool:
        """A new text in the grouping column («Задачи») opens a section."""
        columns = layout.columns(SECTION_FIELD)
        text = row.cells[columns[0]].text if columns else ""
        if not text or text == self._group_text:
            return False
        self._group_text = text
        self._open_section_from_text(text, row)
        return True

    def _continues_merged_title(self, layout: Layout, row: Row, index: int) -> bool:
        """The title cell is merged down from the previous activity's row: this row adds
        sub-items (another deadline, another executor) to that activity."""
        columns = layout.columns("title")
        if not columns or self._last_activity is None:
            return False
        origin = row.cells[columns[0]].origin
        return origin[0] < index and origin == self._last_title_origin

    def _is_continuation(
        self, grid: Grid, layout: Layout, values: _RowValues, after_break: bool
    ) -> bool:
        """A text row without a number continues the previous activity, cut by a page break,
        when its text goes on in lowercase, or when it follows the break in a table whose
        activities are numbered. Never a row filled like a full row (every field the previous
        row had), and never in Word or Excel, where a table row is one row."""
        previous = self._last_activity
        if previous is None or not grid.splits_rows:
            return False
        if self._last_filled <= _filled(values):
            return False
        if starts_lowercase(values.get("title")):
            return True
        return after_break and bool(layout.columns("number")) and previous.number is not None

    # --- building ---------------------------------------------------------------------------

    def _open_section_from_text(self, text: str, row: Row) -> None:
        """A section row written as one text: "2. Работа с педагогами"."""
        number, title = split_section_head(text)
        self._open_section(number, title, row, section_number_as_written(text))

    def _open_section(
        self, number: str | None, title: str | None, row: Row, written: str | None = None
    ) -> None:
        self._pending_heading = None
        section = Section(number, title or None, table=self._table, row=row.source_row)
        section.number_as_written = written or number
        section.level = self._heading_level(section, written or title or "")
        self.sections.append(section)
        self._last_activity = None

    def _heading_level(self, section: Section, text: str) -> int:
        """Headings nest: a kind of heading («Подпрограмма», «Цель», «Задача», or a number of
        one depth) met right under another heading, with no activity between, is one level
        deeper, and keeps that level wherever it recurs."""
        kind = heading_kind(text) or (
            f"#{section.number.count('.')}" if section.number else "plain"
        )
        if kind not in self._heading_levels:
            parent = self.sections[-1] if self.sections else None
            under_heading = parent is not None and not parent.activities
            self._heading_levels[kind] = parent.level + 1 if under_heading else 1
        return self._heading_levels[kind]

    def _current_section(self) -> Section:
        if self._pending_heading is not None:
            self._pending_heading.table = self._table
            self.sections.append(self._pending_heading)
            self._pending_heading = None
        if not self.sections:
            self.sections.append(Section(table=self._table))
        return self.sections[-1]

    def _add_activity(self, values: _RowValues, row: Row, layout: Layout) -> None:
        title = values.get("title")
        if not title:
            self._warn(row.source_row, MSG_NO_TITLE)
        activity = Activity(
            title=title,
            number=normalize_number(values.get("number")),
            number_as_written=clean(values.get("number") or "") or None,
            years=dict(values.years),
            table=self._table,
            row=row.source_row,
            responsible_lines=list(values.responsible_lines),
            **{name: values.get(name) or None for name in _TEXT_FIELDS},
        )
        self._current_section().activities.append(activity)
        self._last_activity = activity
        self._last_filled = _filled(values)
        title_columns = layout.columns("title")
        self._last_title_origin = row.cells[title_columns[0]].origin if title_columns else None

    def _continue_previous(self, values: _RowValues, row: Row, after_break: bool) -> None:
        activity = self._last_activity
        if activity is None:
            self._warn(row.source_row, MSG_ORPHAN)
            return
        if not activity.title and values.get("title"):  # the cut gave the title to this part
            self.warnings = [
                w
                for w in self.warnings
                if (w.table, w.row, w.message) != (self._table, activity.row, MSG_NO_TITLE)
            ]
        self._extend(activity, values, " ")
        self._warn(row.source_row, MSG_SPLIT_AFTER_BREAK if after_break else MSG_SPLIT)

    @staticmethod
    def _extend(activity: Activity, values: _RowValues, separator: str) -> None:
        activity.title = _join(activity.title, values.get("title"), separator)
        for name in _TEXT_FIELDS:
            if values.get(name):
                setattr(activity, name, _join(getattr(activity, name), values.get(name), separator))
        for year, text in values.years.items():
            activity.years[year] = _join(activity.years.get(year, ""), text, separator)
        lines = values.responsible_lines
        if lines and activity.responsible_lines and separator == " ":
            # The page break cut a line: its two halves are one line again.
            activity.responsible_lines[-1] += " " + lines[0]
            lines = lines[1:]
        activity.responsible_lines += lines

    def _warn(self, row: int, message: str) -> None:
        self.warnings.append(ParseWarning(self._table, row, message))


def _filled(values: _RowValues) -> frozenset[str]:
    """The fields a row fills: the number, title and text fields, and each year."""
    return frozenset(
        [name for name, text in values.fields.items() if text]
        + [year for year, text in values.years.items() if text]
    )


def _leading_number(title: str) -> tuple[str, str]:
    match = _LEADING_NUMBER_RE.match(title)
    if not match:
        return "", title
    return normalize_number(match.group(1)) or "", match.group(2)


def _title_spans_other_columns(row: Row, layout: Layout) -> bool:
    """The title cell merged over the columns after it: a section title, not an activity."""
    title_columns = layout.columns("title")
    if not title_columns:
        return False
    origin = row.cells[title_columns[0]].origin
    key_columns = set(layout.key_columns)
    return any(
        row.cells[column].origin == origin
        for column in range(len(layout.fields))
        if column not in key_columns
    )
