"""Due dates of roadmap activities, read from the deadline ("Сроки") text and the per-year cell.

A roadmap gives each activity a deadline written by hand ("апрель", "2019-2021", "не реже 1 раза
в квартал", "по заявке") and, in a multi-year plan, one cell per year ("3", "+", "август",
"Не менее 3 заседаний ежегодно"). :func:`due_in_year` turns them into the due dates of one
program year and :func:`is_overdue` tells whether the activity is late. Standard library only;
no text makes it raise.

Program year
    ``year`` is the calendar year 1 Jan – 31 Dec, or with ``school_year=True`` the school year
    1 Sep ``year`` – 31 Aug ``year + 1``. A month named without a year falls inside the program
    year: in 2023/24 "сентябрь" is September 2023 and "апрель" April 2024. "The end of the
    program year" below is 31 Dec, or 31 Aug ``year + 1`` for a school year.

The year cell first
    A cell that names a date, month, quarter, half-year, term, school year, rhythm or a
    "по заявке" kind ("август", "Август-сентябрь", "Не менее 3 заседаний ежегодно") decides for
    its year, read by the same rules as a deadline text. A cell "-", "—", "0", "х" or "нет" means
    the activity is not planned that year: no dates. A count ("3"), "+", a year or an empty cell
    leaves it to the deadline text. (Whether an empty cell in a multi-year plan means "not
    planned" is for the caller to decide: it alone knows whether the row has year cells.)

Reading a text, in this order of precedence
    0. Years not written beside a month ("2019-2021", "2019 – 2021 гг.", "2021", "2022 год",
       "в течение 2022 года") name the program years the text applies to; a school year counts
       by the year it starts in. Any other year gets no dates and the label "срок в 2019–2021
       гг."; for the years named, rules 1–5 decide, or else the end of the program year.
    1. Dates and named periods, each due at its end: "15.09.2023", "до 1 сентября" on that day;
       "апрель", "АПРЕЛЯ", "в апреле", "Март 2023" on the last day of the month; a span ("апрель
       – май", "июнь-август 2023", "с 01.09 по 15.10") at its end; a list ("январь, июнь,
       август") on each. Quarters end 31 Mar, 30 Jun, 30 Sep, 31 Dec. Half-years end 30 Jun and
       31 Dec, but in a school-year program "1 полугодие" is Sep–Dec (31 Dec) and
       "2 полугодие" Jan–May (31 May). School terms ("I четверть") end 31 Oct, 31 Dec, 31 Mar,
       31 May. A year written right after ("Март 2023", "IV квартал 2022") pins the date to
       that year, and also an earlier, not later month of the same list ("апрель, май 2023");
       a program year without such a date gets none, with the label "срок в 2023 г.".
       "на августовском совещании" counts as August.
    2. Rhythms with several dates a year; the most frequent one named wins. "еженедельно" →
       every Sunday; "ежемесячно" → the last day of each month; "ежеквартально", "(не реже)
       1 раз(а) в квартал" → the quarter ends; "раз в четверть", "по четвертям" → the term
       ends; "раз в полугодие", "2 раза в год" → the half-year ends (see 1).
    3. On request: "по заявке", "по договору", "по запросу", "по отдельному плану", "по
       графику", "по плану", "по согласованию", "по мере поступления" → no dates, never overdue.
    4. The school year: "в течение учебного года", "конец учебного года" → 31 May; "начало
       учебного года" → 30 Sep; "2022/2023 учебный год" pins it to that school year.
    5. Once a year, at the end of the program year: "ежегодно", "в течение всего периода",
       "в течение года", "постоянно", "систематически", "регулярно", "по мере необходимости",
       "до конца года", "3 раза в год".
    An empty text means no deadline was set: due at the end of the program year, label
    "до конца года". Anything else, any impossible date ("31.02.2023", "5 полугодие",
    "2021-2019") and any text longer than 500 characters (a description, or columns run
    together) is not recognised: no dates, label "срок не распознан", for a person to set.
"""

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial

UNRECOGNISED_LABEL = "срок не распознан"
END_OF_YEAR_LABEL = "до конца года"
NOT_PLANNED_LABEL = "не запланировано на этот год"


