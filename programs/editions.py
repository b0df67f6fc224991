"""Editions of a roadmap (редакции): what a snapshot holds and what changed between two.

Pure functions over plain data: a snapshot is a JSON-ready dict made from the roadmap's
sections and activities, stored with each approved edition; the change list (лист изменений)
compares any two snapshots field by field. Execution marks are not part of an edition: an order
approves the plan, not its execution.
"""

from dataclasses import dataclass, field

# The plan fields of an activity an order approves, with their Russian names, in table order.
ACTIVITY_FIELDS = {
    "section": "раздел",
    "number": "номер",
    "title": "наименование",
    "deadline": "срок",
    "executors": "исполнители",
    "responsible": "ответственное лицо",
    "result": "результат",
    "planned_value": "плановое значение",
    "indicator": "показатель",
}
SNAPSHOT_VERSION = 1


class ChangeKind:
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


CHANGE_LABELS = {
    ChangeKind.ADDED: "добавлено",
    ChangeKind.REMOVED: "исключено",
    ChangeKind.CHANGED: "изменено",
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    kind: str
    number: str
    title: str
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return CHANGE_LABELS[self.kind]


def snapshot(sections, activities, year_labels: dict[int, str]) -> dict:
    """The roadmap's plan as a JSON-ready dict.

    `sections`: objects with pk, number, title (in roadmap order); `activities`: objects with pk,
    section_id, number, title, deadline, executors_text, result_name, planned_value,
    indicator_text, an optional `responsible_label` and `year_cells` (objects with year and
    planned_text), in roadmap order. Activities are keyed by id, which survives renumbering.
    """
    section_titles = {
        section.pk: " ".join(part for part in (section.number, section.title) if part)
        for section in sections
    }
    rows = []
    for activity in activities:
        plan = {
            year_labels.get(cell.year, str(cell.year)): cell.planned_text
            for cell in activity.year_cells
        }
        rows.append(
            {
                "id": activity.pk,
                "section": section_titles.get(activity.section_id, ""),
                "number": activity.number,
                "title": activity.title,
                "deadline": activity.deadline,
                "executors": activity.executors_text,
                "responsible": getattr(activity, "responsible_label", ""),
                "result": activity.result_name,
                "planned_value": activity.planned_value,
                "indicator": activity.indicator_text,
                "plan": plan,
            }
        )
    return {"version": SNAPSHOT_VERSION, "activities": rows}


def _plan_changes(before: dict, after: dict) -> list[FieldChange]:
    years = list(dict.fromkeys([*before, *after]))
    return [
        FieldChange(f"план на {year}", before.get(year, ""), after.get(year, ""))
        for year in years
        if before.get(year, "") != after.get(year, "")
    ]


def _field_changes(before: dict, after: dict) -> list[FieldChange]:
    changes = [
        FieldChange(label, before.get(name, ""), after.get(name, ""))
        for name, label in ACTIVITY_FIELDS.items()
        if before.get(name, "") != after.get(name, "")
    ]
    return changes + _plan_changes(before.get("plan", {}), after.get("plan", {}))


def _as_fields(row: dict) -> list[FieldChange]:
    """An added or removed activity: its filled fields, to read what came or went."""
    empty = {name: "" for name in ACTIVITY_FIELDS} | {"plan": {}}
    return [change for change in _field_changes(empty, row) if change.after]


def diff_snapshots(before: dict | None, after: dict) -> list[Change]:
    """The change list from `before` to `after`: changed and added activities in the order of
    `after`, then removed ones in the order of `before`. `before` None: everything is added."""
    old_rows = {row["id"]: row for row in (before or {}).get("activities", [])}
    new_ids = {row["id"] for row in after.get("activities", [])}
    changes = []
    for row in after.get("activities", []):
        old = old_rows.get(row["id"])
        if old is None:
            changes.append(Change(ChangeKind.ADDED, row["number"], row["title"], _as_fields(row)))
        elif fields := _field_changes(old, row):
            changes.append(Change(ChangeKind.CHANGED, row["number"], row["title"], fields))
    for row_id, old in old_rows.items():
        if row_id not in new_ids:
            removed = [FieldChange(c.label, c.after, "") for c in _as_fields(old)]
            changes.append(Change(ChangeKind.REMOVED, old["number"], old["title"], removed))
    return changes


def order_phrase(order_date, order_number: str) -> str:
    """«в редакции приказа от 12.03.2022 № 41»."""
    return f"в редакции приказа от {order_date:%d.%m.%Y} № {order_number}"
