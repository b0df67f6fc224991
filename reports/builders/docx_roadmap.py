"""The roadmap in its official Word form: a landscape table with the header repeated on every
page, section rows merged across the width, the same columns as the PDF and XLSX. Reading the
file with the importer gives the same roadmap (tests/imports_tests/test_round_trip.py)."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.data import OfficialRoadmap

from .tables import roadmap_columns


def _repeat_as_header(row):
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _landscape(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))


def _bold(cell, text):
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = True


def roadmap_docx(data: OfficialRoadmap, on_stage=None) -> bytes:
    document = Document()
    _landscape(document)
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(9)
    document.add_paragraph().add_run(data.roadmap_title).bold = True
    document.add_paragraph(data.title.program_title)
    document.add_paragraph(f"Период реализации: {data.title.period}")
    if data.title.order:
        document.add_paragraph(f"Утверждена: {data.title.order}")

    columns = roadmap_columns(data)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _bold(cell, column.header)
    _repeat_as_header(table.rows[0])
    for row in data.rows:
        cells = table.add_row().cells
        if row.is_section:
            _bold(cells[0].merge(cells[-1]), " ".join(filter(None, (row.number, row.title))))
            continue
        for cell, column in zip(cells, columns, strict=True):
            cell.text = column.value(row) or ""
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
