"""The reports write numbers and dates as every page does: the one place is display.formats."""

from display.formats import (  # noqa: F401  (the builders' names for them)
    MINUS_SIGN,
    NO_VALUE,
    PERCENT_SIGN,
    format_date_long,
    format_date_short,
    format_number,
    format_percent,
    format_signed,
    rounded,
)
