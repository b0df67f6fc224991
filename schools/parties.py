"""Executor names as roadmaps write them: splitting a cell into parties and matching known ones."""

import re

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


def normalise_name(name: str) -> str:
    """Key for comparing names: case, quotes, dots and spacing do not matter."""
    name = (name or "").translate(_QUOTES).lower().replace("ё", "е")
    name = re.sub(r"[.\"]", "", name)
    return _SPACES.sub(" ", name).strip()


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
