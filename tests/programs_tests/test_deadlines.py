"""Reading roadmap deadlines ("Сроки") and year cells into due dates: programs.deadlines."""

import calendar
import random
from datetime import date

import pytest

from programs.deadlines import (
    END_OF_YEAR_LABEL,
    NOT_PLANNED_LABEL,
    UNRECOGNISED_LABEL,
    Due,
    due_in_year,
    is_overdue,
)

QUARTER_ENDS_2023 = (date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31))
TERM_ENDS_2023 = (date(2023, 3, 31), date(2023, 5, 31), date(2023, 10, 31), date(2023, 12, 31))
HALF_YEAR_ENDS_2023 = (date(2023, 6, 30), date(2023, 12, 31))


def month_ends(year: int) -> tuple[date, ...]:
    return tuple(date(year, month, calendar.monthrange(year, month)[1]) for month in range(1, 13))


MONTH_ENDS_2023 = month_ends(2023)


# Deadline texts as the roadmaps write them: the first group is every distinct deadline in the
# seeds (fixtures/seeds/*.txt); the rest are written the way other municipalities write them.
@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # from the seeds
        ("2019", 2019, (date(2019, 12, 31),)),
        ("2019", 2020, ()),
        ("2019-2021", 2019, (date(2019, 12, 31),)),
        ("2019-2021", 2021, (date(2021, 12, 31),)),
        ("2019-2021", 2022, ()),
        ("2018-2021", 2018, (date(2018, 12, 31),)),
        ("апрель", 2018, (date(2018, 4, 30),)),
        ("апрель – май", 2018, (date(2018, 5, 31),)),
        ("В течение всего периода", 2018, (date(2018, 12, 31),)),
        ("В течение всего времени", 2018, (date(2018, 12, 31),)),
        ("не реже 1 раза в квартал", 2023, QUARTER_ENDS_2023),
        ("Февраль 2017 года", 2017, (date(2017, 2, 28),)),
        ("Февраль 2017 года", 2018, ()),
        ("Ежегодно", 2021, (date(2021, 12, 31),)),
        ("", 2021, (date(2021, 12, 31),)),
        # months in any case and form
        ("АПРЕЛЬ", 2023, (date(2023, 4, 30),)),
        ("апреля", 2023, (date(2023, 4, 30),)),
        ("в апреле", 2023, (date(2023, 4, 30),)),
        ("в мае", 2024, (date(2024, 5, 31),)),
        ("Февраль", 2024, (date(2024, 2, 29),)),
        ("сент.", 2023, (date(2023, 9, 30),)),
        ("на августовском педагогическом совещании", 2023, (date(2023, 8, 31),)),
        # months with a year
        ("Март 2023", 2023, (date(2023, 3, 31),)),
        ("март 2023 г.", 2023, (date(2023, 3, 31),)),
        ("март 2023 г.", 2024, ()),
        ("в мае 2024 года", 2024, (date(2024, 5, 31),)),
        # spans and lists
        ("июнь-август 2023", 2023, (date(2023, 8, 31),)),
        ("Июнь-август 2023", 2022, ()),
        ("сентябрь-октябрь", 2022, (date(2022, 10, 31),)),
        ("Август — сентябрь", 2022, (date(2022, 9, 30),)),
        ("с апреля по июнь", 2022, (date(2022, 6, 30),)),
        ("январь, июнь, август", 2023, (date(2023, 1, 31), date(2023, 6, 30), date(2023, 8, 31))),
        ("апрель, май 2023", 2023, (date(2023, 4, 30), date(2023, 5, 31))),
        ("апрель, май 2023", 2024, ()),
        ("декабрь, ежегодно", 2022, (date(2022, 12, 31),)),
        ("ежегодно в апреле", 2022, (date(2022, 4, 30),)),
        # days
        ("до 1 сентября", 2023, (date(2023, 9, 1),)),
        ("до 25 мая 2023 г.", 2023, (date(2023, 5, 25),)),
        ("до 15.09.2023", 2023, (date(2023, 9, 15),)),
        ("15.09.2023", 2024, ()),
        ("до 01.10", 2022, (date(2022, 10, 1),)),
        ("с 01.09.2022 по 31.05.2023", 2023, (date(2023, 5, 31),)),
        ("29 февраля", 2023, (date(2023, 2, 28),)),
        # quarters, half-years, terms
        ("II квартал", 2023, (date(2023, 6, 30),)),
        ("IV квартал 2022", 2022, (date(2022, 12, 31),)),
        ("IV квартал 2022", 2023, ()),
        ("в 1-м квартале", 2023, (date(2023, 3, 31),)),
        ("I-II квартал", 2023, (date(2023, 6, 30),)),
        ("1 полугодие", 2023, (date(2023, 6, 30),)),
        ("во втором полугодии", 2023, (date(2023, 12, 31),)),
        ("1 полугодие 2024 г.", 2024, (date(2024, 6, 30),)),
        ("по итогам I четверти", 2023, (date(2023, 10, 31),)),
        ("третья четверть", 2023, (date(2023, 3, 31),)),
        # the school year
        ("в течение учебного года", 2023, (date(2023, 5, 31),)),
        ("конец учебного года", 2023, (date(2023, 5, 31),)),
        ("до конца учебного года", 2023, (date(2023, 5, 31),)),
        ("к началу учебного года", 2023, (date(2023, 9, 30),)),
        ("2022/2023 учебный год", 2023, (date(2023, 5, 31),)),
        # years
        ("2019 – 2021 гг.", 2021, (date(2021, 12, 31),)),
        ("2019 – 2021 гг.", 2018, ()),
        ("2021", 2021, (date(2021, 12, 31),)),
        ("2022 год", 2022, (date(2022, 12, 31),)),
        ("2022 год", 2021, ()),
        ("в течение 2022 года", 2022, (date(2022, 12, 31),)),
        ("с 2019 года по 2021 год", 2020, (date(2020, 12, 31),)),
        ("2020, 2022", 2021, ()),
        # rhythms
        ("ежемесячно", 2023, MONTH_ENDS_2023),
        ("Ежемесячно, 2019-2021", 2020, month_ends(2020)),
        ("1 раз в месяц", 2023, MONTH_ENDS_2023),
        ("ежеквартально", 2023, QUARTER_ENDS_2023),
        ("раз в квартал", 2023, QUARTER_ENDS_2023),
        ("1 раз в квартал", 2023, QUARTER_ENDS_2023),
        ("по итогам каждого квартала", 2023, QUARTER_ENDS_2023),
        ("4 раза в год", 2023, QUARTER_ENDS_2023),
        ("раз в четверть", 2023, TERM_ENDS_2023),
        ("по четвертям", 2023, TERM_ENDS_2023),
        ("раз в полугодие", 2023, HALF_YEAR_ENDS_2023),
        ("2 раза в год", 2023, HALF_YEAR_ENDS_2023),
        ("не реже 2 раз в год", 2023, HALF_YEAR_ENDS_2023),
        ("1 и 2 полугодие", 2023, HALF_YEAR_ENDS_2023),
        ("ежегодно", 2023, (date(2023, 12, 31),)),
        ("3 раза в год", 2023, (date(2023, 12, 31),)),
        ("по итогам года", 2023, (date(2023, 12, 31),)),
        ("в течение года", 2023, (date(2023, 12, 31),)),
        ("постоянно", 2023, (date(2023, 12, 31),)),
        ("в течение всего срока", 2023, (date(2023, 12, 31),)),
        ("в течение всего срока реализации программы", 2023, (date(2023, 12, 31),)),
        ("систематически", 2023, (date(2023, 12, 31),)),
        ("по мере необходимости", 2023, (date(2023, 12, 31),)),
        ("до конца года", 2023, (date(2023, 12, 31),)),
        # on request: no dates
        ("по заявке", 2023, ()),
        ("по заявкам ОО", 2023, ()),
        ("по договору", 2023, ()),
        ("по запросу", 2023, ()),
        ("по отдельному плану", 2023, ()),
        ("по графику", 2023, ()),
        ("в соответствии с планом работы РМО", 2023, ()),
        ("ежемесячно по графику", 2023, MONTH_ENDS_2023),
    ],
)
def test_deadline_texts(text, year, expected):
    due = due_in_year(text, year)

    assert due.dates == expected
    assert due.recognised


