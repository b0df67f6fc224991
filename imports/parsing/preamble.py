"""What the text before the table says: the roadmap's title, municipality, period and the
order that approved it."""

from __future__ import annotations

import re

from programs.deadlines import MONTHS_GENITIVE

from .grid import TextLine
from .model import ApprovingOrder
from .text import clean, fold

_TITLE_WORDS_RE = re.compile(
    r"дорожн\w*\s+карт|план\w*\s+мероприяти|план\w*\s+работ|план-график|комплекс\w*\s+мер",
    re.IGNORECASE,
)
# Lines that mention a roadmap without being its title: the order's subject and clauses.
_NOT_TITLE_RE = re.compile(
    r"^(?:об?\s|\d+[.)]|утвер|приложени|согласов|приказ|постановлени|распоряжени|в\s+целях)",
    re.IGNORECASE,
)
_SECTION_CAPTION_RE = re.compile(r"^(?:раздел\s+[\dIVXLC]+\.?|[\dIVXLC]+\.?\s+раздел)$", re.I)
_MAX_TITLE_LENGTH = 400
_TITLE_CONTINUATION_LINES = 3
_MIN_HEADING_WORDS = 3
_SECTION_CAPTION_LINE_RE = re.compile(r"^(?:раздел\s+)?[\dIVXLC]+(?:\.\d+)*[.)]?\s+\S", re.I)

# A place's adjective, not the generic "Муниципальный район" or "Городской округ".
_ADJECTIVE = r"(?!Муниципальн|Городск|Сельск)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?"
_MUNICIPALITY_RE = re.compile(
    rf"\b({_ADJECTIVE}(?:ий|ый|ой)\s+(?:муниципальный\s+|городской\s+)?(?:район|округ))\b"
)
# "муниципального образования «Город Знаменск»", "городской округ город Знаменск"
_NAMED_MUNICIPALITY_RE = re.compile(
    r"\b(муниципальн\w+\s+(?:образовани|район|округ)\w*|городск\w+\s+округ\w*)"
    r"\s+((?:город\s+|г\.\s*)?(?:«[^»]+»|[А-ЯЁ][а-яё-]+))",
    re.IGNORECASE,
)
_NAMED_MUNICIPALITY_KINDS = {
    "муниципальн": {"образовани": "муниципальное образование", "район": "муниципальный район"},
    "городск": {"округ": "городской округ"},
}
_MUNICIPALITY_GENITIVE_RE = re.compile(
    rf"\b({_ADJECTIVE}(?:ого|его))\s+(муниципального\s+|городского\s+)?(района|округа)\b"
)
# "в Заречном районе", "по Знаменскому району": the other cases a document names it in.
_MUNICIPALITY_OBLIQUE_RE = re.compile(
    rf"\b({_ADJECTIVE}(?:ом|ем|ому|ему))\s+(муниципальном\s+|городском\s+|муниципальному\s+|"
    rf"городскому\s+)?(районе|округе|району|округу)\b"
)
_GENITIVE_ENDINGS = (
    ("ского", "ский"),
    ("цкого", "цкий"),
    ("скому", "ский"),
    ("цкому", "цкий"),
    ("ском", "ский"),
    ("цком", "цкий"),
    ("его", "ий"),
    ("ему", "ий"),
    ("ого", "ый"),
    ("ому", "ый"),
    ("ем", "ий"),
    ("ом", "ый"),
)
_QUALIFIERS = {"муниципальн": "муниципальный", "городск": "городской"}

_PERIOD_RANGE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*([-–—/])\s*((?:19|20)?\d\d)(?!\d)"
    r"(\s*(?:учебн\w*\s+год\w*|уч\.\s*г\w*\.?))?"
)
_MAX_PERIOD_YEARS = 10
_PERIOD_YEAR_RE = re.compile(r"\bна\s+((?:19|20)\d\d)\s*(?:год\b|г\.)", re.IGNORECASE)

