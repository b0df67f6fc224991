"""The audit trail as people read it: who changed what and when, old value → new value.

Values are shown as the pages show them (display.formats): names instead of ids, local time
«ДД.ММ.ГГГГ ЧЧ:ММ», Russian numbers; technical fields (versions, order, timestamps) are left out.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain

from django.contrib.auth import get_user_model
from django.utils.text import capfirst

from display.formats import (
    NO_VALUE,
    format_date_short,
    format_datetime,
    format_number,
    format_person,
)

ACTION_LABELS = {"+": "создание", "~": "изменение", "-": "удаление"}
# Bookkeeping, not content: optimistic-locking versions and the order of rows in a table.
TECHNICAL_FIELDS = {"version", "position"}


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


def _is_shown(field) -> bool:
    return field.editable and field.name not in TECHNICAL_FIELDS


def _related_names(deltas) -> dict:
    """{(model, pk): label} of every object a foreign key in the deltas points to: one query per
    related model, however many changes name it."""
    wanted = defaultdict(set)
    for record, delta in deltas:
        for change in delta.changes:
            field = record.instance_type._meta.get_field(change.field)
            if field.many_to_one or field.one_to_one:
                wanted[field.related_model].update(
                    value for value in (change.old, change.new) if value not in (None, "")
                )
    names = {}
    user_model = get_user_model()
    for model, pks in wanted.items():
        for pk, obj in model._default_manager.in_bulk(pks).items():
            names[model, pk] = format_person(obj) if model is user_model else str(obj)
    return names


def _display(field, value, related) -> str:
    if getattr(field, "choices", None):
        value = dict(field.flatchoices).get(value, value)
    if value in (None, ""):
        return NO_VALUE
    if isinstance(value, list):  # many-to-many fields in the diff: rows of the link table
        return f"{len(value)} шт"
    if field.many_to_one or field.one_to_one:
        return related.get((field.related_model, value), "удалено")
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date_short(value)
    if isinstance(value, Decimal | float):
        return format_number(value)
    return str(value)  # ints too: a year stays «2023»


def _changes(record, delta, related) -> list[Change]:
    meta = record.instance_type._meta
    changes = []
    for change in delta.changes:
        field = meta.get_field(change.field)
        if _is_shown(field):
            changes.append(
                Change(
                    field=capfirst(str(field.verbose_name)),
                    old=_display(field, change.old, related),
                    new=_display(field, change.new, related),
                )
            )
    return changes


def field_changes(record, previous) -> list[Change]:
    """Fields that differ between two history records of one object, old → new."""
    deltas = [(record, record.diff_against(previous))]
    return _changes(record, deltas[0][1], _related_names(deltas))


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
    deltas = [
        (record, record.diff_against(record.prev_record))
        for record in records
        if record.history_type == "~" and record.prev_record
    ]
    related = _related_names(deltas)
    delta_of = {id(record): delta for record, delta in deltas}
    entries = []
    for record in records:
        delta = delta_of.get(id(record))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=format_person(record.history_user) if record.history_user else "система",
                action=ACTION_LABELS.get(record.history_type, record.history_type),
                object_label=str(record.instance),
                model_label=str(record.instance_type._meta.verbose_name),
                changes=_changes(record, delta, related) if delta else [],
            )
        )
    return entries
