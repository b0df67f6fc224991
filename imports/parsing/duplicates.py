"""Blocks of rows pasted twice: keep the first copy, drop the repeat with a warning."""

from __future__ import annotations

from .model import ParseWarning, Section

MSG_REPEATED_ROW = "Строка повторяет строку {row} (блок вставлен повторно) и пропущена"
MSG_REPEATED_SECTION = "Раздел «{title}» повторяет раздел выше и пропущен"


def drop_pasted_repeats(sections: list[Section], warnings: list[ParseWarning]) -> None:
    """An activity equal in every field to an earlier one is a pasted repeat when it belongs to
    a run of such repeats (a block), or repeats a numbered row of the same section. A single
    unnumbered row may legitimately recur («Заседание рабочей группы») and is kept."""
    flat = [
        (position, activity) for position, s in enumerate(sections) for activity in s.activities
    ]
    first_index: dict[tuple, int] = {}
    originals: list[int | None] = []
    for index, (_, activity) in enumerate(flat):
        key = activity.content_key()
        originals.append(first_index.get(key))
        first_index.setdefault(key, index)

    repeats: set[int] = set()
    for index, original in enumerate(originals):
        if original is None:
            continue
        in_block = (index > 0 and originals[index - 1] == original - 1) or (
            index + 1 < len(originals) and originals[index + 1] == original + 1
        )
        section, activity = flat[index]
        numbered_in_section = activity.number is not None and flat[original][0] == section
        if in_block or numbered_in_section:
            repeats.add(index)
            first = flat[original][1]
            warnings.append(
                ParseWarning(activity.table, activity.row, MSG_REPEATED_ROW.format(row=first.row))
            )
    if not repeats:
        return
    dropped = {id(flat[index][1]) for index in repeats}
    touched = []
    for section in sections:
        kept = [a for a in section.activities if id(a) not in dropped]
        if len(kept) < len(section.activities):
            touched.append(section)
        section.activities = kept
    _drop_repeated_sections(sections, touched, warnings)


def _drop_repeated_sections(
    sections: list[Section], touched: list[Section], warnings: list[ParseWarning]
) -> None:
    """A section that lost pasted repeats, and is named like an earlier one, was pasted too:
    it goes, and the rows after the repeat (the paste went on) join the earlier section when
    that is the section they continue (no other section with rows between)."""
    for section in touched:
        position = next(i for i, s in enumerate(sections) if s is section)
        earlier = [
            s
            for s in sections[:position]
            if (s.number, s.title, s.level) == (section.number, section.title, section.level)
        ]
        if not earlier:
            continue
        between = [s for s in sections[sections.index(earlier[-1]) + 1 : position] if s.activities]
        if section.activities and between:
            continue  # a section of the same name further on is a section of its own
        earlier[-1].activities.extend(section.activities)
        sections.pop(position)
        title = " ".join(filter(None, (section.number, section.title))) or "без названия"
        warnings.append(
            ParseWarning(section.table, section.row, MSG_REPEATED_SECTION.format(title=title))
        )
