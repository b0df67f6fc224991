"""PDF roadmaps as departments publish them: text-based tables go through the same pipeline,
a scan without text is refused with a message that it needs OCR."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from imports.parsing import RoadmapParseError, parse_roadmap

from .builders import OTDEL, C, image_pdf_bytes, messages, pdf_bytes, rows_of, sections_of

HEADER = ["№ п/п", "Наименование мероприятия", "Срок", "2023", "2024", "Ответственные"]


def test_text_pdf_table_reads_like_a_word_table():
    data = pdf_bytes(
        "Дорожная карта по поддержке школ с низкими образовательными результатами "
        "Заречного района на 2023-2024 годы",
        [
            HEADER,
            [C("1. Организационная работа", span=6)],
            ["1.1.", "Совещание с руководителями школ", "сентябрь", "+", "+", OTDEL],
            ["1.2.", "Семинар для заместителей", "ежегодно", "1", "2", "Методический центр, ИМЦ"],
            [C("2. Работа с педагогами", span=6)],
            ["2.1.", "Курсы повышения квалификации", "2024", "", "5", "ИМЦ"],
        ],
    )
    roadmap = parse_roadmap(data, "карта.pdf")

    assert roadmap.title.startswith("Дорожная карта по поддержке школ")
    assert roadmap.municipality == "Заречный район"
    assert roadmap.period == "2023-2024"
    assert roadmap.columns == [
        "number",
        "title",
        "deadline",
        "year:2023",
        "year:2024",
        "responsible",
    ]
    assert sections_of(roadmap) == [
        ("1", "Организационная работа", 2),
        ("2", "Работа с педагогами", 1),
    ]
    assert rows_of(roadmap)[1] == (
        "1.2",
        "Семинар для заместителей",
        "ежегодно",
        "Методический центр, ИМЦ",
    )
    assert roadmap.activities[1].executors == ["Методический центр", "ИМЦ"]
    assert roadmap.activities[2].years == {"2023": "", "2024": "5"}
    assert messages(roadmap) == []


def test_pdf_table_over_several_pages_is_one_table_and_rows_cut_by_pages_are_whole():
    """WeasyPrint, like Word printing to PDF, cuts a tall row at the page's end: the top part
    has no closing line under it and the rest comes after the header on the next page."""
    title = "Проведение мероприятия {n} по поддержке школ с низкими результатами обучения"
    rows = [
        [f"{n}.", title.format(n=n), "ежегодно, апрель – май", "+", "3", OTDEL]
        for n in range(1, 61)
    ]
    data = pdf_bytes([HEADER, *rows], page_size="A5 landscape", page_numbers=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
    roadmap = parse_roadmap(data, "карта.pdf")

    assert roadmap.tables == 1
    assert [
        (a.number, a.title, a.deadline, a.years, a.responsible) for a in roadmap.activities
    ] == [
        (str(n), title.format(n=n), "ежегодно, апрель – май", {"2023": "+", "2024": "3"}, OTDEL)
        for n in range(1, 61)
    ]
    assert set(messages(roadmap)) <= {
        "Строка продолжает предыдущую после разрыва страницы и присоединена к ней"
    }


def test_scanned_pdf_needs_ocr():
    with pytest.raises(RoadmapParseError) as error:
        parse_roadmap(image_pdf_bytes(), "скан.pdf")
    assert "нет текста: это скан" in error.value.message
    assert "OCR" in error.value.message


def test_pdf_without_a_table_is_refused_in_russian():
    with pytest.raises(RoadmapParseError) as error:
        parse_roadmap(pdf_bytes("Просто письмо без таблицы."), "письмо.pdf")
    assert error.value.message.startswith("В PDF-файле не найдено таблицы")


def test_scanned_pdf_upload_is_refused_on_the_page_and_nothing_is_written(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from programs.models import Program

    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("import_start"),
        {
            "municipality": cast.a.municipality.pk,
            "file": SimpleUploadedFile("скан.pdf", image_pdf_bytes()),
        },
    )
    assert response.status_code == 400
    assert "Распознайте текст программой распознавания (OCR)" in response.content.decode()
    assert Program.objects.count() == 2
