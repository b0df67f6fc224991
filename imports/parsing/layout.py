"""Column recognition: which field each column of a roadmap table holds, read from its header.

Headers are recognised by their words, never by position. A header has one to three levels;
a parent label spanning sub-columns ("Срок реализации, годы" over "2021 г.", "2022 г.") is
combined with each child: a year child makes a year column, "плановое значение" a planned-value
column, and otherwise the parent's meaning wins ("Результат…" over "наименование").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .errors import RoadmapParseError
from .grid import Cell, Grid, Row
from .model import SECTION_FIELD, YEAR_PREFIX, is_known_field
from .text import fold, is_activity_number

MAX_HEADER_LEVELS = 3
_MAX_LABEL_LENGTH = 120
_MAX_SUBHEADER_LENGTH = 60
_NUMBER_SNIFF_ROWS = 40

_NUMBER_LABEL_RE = re.compile(r"^(?:№|n|no|номер)?\s*(?:№|п/п|п\.\s?п\.?|пп|п/н)?\.?$")
_NUMBER_MARK_RE = re.compile(r"№|п/п")
_MAX_NUMBER_LABEL_LENGTH = 12
_YEAR_LABEL_RE = re.compile(r"^(?:на\s+)?((?:19|20)\d\d)\s*(?:г\.?|год|гг\.?)?$")
_SCHOOL_YEAR_LABEL_RE = re.compile(
    r"^((?:19|20)\d\d)\s*[-–—/]\s*(?:(?:19|20)?\d\d)\s*(?:г\.?|гг\.?|уч\.?\s*г(?:од|\.)?|учебн\w*\s+год\w*)?$"
)
# Field words, matched at a word start. The field whose word comes first in the label wins
# ("Сроки исполнения мероприятия" is a deadline, "Результат выполнения мероприятия" a result).
_FIELD_WORDS = {
    "planned_value": r"планов\w*\s+значени|целев\w*\s+значени|значени\w*\s+показател",
    "result": r"результат|управленческ|отчетн|форм\w*\s+отчет|итог|продукт|документ",
    "indicator": r"показател|индикатор|критери",
    "responsible": r"ответствен|исполнител|соисполнител|отв\b|куратор",
    "deadline": r"срок|дата|период|время|когда|месяц|график",
    "title": r"мероприят|содержани|задач|название|направлени|вид\w*\s+(?:работ|деятельност)"
    r"|форм\w*\s+работ|действи|меры\b|тема",
}
_FIELD_RES = {name: re.compile(r"\b(?:" + words + ")") for name, words in _FIELD_WORDS.items()}
# "Наименование" alone says only "a name": it means the title unless a field word is present.
_WEAK_TITLE_RE = re.compile(r"\bнаименовани")
# A narrow column hyphenates its label: "Ответствен-ные".
_WORD_HYPHEN_RE = re.compile(r"(?<=[а-я])-\s*(?=[а-я])")
# Of two title columns, "Задачи" beside "Мероприятия" groups the activities into sections.
_GROUP_LABEL_RE = re.compile(r"задач|направлени|раздел|блок|цел[ьи]|этап")
_ACTIVITY_LABEL_RE = re.compile(r"мероприят")


def classify_label(text: str) -> str | None:
    """The field a header label names: a FIELDS name, "year:YYYY", or None."""
    if not text or len(text) > _MAX_LABEL_LENGTH:
        return None
    label = _WORD_HYPHEN_RE.sub("", fold(text)).strip(" .:;,*")
    if not label:
        return None
    year = _YEAR_LABEL_RE.match(label) or _SCHOOL_YEAR_LABEL_RE.match(label)
    if year:
        return YEAR_PREFIX + year.group(1)
    if _NUMBER_LABEL_RE.match(label) or (
        len(label) <= _MAX_NUMBER_LABEL_LENGTH and _NUMBER_MARK_RE.search(label)
    ):
        return "number"
    found = [
        (match.start(), name)
        for name, pattern in _FIELD_RES.items()
        if (match := pattern.search(label))
    ]
    if found:
        return min(found)[1]
    if _WEAK_TITLE_RE.search(label):
        return "title"
    return None


def _classify_column(labels: list[str]) -> str | None:
    """``labels`` are the column's header labels from the top level down."""
    if not labels:
        return None
    child = classify_label(labels[-1])
    parents = [classify_label(label) for label in labels[:-1]]
    if child and child.startswith(YEAR_PREFIX):
        # Years under an unrecognised parent (e.g. «Объём финансирования») are not plan cells.
        return child if all(parents) else None
    if child in ("number", "planned_value"):
        return child
    for parent in reversed(parents):
        if parent and not parent.startswith(YEAR_PREFIX):
            return parent
        if parent and child is None:  # "2021" over "I полугодие", "II полугодие"
            return parent
    return child


