"""Small builders of .docx, .xlsx and text roadmaps for the parser tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import openpyxl
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl.styles import Font


@dataclass
class C:
    """A Word table cell: ``span`` grid columns wide, ``merge`` "restart"/"continue" vertically."""

    text: str = ""
    span: int = 1
    merge: str | None = None
    bold: bool = False


@dataclass
class Para:
    text: str
    bold: bool = False
    page_break_before: bool = False


@dataclass
class NumberedCell:
    """A cell whose number Word computes: a list paragraph (numbering id 1, level ``level``)."""

    level: int = 0


def _paragraph(text: str, bold: bool = False):
    """Runs of ``text``: "\n" becomes a line break, U+2011 Word's non-breaking hyphen."""
    paragraph = OxmlElement("w:p")
    for index, line in enumerate(text.split("\n")):
        for part, piece in enumerate(line.split("\u2011")):
            run = _run(piece, bold)
            if index and not part:
                run.insert(len(run) - 1, OxmlElement("w:br"))
            if part:
                run.insert(len(run) - 1, OxmlElement("w:noBreakHyphen"))
            paragraph.append(run)
    return paragraph


def _run(text: str, bold: bool):
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    return run


def _numbered_paragraph(level: int):
    return parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:numPr><w:ilvl w:val="{level}"/>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
    )


def _cell(spec) -> object:
    if isinstance(spec, NumberedCell):
        tc = OxmlElement("w:tc")
        tc.append(_numbered_paragraph(spec.level))
        return tc
    cell = spec if isinstance(spec, C) else C(str(spec))
    tc = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    if cell.span > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(cell.span))
        properties.append(span)
    if cell.merge:
        merge = OxmlElement("w:vMerge")
        if cell.merge == "restart":
            merge.set(qn("w:val"), "restart")
        properties.append(merge)
    tc.append(properties)
    tc.append(_paragraph(cell.text, cell.bold))
    return tc


def _table(rows: list[list], width: int):
    tbl = OxmlElement("w:tbl")
    grid = OxmlElement("w:tblGrid")
    for _ in range(width):
        grid.append(OxmlElement("w:gridCol"))
    tbl.append(grid)
    for row in rows:
        tr = OxmlElement("w:tr")
        for spec in row:
            tr.append(_cell(spec))
        tbl.append(tr)
    return tbl


def section_row(text: str, width: int) -> list:
    """A section row as Word makes it: one bold cell merged across the table."""
    return [C(text, span=width, bold=True)]


def docx_bytes(*blocks, numbering: str | None = None) -> bytes:
    """Blocks are Para or tables given as lists of rows (each a list of str / C specs).
    ``numbering`` is the lvlText of a decimal list numbered "1." / "1.1." for NumberedCell."""
    document = docx.Document()
    body = document.element.body
    section_properties = body.find(qn("w:sectPr"))
    for block in blocks:
        if isinstance(block, Para):
            element = _paragraph(block.text, block.bold)
            if block.page_break_before:
                run = OxmlElement("w:r")
                brk = OxmlElement("w:br")
                brk.set(qn("w:type"), "page")
                run.append(brk)
                element.insert(0, run)
        else:
            width = max(sum(s.span if isinstance(s, C) else 1 for s in row) for row in block)
            element = _table(block, width)
        section_properties.addprevious(element)
    if numbering:
        _add_numbering(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="1"><w:abstractNumId w:val="90"/></w:num>')
    )


@dataclass
class Sheet:
    rows: list[list]
    title: str = "Лист1"
    merges: tuple[str, ...] = ()
    bold_rows: tuple[int, ...] = ()  # 1-based sheet rows whose cells are bold


def xlsx_bytes(*sheets: Sheet) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        for row in sheet.rows:
            worksheet.append(row)
        for row_number in sheet.bold_rows:
            for cell in worksheet[row_number]:
                cell.font = Font(bold=True)
        for merge in sheet.merges:
            worksheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tab_text(*rows) -> str:
    """Lines of a pasted table: a row is a list of cells (joined by tabs) or a plain line."""
    return "\n".join("\t".join(row) if isinstance(row, list) else row for row in rows)


# --- reading results --------------------------------------------------------------------------

HEADER = ["№", "Наименование мероприятия", "Сроки", "Ответственные"]
OTDEL = "Отдел образования"


def rows_of(roadmap) -> list[tuple]:
    return [(a.number, a.title, a.deadline, a.responsible) for a in roadmap.activities]


def sections_of(roadmap) -> list[tuple]:
    return [(s.number, s.title, len(s.activities)) for s in roadmap.sections]


def messages(roadmap) -> list[str]:
    return [warning.message for warning in roadmap.warnings]


BLANK = object()  # a blank line inside a row of ``cell_lines_text``


def cell_lines_text(*rows) -> str:
    """A Word table copied as text one cell per line: a row is a list of cells, each written on
    a line starting with a tab (a cell's "\n" continues it on lines without a tab, BLANK puts a
    blank line inside the row); rows are separated by blank lines; a str is a plain paragraph."""
    lines: list[str] = []
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
            continue
        for cell in row:
            lines.append("" if cell is BLANK else "\t" + cell)
        lines.append("")
    return "\n".join(lines)


def pdf_bytes(*blocks, page_size: str = "A4 landscape", page_numbers: bool = False) -> bytes:
    """A text-based PDF as a department publishes it: WeasyPrint renders paragraphs (str) and
    tables (lists of rows; a cell is a str or C, whose ``span`` becomes colspan) with ruled
    cells, a header row (the first) repeated on every page, «стр. N» under each page."""
    from html import escape

    import weasyprint

    def cell(spec, tag: str) -> str:
        spec = spec if isinstance(spec, C) else C(str(spec))
        text = escape(spec.text).replace("\n", "<br>")
        if spec.bold:
            text = f"<b>{text}</b>"
        return f'<{tag} colspan="{spec.span}">{text}</{tag}>'

    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{escape(block)}</p>")
            continue
        head, *body = block
        rows = "".join("<tr>" + "".join(cell(c, "td") for c in row) + "</tr>" for row in body)
        parts.append(
            "<table><thead><tr>"
            + "".join(cell(c, "th") for c in head)
            + f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    footer = "@bottom-center { content: 'стр. ' counter(page) }" if page_numbers else ""
    html = (
        f"<style>@page {{ size: {page_size}; margin: 15mm; {footer} }}"
        " body { font: 10pt 'DejaVu Sans' }"
        " table { border-collapse: collapse; width: 100% }"
        " td, th { border: 1px solid black; padding: 2pt; vertical-align: top }</style>"
        + "".join(parts)
    )
    return weasyprint.HTML(string=html).write_pdf()


def image_pdf_bytes() -> bytes:
    """A scanned roadmap: pages that are pictures, with no text layer."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(buffer, "PDF")
    return buffer.getvalue()