@dataclass(frozen=True)
class Due:
    dates: tuple[date, ...]  # every due date in the program year, ascending; () when none applies
    recognised: bool  # False: the UI shows "срок не распознан" for a person to set
    label: str  # short Russian description: "до 30 апреля 2023 г.", "ежемесячно", "по заявке"
    # The text names other years only ("2019" read for 2020, "Март 2023" for 2022): nothing is
    # owed in this one unless its own year cell plans it (programs.schedule decides).
    in_other_years: bool = False

    @property
    def final(self) -> date | None:
        """The last due date: the one that decides whether the activity is overdue."""
        return self.dates[-1] if self.dates else None


def due_in_year(
    deadline_text: str | None, year: int, *, year_cell: str | None = "", school_year: bool = False
) -> Due:
    """The due dates of an activity in one program year (see the module docstring for the rules).

    None is read as an empty text, as spreadsheet readers return it for empty cells.
    """
    program_year = _ProgramYear(year, school_year)
    cell = _normalise(year_cell)
    if _NOT_PLANNED.fullmatch(cell):
        return Due((), True, NOT_PLANNED_LABEL)
    cell_reading = _read(cell)
    if cell_reading.names_schedule:
        return _resolve(cell_reading, program_year)
    text = _normalise(deadline_text)
    if not text:
        return Due((program_year.last_day,), True, END_OF_YEAR_LABEL)
    return _resolve(_read(text), program_year)


def is_overdue(due: Due, *, done: bool, today: date) -> bool:
    """Whether the final due date has passed without the activity being done.

    Never for kinds without dates ("по заявке", not recognised): nobody can be late for them.
    """
    return not done and due.final is not None and due.final < today


_UNRECOGNISED = Due((), False, UNRECOGNISED_LABEL)

# Month names as dates write them («15 апреля»); the importer reads order dates with them too.
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


# --- Program year -------------------------------------------------------------------------


@dataclass(frozen=True)
class _ProgramYear:
    year: int
    school_year: bool

    @property
    def first_day(self) -> date:
        return date(self.year, 9, 1) if self.school_year else date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year + 1, 8, 31) if self.school_year else date(self.year, 12, 31)

    def day(self, month: int, day: int | None = None, year: int | None = None) -> date:
        """`day` of `month` (by default its last), in `year` or else inside this program year."""
        if year is None:
            year = self.year + 1 if self.school_year and month < 9 else self.year
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day or last, last))

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


# --- Rhythms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rhythm:
    label: str
    months: tuple[int, ...] = ()  # month ends due in a calendar-year program
    school_months: tuple[int, ...] = ()  # month ends due in a school-year program
    weekly: bool = False

    @property
    def times_a_year(self) -> int:
        return 52 if self.weekly else len(self.months)

    def dates(self, program_year: _ProgramYear) -> tuple[date, ...]:
        if self.weekly:
            return _sundays(program_year)
        months = self.school_months if program_year.school_year else self.months
        return tuple(sorted(program_year.day(month) for month in months))


def _sundays(program_year: _ProgramYear) -> tuple[date, ...]:
    first = program_year.first_day
    first_sunday = first + timedelta(days=6 - first.weekday())
    weeks = (program_year.last_day - first_sunday).days // 7 + 1
    return tuple(first_sunday + timedelta(weeks=week) for week in range(weeks))


_ALL_MONTHS = tuple(range(1, 13))
_QUARTER_ENDS = (3, 6, 9, 12)
_TERM_ENDS = (10, 12, 3, 5)
# Half-years: calendar ones, or the school's September–December and January–May.
_HALF_YEAR_ENDS = (6, 12)
_SCHOOL_HALF_YEAR_ENDS = (12, 5)

_WEEKLY = _Rhythm("еженедельно", weekly=True)
_MONTHLY = _Rhythm("ежемесячно", _ALL_MONTHS, _ALL_MONTHS)
_QUARTERLY = _Rhythm("ежеквартально", _QUARTER_ENDS, _QUARTER_ENDS)
_TERMLY = _Rhythm("по четвертям", _TERM_ENDS, _TERM_ENDS)
_HALF_YEARLY = _Rhythm("раз в полугодие", _HALF_YEAR_ENDS, _SCHOOL_HALF_YEAR_ENDS)
_YEARLY = _Rhythm("ежегодно", (12,), (8,))
_CONTINUOUS = _Rhythm("в течение года", (12,), (8,))
_TO_END_OF_YEAR = _Rhythm(END_OF_YEAR_LABEL, (12,), (8,))

