"""Column recognition: one-, two- and three-level headers in Word, Excel and text."""

from __future__ import annotations

import pytest

from imports.parsing import classify_label, parse_roadmap, parse_roadmap_text

from .builders import (
    OTDEL,
    C,
    Para,
    Sheet,
    docx_bytes,
    messages,
    sections_of,
    tab_text,
    xlsx_bytes,
)


def test_two_level_docx_header_with_year_subcolumns_and_merged_cells():
    data = docx_bytes(
        Para("ДОРОЖНАЯ КАРТА по поддержке школ на 2022-2024 годы", bold=True),
        [
            [
                C("№ п/п", merge="restart"),
                C("Наименование мероприятия", merge="restart"),
                C("Срок реализации, годы", span=3),
                C("Ответственные", merge="restart"),
            ],
            [C(merge="continue"), C(merge="continue"), "2022", "2023", "2024", C(merge="continue")],
            ["1", "2", "3", "4", "5", "6"],
            ["1.", "Совещание директоров", "+", "", "+", OTDEL],
            ["2.", "Семинар для педагогов", "апрель", "май", "", "ИМЦ"],
        ],
    )
    roadmap = parse_roadmap(data, "карта.docx")

    assert roadmap.columns == [
        "number",
        "title",
        "year:2022",
        "year:2023",
        "year:2024",
        "responsible",
    ]
    assert [(a.number, a.years) for a in roadmap.activities] == [
        ("1", {"2022": "+", "2023": "", "2024": "+"}),
        ("2", {"2022": "апрель", "2023": "май", "2024": ""}),
    ]
    assert all(a.deadline is None for a in roadmap.activities)
    assert roadmap.title == "ДОРОЖНАЯ КАРТА по поддержке школ на 2022-2024 годы"
    assert roadmap.period == "2022-2024"


def test_two_level_xlsx_header_result_name_and_planned_value():
    data = xlsx_bytes(
        Sheet(
            [
                ["№", "Мероприятия", "Результат", None, "Сроки", "Исполнители"],
                [None, None, "наименование", "плановое значение", None, None],
                ["1.1", "Мониторинг ВПР", "Аналитическая справка", "1 раз в год", "октябрь", "ИМЦ"],
            ],
            merges=("A1:A2", "B1:B2", "C1:D1", "E1:E2", "F1:F2"),
        )
    )
    roadmap = parse_roadmap(data, "карта.xlsx")

    assert roadmap.columns == [
        "number",
        "title",
        "result",
        "planned_value",
        "deadline",
        "responsible",
    ]
    activity = roadmap.activities[0]
    assert (activity.result, activity.planned_value, activity.deadline) == (
        "Аналитическая справка",
        "1 раз в год",
        "октябрь",
    )


