"""Shapes real roadmaps take when they are copied, exported or pasted by people of other
municipalities: each fixture is built here from the shape's description."""

from __future__ import annotations

from imports.parsing import parse_roadmap, parse_roadmap_text

from .builders import (
    BLANK,
    HEADER,
    OTDEL,
    Para,
    Sheet,
    cell_lines_text,
    docx_bytes,
    messages,
    rows_of,
    sections_of,
    tab_text,
    xlsx_bytes,
)

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


def test_block_pasted_twice_with_title_and_section_heading_is_dropped_whole():
    title = "План мероприятий по поддержке школ Заречного района"
    block = [
        title,
        HEADER,
        ["1.", "Организационная работа", "", ""],
        ["1.1.", "Совещание", "май", OTDEL],
        ["1.2.", "Педсовет", "август", "ОО"],
    ]
    text = tab_text(
        *block,
        *block,
        ["1.3.", "Приказ о рабочей группе", "июнь", OTDEL],
        ["2.", "Мониторинг", "", ""],
        ["2.1.", "ВПР", "апрель", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.title == title
    assert sections_of(roadmap) == [
        ("1", "Организационная работа", 3),
        ("2", "Мониторинг", 1),
    ]
    assert [a.number for a in roadmap.activities] == ["1.1", "1.2", "1.3", "2.1"]
    assert "Заголовок документа повторён внутри таблицы (текст вставлен повторно) и пропущен" in (
        messages(roadmap)
    )


def test_row_of_dashes_is_ignored_with_a_warning():
    text = tab_text(
        HEADER,
        ["1.", "Совещание", "май", OTDEL],
        ["-----", "--", "--", ""],
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [("1", "Совещание", "май", OTDEL)]
    assert [(w.row, w.message) for w in roadmap.warnings] == [
        (3, "Строка из одних знаков препинания («-----  --  --») пропущена")
    ]


def test_full_rows_without_numbers_are_never_merged_even_in_lowercase():
    text = tab_text(
        ["№", "Мероприятие", "Срок", "2021", "Ответственный"],
        ["", "Заседание рабочей группы", "ежегодно", "2021", OTDEL],
        ["", "мониторинг сайтов школ", "ежегодно", "2021", "ИМЦ"],
    )
    roadmap = parse_roadmap_text(text)

    assert [(a.title, a.deadline, a.years) for a in roadmap.activities] == [
        ("Заседание рабочей группы", "ежегодно", {"2021": "2021"}),
        ("мониторинг сайтов школ", "ежегодно", {"2021": "2021"}),
    ]
    assert messages(roadmap) == []


def test_text_row_cut_by_a_page_break_is_still_joined():
    text = tab_text(
        HEADER,
        ["1.", "Разработка программ вовлечения семей в", "2021", "МБОУ «Знаменская"],
        ["", "образование детей", "", "СОШ»"],
    )
    roadmap = parse_roadmap_text(text)

    title = "Разработка программ вовлечения семей в образование детей"
    assert rows_of(roadmap) == [("1", title, "2021", "МБОУ «Знаменская СОШ»")]


def test_lowercase_rows_in_word_and_excel_are_rows_of_their_own():
    rows = [
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["", "Заседание рабочей группы", "ежегодно", OTDEL],
        ["", "мониторинг сайтов школ", "", ""],
    ]
    expected = [
        (None, "Заседание рабочей группы", "ежегодно", OTDEL),
        (None, "мониторинг сайтов школ", None, None),
    ]

    assert rows_of(parse_roadmap(docx_bytes(rows), "a.docx")) == expected
    assert rows_of(parse_roadmap(xlsx_bytes(Sheet(rows)), "a.xlsx")) == expected


def test_numbering_rows_of_any_length_are_skipped():
    text = tab_text(
        HEADER,
        ["1", "2", "", ""],
        ["1.", "Совещание", "май", OTDEL],
        ["1", "2", "3", "4"],
        ["2.", "Педсовет", "август", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [(None, None, 2)]
    assert [a.number for a in roadmap.activities] == ["1", "2"]


def test_nested_headings_are_nested_sections_keeping_their_words():
    text = tab_text(
        HEADER,
        ["Подпрограмма 1. Поддержка школ", "", "", ""],
        ["Цель: повышение качества образования", "", "", ""],
        ["Задача 1.1. Развитие кадрового потенциала", "", "", ""],
        ["1.1.1.", "Курсы для учителей", "2022", "ИМЦ"],
        ["Задача 1.2. Работа с родителями", "", "", ""],
        ["1.2.1.", "Родительские собрания", "ежегодно", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert [
        (s.level, s.number_as_written, s.title, len(s.activities)) for s in roadmap.sections
    ] == [
        (1, "Подпрограмма 1.", "Поддержка школ", 0),
        (2, None, "Цель: повышение качества образования", 0),
        (3, "Задача 1.1.", "Развитие кадрового потенциала", 1),
        (3, "Задача 1.2.", "Работа с родителями", 1),
    ]


def test_school_year_in_words_is_one_school_year():
    text = tab_text(
        "План мероприятий по повышению качества образования в 2023 - 2024 учебном году",
        HEADER,
        ["1.", "Совещание", "сентябрь", OTDEL],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.period == "2023-2024 учебный год"


def test_heading_above_the_table_is_the_title():
    text = tab_text(
        "УТВЕРЖДЕНО приказом от 01.09.2023 № 12",
        "Мероприятия по поддержке школ с низкими образовательными результатами",
        HEADER,
        ["1.", "Совещание", "сентябрь", OTDEL],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.title == "Мероприятия по поддержке школ с низкими образовательными результатами"


def test_heading_above_the_first_section_caption_is_the_title():
    data = docx_bytes(
        Para("Мероприятия по поддержке школ с низкими образовательными результатами"),
        Para("1. Организационные мероприятия", bold=True),
        [HEADER, ["1.1", "Совещание", "сентябрь", OTDEL]],
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert roadmap.title == "Мероприятия по поддержке школ с низкими образовательными результатами"
    assert sections_of(roadmap) == [("1", "Организационные мероприятия", 1)]


def test_cell_per_line_header_repeated_after_a_page_break_and_no_numbering_row():
    header = ["№", "Мероприятие", "Срок", "Ответственный"]
    text = cell_lines_text(
        header,
        ["1.", "Совещание", "май", "Отдел образования"],
        ["2.", "Педсовет по итогам", BLANK, "август", "ОО"],
        header,
        ["Раздел 2. Мониторинг"],
        ["3.", "ВПР", "апрель", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [
        ("1", "Совещание", "май", "Отдел образования"),
        ("2", "Педсовет по итогам", "август", "ОО"),
        ("3", "ВПР", "апрель", "ОО"),
    ]
    assert sections_of(roadmap) == [(None, None, 2), ("2", "Мониторинг", 1)]


def test_school_year_in_words_makes_a_program_of_one_school_year(cast):
    from imports.services import import_roadmap

    text = tab_text(
        "План мероприятий по повышению качества образования в 2023 - 2024 учебном году",
        ["№", "Мероприятие", "Срок", "2023/24", "Ответственный"],
        ["1.", "Совещание", "сентябрь", "+", OTDEL],
    )
    program = import_roadmap(parse_roadmap_text(text), municipality=cast.a.municipality).program

    assert (program.start_year, program.end_year, program.school_year) == (2023, 2024, True)
    assert [year.year for year in program.years] == [2023]


def test_cell_per_line_lower_header_level_with_only_its_sub_labels():
    text = cell_lines_text(
        HEADER_TOP,
        ["2021", "2022", "2023"],
        NUMBERING,
        ["1.", "Семинар", "ежегодно", "+", "+", "", "ИМЦ", "Протокол"],
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
    assert roadmap.activities[0].years == {"2021": "+", "2022": "+", "2023": ""}


def test_rows_with_an_empty_first_cell_are_not_taken_for_cells_on_lines():
    from imports.parsing.read_cell_lines import is_cell_per_line

    rows = ["№\tМероприятие"] + [f"\tМероприятие {n}" for n in range(8)]
    assert not is_cell_per_line(rows)
    cells = ["\t№", "\tМероприятие", ""] + [f"\t{n}.\n\tМероприятие {n}\n" for n in range(8)]
    assert is_cell_per_line("\n".join(cells).split("\n"))
