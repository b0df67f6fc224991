"""Shapes real roadmaps take when they are copied, exported or pasted by people of other
municipalities: each fixture is built here from the shape's description."""

from __future__ import annotations

from imports.parsing import parse_roadmap_text

from .builders import BLANK, cell_lines_text, messages, rows_of, sections_of

HEADER_TOP = [
    "№ п/п",
    "Наименование мероприятия",
    "Срок реализации",
    "Плановое значение по годам",
    "Ответственные исполнители",
    "Ожидаемый результат",
]
HEADER_BOTTOM = ["", "", "", "2021", "2022", "2023", "", ""]
NUMBERING = [str(number) for number in range(1, 9)]


def test_word_table_copied_one_cell_per_line():
    text = cell_lines_text(
        "ДОРОЖНАЯ КАРТА",
        "по повышению качества образования в Заречном районе на 2021-2023 годы",
        "",
        HEADER_TOP,
        HEADER_BOTTOM,
        NUMBERING,
        ["1. Организационное обеспечение"],
        [
            "1.1.",
            "Создание муниципальной\nрабочей группы",
            "январь 2021",
            "1",
            BLANK,
            "",
            "",
            "Отдел образования\nМетодический центр",
            "Приказ",
        ],
        ["1.2.", "Семинар для директоров", "ежегодно", "+", "+", "+", "Методический центр", ""],
        ["2. Работа с педагогами"],
        ["2.1.", "Курсы повышения квалификации", "2022", "", "5", "", "ИМЦ", "Удостоверения"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.columns == [
        "number",
        "title",
        "deadline",
        "year:2021",
        "year:2022",
        "year:2023",
        "responsible",
        "result",
    ]
    assert sections_of(roadmap) == [
        ("1", "Организационное обеспечение", 2),
        ("2", "Работа с педагогами", 1),
    ]
    assert rows_of(roadmap) == [
        (
            "1.1",
            "Создание муниципальной рабочей группы",
            "январь 2021",
            "Отдел образования Методический центр",
        ),
        ("1.2", "Семинар для директоров", "ежегодно", "Методический центр"),
        ("2.1", "Курсы повышения квалификации", "2022", "ИМЦ"),
    ]
    first = roadmap.activities[0]
    assert first.years == {"2021": "1", "2022": "", "2023": ""}
    assert first.result == "Приказ"
    assert roadmap.activities[1].years == {"2021": "+", "2022": "+", "2023": "+"}
    assert roadmap.period == "2021-2023"
    assert roadmap.municipality == "Заречный район"
    assert messages(roadmap) == []
