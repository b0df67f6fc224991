"""Text, CSV and cell values; the caller's column map; what the text before the table says."""

from __future__ import annotations

import datetime as dt

import pytest

from imports.parsing import parse_roadmap, parse_roadmap_text
from imports.parsing.preamble import find_municipality, find_period

from .builders import (
    HEADER,
    Para,
    Sheet,
    docx_bytes,
    rows_of,
    tab_text,
    xlsx_bytes,
)


def test_cp1251_csv_with_semicolons_and_a_quoted_cell_with_line_breaks():
    csv_text = (
        "№;Наименование мероприятия;Сроки;Ответственные\r\n"
        '1;"Совещание\r\nруководителей";Май 2023;"ИМЦ; ЦРО"\r\n'
        "2;Педсовет;август;ОО\r\n"
    )
    roadmap = parse_roadmap(csv_text.encode("cp1251"), "карта.csv")

    assert rows_of(roadmap) == [
        ("1", "Совещание руководителей", "Май 2023", "ИМЦ; ЦРО"),
        ("2", "Педсовет", "август", "ОО"),
    ]


def test_utf8_csv_with_commas():
    csv_text = '№,Мероприятия,Срок,Ответственный\n1.1.,"Семинар, практикум",апрель – май,ИМЦ\n'
    roadmap = parse_roadmap(csv_text.encode("utf-8-sig"), "карта.csv")

    assert rows_of(roadmap) == [("1.1", "Семинар, практикум", "апрель – май", "ИМЦ")]


def test_utf16_text_saved_by_excel():
    text = tab_text(HEADER, ["1", "Совещание", "май", "УО"])
    roadmap = parse_roadmap(text.encode("utf-16"), "карта.txt")

    assert rows_of(roadmap) == [("1", "Совещание", "май", "УО")]


def test_pasted_text_without_tabs_is_read_as_csv():
    roadmap = parse_roadmap_text("№;Мероприятие;Срок\n1;Совещание;май\n")

    assert rows_of(roadmap) == [("1", "Совещание", "май", None)]


def test_white_space_is_collapsed_and_typos_kept():
    text = (
        "№\tМероприятие\tСрок\tОтветственный\r\n"
        "1.\t  Совещане\u00a0 директоров \tв  течении года\tУО\r\n"
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [("1", "Совещане директоров", "в течении года", "УО")]


def test_docx_non_breaking_hyphen_and_line_breaks_inside_cells():
    # The builder writes U+2011 as Word does: a <w:noBreakHyphen/> element between runs.
    data = docx_bytes([HEADER, ["1", "Мониторинг\nВПР", "2019\u20112021", "УО,\nИМЦ"]])

    rows = rows_of(parse_roadmap(data, "a.docx"))

    assert rows == [("1", "Мониторинг ВПР", "2019-2021", "УО, ИМЦ")]


def test_excel_dates_and_numbers_become_text():
    data = xlsx_bytes(
        Sheet(
            [HEADER, [1.1, "Совещание", dt.datetime(2023, 9, 1), "УО"], [2, "Педсовет", 2023, "ОО"]]
        )
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert rows_of(roadmap) == [
        ("1.1", "Совещание", "01.09.2023", "УО"),
        ("2", "Педсовет", "2023", "ОО"),
    ]


def test_column_map_overrides_recognised_fields():
    text = tab_text(
        ["№", "Мероприятие", "Срок", "Примечание"],
        ["1", "Совещание", "май", "Протокол"],
    )
    roadmap = parse_roadmap_text(text, column_map={3: "result", 2: None})

    assert roadmap.columns == ["number", "title", None, "result"]
    assert (roadmap.activities[0].deadline, roadmap.activities[0].result) == (None, "Протокол")
    assert roadmap.warnings == []


def test_column_map_reads_a_table_whose_header_is_not_recognised():
    text = tab_text(["Пункт", "Что делаем", "Когда"], ["1", "Совещание", "май"])
    roadmap = parse_roadmap_text(text, column_map={0: "number", 1: "title", 2: "deadline"})

    assert rows_of(roadmap) == [("1", "Совещание", "май", None)]


def test_order_title_municipality_and_period_from_the_text_before_the_table():
    data = docx_bytes(
        Para("УТВЕРЖДЕНА приказом управления образования администрации Знаменского района"),
        Para("от «12» января 2023 г. № 5-о"),
        Para("ПЛАН МЕРОПРИЯТИЙ", bold=True),
        Para("по повышению качества образования", bold=True),
        Para("на 2023/24 учебный год", bold=True),
        [HEADER, ["1", "Совещание", "май", "УО"]],
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert (
        roadmap.title == "ПЛАН МЕРОПРИЯТИЙ по повышению качества образования на 2023/24 учебный год"
    )
    assert roadmap.period == "2023/24 учебный год"
    assert roadmap.municipality == "Знаменский район"
    assert roadmap.order.to_json() == {
        "kind": "Приказ",
        "number": "5-о",
        "date": "12.01.2023",
        "subject": None,
        "text": "Приказ № 5-о от 12.01.2023",
    }


def test_approving_order_wins_over_an_order_merely_mentioned():
    text = tab_text(
        "Во исполнение приказа Минпросвещения России от 05.08.2020 № 390",
        "Приложение к приказу управления образования от 1 сентября 2022 г. № 301-о",
        "Дорожная карта муниципального образования «Город Знаменск»",
        HEADER,
        ["1", "Совещание", "май", "УО"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.order.text == "Приказ № 301-о от 01.09.2022"
    assert roadmap.municipality == "муниципальное образование «Город Знаменск»"
    assert roadmap.title == "Дорожная карта муниципального образования «Город Знаменск»"


def test_title_of_several_bold_lines_and_a_numbered_heading_before_the_first_table():
    data = docx_bytes(
        Para("ДОРОЖНАЯ КАРТА", bold=True),
        Para("Муниципального проекта «Школа равных возможностей»", bold=True),
        Para("1. Организационные меры", bold=True),
        [HEADER, ["1.1", "Совещание", "май", "УО"]],
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert roadmap.title == "ДОРОЖНАЯ КАРТА Муниципального проекта «Школа равных возможностей»"
    assert [(s.number, s.title) for s in roadmap.sections] == [("1", "Организационные меры")]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("План мероприятий на 2019-2021 годы", "2019-2021"),
        ("Дорожная карта на 2021 – 2023 гг.", "2021-2023"),
        ("План работы на 2023/24 учебный год", "2023/24 учебный год"),
        ("План на 2023-2024 учебный год", "2023-2024 учебный год"),
        ("Комплекс мер на 2022 год", "2022"),
        ("Приказ от 2021-05-12 № 7", None),
    ],
)
def test_period_forms(text, period):
    assert find_period([text]) == period


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("Дорожная карта Знаменский район", "Знаменский район"),
        ("администрации Знаменского района", "Знаменский район"),
        ("Хлевенского муниципального района", "Хлевенский муниципальный район"),
        ("Становлянский муниципальный округ", "Становлянский муниципальный округ"),
        ("городского округа город Воронеж", "городской округ город Воронеж"),
        ("План работы отдела образования", None),
    ],
)
def test_municipality_forms(text, municipality):
    assert find_municipality([text]) == municipality