def test_weekly_is_every_sunday_of_the_year():
    due = due_in_year("еженедельно", 2023)

    assert len(due.dates) == 53  # 1 January 2023 is a Sunday
    assert due.dates[0] == date(2023, 1, 1)
    assert due.final == date(2023, 12, 31)
    assert all(day.weekday() == 6 for day in due.dates)
    assert due.label == "еженедельно"


@pytest.mark.parametrize(
    ("text", "year", "label"),
    [
        ("апрель", 2023, "до 30 апреля 2023 г."),
        ("январь, июнь, август", 2023, "до 31 января, 30 июня, 31 августа 2023 г."),
        ("2019-2021", 2020, "до 31 декабря 2020 г."),
        ("2019-2021", 2022, "срок в 2019–2021 гг."),
        ("Март 2023", 2024, "срок в 2023 г."),
        ("2020, 2022", 2021, "срок в 2020, 2022 гг."),
        ("", 2023, END_OF_YEAR_LABEL),
        ("до конца года", 2023, END_OF_YEAR_LABEL),
        ("ежемесячно", 2023, "ежемесячно"),
        ("не реже 1 раза в квартал", 2023, "ежеквартально"),
        ("по четвертям", 2023, "по четвертям"),
        ("2 раза в год", 2023, "раз в полугодие"),
        ("Ежегодно", 2023, "ежегодно"),
        ("3 раза в год", 2023, "3 раза в год"),
        ("В течение всего периода", 2023, "в течение года"),
        ("по заявке", 2023, "по заявке"),
        ("по договору", 2023, "по договору"),
        ("по отдельному графику", 2023, "по отдельному графику"),
    ],
)
def test_labels(text, year, label):
    assert due_in_year(text, year).label == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("апрель", (date(2024, 4, 30),)),
        ("сентябрь", (date(2023, 9, 30),)),
        ("сентябрь – май", (date(2024, 5, 31),)),
        ("до 1 сентября", (date(2023, 9, 1),)),
        ("Март 2024", (date(2024, 3, 31),)),
        ("Март 2023", ()),
        ("II квартал", (date(2024, 6, 30),)),
        ("1 полугодие", (date(2023, 12, 31),)),
        ("2 полугодие", (date(2024, 5, 31),)),
        ("1 полугодие 2024 года", (date(2024, 6, 30),)),
        ("раз в полугодие", (date(2023, 12, 31), date(2024, 5, 31))),
        (
            "по четвертям",
            (date(2023, 10, 31), date(2023, 12, 31), date(2024, 3, 31), date(2024, 5, 31)),
        ),
        (
            "ежеквартально",
            (date(2023, 9, 30), date(2023, 12, 31), date(2024, 3, 31), date(2024, 6, 30)),
        ),
        ("в течение учебного года", (date(2024, 5, 31),)),
        ("начало учебного года", (date(2023, 9, 30),)),
        ("2023/24 учебный год", (date(2024, 5, 31),)),
        ("2022/2023 учебный год", ()),
        ("ежегодно", (date(2024, 8, 31),)),
        ("В течение всего периода", (date(2024, 8, 31),)),
        ("", (date(2024, 8, 31),)),
        ("2021-2023", (date(2024, 8, 31),)),
        ("2021-2022", ()),
    ],
)
def test_school_year_2023_24(text, expected):
    due = due_in_year(text, 2023, school_year=True)

    assert due.dates == expected
    assert due.recognised


