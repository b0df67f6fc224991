"""Roadmap parser: «дорожная карта» tables from Word, Excel, PDF (with a text layer), CSV or
pasted text (a row per line, or a cell per line as Word copies a table).

Pure Python, no database and no Django. Use::

    from imports.parsing import parse_roadmap, parse_roadmap_text, RoadmapParseError

    roadmap = parse_roadmap(data, "карта.docx")        # or .xlsx, .pdf, .csv, .txt
    roadmap = parse_roadmap_text(pasted_text)          # tab-separated table from the browser
    roadmap.to_json()

``to_json()`` returns exactly::

    {"title", "municipality", "period", "columns", "tables", "sections": [
        {"number", "title", "activities": [
            {"number", "title", "deadline", "years", "result", "planned_value",
             "responsible", "indicator"}]}]}

Decisions behind that shape:

* ``None`` (JSON null) for anything the document does not have. All text has runs of white
  space (line breaks, nbsp, tabs) collapsed to one space and is stripped; typos stay verbatim.
* Numbers lose a trailing dot or parenthesis: "2.1." → "2.1", "1)" → "1".
* ``years``: every year column of the table is a key (the 4-digit year, in column order) with
  the cell's text, "" when the cell is empty; {} when the table has no year columns. A column
  headed by a school year ("2023/24 уч. год") is keyed by its first year.
* ``columns``: the field of each column of the first roadmap table, in order: a name from
  ``FIELDS``, "year:YYYY" for a year column, "section" for a grouping column («Задачи» beside
  «Мероприятия», whose cells head sections), or null for a column that was not recognised
  (its cells are not loaded; a warning names it).
* Sections come from rows merged across the table, bold rows, a number and a title alone in
  a row with the next rows numbered under it ("1" over "1.1"), text alone in the row, or a
  grouping column. In text sources (pasted text, CSV, PDF) a row cut by a page break (no
  number, text going on, not filled like a full row) is joined to the activity above, with a
  warning; a Word or Excel row is always a row. A block pasted twice is kept once (with its
  title and section heading), with a warning; a row of punctuation alone is skipped, with a
  warning. Headings nest («Подпрограмма» › «Цель» › «Задача»): ``Section.level``.
* ``tables``: how many roadmap tables were read (several Word tables, sheets, or tables one
  after another in a text). ``sections`` runs over all of them in order; activities before the
  first section row sit in a section whose number and title are null.
* ``period``: "2019-2021" for a range of years, "2023/24 учебный год" for a school year,
  "2021" for a single year, found in the title or the text before the table.
* ``municipality``: in the nominative ("Знаменский район"), from the title or the text before
  the table.

Beyond ``to_json``, the Roadmap carries ``forms`` (each table's caption, header levels with
spans, numbering row and column fields: ``TableForm``), ``source_kind``, each section's
``level`` (nested headings), each activity's ``executors`` (split by the cell's lines),
``order`` (the approving order: kind, number, date, subject; ``order.to_json()``) and
``warnings`` (``ParseWarning``: 1-based table and row as the user sees them, and a Russian
message) for the portal's preview.

Every failure on bad input is a ``RoadmapParseError`` whose ``message`` is Russian.
"""

from .api import DEFAULT_MAX_BYTES, parse_roadmap, parse_roadmap_text
from .errors import RoadmapParseError
from .layout import classify_label
from .model import (
    FIELDS,
    SECTION_FIELD,
    YEAR_PREFIX,
    Activity,
    ApprovingOrder,
    HeaderCell,
    ParseWarning,
    Roadmap,
    Section,
    TableForm,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FIELDS",
    "YEAR_PREFIX",
    "Activity",
    "ApprovingOrder",
    "ParseWarning",
    "Roadmap",
    "SECTION_FIELD",
    "RoadmapParseError",
    "Section",
    "TableForm",
    "HeaderCell",
    "classify_label",
    "parse_roadmap",
    "parse_roadmap_text",
]