_ORDER_RE = re.compile(r"\b(приказ|постановлени|распоряжени)(?!ываю|ляю|аюсь)\w*", re.IGNORECASE)
_ORDER_KINDS = {"приказ": "Приказ", "постановлени": "Постановление", "распоряжени": "Распоряжение"}
_ORDER_WINDOW = 7
_ORDER_NUMBER_RE = re.compile(r"№\s*([0-9A-Za-zА-Яа-яЁё][\w\-/]*)")
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)")
_WORD_DATE_RE = re.compile(
    r"«?(\d{1,2})»?\s+(" + "|".join(MONTHS_GENITIVE) + r")\s+(\d{4})", re.IGNORECASE
)
_ORDER_SUBJECT_RE = re.compile(r"^об?\s+утвержд", re.IGNORECASE)
_APPROVAL_RE = re.compile(r"\b(?:утвержд|приложени)\w*", re.IGNORECASE)
# The block a department puts at the top right: «Приложение № 1 / к приказу … / от … № …»
# or «УТВЕРЖДЕНА / приказом … от … № …»; «Утвердить …» in an order's clause is not one.
_APPROVAL_BLOCK_RE = re.compile(r"^(?:приложение|утвержд[её]н\w*)(?:\s|$|[.:])", re.IGNORECASE)
_APPROVAL_GOES_ON_RE = re.compile(r"^(?:к\s|от\s|№|приказ|постановлени|распоряжени)", re.I)
_APPROVAL_LINES = 5
# The signature under a roadmap starts with the signatory's position.
_SIGNATORY_RE = re.compile(
    r"^(?:начальник|заведующ|руководител|директор|глава|председател|заместител|исполняющ|"
    r"и\.\s?о\.|врио)",
    re.IGNORECASE,
)
_SIGNATURE_LINES = 3


def find_title(lines: list[TextLine]) -> str | None:
    """The line naming the roadmap nearest the table, with the lines that continue it."""
    index = _last_index(lines, _is_title_line)
    if index is None:
        index = _last_index(lines, _is_bold_caption)
    if index is None:
        index = _heading_above_table(lines)
    if index is None:
        return None
    title_line = lines[index]
    parts = [title_line.text]
    for line in lines[index + 1 : index + 1 + _TITLE_CONTINUATION_LINES]:
        goes_on = line.text[:1].islower() or line.text.startswith(("(", "«"))
        if not (goes_on or (title_line.bold and line.bold)) or _NOT_TITLE_RE.match(line.text):
            break
        parts.append(line.text)
    return clean(" ".join(parts))


def _last_index(lines: list[TextLine], accept) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if accept(lines[index]):
            return index
    return None


def _is_title_line(line: TextLine) -> bool:
    return (
        len(line.text) <= _MAX_TITLE_LENGTH
        and bool(_TITLE_WORDS_RE.search(line.text))
        and not _NOT_TITLE_RE.match(line.text)
    )


def _is_bold_caption(line: TextLine) -> bool:
    return (
        line.bold
        and 15 <= len(line.text) <= _MAX_TITLE_LENGTH
        and not _NOT_TITLE_RE.match(line.text)
        and not _SECTION_CAPTION_RE.match(line.text)
    )


def _heading_above_table(lines: list[TextLine]) -> int | None:
    """The heading right above the table, or above the caption of its first section
    («1. Организационные мероприятия»)."""
    candidates = lines[-1:]
    if len(lines) >= 2 and _SECTION_CAPTION_LINE_RE.match(lines[-1].text):
        candidates = lines[-2:-1]
    for line in candidates:
        if _is_heading(line):
            return lines.index(line)
    return None


def _is_heading(line: TextLine) -> bool:
    """A sentence naming what follows: several words, not an approval, order or date line."""
    return (
        _is_bold_caption(TextLine(line.text, bold=True))
        and len(line.text.split()) >= _MIN_HEADING_WORDS
        and not _APPROVAL_RE.search(line.text)
        and not _ORDER_RE.search(line.text)
        and not line.text.endswith((":", ","))
    )


def find_municipality(texts: list[str]) -> str | None:
    """ "Знаменский район", "Хлевенский муниципальный район"; a genitive form ("администрации
    Знаменского района") is turned to the nominative."""
    for text in texts:
        match = _MUNICIPALITY_RE.search(text)
        if match:
            return clean(match.group(1))
    for text in texts:
        match = _NAMED_MUNICIPALITY_RE.search(text)
        if match:
            return clean(f"{_kind_nominative(match.group(1))} {match.group(2)}")
    for pattern in (_MUNICIPALITY_GENITIVE_RE, _MUNICIPALITY_OBLIQUE_RE):
        for text in texts:
            match = pattern.search(text)
            if match:
                return _nominative(*match.groups())
    return None


