"""Program periods: calendar years ("2021-2023") or school years ("2023/24")."""

import re
from dataclasses import dataclass

MAX_PROGRAM_YEARS = 10

_SCHOOL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[/\\]\s*((?:19|20)?\d{2})(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|—|по|до)\s*((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class ProgramYear:
    year: int  # the calendar year the period starts in
    label: str  # as people write it: "2021" or "2023/24"


@dataclass(frozen=True)
class Period:
    start_year: int
    end_year: int
    school_year: bool = False


def school_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def program_years(start_year: int, end_year: int, school_year: bool = False) -> list[ProgramYear]:
    """The years a program's roadmap has a column for.

    A calendar program 2021-2023 has three years. A school-year program runs from September of
    its start year to August of its end year, so 2023-2025 has the school years 2023/24 and 2024/25.
    """
    if school_year:
        return [ProgramYear(year, school_year_label(year)) for year in range(start_year, end_year)]
    return [ProgramYear(year, str(year)) for year in range(start_year, end_year + 1)]


def period_label(start_year: int, end_year: int, school_year: bool = False) -> str:
    if school_year:
        if end_year - start_year == 1:
            return f"{school_year_label(start_year)} учебный год"
        return f"{start_year}–{end_year} учебные годы"
    if start_year == end_year:
        return f"{start_year} год"
    return f"{start_year}–{end_year} годы"


def period_errors(start_year: int | None, end_year: int | None, school_year: bool) -> list[str]:
    """Russian messages for a period that cannot be a program's; empty when it is fine."""
    if start_year is None or end_year is None:
        return []
    if end_year < start_year:
        return ["Год окончания не может быть раньше года начала."]
    if school_year and end_year == start_year:
        return ["Учебный год длится с сентября по август: год окончания должен быть позже."]
    if end_year - start_year >= MAX_PROGRAM_YEARS:
        return [f"Программа не может длиться больше {MAX_PROGRAM_YEARS} лет."]
    return []


def parse_period(text: str) -> Period | None:
    """Read a period from a title or cell: "на 2019-2021 годы", "2023/24 учебный год", "2022"."""
    text = text or ""
    if match := _SCHOOL_YEAR.search(text):
        start = int(match.group(1))
        end_digits = match.group(2)
        end = int(end_digits) if len(end_digits) == 4 else start // 100 * 100 + int(end_digits)
        if end == start + 1:
            return Period(start, end, school_year=True)
    if match := _YEAR_RANGE.search(text):
        start, end = int(match.group(1)), int(match.group(2))
        if start <= end:
            return Period(start, end)
    if match := _YEAR.search(text):
        year = int(match.group(1))
        return Period(year, year)
    return None