@dataclass
class Layout:
    fields: list[str | None]
    header_rows: list[int] = field(default_factory=list)  # grid row indices of the header
    first_data_row: int = 0
    # Texts of the header rows (and of the row of column numbers): repeated after page breaks.
    repeated_rows: set[tuple[str, ...]] = field(default_factory=set)
    unknown_labels: dict[int, str] = field(default_factory=dict)
    recognised: list[str | None] = field(default_factory=list)  # fields before a column map
    grid_width: int = 0  # columns of the table it was read from

    @cached_property
    def field_columns(self) -> list[tuple[int, str, str | None]]:
        """(column, field, year or None) of each column that carries a field; read for every
        row, so computed once (``set_field`` forgets it)."""
        return [
            (
                column,
                found,
                found.removeprefix(YEAR_PREFIX) if found.startswith(YEAR_PREFIX) else None,
            )
            for column, found in enumerate(self.fields)
            if found is not None
        ]

    @cached_property
    def _columns_by_field(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for column, name, _ in self.field_columns:
            found.setdefault(name, []).append(column)
        return found

    @cached_property
    def key_columns(self) -> list[int]:
        """The columns that name an activity or a section rather than describe it."""
        return [c for name in ("number", "title", SECTION_FIELD) for c in self.columns(name)]

    def set_field(self, column: int, name: str | None) -> None:
        while len(self.fields) <= column:
            self.fields.append(None)
        self.fields[column] = name
        for cached in ("field_columns", "_columns_by_field", "key_columns"):
            self.__dict__.pop(cached, None)

    def columns(self, name: str) -> list[int]:
        return self._columns_by_field.get(name, [])

    def is_repeat(self, row: Row) -> bool:
        return row_signature(row) in self.repeated_rows


def row_signature(row: Row) -> tuple[str, ...]:
    return tuple(row.texts())


def is_column_numbers_row(row: Row) -> bool:
    """The row of column numbers "1 2 3 …" (or "1. 2. 3. …") printed under many headers, of
    any length: a partial one ("1 2") is no activity either."""
    if not all(cell.text.rstrip(".").isdigit() or not cell.text for cell in row.cells):
        return False
    texts = [cell.text.rstrip(".") for _, cell in row.distinct_cells()]
    if len(texts) < 2:
        return False
    numbers = [int(text) for text in texts]
    return numbers[0] <= 2 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _row_fields(row: Row) -> list[str | None]:
    return [classify_label(cell.text) for _, cell in row.distinct_cells()]


def looks_like_header(row: Row, strict: bool = False) -> bool:
    """A header names the title column and at least one other field. ``strict`` is for a new
    header in the middle of a table: it must name three fields and hold no activity number."""
    if not row.structured:
        return False
    if strict and any(is_activity_number(cell.text) for cell in row.cells):
        return False
    found = _row_fields(row)
    names = {name for name in found if name}
    if "title" not in names:
        return False
    if not strict:
        return len(names) >= 2
    return len(names) >= 3 and 3 * sum(1 for name in found if name) >= 2 * len(found)


def find_layout(grid: Grid, start: int = 0) -> Layout | None:
    """The first header at or after ``start``, with its sub-levels, as a Layout."""
    for index in range(start, len(grid.rows)):
        if looks_like_header(grid.rows[index]):
            return build_layout(grid, index)
    return None


def build_layout(grid: Grid, top: int) -> Layout:
    levels = [top]
    while len(levels) < MAX_HEADER_LEVELS and _is_subheader(grid, levels, levels[-1] + 1):
        levels.append(levels[-1] + 1)
    labels = _column_labels(grid, levels)
    while labels and not labels[-1]:  # columns past the header belong to other tables
        labels.pop()
    fields = [_classify_column(column_labels) for column_labels in labels]
    _find_group_column(fields, labels)
    next_row = levels[-1] + 1
    repeated = {row_signature(grid.rows[index]) for index in levels}
    if next_row < len(grid.rows) and is_column_numbers_row(grid.rows[next_row]):
        repeated.add(row_signature(grid.rows[next_row]))
        next_row += 1
    layout = Layout(
        fields=fields,
        header_rows=levels,
        first_data_row=next_row,
        repeated_rows=repeated,
        unknown_labels={
            column: " / ".join(column_labels)
            for column, column_labels in enumerate(labels)
            if column_labels and fields[column] is None
        },
        recognised=list(fields),
        grid_width=grid.width,
    )
    _infer_number_column(grid, layout, labels)
    return layout


def _find_group_column(fields: list[str | None], labels: list[list[str]]) -> None:
    """With two title columns, "Задачи" left of "Мероприятия" is a grouping column whose
    cells (often merged down) head sections."""
    titles = [column for column, found in enumerate(fields) if found == "title"]
    activity_columns = [c for c in titles if _ACTIVITY_LABEL_RE.search(fold(" ".join(labels[c])))]
    if len(titles) < 2 or not activity_columns:
        return
    for column in titles:
        label = fold(" ".join(labels[column]))
        before_activities = column < activity_columns[-1]
        if (
            before_activities
            and _GROUP_LABEL_RE.search(label)
            and not _ACTIVITY_LABEL_RE.search(label)
        ):
            fields[column] = SECTION_FIELD


def _is_subheader(grid: Grid, levels: list[int], index: int) -> bool:
    if index >= len(grid.rows):
        return False
    row = grid.rows[index]
    if row.is_blank() or is_column_numbers_row(row) or not row.structured:
        return False
    # Cells merged down from the level above are not new labels.
    new_cells = [(column, cell) for column, cell in row.distinct_cells() if cell.origin[0] == index]
    if not new_cells:
        return False
    if any(
        len(cell.text) > _MAX_SUBHEADER_LENGTH or is_activity_number(cell.text)
        for _, cell in new_cells
    ):
        return False
    parents = _filled_parents(grid.rows[levels[-1]], row)
    spanned = [_spans(parents, column) for column, _ in new_cells]
    recognised = sum(1 for _, cell in new_cells if classify_label(cell.text))
    # Sub-labels are known words ("2021 г.", "плановое значение"), or any short words that all
    # sit under a parent spanning them ("Сроки": "начало", "окончание").
    return any(spanned) and (2 * recognised >= len(new_cells) or all(spanned))


def _filled_parents(upper: Row, lower: Row) -> list[Cell | None]:
    """The upper row's cell over each column. Text extracted from Word loses merges: a parent
    label sits in its first column only, with empty cells after it over its sub-columns; those
    are filled from the left."""
    parents: list[Cell | None] = []
    for column, cell in enumerate(upper.cells):
        if cell.text:
            parents.append(cell)
        elif column and parents[-1] is not None and lower.cells[column].text:
            parents.append(parents[-1])
        else:
            parents.append(None)
    return parents


def _spans(parents: list[Cell | None], column: int) -> bool:
    parent = parents[column]
    if parent is None:
        return False
    neighbours = [parents[index] for index in (column - 1, column + 1) if 0 <= index < len(parents)]
    return any(
        neighbour is parent or (neighbour and neighbour.origin == parent.origin)
        for neighbour in neighbours
    )


def _column_labels(grid: Grid, levels: list[int]) -> list[list[str]]:
    """Each column's distinct labels, top level first."""
    rows = [grid.rows[index] for index in levels]
    per_level = [
        _filled_parents(row, rows[position + 1]) if position + 1 < len(rows) else row.cells
        for position, row in enumerate(rows)
    ]
    labels = []
    for column in range(grid.width):
        seen: set[tuple[int, int]] = set()
        column_labels = []
        for cells in per_level:
            cell = cells[column]
            if cell is not None and cell.text and cell.origin not in seen:
                seen.add(cell.origin)
                column_labels.append(cell.text)
        labels.append(column_labels)
    return labels


def _infer_number_column(grid: Grid, layout: Layout, labels: list[list[str]]) -> None:
    """A number column with an empty header is known by its content: activity numbers."""
    if "number" in layout.fields:
        return
    rows = [
        row
        for row in grid.rows[layout.first_data_row : layout.first_data_row + _NUMBER_SNIFF_ROWS]
        if not row.is_blank()
    ]
    for column, found in enumerate(layout.fields):
        if found is not None or labels[column]:
            continue
        values = [row.cells[column].text for row in rows if row.cells[column].text]
        numbers = sum(1 for value in values if is_activity_number(value))
        if numbers >= 2 and 5 * numbers >= 3 * len(values):
            layout.set_field(column, "number")
            return


def apply_column_map(layout: Layout, column_map: Mapping[int, str | None], width: int) -> None:
    """The caller's choice of fields, column by column, over the recognised ones."""
    for column, name in column_map.items():
        if not isinstance(column, int) or not 0 <= column < width:
            raise RoadmapParseError(f"В таблице нет колонки с номером {column}.")
        if not is_known_field(name):
            raise RoadmapParseError(f"Неизвестное поле колонки: «{name}».")
        layout.set_field(column, name)
        layout.unknown_labels.pop(column, None)
