"""How the portal shows years, numbers, dates, people and executors: pages, PDFs and exports.

Numbers: Django (with "ru" active; reports run under `translation.override("ru")`) groups
thousands with a non-breaking space and writes a decimal comma ("1 234,5"). A year is not a
number to group: with USE_THOUSAND_SEPARATOR a bare `{{ year }}` prints «2 023», so years go
through `format_year`. The XLSX builders write real numbers and leave the display to Excel.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator

from schools.parties import normalise_name, split_executor_text

NO_VALUE = "—"
# A non-breaking space keeps "45,5 %" on one line in narrow table cells.
PERCENT_SIGN = "\u00a0%"
MINUS_SIGN = "\u2212"
NBSP = "\u00a0"
# Control characters text pasted from Word may carry (\x07 ends a table cell, \x0b breaks a
# line): XML 1.0 forbids them, so a DOCX or XLSX (XML inside) cannot hold them.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.$")


def xml_text(text: str) -> str:
    """People's text as a Word or Excel file can hold it: each forbidden character a space."""
    return NOT_XML.sub(" ", text)


def rounded(value: Decimal | float | int, decimals: int) -> Decimal:
    """Rounded half up, as people round: Django's number_format would cut 4,1666 to 4,1."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | float | int | None, max_decimals: int = 2) -> str:
    """A number as "1 234,5": no trailing zeros, at most `max_decimals` places; "—" for None."""
    if value is None:
        return NO_VALUE
    return number_format(rounded(value, max_decimals), decimal_places(value, max_decimals))


def decimal_places(value: Decimal | float | int, max_decimals: int = 2) -> int:
    """How many decimals `format_number` shows: 0 for 3 and 3,00, 1 for 1 234,5."""
    return max(0, -rounded(value, max_decimals).normalize().as_tuple().exponent)


def spreadsheet_number_format(decimals: int) -> str:
    """The Excel number format that shows a number as `format_number` does: «3», not «3,00»
    (Excel puts the reader's own separators in place of «,» and «.»)."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def format_signed(value: Decimal | float | int | None, max_decimals: int = 2) -> str:
    """A deviation: "+1,5", "−2", "0"."""
    if value is None:
        return NO_VALUE
    shown = rounded(value, max_decimals)  # the sign of what is shown: 0,004 is "0", not "+0"
    text = format_number(abs(shown), max_decimals)
    if shown > 0:
        return "+" + text
    if shown < 0:
        return MINUS_SIGN + text
    return text


def format_percent(share: float | None) -> str:
    """A share 0..1 as "45,5 %" with one decimal, so that columns of shares line up."""
    if share is None:
        return NO_VALUE
    return number_format(rounded(share * 100, 1), 1) + PERCENT_SIGN


def format_date_long(value: date) -> str:
    """A date as "23 ноября 2026 г."."""
    return date_format(value, "j E Y г.")


def format_date_short(value: date) -> str:
    """A date as "23.11.2026"."""
    return date_format(value, "d.m.Y")


def shortened(text: str, length: int) -> str:
    """Django's `truncatechars`, without its walk over every character of a text that fits: a
    queue's every row cuts two titles, most of them short."""
    return text if len(text) <= length else Truncator(text).chars(length)


def format_signer(name: str) -> str:
    """A signer as official documents print them (ГОСТ Р 7.0.97): «Е. П. Иванова», whether
    written «Иванова Е. П.», «Иванова Елена Петровна» or «Е. П. Иванова», joined by non-breaking
    spaces so that the name never wraps away from its initials."""
    parts = name.replace(".", ". ").split()
    initials = [part for part in parts if INITIAL.match(part)]
    words = [part for part in parts if not INITIAL.match(part)]
    if len(words) == 1 and initials:
        parts = [*initials, words[0]]
    elif len(words) == 3 and not initials:  # surname, name, patronymic
        parts = [f"{word[0]}." for word in words[1:]] + [words[0]]
    return NBSP.join(parts)


def format_position(position: str) -> str:
    """A signer's position starts with a capital letter, as it heads the signature line."""
    position = position.strip()
    return position[:1].upper() + position[1:]


def format_year(value: int | str | None) -> str:
    """A year as written: "2023", never "2 023"; "—" for None."""
    if value in (None, ""):
        return NO_VALUE
    return str(value)


def format_datetime(value: datetime | None) -> str:
    """A moment in local time as "30.11.2026 14:05" (no seconds, no time zone)."""
    if value is None:
        return NO_VALUE
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "d.m.Y H:i")


def format_person(user) -> str:
    """A user as people know them: full name, else login; "—" for nobody."""
    if user is None:
        return NO_VALUE
    return user.get_full_name() or user.get_username()


def format_executors(written: str, parties) -> str:
    """The executors of an activity: the text as in the document, followed by the parties chosen
    in the «Исполнители» list that the text does not name (in their order). A new activity
    with parties and no text shows the parties; "" when there is neither."""
    written = (written or "").strip()
    named = {normalise_name(name) for name in split_executor_text(written)}
    missing = [
        str(party)
        for party in parties
        if not named & {normalise_name(name) for name in party.all_names}
    ]
    return ", ".join(part for part in (written, *missing) if part)


def activity_parties(activity) -> list:
    """The parties linked to an activity, lead first: from `executor_list` when the roadmap
    selector attached it, else from the (ideally prefetched) links."""
    links = getattr(activity, "executor_list", None)
    if links is None:
        links = activity.executor_links.all()
    return [link.party for link in links]


def activity_executors(activity) -> str:
    return format_executors(activity.executors_text, activity_parties(activity))