_RHYTHM_BY_UNIT = {
    "недел": _WEEKLY,
    "месяч": _MONTHLY,
    "месяц": _MONTHLY,
    "квартал": _QUARTERLY,
    "четверт": _TERMLY,
    "полугоди": _HALF_YEARLY,
    "полгода": _HALF_YEARLY,
    "год": _YEARLY,
}
_RHYTHM_BY_TIMES_A_YEAR = {1: _YEARLY, 2: _HALF_YEARLY, 4: _QUARTERLY, 12: _MONTHLY}

_UNIT = r"(?P<unit>недел|месяц|квартал|четверт|полугоди|полгода|год)"
_RHYTHM_UNITS = (
    # ежемесячно, еженедельно, ежеквартально, ежегодно, поквартально, помесячно
    re.compile(r"(?<!\w)(?:еже|по)(?P<unit>недел|месяч|квартал|четверт|год)ь?н"),
    # раз в квартал, не реже 1 раза в квартал, 2 раза в год
    re.compile(rf"(?:(?<!\d)(?P<count>\d+)\s*)?(?<!\w)раза?\s+в\s+{_UNIT}"),
    # каждый месяц, по итогам четверти, по итогам каждого квартала
    re.compile(rf"(?:кажд\w*|по\s+итогам(?:\s+кажд\w*)?)\s+{_UNIT}"),
    # по четвертям, по кварталам, по месяцам
    re.compile(r"по\s+(?P<unit>недел|месяц|квартал|четверт|полугоди)(?:ям|ам)"),
)
_RHYTHM_PHRASES = (
    (re.compile(r"дважды\s+в\s+год"), _HALF_YEARLY),
    (
        re.compile(
            r"в\s+течени[еи]\s+(?:всего\s+|всех\s+|текущего\s+|календарного\s+)?"
            r"(?:период|срок|времен|год|программ|проект|реализац)"
            r"|на\s+протяжении|в\s+(?:период|ходе)\s+реализац|весь\s+период"
            r"|постоянн|систематическ|регулярн|ежедневн|по\s+мере\s+необходимост"
        ),
        _CONTINUOUS,
    ),
    (
        re.compile(r"кон(?:ец|ца|це)\s+(?:календарного\s+|текущего\s+|отчетного\s+)?года?"),
        _TO_END_OF_YEAR,
    ),
)


def _rhythms(text: str) -> list[_Rhythm]:
    found = [
        _rhythm_of_unit(match) for pattern in _RHYTHM_UNITS for match in pattern.finditer(text)
    ]
    found += [rhythm for pattern, rhythm in _RHYTHM_PHRASES if pattern.search(text)]
    return found


def _rhythm_of_unit(match: re.Match) -> _Rhythm:
    rhythm = _RHYTHM_BY_UNIT[match["unit"]]
    count = match.groupdict().get("count")
    if rhythm is not _YEARLY or count is None:
        return rhythm
    # "3 раза в год" names no months: it is due, all of it, by the end of the year.
    return _RHYTHM_BY_TIMES_A_YEAR.get(int(count)) or replace(_YEARLY, label=match[0])


# --- On request ---------------------------------------------------------------------------

_ON_REQUEST = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("по отдельному графику", r"отдельн\w*\s+график"),
        ("по отдельному плану", r"отдельн\w*\s+план"),
        ("по заявке", r"заявк"),
        ("по запросу", r"запрос"),
        ("по договору", r"договор|контракт|соглашени"),
        ("по графику", r"график|расписани"),
        ("по плану", r"(?:по|согласно|в\s+соответствии\s+с)\s+план"),
        ("по согласованию", r"согласовани"),
        ("по мере поступления", r"по\s+мере\s+поступлени"),
    )
)


def _on_request(text: str) -> str | None:
    return next((label for label, pattern in _ON_REQUEST if pattern.search(text)), None)


