"""Synthetic roadmaps in the shapes real documents take: page breaks, sections, merged cells,
several tables, copy-paste."""

from __future__ import annotations

from imports.parsing import parse_roadmap, parse_roadmap_text

from .builders import (
    HEADER,
    OTDEL,
    C,
    NumberedCell,
    Para,
    Sheet,
    docx_bytes,
    messages,
    rows_of,
    section_row,
    sections_of,
    tab_text,
    xlsx_bytes,
)

# --- page breaks and cut rows ---------------------------------------------------------------------


def test_text_header_repeated_after_a_page_break_is_skipped_and_a_cut_row_joined():
    text = tab_text(
        HEADER,
        ["1", "2", "3", "4"],
        ["1.", "Разработка программ вовлечения семей в", "2021", "МБОУ «Знаменская"],
        "",
        HEADER,
        ["1", "2", "3", "4"],
        ["", "образование детей", "", "СОШ»"],
        ["2.", "Совещание", "май", OTDEL],
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [
        (
            "1",
            "Разработка программ вовлечения семей в образование детей",
            "2021",
            "МБОУ «Знаменская СОШ»",
        ),
        ("2", "Совещание", "май", OTDEL),
    ]
    assert [(w.row, w.message) for w in roadmap.warnings] == [
        (7, "Строка продолжает предыдущую после разрыва страницы и присоединена к ней")
    ]


def test_docx_header_repeat_is_skipped_and_a_lowercase_row_stays_a_row():
    """Word keeps a table row whole across a page: a row starting in lowercase is still a row."""
    header = ["№ п/п", "Мероприятия", "Срок", "Исполнитель"]
    data = docx_bytes(
        [
            header,
            ["1", "Проведение мониторинга качества", "апрель", "Отдел образования"],
            header,
            ["", "по итогам ВПР: анализ результатов", "май", "ИМЦ"],
            ["2", "Аналитическая справка", "май", "ИМЦ"],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert rows_of(roadmap) == [
        ("1", "Проведение мониторинга качества", "апрель", "Отдел образования"),
        (None, "по итогам ВПР: анализ результатов", "май", "ИМЦ"),
        ("2", "Аналитическая справка", "май", "ИМЦ"),
    ]
    assert messages(roadmap) == []


def test_xlsx_header_and_column_numbers_repeated_inside_the_sheet():
    header = ["№", "Мероприятие", "Срок", "Ответственный"]
    data = xlsx_bytes(
        Sheet(
            [
                header,
                [1, 2, 3, 4],
                ["1", "Педсовет", "август", "ОО"],
                header,
                [1, 2, 3, 4],
                ["2", "Совещание", "сентябрь", "УО"],
            ]
        )
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert [a.number for a in roadmap.activities] == ["1", "2"]
    assert roadmap.warnings == []


def test_header_repeated_with_other_words_is_still_a_repeat():
    text = tab_text(
        ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные"],
        ["1", "Совещание", "май", "УО"],
        "",
        ["№", "Мероприятие", "Сроки", "Ответственный"],
        ["2", "Педсовет", "август", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.tables == 1
    assert [a.number for a in roadmap.activities] == ["1", "2"]


def test_lowercase_row_without_number_continues_the_previous_activity():
    text = tab_text(
        HEADER, ["1", "Проведение семинаров для", "май", "ИМЦ"], ["", "молодых педагогов", "", ""]
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [("1", "Проведение семинаров для молодых педагогов", "май", "ИМЦ")]
    assert messages(roadmap) == ["Строка без номера продолжает предыдущую и присоединена к ней"]


def test_unnumbered_activities_in_an_unnumbered_table_stay_separate():
    text = tab_text(
        ["Мероприятие", "Срок", "Ответственный"],
        ["Совещание", "май", "УО"],
        ["Семинар", "июнь", "ИМЦ"],
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [(None, "Совещание", "май", "УО"), (None, "Семинар", "июнь", "ИМЦ")]
    assert roadmap.columns == ["title", "deadline", "responsible"]


def test_row_with_a_number_and_data_but_no_title_is_kept_and_flagged():
    text = tab_text(
        HEADER, ["1", "Совещание", "май", "УО"], ["2", "", "июнь", "ИМЦ"], ["3", "", "", ""]
    )
    roadmap = parse_roadmap_text(text)

    assert rows_of(roadmap) == [("1", "Совещание", "май", "УО"), ("2", "", "июнь", "ИМЦ")]
    assert [(w.row, w.message) for w in roadmap.warnings] == [
        (3, "Строка без наименования мероприятия"),
        (4, "Строка содержит только номер и пропущена"),
    ]


# --- sections -------------------------------------------------------------------------------------


def test_docx_sections_merged_across_the_row_or_bold_with_a_number_cell():
    data = docx_bytes(
        [
            HEADER,
            section_row("1. Организационное обеспечение", 4),
            ["1.1", "Приказ о рабочей группе", "январь", OTDEL],
            [C("2", bold=True), C("Кадровое обеспечение", bold=True), "", ""],
            ["2.1", "Курсы повышения квалификации", "в течение года", "ЦРО"],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert sections_of(roadmap) == [
        ("1", "Организационное обеспечение", 1),
        ("2", "Кадровое обеспечение", 1),
    ]


def test_xlsx_sections_merged_or_bold():
    data = xlsx_bytes(
        Sheet(
            [
                HEADER,
                ["I. Нормативное обеспечение"],
                ["1", "Приказ", "январь", "УО"],
                [None, "Методическое сопровождение", None, None],
                ["1", "Семинар", "март", "ИМЦ"],
            ],
            merges=("A2:D2",),
            bold_rows=(4,),
        )
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert sections_of(roadmap) == [
        ("I", "Нормативное обеспечение", 1),
        (None, "Методическое сопровождение", 1),
    ]


def test_text_sections_in_markup_alone_in_the_row_or_a_number_with_children():
    text = tab_text(
        HEADER,
        ["<b>Раздел 1. Управление</b>", "", "", ""],
        ["1.1", "Совещание", "май", "УО"],
        ["**2. Кадры**", "", "", ""],
        ["2.1", "Курсы", "июнь", "ЦРО"],
        ["3", "Мониторинг", "", ""],
        ["3.1", "ВПР", "апрель", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [
        ("1", "Управление", 1),
        ("2", "Кадры", 1),
        ("3", "Мониторинг", 1),
    ]


def test_section_cell_merged_over_number_and_title_columns():
    data = docx_bytes(
        [
            HEADER,
            [C("1. Управление", span=2), "", ""],
            ["1.1", "Совещание", "май", "УО"],
        ]
    )

    assert sections_of(parse_roadmap(data, "a.docx")) == [("1", "Управление", 1)]


def test_section_whose_title_cell_is_merged_over_the_other_columns():
    data = docx_bytes(
        [
            HEADER,
            ["1.", C("Управление", span=3)],
            ["1.", "Совещание", "май", "УО"],
            ["2.", C("Кадры", span=3)],
            ["1.", "Курсы", "июнь", "ЦРО"],
        ]
    )

    assert sections_of(parse_roadmap(data, "a.docx")) == [("1", "Управление", 1), ("2", "Кадры", 1)]


def test_a_number_and_a_title_alone_are_an_activity_when_no_rows_follow_under_it():
    text = tab_text(HEADER, ["1", "Совещание", "май", "УО"], ["2", "Педсовет", "", ""])
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [(None, None, 2)]
    assert rows_of(roadmap)[1] == ("2", "Педсовет", None, None)


def test_numbering_restarting_in_each_section_is_kept():
    text = tab_text(
        HEADER,
        ["<b>1. Управление</b>", "", "", ""],
        ["1.", "Совещание", "май", "УО"],
        ["2.", "Приказ", "июнь", "УО"],
        ["<b>2. Кадры</b>", "", "", ""],
        ["1.", "Курсы", "июнь", "ЦРО"],
        ["2.", "Наставничество", "сентябрь", "ОО"],
    )
    roadmap = parse_roadmap_text(text)

    assert [[a.number for a in s.activities] for s in roadmap.sections] == [["1", "2"], ["1", "2"]]


def test_numbers_leading_the_titles_of_a_table_without_number_column():
    text = tab_text(
        ["Мероприятие", "Срок", "Ответственный"],
        ["1. Организационные меры", "", ""],
        ["1.1. Совещание", "май", "УО"],
        ["1.2 Приказ", "июнь", "УО"],
    )
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [("1", "Организационные меры", 2)]
    assert rows_of(roadmap) == [("1.1", "Совещание", "май", "УО"), ("1.2", "Приказ", "июнь", "УО")]


def test_activities_before_the_first_section_sit_in_a_section_without_number_and_title():
    text = tab_text(
        HEADER,
        ["1", "Совещание", "май", "УО"],
        ["<b>Кадры</b>", "", "", ""],
        ["2", "Курсы", "июнь", "ЦРО"],
    )
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [(None, None, 1), (None, "Кадры", 1)]
    assert roadmap.to_json()["sections"][0]["number"] is None


def test_signature_rows_under_the_table_are_not_sections():
    data = xlsx_bytes(
        Sheet(
            [
                HEADER,
                ["1", "Совещание", "май", "УО"],
                [],
                ["Начальник отдела образования"],
                ["П.В. Иванов"],
            ],
            merges=("A4:D4", "A5:D5"),
        )
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert sections_of(roadmap) == [(None, None, 1)]


# --- merged data cells ----------------------------------------------------------------------------


def test_docx_executor_merged_down_over_two_activities_belongs_to_both():
    data = docx_bytes(
        [
            HEADER,
            ["1", "Совещание", "май", C("Отдел образования", merge="restart")],
            ["2", "Педсовет", "август", C(merge="continue")],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert [a.responsible for a in roadmap.activities] == [OTDEL, OTDEL]


def test_docx_title_merged_down_over_sub_rows_makes_one_activity():
    data = docx_bytes(
        [
            HEADER,
            [C("1", merge="restart"), C("Мониторинг ВПР", merge="restart"), "апрель", "ОО"],
            [C(merge="continue"), C(merge="continue"), "октябрь", "ИМЦ"],
            ["2", "Педсовет", "август", "ОО"],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert rows_of(roadmap) == [
        ("1", "Мониторинг ВПР", "апрель; октябрь", "ОО; ИМЦ"),
        ("2", "Педсовет", "август", "ОО"),
    ]


def test_docx_list_numbers_computed_by_word_are_read():
    data = docx_bytes(
        [
            HEADER,
            [NumberedCell(0), "Управление", "", ""],
            [NumberedCell(1), "Совещание", "май", "УО"],
            [NumberedCell(1), "Приказ", "июнь", "УО"],
            [NumberedCell(0), "Кадры", "", ""],
            [NumberedCell(1), "Курсы", "июль", "ЦРО"],
        ],
        numbering="decimal",
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert sections_of(roadmap) == [("1", "Управление", 2), ("2", "Кадры", 1)]
    assert [a.number for a in roadmap.activities] == ["1.1", "1.2", "2.1"]


# --- several tables -------------------------------------------------------------------------------


def test_docx_several_tables_with_a_heading_between_them_and_one_without_header():
    data = docx_bytes(
        Para("План мероприятий («дорожная карта») Хлевенского муниципального района", bold=True),
        [HEADER, ["1", "Совещание", "май", "УО"]],
        Para("2. Работа с педагогами", bold=True),
        [
            ["№", "Мероприятие", "Срок", "Исполнитель", "Результат"],
            ["2.1", "Курсы", "июнь", "ЦРО", "Удостоверения"],
        ],
        [["2.2", "Наставничество", "сентябрь", "ОО", "Приказ"]],
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert roadmap.tables == 3
    assert roadmap.columns == ["number", "title", "deadline", "responsible"]
    assert sections_of(roadmap) == [(None, None, 1), ("2", "Работа с педагогами", 2)]
    assert [a.result for a in roadmap.activities] == [None, "Удостоверения", "Приказ"]
    assert [(w.table, w.message) for w in roadmap.warnings] == [
        (3, "Таблица без шапки: колонки взяты из предыдущей таблицы")
    ]
    assert roadmap.municipality == "Хлевенский муниципальный район"


def test_a_second_word_table_with_an_unknown_header_is_not_taken_for_a_continuation():
    data = docx_bytes(
        [HEADER, ["1", "Совещание", "май", "УО"]],
        Para("Лист ознакомления"),
        [["№", "ФИО", "Должность", "Подпись"], ["1", "Иванов И.И.", "Директор", ""]],
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert roadmap.tables == 1
    assert [a.title for a in roadmap.activities] == ["Совещание"]


def test_xlsx_several_sheets_each_a_table_and_a_sheet_without_roadmap_skipped():
    data = xlsx_bytes(
        Sheet([["Пояснительная записка"], ["Текст без таблицы"]], title="Записка"),
        Sheet([HEADER, ["1", "Совещание", "май", "УО"]], title="2023"),
        Sheet([HEADER, ["1", "Педсовет", "август", "ОО"]], title="2024"),
    )
    roadmap = parse_roadmap(data, "a.xlsx")

    assert roadmap.tables == 2
    assert [a.title for a in roadmap.activities] == ["Совещание", "Педсовет"]
    assert [a.table for a in roadmap.activities] == [1, 2]


def test_text_with_two_tables_of_different_headers():
    text = tab_text(
        "Дорожная карта на 2021-2023 годы",
        HEADER,
        ["1", "Совещание", "май", "УО"],
        "",
        "Приложение 2. Мониторинг",
        ["№", "Мероприятие", "Показатель", "Ответственный", "Результат"],
        ["1", "Курсы", "Доля педагогов, прошедших курсы", "ЦРО", "Не менее 50 %"],
    )
    roadmap = parse_roadmap_text(text)

    assert roadmap.tables == 2
    assert roadmap.columns == ["number", "title", "deadline", "responsible"]
    second = roadmap.activities[1]
    assert (second.title, second.indicator, second.result, second.table) == (
        "Курсы",
        "Доля педагогов, прошедших курсы",
        "Не менее 50 %",
        2,
    )
    assert sections_of(roadmap) == [(None, None, 2)]
    assert roadmap.title == "Дорожная карта на 2021-2023 годы"


# --- copy-paste -----------------------------------------------------------------------------------


def test_block_pasted_twice_keeps_the_first_copy_and_warns():
    block = [["1.1", "Совещание", "май", "УО"], ["1.2", "Педсовет", "август", "ОО"]]
    text = tab_text(
        HEADER,
        ["<b>1. Управление</b>", "", "", ""],
        *block,
        *block,
        ["1.3", "Приказ", "июнь", "УО"],
    )
    roadmap = parse_roadmap_text(text)

    assert [a.number for a in roadmap.activities] == ["1.1", "1.2", "1.3"]
    assert [(w.row, w.message) for w in roadmap.warnings] == [
        (5, "Строка повторяет строку 3 (блок вставлен повторно) и пропущена"),
        (6, "Строка повторяет строку 4 (блок вставлен повторно) и пропущена"),
    ]


def test_section_pasted_twice_is_dropped_whole():
    section = [
        ["<b>1. Управление</b>", "", "", ""],
        ["1.1", "Совещание", "май", "УО"],
        ["1.2", "Приказ", "июнь", "УО"],
    ]
    roadmap = parse_roadmap_text(tab_text(HEADER, *section, *section))

    assert sections_of(roadmap) == [("1", "Управление", 2)]
    assert "Раздел «1 Управление» повторяет раздел выше и пропущен" in messages(roadmap)


def test_an_unnumbered_activity_recurring_alone_is_kept():
    meeting = ["", "Заседание рабочей группы", "ежеквартально", "УО"]
    text = tab_text(
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["<b>Управление</b>", "", "", ""],
        meeting,
        ["<b>Мониторинг</b>", "", "", ""],
        meeting,
    )
    roadmap = parse_roadmap_text(text)

    assert sections_of(roadmap) == [(None, "Управление", 1), (None, "Мониторинг", 1)]
