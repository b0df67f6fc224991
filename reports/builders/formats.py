"""Russian number and date formats for the PDF reports: the one place they are written.

Callers run under `translation.override("ru")`; Django then groups thousands with a non-breaking
space and writes a decimal comma ("1 234,5"). The XLSX builders write real numbers instead and
leave the display to Excel.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format

NO_VALUE = "—"
# A non-breaking space keeps "45,5 %" on one line in narrow table cells.
PERCENT_SIGN = "\u00a0%"
MINUS_SIGN = "\u2212"


def rounded(value: Decimal | float | int, decimals: int) -> Decimal:
    """Rounded half up, as people round: Django's number_format would cut 4,1666 to 4,1."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | float | int | None, max_decimals: int = 2) -> str:
    """A number as "1 234,5": no trailing zeros, at most `max_decimals` places; "—" for None."""
    if value is None:
        return NO_VALUE
    significant = rounded(value, max_decimals).normalize()
    return number_format(significant, max(0, -significant.as_tuple().exponent))


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