# --- Anchors: dates and named periods -----------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """A day, or the end of a month, named in the text at text[start:end]."""

    start: int
    end: int
    month: int
    day: int | None = None  # None: the last day of the month
    year: int | None = None  # None: inside the program year
    school_month: int | None = None  # where a half-year ends in a school-year program instead
    weak: bool = False  # school-year phrases yield to rhythms and "по заявке"

    def in_program_year(self, program_year: _ProgramYear) -> date:
        month = self.month
        if program_year.school_year and self.year is None and self.school_month:
            month = self.school_month
        return program_year.day(month, self.day, self.year)


_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>(?:19|20)?\d{2}))?(?!\d)"
)

_MONTH_WORDS = (
    r"январ[ьяею]|янв|феврал[ьяею]|февр?|март[аеу]?|мар|апрел[ьяею]|апр|ма[йяею]"
    r"|июн[ьяею]?|июл[ьяею]?|август(?:[аеу]|овск\w*)?|авг|сентябр[ьяею]|сент?"
    r"|октябр[ьяею]|окт|ноябр[ьяею]|нояб?|декабр[ьяею]|дек"
)
_MONTH_NAME = re.compile(rf"(?<![\w.])(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{_MONTH_WORDS})(?!\w)\.?")
_MONTH_BY_PREFIX = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "май": 5,
    "мая": 5,
    "мае": 5,
    "маю": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}

# "II квартал", "1-е полугодие", "в третьей четверти", "I-II квартал", "1 и 2 полугодие"
_ORDINAL = (
    r"(?:iv|i{1,3}|[1-4](?:-?(?:ы?й|ий|ой|о?е|о?м|о?го))?"
    r"|перв\w*|втор\w*|трет\w*|четверт(?:ый|ая|ое|ом|ой|ого|ую))"
)
_ORDINAL_TOKEN = re.compile(rf"(?<!\w){_ORDINAL}(?!\w)")
_NUMBERED_PERIOD = re.compile(
    rf"(?<!\w)(?P<ordinals>{_ORDINAL}(?:\s*(?:-|,|и)\s*{_ORDINAL}){{0,3}})(?!\w)"
    r"\s*(?P<unit>квартал|полугоди|четверт)\w*"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL_WORDS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4}
# (month it ends, month it ends in a school-year program) by unit and number
_PERIOD_ENDS = {
    "квартал": {number: (month, month) for number, month in enumerate(_QUARTER_ENDS, 1)},
    "полугоди": dict(enumerate(zip(_HALF_YEAR_ENDS, _SCHOOL_HALF_YEAR_ENDS, strict=True), 1)),
    "четверт": {number: (month, month) for number, month in enumerate(_TERM_ENDS, 1)},
}

_SCHOOL_YEAR = re.compile(
    r"(?:(?P<edge>начал|кон|окончани)\w*\s+)?"
    r"(?:(?P<first>(?:19|20)\d{2})\s*[-/]\s*(?P<last>(?:19|20)?\d{2})\s+)?"
    r"(?<!\w)уч(?:ебн\w*|\.)\s*(?:год\w*|г\.)"
)
_SCHOOL_YEAR_START, _SCHOOL_YEAR_END = 9, 5

_YEAR_RANGE = re.compile(
    r"(?<!\d)(?P<first>(?:19|20)\d{2})\s*(?:гг?\.|годы?|года)?\s*(?:-|/|по|до)\s*"
    r"(?P<last>(?:19|20)?\d{2})(?!\d)"
)
_SINGLE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LONGEST_YEAR_RANGE = 30

# A longer text is a description (or columns run together), not a deadline: a person reads it.
_LONGEST_DEADLINE = 500

_SPAN_GAP = re.compile(r"\s*(?:-|по|до)\s*")


@dataclass
class _Reading:
    """What a text says: anchors, rhythms, a "по заявке" kind and the years it is limited to."""

    text: str
    anchors: list[_Anchor] = field(default_factory=list)
    rhythms: list[_Rhythm] = field(default_factory=list)
    on_request: str | None = None
    years: set[int] = field(default_factory=set)
    unreadable: bool = False

    @property
    def names_schedule(self) -> bool:
        return bool(self.anchors or self.rhythms or self.on_request or self.unreadable)

    def add_years(self, first: int, last: int) -> None:
        if first <= last <= first + _LONGEST_YEAR_RANGE:
            self.years.update(range(first, last + 1))
        else:
            self.unreadable = True


