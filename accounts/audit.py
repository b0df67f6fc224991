"""The audit trail as people read it: who changed what and when, old value → new value."""

from dataclasses import dataclass
from itertools import chain

from django.utils.text import capfirst

ACTION_LABELS = {"+": "создание", "~": "изменение", "-": "удаление"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    action: str
    object_label: str
    model_label: str
    changes: list[Change]


def _display(record, field_name, value):
    field = record.instance_type._meta.get_field(field_name)
    if getattr(field, "choices", None):
        value = dict(field.flatchoices).get(value, value)
    if value in (None, ""):
        return "—"
    if isinstance(value, list):  # many-to-many fields in the diff: rows of the link table
        return f"{len(value)} шт"
    return str(value)


def field_changes(record, previous) -> list[Change]:
    """Fields that differ between two history records of one object, old → new."""
    delta = record.diff_against(previous)
    return [
        Change(
            field=capfirst(str(record.instance_type._meta.get_field(change.field).verbose_name)),
            old=_display(record, change.field, change.old),
            new=_display(record, change.field, change.new),
        )
        for change in delta.changes
    ]


def history_entries(*record_querysets, limit=100):
    """Newest first, across several models' history (e.g. a program and its activities)."""
    records = sorted(
        chain.from_iterable(
            queryset.select_related("history_user").order_by("-history_date")[:limit]
            for queryset in record_querysets
        ),
        key=lambda record: record.history_date,
        reverse=True,
    )[:limit]
    entries = []
    for record in records:
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "система",
                action=ACTION_LABELS.get(record.history_type, record.history_type),
                object_label=str(record.instance),
                model_label=str(record.instance_type._meta.verbose_name),
                changes=(
                    field_changes(record, record.prev_record)
                    if record.history_type == "~" and record.prev_record
                    else []
                ),
            )
        )
    return entries