def test_two_level_text_header_where_the_parent_sits_over_empty_cells():
    text = tab_text(
        ["№", "Мероприятие", "Плановое значение показателя по годам", "", "Ответственный"],
        ["", "", "2023", "2024", ""],
        ["1", "Участие педагогов в курсах", "10", "12", "ЦРО"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.columns == ["number", "title", "year:2023", "year:2024", "responsible"]
    assert roadmap.activities[0].years == {"2023": "10", "2024": "12"}


def test_years_under_a_finance_header_are_not_plan_cells():
    text = tab_text(
        ["№", "Мероприятие", "Объём финансирования, тыс. руб.", "", "Срок"],
        ["", "", "2023", "2024", ""],
        ["1", "Закупка оборудования", "100", "200", "2023"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.columns == ["number", "title", None, None, "deadline"]
    assert roadmap.activities[0].years == {}
    assert "Колонка «Объём финансирования, тыс. руб. / 2023» не распознана" in messages(roadmap)[0]


def test_school_year_columns_are_keyed_by_their_first_year():
    text = tab_text(
        ["№", "Содержание работы", "2023/24 уч. год", "2024/25 уч. год"],
        ["1", "Педсовет", "август", "август"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.columns == ["number", "title", "year:2023", "year:2024"]


def test_half_year_columns_under_a_year_belong_to_that_year():
    data = xlsx_bytes(
        Sheet(
            [
                ["№", "Мероприятие", "Сроки реализации", None],
                [None, None, "2024", None],
                [None, None, "I полугодие", "II полугодие"],
                ["1", "Мониторинг", "+", "-"],
            ],
            merges=("A1:A3", "B1:B3", "C1:D1", "C2:D2"),
        )
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert roadmap.columns == ["number", "title", "year:2024", "year:2024"]
    assert roadmap.activities[0].years == {"2024": "+; -"}


def test_start_and_end_columns_under_one_deadline_header():
    data = xlsx_bytes(
        Sheet(
            [
                ["№", "Мероприятие", "Сроки", None, "Ответственный"],
                [None, None, "начало", "окончание", None],
                ["1", "Мониторинг", "01.09.2023", "31.05.2024", "ИМЦ"],
            ],
            merges=("A1:A2", "B1:B2", "C1:D1", "E1:E2"),
        )
    )

    assert parse_roadmap(data, "a.xlsx").activities[0].deadline == "01.09.2023 – 31.05.2024"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("№", "number"),
        ("№ п/п", "number"),
        ("N", "number"),
        ("Наименование мероприятия", "title"),
        ("Мероприятия", "title"),
        ("Наименование задачи/мероприятия", "title"),
        ("Содержание деятельности", "title"),
        ("Сроки", "deadline"),
        ("Сроки реализации", "deadline"),
        ("Срок исполнения", "deadline"),
        ("Сроки проведения мероприятия", "deadline"),
        ("Периодичность", "deadline"),
        ("2021 г.", "year:2021"),
        ("2022", "year:2022"),
        ("Ответственные", "responsible"),
        ("Ответственный", "responsible"),
        ("Ответственные исполнители", "responsible"),
        ("Исполнитель и соисполнители мероприятия", "responsible"),
        ("Отв.", "responsible"),
        ("Исполнители", "responsible"),
        ("Результат", "result"),
        ("Ожидаемый результат, управленческие решения", "result"),
        ("Предполагаемый результат", "result"),
        ("Результат (плановое значение)", "result"),
        ("Плановое значение", "planned_value"),
        ("Показатели реализации", "indicator"),
        ("Индикатор", "indicator"),
        ("Целевой показатель", "indicator"),
        ("Наименование показателя", "indicator"),
        ("Примечание", None),
        ("Отметка о выполнении", None),
    ],
)
def test_header_labels(label, field):
    assert classify_label(label) == field


def test_hyphenated_header_labels_of_narrow_columns():
    text = tab_text(
        ["№ п/п", "Меропри-ятие", "Ответствен- ные", "Сро-ки"], ["1", "Совещание", "УО", "май"]
    )

    assert parse_roadmap_text(text).columns == ["number", "title", "responsible", "deadline"]


def test_number_column_without_header_text_is_recognised_by_its_numbers():
    text = tab_text(
        ["", "Мероприятия", "Сроки", "Ответственный"],
        ["1. Кадры", "", "", ""],
        ["1.1", "Курсы", "май", "ЦРО"],
        ["1.2", "Наставничество", "сентябрь", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.columns == ["number", "title", "deadline", "responsible"]
    assert sections_of(roadmap) == [("1", "Кадры", 2)]


def test_tasks_column_beside_activities_heads_sections():
    data = docx_bytes(
        [
            ["№", "Задачи", "Мероприятия", "Срок", "Ответственный"],
            ["1", C("Повысить квалификацию педагогов", merge="restart"), "Курсы", "май", "ЦРО"],
            ["2", C(merge="continue"), "Наставничество", "сентябрь", "ОО"],
            ["3", C("Обновить оборудование", merge="restart"), "Закупка", "2023", "УО"],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert roadmap.columns == ["number", "section", "title", "deadline", "responsible"]
    assert sections_of(roadmap) == [
        (None, "Повысить квалификацию педагогов", 2),
        (None, "Обновить оборудование", 1),
    ]
