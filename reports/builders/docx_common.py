"""Word documents as the department prints them (ГОСТ Р 7.0.97-2016), shared by the DOCX
builders: A4 set explicitly (python-docx's template is US Letter), the margins, a serif font
metric-compatible with the PDFs' Liberation Serif, headings restyled from Word's blue sans, the
repeated table header and the page number field."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# Liberation Serif (the PDFs' font) is metric-compatible with Times New Roman: the file names
# the font every Word has, and LibreOffice on Debian lays it out with Liberation Serif.
FONT = "Times New Roman"
TEXT_SIZE = Pt(13)
TABLE_SIZE = Pt(10)
A4 = (Mm(210), Mm(297))
# ГОСТ Р 7.0.97: left 20 mm at least (25 for binding), right 10, top and bottom 20.
MARGINS = {
    "left_margin": Mm(25),
    "right_margin": Mm(10),
    "top_margin": Mm(20),
    "bottom_margin": Mm(20),
}


def set_font(style, size, bold=None):
    """The style in the serif font, black, of the size given."""
    style.font.name = FONT
    # Cyrillic text is laid out with the "complex script" and East Asian slots too in some Words.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    style.font.size = size
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold


def set_a4(document, *, landscape: bool, margins: dict) -> None:
    """The document's page: A4, portrait or landscape, with the margins given."""
    section = document.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    for margin, value in margins.items():
        setattr(section, margin, value)


def gost_document(landscape: bool = False) -> Document:
    """An empty document: A4 (portrait or landscape), ГОСТ margins, serif text and headings."""
    document = Document()
    set_a4(document, landscape=landscape, margins=MARGINS)
    set_font(document.styles["Normal"], TEXT_SIZE)
    for name in ("Heading 1", "Heading 2"):
        set_font(document.styles[name], TEXT_SIZE, bold=True)
    set_font(document.styles["Table Grid"], TABLE_SIZE)
    document.styles["Heading 2"].font.italic = True
    document.styles["Heading 2"].font.bold = False
    return document


def repeat_as_header(row) -> None:
    """The row is printed again at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def no_borders(table) -> None:
    """A layout table (requisites, signature): no grid lines."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def add_page_number(paragraph) -> None:
    """A PAGE field: Word fills in the page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def page_numbers_from_second_page(document) -> None:
    """ГОСТ Р 7.0.97: page numbers at the top centre, none on the first page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(paragraph)


def to_bytes(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
