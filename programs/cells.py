"""Per-year plan cells as roadmaps write them: "3", "+", "август", "ежемесячно", "1,5"."""

import re
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"^[+]?\s*(\d{1,9}(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)\s*(?:%|шт\.?)?$")
_NOT_PLANNED = {"", "-", "–", "—", "0", "нет", "x", "х"}


def planned_number(cell: str) -> Decimal | None:
    """The planned quantity when the cell is a number ("3", "1,5", "2 500"), otherwise None.

    "+" marks a year as planned without a quantity; words ("август", "ежемесячно") are kept
    as text only.
    """
    match = _NUMBER.match((cell or "").strip())
    if not match:
        return None
    digits = match.group(1).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def is_planned(cell: str) -> bool:
    """Whether the year cell plans the activity for that year at all."""
    return (cell or "").strip().lower() not in _NOT_PLANNED


NEGATIVE_ACTUAL_VALUE = "Фактическое значение не может быть отрицательным."


def actual_value_errors(value: Decimal | None) -> list[str]:
    """What is wrong with an actual (reported) value: counts of sessions or people are never
    negative."""
    return [NEGATIVE_ACTUAL_VALUE] if value is not None and value < 0 else []