def _numeric_date(match: re.Match, reading: _Reading) -> None:
    day, month = int(match["day"]), int(match["month"])
    year = _full_year(match["year"], 2000) if match["year"] else None
    if _is_real_day(day, month, year):
        reading.anchors.append(_Anchor(match.start(), match.end(), month, day, year))
    else:
        reading.unreadable = True


def _month_name(match: re.Match, reading: _Reading) -> None:
    month = _MONTH_BY_PREFIX[match["month"][:3]]
    day = int(match["day"]) if match["day"] else None
    if day is None or _is_real_day(day, month, None):
        reading.anchors.append(_Anchor(match.start(), match.end(), month, day))
    else:
        reading.unreadable = True


def _numbered_periods(match: re.Match, reading: _Reading) -> None:
    ends = _PERIOD_ENDS[match["unit"]]
    offset = match.start("ordinals")
    tokens = list(_ORDINAL_TOKEN.finditer(match["ordinals"]))
    for token in tokens:
        months = ends.get(_ordinal_value(token[0]))
        if months is None:
            reading.unreadable = True
            continue
        # The last number owns the unit word, so that a year written after it attaches to it.
        end = match.end() if token is tokens[-1] else offset + token.end()
        month, school_month = months
        reading.anchors.append(
            _Anchor(offset + token.start(), end, month, school_month=school_month)
        )


def _ordinal_value(token: str) -> int | None:
    if token[0].isdigit():
        return int(token[0])
    return _ROMAN.get(token) or _ORDINAL_WORDS.get(token[:4])