def _kind_nominative(kind: str) -> str:
    """ "муниципального образования" → "муниципальное образование"."""
    words = fold(kind).split()
    for adjective, nouns in _NAMED_MUNICIPALITY_KINDS.items():
        if words[0].startswith(adjective):
            for noun, nominative in nouns.items():
                if words[-1].startswith(noun):
                    return nominative
    return "муниципальный округ" if words[0].startswith("муниципальн") else kind


def _nominative(adjective: str, qualifier: str | None, noun: str) -> str:
    for ending, replacement in _GENITIVE_ENDINGS:
        if adjective.endswith(ending):
            adjective = adjective[: -len(ending)] + replacement
            break
    words = [adjective]
    if qualifier:
        words.append(next(v for k, v in _QUALIFIERS.items() if qualifier.startswith(k)))
    words.append(noun[:5])  # района, районе, району → район; округа → округ
    return " ".join(words)


def find_period(texts: list[str]) -> str | None:
    """ "2019-2021" for a range of years, "2023/24 учебный год" for a school year, "2021" for
    «на 2021 год»."""
    for text in texts:
        for match in _PERIOD_RANGE_RE.finditer(text):
            first, separator, last, school = match.groups()
            if not _is_year_range(first, last):
                continue  # "2021-05" is a date or an order number, not a period
            if school or separator == "/":
                return f"{first}{'/' if separator == '/' else '-'}{last} учебный год"
            return f"{first}-{last}"
        match = _PERIOD_YEAR_RE.search(text)
        if match:
            return match.group(1)
    return None


def _is_year_range(first: str, last: str) -> bool:
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    return start < end <= start + _MAX_PERIOD_YEARS


def find_order(lines: list[TextLine]) -> ApprovingOrder | None:
    """The order (приказ, постановление, распоряжение) that approved the roadmap, with its
    number and date, which may sit on the lines after the word «Приказ» (a letterhead).
    «Утверждена приказом …» and a letterhead come before a mere mention of some order."""
    texts = [line.text for line in lines]
    for index in sorted(range(len(texts)), key=lambda i: _order_line_rank(texts[i])):
        text = texts[index]
        match = _ORDER_RE.search(text)
        if not match:
            continue
        window = " ".join(texts[index : index + _ORDER_WINDOW])[match.start() :]
        number = _ORDER_NUMBER_RE.search(window)
        date = _find_date(window)
        if number or date:
            return ApprovingOrder(
                kind=_ORDER_KINDS[match.group(1).lower()],
                number=number.group(1).rstrip(".") if number else None,
                date=date,
                subject=next((t for t in texts if _ORDER_SUBJECT_RE.match(t)), None),
            )
    return None


def _order_line_rank(text: str) -> int:
    if _APPROVAL_RE.search(text):
        return 0
    if _ORDER_RE.fullmatch(text.strip(" :")):
        return 1
    return 2


def _find_date(text: str) -> str | None:
    numeric = _NUMERIC_DATE_RE.search(text)
    words = _WORD_DATE_RE.search(text)
    if numeric and (not words or numeric.start() < words.start()):
        day, month, year = numeric.groups()
        if len(year) == 2:
            year = "20" + year
        return f"{int(day):02d}.{int(month):02d}.{year}"
    if words:
        day, month, year = words.groups()
        return f"{int(day):02d}.{MONTHS_GENITIVE.index(month.lower()) + 1:02d}.{year}"
    return None


def find_approval(lines: list[TextLine]) -> list[str]:
    """The approval block as written, line by line («Приложение № 1», «к приказу отдела
    образования», «от 03.09.2019 № 55»); [] when the document has none."""
    for index, line in enumerate(lines):
        if not _APPROVAL_BLOCK_RE.match(line.text):
            continue
        block = [line.text]
        for following in lines[index + 1 : index + _APPROVAL_LINES]:
            text = following.text
            if not (text[:1].islower() or _APPROVAL_GOES_ON_RE.match(text)):
                break
            block.append(text)
        return block
    return []


def is_signatory(text: str) -> bool:
    """Whether a line opens a signature: «Начальник отдела образования», «И. о. директора»."""
    return bool(_SIGNATORY_RE.match(text))


def find_signature(lines: list[TextLine]) -> list[str]:
    """The signature under the roadmap: the signatory's position and the lines after it."""
    for index, line in enumerate(lines):
        if is_signatory(line.text):
            return [following.text for following in lines[index : index + _SIGNATURE_LINES]]
    return []
