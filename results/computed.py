"""Indicators computed from assessment results: the arithmetic, with no database in sight.

A school's value is the participant-weighted mean over its rows (subjects, grades). The
municipal value is either weighted by participants over all rows of the schools (a share of all
participants) or the plain mean of the schools' values (each school counts once).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")
WEIGHTED = "weighted"
MEAN = "mean"


@dataclass(frozen=True)
class ResultRow:
    school_id: int
    participants: int
    value: Decimal | None  # the measured share or score; None when the file had none


@dataclass(frozen=True)
class Computed:
    value: Decimal | None
    schools: int  # schools that had results
    participants: int
    rows: int


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _weighted(rows: list[ResultRow]) -> Decimal | None:
    weight = sum(row.participants for row in rows)
    if not weight:
        return None
    return sum(row.value * row.participants for row in rows) / weight


def school_values(rows: list[ResultRow]) -> dict[int, Computed]:
    """Each school's value from its rows that have a value and participants."""
    by_school: dict[int, list[ResultRow]] = {}
    for row in rows:
        if row.value is not None and row.participants > 0:
            by_school.setdefault(row.school_id, []).append(row)
    return {
        school_id: Computed(
            _round(_weighted(school_rows)),
            schools=1,
            participants=sum(row.participants for row in school_rows),
            rows=len(school_rows),
        )
        for school_id, school_rows in by_school.items()
    }


def combine(rows: list[ResultRow], method: str) -> Computed:
    """The value over all the schools' rows, by the indicator's method."""
    per_school = school_values(rows)
    used = [row for row in rows if row.value is not None and row.participants > 0]
    participants = sum(row.participants for row in used)
    if not per_school:
        return Computed(None, 0, 0, 0)
    if method == MEAN:
        # Mean of the unrounded school values, so the result does not depend on display rounding.
        exact = [_weighted([r for r in used if r.school_id == sid]) for sid in per_school]
        value = sum(exact) / len(exact)
    else:
        value = _weighted(used)
    return Computed(_round(value), len(per_school), participants, len(used))
