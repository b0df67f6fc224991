"""The справка as DOCX, for ministries that want a file to edit: A4 portrait set explicitly,
the serif font, real headings, and the same content as the PDF (one content model)."""

from dataclasses import replace

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from reports.builders import spravka_docx, spravka_pdf
from reports.builders.docx_common import FONT
from reports.data import Signature
from reports.document import Heading
from reports.spravka_document import spravka_document
from tests.reports_tests.read_back import docx_document, docx_text, flat, pdf_lines
from tests.reports_tests.sample import sample_spravka

EXECUTOR = "Исполнитель: О. В. Петренко, тел. 8 (47555) 2-11-34"


@pytest.fixture(scope="module")
def data():
    return replace(
        sample_spravka(),
        signature=Signature("начальник отдела образования", "Иванова Е. П.", EXECUTOR),
    )


@pytest.fixture(scope="module")
def content(data):
    return spravka_docx(data)


def test_every_page_is_a4_portrait(content):
    for section in docx_document(content).sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_text_headings_and_tables_are_set_in_the_serif_font(content):
    styles = docx_document(content).styles

    assert styles["Normal"].font.name == FONT == "Times New Roman"  # Liberation Serif's metrics
    assert Pt(12) <= styles["Normal"].font.size <= Pt(14)
    assert Pt(10) <= styles["Table Grid"].font.size <= Pt(12)
    for name in ("Heading 1", "Heading 2"):
        assert styles[name].font.name == FONT
        assert styles[name].font.color.rgb == (0, 0, 0)


def test_parts_are_word_headings_in_the_pdf_order(data, content):
    document = docx_document(content)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    assert headings[0] == "1. Целевая группа"
    assert headings[-1] == "11. Выводы и рекомендации"
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")] == [
        block.text for block in spravka_document(data).blocks if isinstance(block, Heading)
    ]


def test_docx_and_pdf_say_the_same(data, content, tmp_path):
    pdf = flat(" ".join(pdf_lines(spravka_pdf(data), tmp_path)))
    docx = docx_text(content)

    for text in (
        "АНАЛИТИЧЕСКАЯ СПРАВКА",
        "Основание: Приказ № 55 от 03.09.2021",
        "Мероприятий к исполнению в 2022 году: 24.",
        "МБОУ «Богородицкая ООШ» представить план устранения профессиональных дефицитов",
        "Начальник отдела образования",
        "Е. П. Иванова",
        EXECUTOR,
    ):
        assert text in pdf and text in docx, text
    for heading in (b.text for b in spravka_document(data).blocks if isinstance(b, Heading)):
        assert heading in pdf and heading in docx, heading


def test_signature_name_never_wraps(content):
    signature = docx_document(content).tables[-1]
    position, _line, name = signature.rows[0].cells

    assert position.text == "Начальник отдела образования"
    assert name.text == "Е.\u00a0П.\u00a0Иванова"  # non-breaking spaces: one line in Word too


def test_long_tables_repeat_their_header_row(content):
    activities = next(
        table
        for table in docx_document(content).tables
        if table.rows[0].cells[0].text == "№" and table.rows[0].cells[1].text == "Мероприятие"
    )
    marker = activities.rows[0]._tr.trPr.xpath("./w:tblHeader")

    assert marker and len(activities.rows) > 24


def test_control_characters_pasted_from_word_do_not_break_the_file():
    data = sample_spravka(conclusions="Итоги\x07 года\x0bи планы")

    assert "Итоги года и планы" in docx_text(spravka_docx(data))