def test_school_year_months_run_september_to_august():
    due = due_in_year("ежемесячно", 2023, school_year=True)

    assert [(day.year, day.month) for day in due.dates] == [
        *((2023, month) for month in range(9, 13)),
        *((2024, month) for month in range(1, 9)),
    ]


def test_school_year_weeks_stay_inside_the_school_year():
    due = due_in_year("еженедельно", 2023, school_year=True)

    assert due.dates[0] == date(2023, 9, 3)
    assert due.final == date(2024, 8, 25)


@pytest.mark.parametrize(
    ("text", "cell", "expected"),
    [
        ("2019-2021", "август", (date(2020, 8, 31),)),
        ("2019-2021", "Август-сентябрь", (date(2020, 9, 30),)),
        ("апрель", "Не менее 3 заседаний ежегодно", (date(2020, 12, 31),)),
        ("апрель", "Ежегодно Протокол", (date(2020, 12, 31),)),
        ("апрель", "ежеквартально", tuple(d.replace(year=2020) for d in QUARTER_ENDS_2023)),
        ("апрель", "до 15.10.2020", (date(2020, 10, 15),)),
        ("апрель", "по заявке", ()),
        ("апрель", "3", (date(2020, 4, 30),)),
        ("апрель", "+", (date(2020, 4, 30),)),
        ("апрель", "", (date(2020, 4, 30),)),
        ("апрель", "Не менее 1 пакета диагностических материалов", (date(2020, 4, 30),)),
        ("апрель", "2020", (date(2020, 4, 30),)),
        ("", "3", (date(2020, 12, 31),)),
        ("", "август", (date(2020, 8, 31),)),
    ],
)
def test_year_cell_with_a_month_or_rhythm_decides(text, cell, expected):
    due = due_in_year(text, 2020, year_cell=cell)

    assert due.dates == expected
    assert due.recognised


