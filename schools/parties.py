"""Executor names as roadmaps write them: splitting a cell into parties and matching known ones."""

import re
from difflib import SequenceMatcher
from functools import lru_cache

_SEPARATORS = re.compile(r"[,;\n]")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "'": '"'})


def split_executor_text(text: str) -> list[str]:
    """Split an executor cell ("ИМЦ, ЦРО") into names, keeping commas inside quotes.

    The order is kept: roadmaps name the lead executor first.
    """
    names, current, depth = [], [], 0
    for char in text or "":
        if char in "«(":
            depth += 1
        elif char in "»)" and depth:
            depth -= 1
        if depth == 0 and _SEPARATORS.match(char):
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    cleaned = (_SPACES.sub(" ", name).strip(" .-–") for name in names)
    return [name for name in cleaned if name]


def split_executor_lines(lines: list[str]) -> list[str]:
    """Split an executor cell written over several lines: each line names its own party
    («МБУ ДПО МиРЦ» / «ОО»), unless it goes on with the name above (it starts in lowercase, or
    the line above breaks off after a hyphen, an opening quote or bracket, or inside quotes)."""
    joined: list[str] = []
    for line in lines:
        line = _SPACES.sub(" ", line).strip()
        if not line:
            continue
        if joined and _goes_on(joined[-1], line):
            joined[-1] = joined[-1] + ("" if joined[-1].endswith("-") else " ") + line
        else:
            joined.append(line)
    return [name for line in joined for name in split_executor_text(line)]


def _goes_on(previous: str, line: str) -> bool:
    first_letter = next((char for char in line if char.isalpha()), "")
    opened = previous.count("«") - previous.count("»") + previous.count("(") - previous.count(")")
    return (
        first_letter.islower()
        or previous.endswith(("-", "«", "(", '"'))
        or opened > 0
        or previous.count('"') % 2 == 1
    )


# An organisational form glued to the name («МБОУ«Школа»», «МОУСОШ № 1») or a number sign
# glued to its number: spacing that varies from document to document.
_FORM_RE = re.compile(r"\b(м[бак]?(?:оу|у|доу|оудо|удо)|гб?оу|ано|дпо)(?=[^\sа-яa-z]|сош|оош|нош)")
_NUMBER_SIGN_RE = re.compile(r"№\s*")


# Pages name the same parties on many rows (a roadmap, the dashboard's overdue list): each name
# is normalised once.
@lru_cache(maxsize=10_000)
def normalise_name(name: str) -> str:
    """Key for comparing names: case, quotes, dots and spacing do not matter, nor whether the
    organisational form (МБОУ, МОУ …) or «№» is written apart from what follows."""
    name = (name or "").translate(_QUOTES).lower().replace("ё", "е")
    name = re.sub(r"[.\"]", " ", name)
    name = _FORM_RE.sub(r"\1 ", name)
    name = _NUMBER_SIGN_RE.sub("№ ", name)
    return _SPACES.sub(" ", name).strip()


_SIMILAR_RATIO = 0.8


def resembles(written_name: str, known_name: str) -> bool:
    """Whether a name not matched exactly may still mean the known one: nearly the same letters,
    the words of one all in the other, or the initials of its words («ИМЦ» for
    «Информационно-методический центр»). Such a match is doubtful: a person decides."""
    written, known = normalise_name(written_name), normalise_name(known_name)
    if not written or not known:
        return False
    if SequenceMatcher(None, written, known).ratio() >= _SIMILAR_RATIO:
        return True
    shorter, longer = sorted((set(written.split()), set(known.split())), key=len)
    # Every word of one is in the other («ИМЦ» in «ИМЦ района»); a lone short word says little.
    if shorter <= longer and (len(shorter) >= 2 or len(min(shorter, key=len)) >= 3):
        return True
    initials = "".join(word[0] for word in re.split(r"[\s-]+", known) if word)
    return len(written) >= 2 and written.replace(" ", "") == initials


def aliases_of(name: str, short_name: str = "", aliases: str = "") -> list[str]:
    """Every way a party is written: full name, short name and one alias per line."""
    candidates = [name, short_name, *(aliases or "").splitlines()]
    return [candidate.strip() for candidate in candidates if candidate and candidate.strip()]


def match_party(written_name: str, parties) -> object | None:
    """The party whose name, short name or alias equals the written name, if exactly one does."""
    key = normalise_name(written_name)
    found = [party for party in parties if key in {normalise_name(n) for n in party.all_names}]
    return found[0] if len(found) == 1 else None


def school_link_suggestions(parties, schools) -> list[tuple[object, object]]:
    """(party, school) pairs where a party not yet linked to a school is written exactly as one
    school is named (full or short name, any alias), each school suggested once at most.

    A specialist confirms each pair: names are matched, never linked silently.
    """
    by_name = {}
    for school in schools:
        for name in (school.name, school.short_name):
            if name:
                by_name.setdefault(normalise_name(name), set()).add(school)
    linked = {party.school_id for party in parties if party.school_id}
    pairs, taken = [], set()
    for party in parties:
        if party.school_id:
            continue
        found = set().union(*(by_name.get(normalise_name(n), set()) for n in party.all_names))
        if len(found) == 1:
            school = found.pop()
            if school.pk not in linked and school.pk not in taken:
                pairs.append((party, school))
                taken.add(school.pk)
    return pairs
