"""Whether an indicator reached its target in a year: computed, never typed.

Numbers judge themselves by the indicator's direction; yes/no and text indicators are judged by
a person (with a comment the form requires), and that judgement is passed in here as is.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    YES_NO = "yes_no"
    TEXT = "text"


NUMERIC_DIRECTIONS = {Direction.HIGHER, Direction.LOWER}


class Judgement(StrEnum):
    REACHED = "reached"
    NOT_REACHED = "not_reached"
    PARTIAL = "partial"
    NO_DATA = "no_data"

    @property
    def label(self):
        return JUDGEMENT_LABELS[self]


JUDGEMENT_LABELS = {
    Judgement.REACHED: "достигнуто",
    Judgement.NOT_REACHED: "не достигнуто",
    Judgement.PARTIAL: "частично",
    Judgement.NO_DATA: "нет данных",
}


@dataclass(frozen=True)
class Verdict:
    judgement: Judgement
    reached: int = 0  # school-level: schools that reached their target
    judged: int = 0  # school-level: schools with both target and actual

    @property
    def label(self):
        if self.judged and self.judgement is not Judgement.NO_DATA:
            return f"{self.judgement.label} ({self.reached} из {self.judged} школ)"
        return self.judgement.label

    @property
    def share(self) -> float | None:
        return self.reached / self.judged if self.judged else None


def judge(
    direction: str,
    target: Decimal | None,
    actual: Decimal | None,
    person_judgement: str = "",
) -> Judgement:
    """One value against its target.

    Lower-is-better reaches the target at or below it, higher-is-better at or above it; a missing
    target or actual is «нет данных». Yes/no and text indicators carry the person's judgement.
    """
    if direction not in NUMERIC_DIRECTIONS:
        return Judgement(person_judgement) if person_judgement else Judgement.NO_DATA
    if target is None or actual is None:
        return Judgement.NO_DATA
    if direction == Direction.LOWER:
        return Judgement.REACHED if actual <= target else Judgement.NOT_REACHED
    return Judgement.REACHED if actual >= target else Judgement.NOT_REACHED


def judge_schools(direction: str, pairs: list[tuple[Decimal | None, Decimal | None]]) -> Verdict:
    """A school-level indicator: each school's (target, actual); reached when every school with
    data reached it, «частично» when some did, «нет данных» when no school has both numbers."""
    judgements = [judge(direction, target, actual) for target, actual in pairs]
    judged = [j for j in judgements if j is not Judgement.NO_DATA]
    reached = sum(j is Judgement.REACHED for j in judged)
    if not judged:
        return Verdict(Judgement.NO_DATA)
    if reached == len(judged):
        overall = Judgement.REACHED
    elif reached == 0:
        overall = Judgement.NOT_REACHED
    else:
        overall = Judgement.PARTIAL
    return Verdict(overall, reached=reached, judged=len(judged))


def deviation(direction: str, target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """How far the actual is on the good side of the target (+) or the bad side (−)."""
    if direction not in NUMERIC_DIRECTIONS or target is None or actual is None:
        return None
    return actual - target if direction == Direction.HIGHER else target - actual