def test_year_cell_month_falls_inside_the_school_year():
    due = due_in_year("ежегодно", 2023, year_cell="август", school_year=True)

    assert due.dates == (date(2024, 8, 31),)


@pytest.mark.parametrize("cell", ["-", "–", "—", "0", "х", "нет"])
def test_year_cell_dash_or_zero_means_not_planned(cell):
    assert due_in_year("ежемесячно", 2021, year_cell=cell) == Due((), True, NOT_PLANNED_LABEL)


APRIL_2023 = due_in_year("апрель", 2023)


@pytest.mark.parametrize(
    ("due", "done", "today", "overdue"),
    [
        (APRIL_2023, False, date(2023, 5, 1), True),
        (APRIL_2023, True, date(2023, 5, 1), False),
        (APRIL_2023, False, date(2023, 4, 30), False),
        (APRIL_2023, False, date(2023, 3, 1), False),
        (due_in_year("ежемесячно", 2023), False, date(2023, 6, 15), False),
        (due_in_year("ежемесячно", 2023), False, date(2024, 1, 1), True),
        (due_in_year("по заявке", 2023), False, date(2030, 1, 1), False),
        (due_in_year("Март 2023", 2024), False, date(2030, 1, 1), False),
        (due_in_year("???", 2023), False, date(2030, 1, 1), False),
        (due_in_year("ежемесячно", 2023, year_cell="-"), False, date(2030, 1, 1), False),
    ],
)
def test_is_overdue(due, done, today, overdue):
    assert is_overdue(due, done=done, today=today) is overdue


def test_final_is_the_last_date():
    assert due_in_year("январь, июнь, август", 2023).final == date(2023, 8, 31)
    assert due_in_year("по заявке", 2023).final is None


