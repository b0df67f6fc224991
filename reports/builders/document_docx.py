"""A document (reports.document) written as DOCX with python-docx: the same blocks as the PDF, in
the same order, for the ministries that want a file to edit."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from display.formats import xml_text
from reports.document import Chart, Document, Heading, Paragraph, Requisites, Row, Table

from .docx_common import (
    gost_document,
    no_borders,
    page_numbers_from_second_page,
    repeat_as_header,
    to_bytes,
)
from .stages import StageCallback, stage_reporter

DRAFT_MARK = "ПРОЕКТ"
INDENT = Cm(1.25)


def _write(tc, table, text, *, bold=False, align=None):
    """One table cell's text. The cells are reached through the XML rows: python-docx finds a
    row's cells by walking the whole table, which makes long tables quadratic."""
    paragraph = DocxParagraph(tc.p_lst[0], table)
    run = paragraph.add_run(xml_text(text))
    if bold:
        run.bold = True
    if align is not None:
        paragraph.alignment = align


def _requisites(doc, requisites: Requisites):
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    _write(
        left._tc, table, requisites.department.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    date = left.add_paragraph(f"{requisites.date} {requisites.number}")
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(requisites.addressee):
        paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
        paragraph.add_run(xml_text(line))
    doc.add_paragraph()


def _draft_marks(doc):
    """«ПРОЕКТ» in the header of every page, the first included."""
    section = doc.sections[0]
    for header in (section.first_page_header, section.header):
        paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(DRAFT_MARK)
        run.bold = True


def _paragraph(doc, block: Paragraph):
    for index, line in enumerate(block.lines):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = INDENT
        if index == 0 and block.label:
            paragraph.add_run(block.label + " ").bold = True
        paragraph.add_run(xml_text(line)).italic = block.note


def _table(doc, block: Table):
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    # Its text size is TABLE_SIZE (docx_common.gost_document). Set by style id: python-docx
    # finds a style by name walking every style of the document, for each table.
    table._tbl.tblPr.style = "TableGrid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if block.widths:
        section = doc.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        table.autofit = False
        for column, percent in zip(table.columns, block.widths, strict=True):
            column.width = int(width * percent / 100)
    header, *body = table._tbl.tr_lst
    for tc, text in zip(header.tc_lst, block.headers, strict=True):
        _write(tc, table, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_as_header(table.rows[0])
    for tr, row in zip(body, block.rows, strict=True):
        cells = tr.tc_lst
        if row.kind == "section":
            merged = _Cell(cells[0], table).merge(_Cell(cells[-1], table))
            _write(merged._tc, table, row.cells[0], bold=True)
            continue
        for index, (tc, text) in enumerate(zip(cells, row.cells, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if index in block.numeric else None
            _write(tc, table, text, bold=row.kind == "total", align=align)
    doc.add_paragraph()


def _chart(doc, block: Chart):
    """The chart's figures as a small table: what the PDF draws, in numbers."""
    doc.add_paragraph().add_run(block.title).italic = True
    first = "Раздел" if block.kind == "bars" else "Год"
    _table(
        doc,
        Table(
            headers=(first, "Выполнено"),
            rows=tuple(
                Row((label, caption))
                for label, caption in zip(block.labels, block.captions, strict=True)
            ),
            widths=(70, 30),
            numeric=frozenset({1}),
        ),
    )


def _signature(doc, signature):
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=3)
    no_borders(table)
    position, _line, name = table.rows[0].cells
    _write(position._tc, table, signature.position)
    _write(name._tc, table, signature.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_paragraph()
    executor = doc.add_paragraph().add_run(signature.executor)
    executor.font.size = Pt(10)


def document_docx(document: Document, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Документ Word")
    doc = gost_document()
    doc.core_properties.title = document.title
    page_numbers_from_second_page(doc)
    if document.is_draft:
        _draft_marks(doc)
    _requisites(doc, document.requisites)
    if document.is_draft:
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark.add_run(DRAFT_MARK).bold = True
    for text, size in ((document.requisites.kind, Pt(14)), (document.requisites.heading, None)):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(xml_text(text))
        run.bold = True
        run.font.size = size
    for block in document.blocks:
        if isinstance(block, Heading):
            heading = doc.add_paragraph(xml_text(block.text))
            heading._p.style = f"Heading{block.level}"  # by id, as the tables' style
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
    if document.signature:
        _signature(doc, document.signature)
    return to_bytes(doc)