def _school_year(match: re.Match, reading: _Reading) -> None:
    starts = match["edge"] == "начал"
    month = _SCHOOL_YEAR_START if starts else _SCHOOL_YEAR_END
    year = None
    if match["first"]:
        first = int(match["first"])
        last = _full_year(match["last"], first // 100 * 100)
        if last == first + 1:
            year = first if starts else last
        else:  # "2019-2021 учебные годы": several school years, named by the year they start in
            reading.add_years(first, last)
    reading.anchors.append(_Anchor(match.start(), match.end(), month, year=year, weak=True))


def _year_range(match: re.Match, reading: _Reading) -> None:
    first = int(match["first"])
    reading.add_years(first, _full_year(match["last"], first // 100 * 100))


def _single_year(match: re.Match, reading: _Reading) -> None:
    """A year right after a date or period pins it ("Март 2023"); otherwise it limits the text."""
    year = int(match[0])
    for index, anchor in enumerate(reading.anchors):
        if (
            anchor.year is None
            and anchor.end <= match.start()
            and _only_spaces_between(reading.text, anchor.end, match.start())
        ):
            reading.anchors[index] = replace(anchor, end=match.end(), year=year)
            return
    reading.years.add(year)


def _only_spaces_between(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _full_year(digits: str, century: int) -> int:
    return int(digits) if len(digits) == 4 else century + int(digits)


def _is_real_day(day: int, month: int, year: int | None) -> bool:
    # Without a year, 29 February may still come: 2000 is a leap year.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]


# Read in this order: each pattern blanks out what it took, so that a later one does not take
# the same words again (the year of "15.09.2023" is no year range; "учебного года" no month).
_ANCHOR_READERS: tuple[tuple[re.Pattern, Callable[[re.Match, _Reading], None]], ...] = (
    (_NUMERIC_DATE, _numeric_date),
    (_SCHOOL_YEAR, _school_year),
    (_MONTH_NAME, _month_name),
    (_NUMBERED_PERIOD, _numbered_periods),
    (_YEAR_RANGE, _year_range),
    (_SINGLE_YEAR, _single_year),
)


def _read(text: str) -> _Reading:
    reading = _Reading(text)
    if len(text) > _LONGEST_DEADLINE:
        reading.unreadable = True
        return reading
    rest = text
    for pattern, take in _ANCHOR_READERS:
        rest = pattern.sub(partial(_blank, take=take, reading=reading), rest)
    reading.anchors = _join_spans_and_lists(reading.anchors, text)
    reading.rhythms = _rhythms(rest)
    reading.on_request = _on_request(rest)
    return reading


def _blank(match: re.Match, take: Callable[[re.Match, _Reading], None], reading: _Reading) -> str:
    take(match, reading)
    return " " * len(match[0])


def _join_spans_and_lists(anchors: list[_Anchor], text: str) -> list[_Anchor]:
    """A span is due at its end ("апрель – май"); a list on each of its items ("январь, июнь").

    A year written after the last item of a list holds for the earlier, not later months too:
    "апрель, май 2023" is April and May 2023.
    """
    kept: list[_Anchor] = []
    for anchor in sorted(anchors, key=lambda anchor: anchor.start):
        if kept and _SPAN_GAP.fullmatch(text[kept[-1].end : anchor.start]):
            kept[-1] = anchor
        else:
            kept.append(anchor)
    joined: list[_Anchor] = []
    pinned: _Anchor | None = None
    for anchor in reversed(kept):
        if anchor.year is not None:
            pinned = anchor
        elif pinned is not None and anchor.month <= pinned.month:
            anchor = replace(anchor, year=pinned.year)
        joined.append(anchor)
    return joined[::-1]


# --- From a reading to the due dates ------------------------------------------------------


def _resolve(reading: _Reading, program_year: _ProgramYear) -> Due:
    """The precedence of the module docstring: years, dates, rhythms, requests, once a year."""
    if reading.unreadable:
        return _UNRECOGNISED
    if reading.years and program_year.year not in reading.years:
        return _elsewhere(reading.years)
    strong = [anchor for anchor in reading.anchors if not anchor.weak]
    weak = [anchor for anchor in reading.anchors if anchor.weak]
    rhythm = max(reading.rhythms, key=lambda rhythm: rhythm.times_a_year, default=None)
    if strong:
        return _due_on(strong, program_year)
    if rhythm and rhythm.times_a_year > 1:
        return Due(rhythm.dates(program_year), True, rhythm.label)
    if reading.on_request:
        return Due((), True, reading.on_request)
    if weak:
        return _due_on(weak, program_year)
    if rhythm:
        return Due(rhythm.dates(program_year), True, rhythm.label)
    if reading.years:
        return Due((program_year.last_day,), True, _until((program_year.last_day,)))
    return _UNRECOGNISED


def _due_on(anchors: list[_Anchor], program_year: _ProgramYear) -> Due:
    days = sorted({anchor.in_program_year(program_year) for anchor in anchors})
    inside = tuple(day for day in days if day in program_year)
    if not inside:
        return _elsewhere({day.year for day in days})
    return Due(inside, True, _until(inside))


def _elsewhere(years: set[int]) -> Due:
    return Due((), True, f"срок в {_years_label(sorted(years))}", in_other_years=True)


def _years_label(years: list[int]) -> str:
    if len(years) == 1:
        return f"{years[0]} г."
    if years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]} гг."
    return ", ".join(map(str, years)) + " гг."


def _until(days: tuple[date, ...]) -> str:
    """ "до 31 января, 30 июня 2023 г.": the year is written once for the days that share it."""
    parts = []
    for index, day in enumerate(days):
        part = f"{day.day} {MONTHS_GENITIVE[day.month - 1]}"
        if index == len(days) - 1 or days[index + 1].year != day.year:
            part += f" {day.year} г."
        parts.append(part)
    return "до " + ", ".join(parts)


# --- Text normalisation -------------------------------------------------------------------

_CHARACTERS = str.maketrans(
    {"ё": "е", "\u00ad": None} | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)
_SPACES = re.compile(r"\s+")
_NOT_PLANNED = re.compile(r"-+|0|нет|х|x|не\s+(?:планируется|предусмотрено|запланировано)")


def _normalise(text: str | None) -> str:
    """Lower case, "е" for "ё", one kind of dash, single spaces."""
    return _SPACES.sub(" ", (text or "").lower().translate(_CHARACTERS)).strip()
