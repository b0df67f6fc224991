"""Word's automatic list numbers ("1.1.", "2)") rendered as text.

A roadmap's № column is often a numbered list: the numbers are not in the text but computed by
Word from numbering.xml. This renders the usual formats (decimal, roman, letters) so such tables
keep their numbers; bullets render as nothing.
"""

from __future__ import annotations

import re

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUM_ID, ILVL = f"{_W}numId", f"{_W}ilvl"
NUM, ABSTRACT_NUM, ABSTRACT_NUM_ID = f"{_W}num", f"{_W}abstractNum", f"{_W}abstractNumId"
LVL, START, NUM_FMT, LVL_TEXT = f"{_W}lvl", f"{_W}start", f"{_W}numFmt", f"{_W}lvlText"
LVL_OVERRIDE, START_OVERRIDE = f"{_W}lvlOverride", f"{_W}startOverride"
VAL = f"{_W}val"
_PLACEHOLDER_RE = re.compile(r"%([1-9])")
_RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(value: int) -> str:
    result = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        result.append(letters * count)
    return "".join(result)


def _letters(value: int, alphabet: str) -> str:
    # Word repeats the letter past the alphabet: a … z, aa … zz.
    index, repeat = (value - 1) % len(alphabet), (value - 1) // len(alphabet) + 1
    return alphabet[index] * repeat


def _format(value: int, number_format: str) -> str:
    match number_format:
        case "upperRoman":
            return _roman(value).upper()
        case "lowerRoman":
            return _roman(value)
        case "upperLetter":
            return _letters(value, "abcdefghijklmnopqrstuvwxyz").upper()
        case "lowerLetter":
            return _letters(value, "abcdefghijklmnopqrstuvwxyz")
        case "russianUpper":
            return _letters(value, _RUSSIAN_LETTERS).upper()
        case "russianLower":
            return _letters(value, _RUSSIAN_LETTERS)
        case "decimalZero":
            return f"{value:02d}"
        case _:
            return str(value)


class _Level:
    __slots__ = ("format", "start", "text")

    def __init__(self, element) -> None:
        self.start = _int_value(element.find(START), 1)
        self.format = _str_value(element.find(NUM_FMT), "decimal")
        self.text = _str_value(element.find(LVL_TEXT), "")


def _int_value(element, default: int) -> int:
    try:
        return int(element.get(VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


def _str_value(element, default: str) -> str:
    return element.get(VAL, default) if element is not None else default


class ListNumbering:
    """Counts list paragraphs in document order; ``label`` must see them in that order."""

    def __init__(self, numbering_element) -> None:
        abstract_levels = {
            abstract.get(ABSTRACT_NUM_ID): {
                _int_value_attr(level, ILVL): _Level(level) for level in abstract.iter(LVL)
            }
            for abstract in numbering_element.iterchildren(ABSTRACT_NUM)
        }
        self._lists: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        for num in numbering_element.iterchildren(NUM):
            abstract_id = _str_value(num.find(ABSTRACT_NUM_ID), "")
            overrides = {
                _int_value_attr(override, ILVL): _int_value(override.find(START_OVERRIDE), 1)
                for override in num.iterchildren(LVL_OVERRIDE)
                if override.find(START_OVERRIDE) is not None
            }
            levels = abstract_levels.get(abstract_id, {})
            self._lists[num.get(NUM_ID)] = (abstract_id, levels, overrides)
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()

    @classmethod
    def of(cls, document) -> ListNumbering | None:
        try:
            return cls(document.part.numbering_part.element)
        except (KeyError, NotImplementedError, AttributeError):
            return None

    def label(self, number_properties) -> str:
        """The list number of the paragraph holding ``number_properties`` (its w:numPr)."""
        num_id = _str_value(number_properties.find(NUM_ID), "0")
        if num_id not in self._lists:
            return ""
        level = _int_value(number_properties.find(ILVL), 0)
        abstract_id, levels, overrides = self._lists[num_id]
        if level not in levels or levels[level].format in ("bullet", "none"):
            return ""
        counters = self._count(num_id, abstract_id, levels, overrides, level)
        return _PLACEHOLDER_RE.sub(
            lambda match: self._render(levels, counters, int(match.group(1)) - 1),
            levels[level].text,
        )

    def _count(self, num_id, abstract_id, levels, overrides, level) -> list[int | None]:
        # Lists sharing an abstract definition continue one another, unless a list restarts
        # its numbering with a start override the first time it is used.
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in overrides.items():
                if 0 <= overridden < 9:
                    counters[overridden] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = None
        return counters

    @staticmethod
    def _render(levels: dict[int, _Level], counters: list[int | None], level: int) -> str:
        definition = levels.get(level)
        value = counters[level]
        if value is None:
            value = definition.start if definition else 1
        return _format(value, definition.format if definition else "decimal")


def _int_value_attr(element, attribute: str) -> int:
    try:
        return int(element.get(attribute, 0))
    except (TypeError, ValueError):
        return 0
