"""Small text helpers shared by the readers and the roadmap builder."""

from __future__ import annotations

import datetime as dt
import re

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")

ACTIVITY_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})[.)]?$")
SECTION_HEAD_RE = re.compile(
    r"^(?:(подпрограмма|раздел|цель|задача|направление|блок|модуль|этап)\s+)?"
    r"(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}(?=[.)]))(?:[.):]\s*|\s+)(\S.*)$",
    re.IGNORECASE,
)


def clean(text: str | None) -> str:
    """Collapse runs of white space (line breaks, nbsp, tabs) to one space and strip."""
    if not text:
        return ""
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return " ".join(text.split())


def value_text(value: object) -> str:
    """Text of a spreadsheet value: 3.0 → "3", a date → "03.09.2019"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str):
        return clean(value)
    return clean(str(value))


def is_activity_number(text: str) -> bool:
    return bool(ACTIVITY_NUMBER_RE.match(text))


def normalize_number(text: str) -> str | None:
    """ "2.1." → "2.1", "1)" → "1"; other text only loses surrounding space."""
    text = clean(text)
    if not text:
        return None
    if is_activity_number(text):
        return text.rstrip(".)")
    return text


def split_section_head(text: str) -> tuple[str | None, str]:
    """ "1. Кадровое обеспечение" → ("1", "Кадровое обеспечение"); no number → (None, text)."""
    match = SECTION_HEAD_RE.match(text)
    if not match:
        return None, text
    return match.group(2).rstrip("."), match.group(3)


# The portal keeps a section number in a field this long: a longer one loses its word.
MAX_WRITTEN_NUMBER = 20


def section_number_as_written(text: str) -> str | None:
    """The number heading a section row as written, with its word: "2." of "2. Кадры",
    "Задача 1.1." of "Задача 1.1. Повысить качество"."""
    match = SECTION_HEAD_RE.match(text)
    if not match:
        return None
    closing = text[match.end(2) : match.end(2) + 1]
    number = match.group(2) + (closing if closing in ".)" else "")
    written = text[: match.start(2)] + number
    return written if len(written) <= MAX_WRITTEN_NUMBER else number


def heading_kind(text: str) -> str | None:
    """The word a heading starts with («Задача», «Цель», «Подпрограмма»), lowercased."""
    word = re.match(r"^(подпрограмм|раздел|цел[ьи]|задач|направлени|блок|модул|этап)", fold(text))
    return word.group(1) if word else None


def is_punctuation_only(text: str) -> bool:
    """ "-----", "—", "…": a cell with no letter or digit."""
    return bool(text) and not any(char.isalnum() for char in text)


def starts_lowercase(text: str) -> bool:
    """True when the first letter is lowercase: the text continues a sentence cut above."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def fold(text: str) -> str:
    """Lowercase with ё folded to е, for matching words."""
    return text.lower().replace("ё", "е")
