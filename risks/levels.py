"""Levels of a risk factor and how they are written: a word, a symbol, a number in files."""

from django.db import models


class RiskLevel(models.TextChoices):
    HIGH = "high", "высокий"
    MEDIUM = "medium", "средний"
    LOW = "low", "низкий"
    NOT_RELEVANT = "not_relevant", "не актуален"


# A symbol beside each level so that it is never told by colour alone.
LEVEL_SYMBOLS = {
    RiskLevel.HIGH: "▲",
    RiskLevel.MEDIUM: "◆",
    RiskLevel.LOW: "▽",
    RiskLevel.NOT_RELEVANT: "○",
}

# The levels that need an answer: an anti-risk programme and a municipal activity.
LEVELS_NEEDING_ANSWER = frozenset({RiskLevel.HIGH, RiskLevel.MEDIUM})

# How files write a level: the word (in any case, with «ё»/«е» and common endings) or a number.
_LEVEL_WORDS = {
    "высокий": RiskLevel.HIGH,
    "высокая": RiskLevel.HIGH,
    "высокое": RiskLevel.HIGH,
    "3": RiskLevel.HIGH,
    "средний": RiskLevel.MEDIUM,
    "средняя": RiskLevel.MEDIUM,
    "среднее": RiskLevel.MEDIUM,
    "2": RiskLevel.MEDIUM,
    "низкий": RiskLevel.LOW,
    "низкая": RiskLevel.LOW,
    "низкое": RiskLevel.LOW,
    "1": RiskLevel.LOW,
    "не актуален": RiskLevel.NOT_RELEVANT,
    "не актуально": RiskLevel.NOT_RELEVANT,
    "неактуален": RiskLevel.NOT_RELEVANT,
    "нет": RiskLevel.NOT_RELEVANT,
    "0": RiskLevel.NOT_RELEVANT,
}
LEVELS_HELP = "высокий (3), средний (2), низкий (1), не актуален (0)"


def parse_level(value) -> str | None:
    """The level a cell means; "" for an empty cell; None when it cannot be read."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).replace("ё", "е").split()).casefold().rstrip(".")
    if not text:
        return ""
    return _LEVEL_WORDS.get(text)


def level_label(level: str) -> str:
    """«▲ высокий»: the symbol and the word, never one without the other."""
    if not level:
        return "не оценён"
    return f"{LEVEL_SYMBOLS.get(level, '')} {RiskLevel(level).label}"