@pytest.mark.parametrize(
    "text",
    [
        "-",
        "???",
        "None",
        "31.02.2023",
        "31 апреля",
        "00.00.0000",
        "13 месяц",
        "5 полугодие",
        "2021-2019",
        "В течение",  # half of "В течение всего периода" split by a page break
        "после получения результатов ВПР",
        "апрель " * 100,
    ],
)
def test_unreadable_texts_are_left_to_a_person(text):
    assert due_in_year(text, 2023) == Due((), False, UNRECOGNISED_LABEL)


def test_blank_text_is_no_deadline_due_at_the_end_of_the_year():
    assert due_in_year("   ", 2023) == Due((date(2023, 12, 31),), True, END_OF_YEAR_LABEL)
    assert due_in_year(None, 2023) == due_in_year("", 2023)


# Words the roadmaps use, and some they do not, to build random deadline texts from.
WORDS = (
    *("апрель", "май", "АВГУСТ", "сентября", "в", "до", "по", "с", "и", "течение", "всего"),
    *("периода", "года", "год", "гг.", "г.", "учебного", "конец", "начало", "не", "реже"),
    *("ежегодно", "ежемесячно", "еженедельно", "раз", "раза", "каждого", "итогам"),
    *("квартал", "четверть", "четвертям", "полугодие", "II", "IV", "1-е", "первое", "третьей"),
    *("заявке", "договору", "2019", "2023", "2019-2021", "2022/23", "15.09.2023", "31.02"),
    *("0", "1", "13", "99", "№"),
)
PUNCTUATION = (" ", " ", " ", ", ", " – ", "-", "/", ".", "; ", "\n", "\t", "(", ")", "«", "»")


def random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(0, 10)):
        pieces += [rng.choice(WORDS), rng.choice(PUNCTUATION)]
    if rng.random() < 0.2:
        pieces.append("".join(rng.choice("абв0123456789.-/ ") for _ in range(rng.randint(1, 15))))
    return "".join(pieces)


def program_year_bounds(school_year: bool) -> tuple[date, date]:
    if school_year:
        return date(2023, 9, 1), date(2024, 8, 31)
    return date(2023, 1, 1), date(2023, 12, 31)


def test_random_texts_never_raise_and_stay_inside_the_year():
    rng = random.Random(20240501)
    for _ in range(500):
        text, cell = random_text(rng), random_text(rng)
        school_year = rng.random() < 0.5
        first, last = program_year_bounds(school_year)
        for due in (
            due_in_year(text, 2023, school_year=school_year),
            due_in_year("апрель", 2023, year_cell=text, school_year=school_year),
            due_in_year(text, 2023, year_cell=cell, school_year=school_year),
        ):
            assert list(due.dates) == sorted(set(due.dates)), text
            assert all(first <= day <= last for day in due.dates), text
            assert due.label, text
            if not due.recognised:
                assert due == Due((), False, UNRECOGNISED_LABEL), text


def test_a_year_outside_the_deadline_owes_nothing_without_year_cells():
    from types import SimpleNamespace

    from programs.schedule import annotate_schedule

    assert due_in_year("2019", 2020).in_other_years
    assert not due_in_year("2019-2021", 2020).in_other_years
    assert not due_in_year("по заявке", 2020).in_other_years  # owed, just without a date

    def cells(planned):
        return [
            SimpleNamespace(
                year=year,
                planned_text=planned.get(year, ""),
                status="not_started",
                carried_from_year=None,
                carried_to_year=None,
                carry_reason="",
            )
            for year in (2019, 2020, 2021)
        ]

    no_columns = cells({})
    annotate_schedule(
        SimpleNamespace(deadline="2019"), no_columns, school_year=False, today=date(2026, 12, 1)
    )
    assert [cell.is_due for cell in no_columns] == [True, False, False]
    # A year cell that plans the activity decides for its year, whatever the deadline says.
    planned = cells({2020: "+"})
    annotate_schedule(
        SimpleNamespace(deadline="2019"), planned, school_year=False, today=date(2026, 12, 1)
    )
    assert [cell.is_due for cell in planned] == [False, True, False]
