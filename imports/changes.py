"""What an import would change in a program's roadmap: activities added, removed and changed.

Pure: both sides are the trees ``imports.services.roadmap_tree`` gives (the current roadmap is
read into the same shape by ``imports.selectors.current_roadmap_tree``). An activity of the
document is the same as a current one when their numbers agree (numbers unique on both sides),
else when their titles agree apart from case, spacing and punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The activity's fields a person reads in the roadmap, with their names on the preview.
COMPARED_FIELDS = {
    "title": "наименование",
    "deadline": "срок",
    "responsible": "исполнители",
    "result": "результат",
    "planned_value": "плановое значение",
    "indicator": "показатель",
}
_PUNCTUATION_RE = re.compile(r"[^\w]+")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ActivityChange:
    number: str
    title: str
    section: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class RoadmapChanges:
    added: list[ActivityChange] = field(default_factory=list)
    removed: list[ActivityChange] = field(default_factory=list)
    changed: list[ActivityChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _flat(rows: dict) -> list[tuple[str, dict]]:
    return [
        (" ".join(filter(None, (section.get("number"), section.get("title")))), activity)
        for section in rows["sections"]
        for activity in section["activities"]
    ]


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _number_key(activity: dict) -> str:
    return _text(activity.get("number")).rstrip(".)")


def _title_key(activity: dict) -> str:
    return _PUNCTUATION_RE.sub(" ", _text(activity.get("title")).lower().replace("ё", "е")).strip()


def _unique_keys(indices: list[int], items: list[tuple[str, dict]], key) -> dict[str, int]:
    """{key: index} of the items whose key is not empty and not shared with another item."""
    found: dict[str, list[int]] = {}
    for index in indices:
        if value := key(items[index][1]):
            found.setdefault(value, []).append(index)
    return {value: indices[0] for value, indices in found.items() if len(indices) == 1}


def _described(section: str, activity: dict) -> ActivityChange:
    return ActivityChange(_text(activity.get("number")), _text(activity.get("title")), section)


def _field_changes(old: dict, new: dict) -> list[FieldChange]:
    changes = [
        FieldChange(label, _text(old.get(name)), _text(new.get(name)))
        for name, label in COMPARED_FIELDS.items()
        if _text(old.get(name)) != _text(new.get(name))
    ]
    old_years, new_years = old.get("years") or {}, new.get("years") or {}
    for year in sorted(set(old_years) | set(new_years)):
        before, after = _text(old_years.get(year)), _text(new_years.get(year))
        if before != after:
            changes.append(FieldChange(f"план {year}", before, after))
    return changes


def matched_activities(current: dict, incoming: dict) -> dict[int, int]:
    """{index of a document's activity: index of the current activity it is}, both counted
    through the roadmap in order; activities missing on either side are absent."""
    old, new = _flat(current), _flat(incoming)
    pairs: dict[int, int] = {}  # index in new → index in old
    for key in (_number_key, _title_key):
        taken = set(pairs.values())
        old_keys = _unique_keys([i for i in range(len(old)) if i not in taken], old, key)
        new_keys = _unique_keys([i for i in range(len(new)) if i not in pairs], new, key)
        for value, index in new_keys.items():
            if value in old_keys:
                pairs[index] = old_keys[value]
    return pairs


def roadmap_changes(current: dict, incoming: dict) -> RoadmapChanges:
    old, new = _flat(current), _flat(incoming)
    pairs = matched_activities(current, incoming)
    changes = RoadmapChanges()
    for index, (section, activity) in enumerate(new):
        if index not in pairs:
            changes.added.append(_described(section, activity))
            continue
        fields = _field_changes(old[pairs[index]][1], activity)
        if fields:
            change = _described(section, activity)
            change.fields = fields
            changes.changed.append(change)
        else:
            changes.unchanged += 1
    matched = set(pairs.values())
    changes.removed = [_described(s, a) for i, (s, a) in enumerate(old) if i not in matched]
    return changes
