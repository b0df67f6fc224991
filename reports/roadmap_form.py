"""The form of the official roadmap: the tables of the document it was imported from, header
cells word for word, or a default form for a program made in the portal. Pure functions on plain
data; the selector feeds them the program's rows."""

import re
from dataclasses import replace

from reports.data import RoadmapHeaderCell, RoadmapTable, RoadmapTableRow

YEAR_PREFIX = "year:"
# The portal's own form, in the order departments usually write it.
DEFAULT_LABELS = {
    "number": "№ п/п",
    "title": "Мероприятие",
    "deadline": "Срок исполнения",
    "responsible": "Ответственный исполнитель",
    "result": "Ожидаемый результат",
    "planned_value": "Плановое значение",
    "indicator": "Показатели реализации",
}
DEFAULT_YEARS_LABEL = "Срок реализации по годам"  # as the seeds write it
ALWAYS_SHOWN = ("number", "title")


def section_heading(row: RoadmapTableRow) -> str:
    return " ".join(filter(None, (row.number, row.title)))


def header_cells(levels: list[list[dict]]) -> list[list[RoadmapHeaderCell]]:
    """Header levels as the import keeps them ({"text", "span"} cells, a cell merged down
    repeated in each level, as Word draws it) turned into cells with column and row spans."""
    placed = []
    for level in levels:
        column, cells = 0, []
        for cell in level:
            span = max(int(cell.get("span") or 1), 1)
            cells.append((column, span, cell.get("text") or ""))
            column += span
        placed.append(cells)
    header: list[list[RoadmapHeaderCell]] = [[] for _ in placed]
    merged_down: set[tuple[int, int, int]] = set()
    for index, cells in enumerate(placed):
        for column, span, text in cells:
            if (index, column, span) in merged_down:
                continue
            rows = 1
            while index + rows < len(placed) and (column, span, text) in placed[index + rows]:
                merged_down.add((index + rows, column, span))
                rows += 1
            header[index].append(RoadmapHeaderCell(text, column, span, rows))
    return header


def default_columns(rows: list[RoadmapTableRow], years: list[int]) -> list[str]:
    """The default form's columns: those some activity fills, and always its number and title."""
    candidates = [
        "number",
        "title",
        "deadline",
        *(f"{YEAR_PREFIX}{year}" for year in years),
        "responsible",
        "result",
        "planned_value",
        "indicator",
    ]
    activities = [row for row in rows if not row.is_section]
    return [
        field
        for field in candidates
        if field in ALWAYS_SHOWN or any(cell_text(row, field).strip() for row in activities)
    ]


def default_header(columns: list[str], year_labels: dict[int, str]) -> list[list[dict]]:
    """Two levels when there are year columns («План по годам» over the years), else one."""
    years = [field for field in columns if field.startswith(YEAR_PREFIX)]
    top = []
    for field in columns:
        if not field.startswith(YEAR_PREFIX):
            top.append({"text": DEFAULT_LABELS[field], "span": 1})
        elif field == years[0]:
            top.append({"text": DEFAULT_YEARS_LABEL, "span": len(years)})
    if not years:
        return [top]
    bottom = [
        {"text": year_labels[int(field.removeprefix(YEAR_PREFIX))], "span": 1}
        if field.startswith(YEAR_PREFIX)
        else {"text": DEFAULT_LABELS[field], "span": 1}
        for field in columns
    ]
    return [top, bottom]


def cell_text(row: RoadmapTableRow, field: str | None) -> str:
    """What an activity row holds in a column of this field, as written."""
    if field is None:
        return ""
    if field.startswith(YEAR_PREFIX):
        year = field.removeprefix(YEAR_PREFIX)
        return row.years.get(int(year), "") if year.isdigit() else ""
    return {
        "number": row.number,
        "title": row.title,
        "deadline": row.deadline,
        "responsible": row.executors,
        "result": row.result,
        "planned_value": row.planned_value,
        "indicator": row.indicator,
        "section": row.section,
    }.get(field, "")


# How wide each kind of column is against the others, in the PDF and the DOCX alike: the PDF is
# laid out with fixed widths (a long one is laid out in parts, and every part must give the same
# columns).
COLUMN_WEIGHTS = {
    "number": 6,
    "title": 24,
    "deadline": 11,
    "year": 9,
    "executors": 13,
    "result": 14,
    "other": 10,
}


def column_widths(columns: list[str | None]) -> list[float]:
    """Each column's share of the table's width, in per cent, from its kind."""
    weights = [COLUMN_WEIGHTS[column_kind(field)] for field in columns]
    return [round(100 * weight / sum(weights), 2) for weight in weights]


def column_kind(field: str | None) -> str:
    """The CSS class and width class of a column: number, title, deadline, year, executors,
    result (any longer text), or other."""
    if field is None:
        return "other"
    if field.startswith(YEAR_PREFIX):
        return "year"
    return {
        "number": "number",
        "title": "title",
        "deadline": "deadline",
        "responsible": "executors",
    }.get(field, "result")


def form_table(
    spec: dict, roadmap_title: str, sections: list[tuple[RoadmapTableRow, list[RoadmapTableRow]]]
) -> RoadmapTable:
    """One table of the form ``spec`` (as the import keeps it) holding ``sections``, each a
    section row with its activity rows. A table with a section column names the section on
    its first activity instead of a row; a caption that is the roadmap's title or the first
    section's heading is not printed twice."""
    columns = list(spec.get("columns") or [])
    caption = (spec.get("caption") or "").strip()
    if caption and caption in roadmap_title:
        caption = ""
    rows: list[RoadmapTableRow] = []
    for index, (section, activities) in enumerate(sections):
        heading = section_heading(section)
        if "section" in columns:
            if activities:
                activities = [_named_section(activities[0], heading), *activities[1:]]
        elif heading and not (index == 0 and _same_words(heading, caption)):
            rows.append(section)
        rows.extend(activities)
    numbering = list(spec.get("numbering") or [])
    return RoadmapTable(caption, header_cells(spec.get("header") or []), numbering, columns, rows)


def _same_words(first: str, second: str) -> bool:
    """«2. Работа с педагогами» and «2 Работа с педагогами» say the same."""
    return re.findall(r"\w+", first.lower()) == re.findall(r"\w+", second.lower())


def _named_section(row: RoadmapTableRow, heading: str) -> RoadmapTableRow:
    return replace(row, section=heading)


def default_form(columns: list[str], year_labels: dict[int, str]) -> dict:
    """The portal's form in the shape the import keeps a source's table in."""
    return {
        "caption": "",
        "header": default_header(columns, year_labels),
        "numbering": [str(number) for number in range(1, len(columns) + 1)],
        "columns": columns,
    }
