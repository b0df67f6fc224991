"""From the grids of a document to a Roadmap: which grids hold roadmap tables, under which
header, and what the text before the first table says about the roadmap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .duplicates import drop_pasted_repeats
from .errors import RoadmapParseError
from .grid import Grid, Row, TextLine
from .layout import (
    Layout,
    apply_column_map,
    build_layout,
    classify_label,
    find_layout,
    is_column_numbers_row,
    looks_like_header,
    row_signature,
)
from .model import HeaderCell, ParseWarning, Roadmap, Section, TableForm
from .preamble import (
    find_approval,
    find_municipality,
    find_order,
    find_period,
    find_signature,
    find_title,
    is_signatory,
)
from .roadmap import RoadmapBuilder
from .text import is_activity_number, split_section_head

_MAX_HEADING_LENGTH = 300
_MAX_LABEL_LENGTH = 60
_SIGNATURE_ROWS = 3  # a position, a name, a date at most

MSG_NO_DATA = "Документ пуст: в нём нет ни одной заполненной ячейки."
MSG_NO_ROADMAP = (
    "В документе не найдена таблица дорожной карты: нет колонки с наименованиями мероприятий "
    "(например, «Наименование мероприятия» или «Мероприятия»)."
)
MSG_NO_ACTIVITIES = "Таблица дорожной карты пуста: в ней нет ни одного мероприятия."
MSG_TABLE_WITHOUT_HEADER = "Таблица без шапки: колонки взяты из предыдущей таблицы"


@dataclass
class _Segment:
    """One roadmap table: a header layout and the grid rows it governs."""

    layout: Layout
    rows: range
    inherited: bool = False  # a table without a header, continuing the previous one


def assemble(grids: list[Grid], column_map: Mapping[int, str | None] | None) -> Roadmap:
    if all(row.is_blank() for grid in grids for row in grid.rows):
        raise RoadmapParseError(MSG_NO_DATA)
    builder = RoadmapBuilder()
    forms: list[TableForm] = []
    preamble: list[TextLine] = []
    trailing: list[TextLine] = []  # the text after the last table: the signature lives there
    columns: list[str | None] | None = None
    tables = 0
    form_of_table: dict[int, int] = {}  # table number → its form in ``forms``
    previous: Layout | None = None
    for grid in grids:
        segments = _segments(grid, column_map or {}, previous)
        if not segments:
            if columns is None:
                preamble += grid.lead_lines + _row_lines(grid, len(grid.rows))
            else:
                trailing += grid.lead_lines + _row_lines(grid, len(grid.rows))
            continue
        if columns is None:
            first = segments[0].layout
            header_start = first.header_rows[0] if first.header_rows else first.first_data_row
            preamble += grid.lead_lines + _row_lines(grid, header_start)
            columns = list(first.fields)
            # Before the first table, only a bold numbered line is a section, not the title.
            heading = _heading(grid.lead_lines, bold_and_numbered=header_start == 0)
        else:
            heading = _heading(grid.lead_lines)
        caption = grid.lead_lines[-1].text if grid.lead_lines else None
        start = 0  # where the rows of the grid's previous table start
        for number, segment in enumerate(segments):
            layout = segment.layout
            if line := _line_before(grid, layout, start):
                caption = line.text
                if number:  # a caption between two tables of one text or sheet heads the second
                    heading = _heading([line])
                elif heading is None:
                    heading = _heading([line], bold_and_numbered=True)
            if not segment.inherited:  # a Word table without a header goes on with the last
                forms.append(_table_form(grid, layout, caption))
            caption = None
            tables += 1
            form_of_table[tables] = len(forms) - 1
            if segment.inherited:
                builder.warnings.append(ParseWarning(tables, 1, MSG_TABLE_WITHOUT_HEADER))
            builder.add_table(
                grid, layout, tables, segment.rows, heading, [t.text for t in preamble]
            )
            heading = None
            previous = layout
            start = segment.rows.start
        trailing = _lines_after_table(grid)
    if columns is None:
        raise RoadmapParseError(MSG_NO_ROADMAP)
    drop_pasted_repeats(builder.sections, builder.warnings)
    if not any(section.activities for section in builder.sections):
        raise RoadmapParseError(MSG_NO_ACTIVITIES)
    roadmap = Roadmap(columns=columns, tables=tables, sections=builder.sections, forms=forms)
    roadmap.signature = find_signature(trailing)
    for section in roadmap.sections:
        section.form = form_of_table.get(section.table, 0)
    return _describe(roadmap, preamble, builder)


def _line_before(grid: Grid, layout: Layout, start: int) -> TextLine | None:
    """The caption written in the grid right above a table's header (a line of text, or a
    sheet row with one cell), looking no further up than ``start``."""
    top = layout.header_rows[0] if layout.header_rows else layout.first_data_row
    for row in reversed(grid.rows[start:top]):
        cells = row.distinct_cells()
        if not cells:
            continue
        if len(cells) > 1:
            return None
        return TextLine(cells[0][1].text, grid.row_is_bold(row))
    return None


def _lines_after_table(grid: Grid) -> list[TextLine]:
    """The lines under the grid's last table: rows of one or two cells (a position and a
    name) after its last row that reads as a table row."""
    index = len(grid.rows)
    while index > 0:
        cells = grid.rows[index - 1].distinct_cells()
        if len(cells) > 2 or (cells and is_activity_number(cells[0][1].text)):
            break
        index -= 1
    return _row_lines(grid, len(grid.rows), start=index)


def _table_form(grid: Grid, layout: Layout, caption: str | None) -> TableForm:
    """The table's header as the document draws it: each level's cells with their spans.

    Text has no merged cells: a header cell left empty there stands for the merge Word would
    draw — beside a group label (over its sub-columns) or under a label (the label goes on
    down) — and is read so, to give the same form as the Word table."""
    levels = []
    for index in layout.header_rows:
        cells = grid.rows[index].cells[: len(layout.fields)]
        levels.append([(cell.text, cell.origin) for cell in cells])
    for upper, lower in zip(levels, levels[1:], strict=False):
        for column in range(1, len(upper)):
            text, origin = upper[column]
            if not text and upper[column - 1][0] and lower[column][0]:
                upper[column] = upper[column - 1]
        for column, (text, origin) in enumerate(lower):
            if not text and origin != upper[column][1]:
                lower[column] = upper[column]
    header = []
    for level in levels:
        cells: list[HeaderCell] = []
        previous = None
        for text, origin in level:
            if previous is not None and origin == previous:
                cells[-1].span += 1
            else:
                cells.append(HeaderCell(text))
            previous = origin
        header.append(cells)
    numbering: list[str] = []
    after = layout.header_rows[-1] + 1 if layout.header_rows else None
    if after is not None and after < len(grid.rows) and is_column_numbers_row(grid.rows[after]):
        numbering = [cell.text for cell in grid.rows[after].cells[: len(layout.fields)]]
    return TableForm(caption, header, numbering, list(layout.fields))


def _describe(roadmap: Roadmap, preamble: list[TextLine], builder: RoadmapBuilder) -> Roadmap:
    roadmap.title = find_title(preamble)
    texts = [roadmap.title or ""] + [line.text for line in preamble]
    roadmap.municipality = find_municipality(texts)
    roadmap.period = find_period(texts)
    roadmap.order = find_order(preamble)
    roadmap.approval = find_approval(preamble)
    roadmap.warnings = sorted(builder.warnings, key=lambda warning: (warning.table, warning.row))
    return roadmap


def _segments(
    grid: Grid, column_map: Mapping[int, str | None], previous: Layout | None
) -> list[_Segment]:
    """The roadmap tables in a grid: a text or a sheet may hold several, each under its own
    header; a Word table without a header continues the previous table."""
    layout = find_layout(grid)
    inherited = False
    if layout is None:
        layout, inherited = _layout_without_header(grid, column_map, previous)
        if layout is None:
            return []
    segments = []
    while layout is not None:
        apply_column_map(layout, column_map, grid.width)
        if "title" not in layout.fields:
            raise RoadmapParseError(MSG_NO_ROADMAP)
        next_header = _next_header(grid, layout)
        stop = len(grid.rows) if next_header is None else next_header
        rows = range(layout.first_data_row, _table_end(grid, stop))
        segments.append(_Segment(layout, rows, inherited=inherited and not segments))
        layout = None if next_header is None else build_layout(grid, next_header)
    return segments


def _layout_without_header(
    grid: Grid, column_map: Mapping[int, str | None], previous: Layout | None
) -> tuple[Layout | None, bool]:
    rows = [index for index, row in enumerate(grid.rows) if row.structured and not row.is_blank()]
    if not rows:
        return None, False
    if "title" in column_map.values():
        return _layout_for_column_map(grid, rows[0]), False
    if previous is None or previous.grid_width != grid.width:
        return None, False
    numbers = previous.columns("number")
    if _names_columns(grid.rows[rows[0]], numbers):  # a header of its own, not a roadmap's
        return None, False
    if numbers and not any(is_activity_number(grid.rows[i].cells[numbers[0]].text) for i in rows):
        return None, False
    layout = Layout(
        fields=list(previous.fields),
        first_data_row=0,
        repeated_rows=previous.repeated_rows,
        recognised=previous.recognised,
        grid_width=grid.width,
    )
    return layout, True


def _names_columns(row: Row, number_columns: list[int]) -> bool:
    """Whether a row reads as a header: "№" over the number column, or two labels."""
    if number_columns and classify_label(row.cells[number_columns[0]].text) == "number":
        return True
    return sum(1 for _, cell in row.distinct_cells() if classify_label(cell.text)) >= 2


def _layout_for_column_map(grid: Grid, first_row: int) -> Layout:
    """The caller names the columns of a table whose header was not recognised: its first row
    is still a header when it looks like one (short labels, no activity number)."""
    row = grid.rows[first_row]
    texts = [cell.text for _, cell in row.distinct_cells()]
    is_header = all(
        len(text) <= _MAX_LABEL_LENGTH and not is_activity_number(text) for text in texts
    )
    if not is_header:
        return Layout(fields=[None] * grid.width, first_data_row=first_row)
    return Layout(
        fields=[None] * grid.width,
        header_rows=[first_row],
        first_data_row=first_row + 1,
        repeated_rows={row_signature(row)},
    )


def _next_header(grid: Grid, layout: Layout) -> int | None:
    """Where a new table starts: a header naming other columns. A header naming the same
    columns with other words is the old one repeated after a page break, and is skipped."""
    for index in range(layout.first_data_row, len(grid.rows)):
        row = grid.rows[index]
        if layout.is_repeat(row) or not looks_like_header(row, strict=True):
            continue
        candidate = build_layout(grid, index)
        if candidate.recognised != layout.recognised:
            return index
        layout.repeated_rows |= candidate.repeated_rows
    return None


def _table_end(grid: Grid, stop: int) -> int:
    """Lines of plain text after a table (signatures, notes) are not part of it, nor is a
    signature written in a sheet's cells («Начальник отдела …» and the name beside it)."""
    while stop > 0 and (grid.rows[stop - 1].is_blank() or not grid.rows[stop - 1].structured):
        stop -= 1
    for index in range(stop - 1, max(stop - _SIGNATURE_ROWS, 0) - 1, -1):
        cells = grid.rows[index].distinct_cells()
        if len(cells) > 2 or (cells and is_activity_number(cells[0][1].text)):
            break
        if cells and is_signatory(cells[0][1].text):
            return _table_end(grid, index)
    return stop


def _row_lines(grid: Grid, stop: int, start: int = 0) -> list[TextLine]:
    lines = []
    for row in grid.rows[start:stop]:
        texts = [cell.text for _, cell in row.distinct_cells()]
        if texts:
            lines.append(TextLine(" ".join(texts), grid.row_is_bold(row)))
    return lines


def _heading(lines: list[TextLine], bold_and_numbered: bool = False) -> Section | None:
    """A caption right before a table, bold or numbered («2. Работа с педагогами»), heads the
    table's rows; ``bold_and_numbered`` asks for both."""
    if not lines:
        return None
    line = lines[-1]
    number, title = split_section_head(line.text)
    if len(line.text) > _MAX_HEADING_LENGTH:
        return None
    is_heading = (line.bold and number) if bold_and_numbered else (line.bold or number)
    return Section(number, title) if is_heading else None
