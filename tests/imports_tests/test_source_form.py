"""The document's form is kept with the program, for exports to give it back as it came."""

from __future__ import annotations

from imports.parsing import parse_roadmap, parse_roadmap_text
from imports.selectors import source_form
from imports.services import import_roadmap

from .builders import C, Para, docx_bytes, tab_text


def two_tables_docx() -> bytes:
    header_top = [
        C("№", merge="restart"),
        C("Мероприятие", merge="restart"),
        C("Срок реализации по годам", span=2),
        C("Исполнитель", merge="restart"),
    ]
    header_bottom = [C(merge="continue"), C(merge="continue"), "2024", "2025", C(merge="continue")]
    return docx_bytes(
        Para("План мероприятий по поддержке школ на 2024-2025 годы", bold=True),
        Para("1. Организационные мероприятия", bold=True),
        [
            header_top,
            header_bottom,
            ["1", "2", "3", "4", "5"],
            ["1.1", "Совещание", "+", "", "Отдел образования"],
        ],
        Para("2. Работа с педагогами", bold=True),
        [
            ["Исполнитель", "Мероприятие", "Срок"],
            ["ИМЦ", "Курсы", "2025"],
        ],
    )


def test_header_levels_numbering_columns_and_captions_are_kept(cast):
    roadmap = parse_roadmap(two_tables_docx(), "план.docx")
    result = import_roadmap(roadmap, municipality=cast.a.municipality, filename="план.docx")

    form = source_form(result.program)
    assert (form["kind"], form["filename"]) == ("docx", "план.docx")
    assert form["title"] == "План мероприятий по поддержке школ на 2024-2025 годы"
    first, second = form["tables"]
    assert first["caption"] == "1. Организационные мероприятия"
    assert first["header"] == [
        [
            {"text": "№", "span": 1},
            {"text": "Мероприятие", "span": 1},
            {"text": "Срок реализации по годам", "span": 2},
            {"text": "Исполнитель", "span": 1},
        ],
        [
            {"text": "№", "span": 1},
            {"text": "Мероприятие", "span": 1},
            {"text": "2024", "span": 1},
            {"text": "2025", "span": 1},
            {"text": "Исполнитель", "span": 1},
        ],
    ]
    assert first["numbering"] == ["1", "2", "3", "4", "5"]
    assert first["columns"] == ["number", "title", "year:2024", "year:2025", "responsible"]
    # The second table keeps its own column order.
    assert second["caption"] == "2. Работа с педагогами"
    assert second["columns"] == ["responsible", "title", "deadline"]
    assert second["numbering"] == []


def test_nested_headings_keep_their_levels_with_the_program(cast):
    text = tab_text(
        ["№", "Мероприятие", "Срок", "Ответственные"],
        ["Подпрограмма 1. Поддержка школ", "", "", ""],
        ["Задача 1.1. Кадры", "", "", ""],
        ["1.1.1.", "Курсы", "2022", "ИМЦ"],
        ["Задача 1.2. Родители", "", "", ""],
        ["1.2.1.", "Собрания", "ежегодно", "ОО"],
    )
    result = import_roadmap(parse_roadmap_text(text), municipality=cast.a.municipality)

    sections = list(result.program.sections.order_by("position"))
    assert [(s.number, s.title) for s in sections] == [
        ("Подпрограмма 1.", "Поддержка школ"),
        ("Задача 1.1.", "Кадры"),
        ("Задача 1.2.", "Родители"),
    ]
    levels = source_form(result.program)["section_levels"]
    assert [levels[s.pk] for s in sections] == [1, 2, 2]
    assert source_form(result.program)["kind"] == "text"


def test_a_program_made_in_the_portal_has_no_source_form(cast):
    assert source_form(cast.a.program) is None


def test_replacing_a_draft_replaces_its_source_form(cast):
    first = import_roadmap(
        parse_roadmap(two_tables_docx(), "a.docx"), municipality=cast.a.municipality
    )
    text = tab_text(["№", "Мероприятие", "Срок"], ["1.", "Совещание", "май"])
    import_roadmap(parse_roadmap_text(text), program=first.program)

    form = source_form(first.program)
    assert form["kind"] == "text"
    assert [table["columns"] for table in form["tables"]] == [["number", "title", "deadline"]]
