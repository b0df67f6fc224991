"""The roadmap in its official Word form: A4 landscape (set explicitly: python-docx starts from
US Letter), a serif font, the approval block at the top right, then each table of the form under
its caption — header levels with their merged cells and the numbering row, repeated on every
page — and the signature line when the source had one. Reading the file with the importer gives
the same roadmap (tests/imports_tests/test_round_trip.py)."""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from display.formats import xml_text
from reports.data import OfficialRoadmap, RoadmapTable
from reports.roadmap_form import column_widths

from .docx_common import repeat_as_header, set_a4, set_font, to_bytes
from .tables import roadmap_cells

MARGINS = {
    "left_margin": Cm(2),
    "right_margin": Cm(1),
    "top_margin": Cm(1.5),
    "bottom_margin": Cm(1.5),
}
TEXT_WIDTH_CM = 29.7 - 2 - 1
APPROVAL_INDENT = Cm(17)  # the block takes the right third of the page


def _write(cell, text: str, bold: bool = False, center: bool = False, size: int = 10) -> None:
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # left by a merge
        extra._element.getparent().remove(extra._element)
    paragraph.text = ""
    run = paragraph.add_run(xml_text(text))
    run.bold = bold
    run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _approval(document, lines: list[str]) -> None:
    for line in lines:
        paragraph = document.add_paragraph(xml_text(line))
        paragraph.paragraph_format.left_indent = APPROVAL_INDENT
    if lines:
        document.add_paragraph()


def _centered(document, text: str, bold: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(xml_text(text)).bold = bold


def _column_widths(table, columns: list[str | None]) -> None:
    for column, share in zip(table.columns, column_widths(columns), strict=True):
        column.width = Cm(TEXT_WIDTH_CM * share / 100)


def _header(table, data: RoadmapTable) -> None:
    """Header levels with their merges, then the numbering row: all repeated on each page."""
    for level, cells in enumerate(data.header):
        for cell in cells:
            target = table.cell(level, cell.column)
            if cell.colspan > 1 or cell.rowspan > 1:
                corner = table.cell(level + cell.rowspan - 1, cell.column + cell.colspan - 1)
                target = target.merge(corner)
            _write(target, cell.text, bold=True, center=True)
    if data.numbering:
        numbers = table.rows[len(data.header)].cells
        for cell, number in zip(numbers, data.numbering, strict=False):
            _write(cell, number, center=True)
    for row in table.rows:
        repeat_as_header(row)


def _table(document, data: RoadmapTable) -> None:
    width = len(data.columns)
    header_rows = len(data.header) + bool(data.numbering)
    table = document.add_table(rows=header_rows, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, data.columns)
    _header(table, data)
    for row in data.rows:
        cells = table.add_row().cells
        if row.is_section:
            heading = " ".join(filter(None, (row.number, row.title)))
            _write(cells[0].merge(cells[-1]), heading, bold=True)
            continue
        for cell, (_, text) in zip(cells, roadmap_cells(row, data.columns), strict=True):
            _write(cell, text)


def _signature(document, lines: list[str]) -> None:
    """«Начальник отдела образования …» on the left, the name on the right, on one line."""
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)  # no style: no borders
    position, name = table.rows[0].cells
    position.text = xml_text(lines[0])
    name.text = xml_text(" ".join(lines[1:]))
    name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.columns[0].width = Cm(TEXT_WIDTH_CM * 0.7)
    table.columns[1].width = Cm(TEXT_WIDTH_CM * 0.3)


def roadmap_docx(data: OfficialRoadmap, on_stage=None) -> bytes:
    document = Document()
    set_a4(document, landscape=True, margins=MARGINS)
    normal = document.styles["Normal"]
    set_font(normal, Pt(12))
    normal.paragraph_format.space_after = Pt(0)
    _approval(document, data.approval)
    _centered(document, data.roadmap_title)
    if data.period:
        _centered(document, data.period)
    for index, table in enumerate(data.tables):
        if table.caption:
            _centered(document, table.caption)
        elif index:  # two tables with nothing between them would join into one
            document.add_paragraph()
        _table(document, table)
    if data.signature:
        _signature(document, data.signature)
    return to_bytes(document)
