"""The audit trail as people read it: who changed what and when, old value → new value.

Values are shown as the pages show them (display.formats): names instead of ids, local time
«ДД.ММ.ГГГГ ЧЧ:ММ», Russian numbers; technical fields (versions, order, timestamps) are left out.
"""

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, Window, prefetch_related_objects
from django.db.models.functions import Lead
from django.utils.text import capfirst
from simple_history.utils import get_m2m_reverse_field_name

from display.formats import (
    NO_VALUE,
    format_date_short,
    format_datetime,
    format_number,
    format_person,
)
from programs.selectors import grouped

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


def _key(record) -> tuple:
    """History ids are unique within one history table, not across the models of a page."""
    return type(record), record.history_id


def _previous_records(records) -> dict:
    """{_key(record): the record before it} for the changes among the records: one query per
    history model, where `record.prev_record` costs a query per record (and per use)."""
    previous = {}
    by_model = grouped((record for record in records if record.history_type == "~"), type)
    for model, changed in by_model.items():
        pk = changed[0].instance_type._meta.pk.attname
        rows = (
            model._default_manager.filter(**{f"{pk}__in": {getattr(r, pk) for r in changed}})
            .annotate(
                next_history_id=Window(
                    Lead("history_id"),
                    partition_by=F(pk),
                    order_by=[F("history_date").asc(), F("history_id").asc()],
                )
            )
            .filter(next_history_id__in=[record.history_id for record in changed])
        )
        previous.update(((model, row.next_history_id), row) for row in rows)
    return previous


def _m2m_changes(pairs) -> dict:
    """{_key(record): [Change]} of the many-to-many fields, compared as sets of linked ids: one
    query per field, where diff_against reads both sides' link rows per record."""
    changes = defaultdict(list)
    for of_model in grouped(pairs, lambda pair: type(pair[0])).values():
        for m2m in of_model[0][0]._history_m2m_fields:
            link_model = getattr(of_model[0][0], m2m.name).model  # a manager: no query
            target = get_m2m_reverse_field_name(m2m)
            history_ids = {r.history_id for record, old in of_model for r in (record, old)}
            linked = defaultdict(set)
            for history_id, target_id in link_model._default_manager.filter(
                history_id__in=history_ids
            ).values_list("history_id", target):
                linked[history_id].add(target_id)
            for record, old in of_model:
                before, after = linked[old.history_id], linked[record.history_id]
                if before != after:
                    changes[_key(record)].append(
                        Change(
                            capfirst(str(m2m.verbose_name)),
                            f"{len(before)} шт",
                            f"{len(after)} шт",
                        )
                    )
    return changes


def _label_paths(obj, depth=2) -> list[str]:
    """The foreign keys (and theirs, `a__b`) that have been read into `obj`."""
    paths = []
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.is_cached(obj):
            paths.append(field.name)
            related = field.get_cached_value(obj)
            if depth > 1 and related is not None:
                paths += [f"{field.name}__{path}" for path in _label_paths(related, depth - 1)]
    return paths


def _object_labels(records) -> dict:
    """{_key(record): str() of the object as it was}. A model's __str__ may name related objects
    (an activity year names its activity): the first object of each model shows which ones, and
    they are fetched for the rest at once, one query per relation."""
    labels = {}
    for _model, group in grouped(records, type).items():
        objects = [record.history_object for record in group]
        with suppress(ObjectDoesNotExist):
            str(objects[0])
        prefetch_related_objects(objects[1:], *_label_paths(objects[0]))
        for record, obj in zip(group, objects, strict=True):
            try:
                labels[_key(record)] = str(obj)
            except ObjectDoesNotExist:  # it names an object deleted since
                labels[_key(record)] = f"{obj._meta.verbose_name} (удалено)"
    return labels


def history_entries(*record_querysets, limit=100):
    """Newest first, across several models' history (e.g. a program and its activities), in a
    number of queries that does not grow with the entries."""
    records = sorted(
        chain.from_iterable(
            queryset.select_related("history_user").order_by("-history_date")[:limit]
            for queryset in record_querysets
        ),
        key=lambda record: record.history_date,
        reverse=True,
    )[:limit]
    previous = _previous_records(records)
    pairs = [(record, previous[_key(record)]) for record in records if _key(record) in previous]
    deltas = [
        (record, record.diff_against(old, excluded_fields=_m2m_names(record)))
        for record, old in pairs
    ]
    related = _related_names(deltas)
    m2m = _m2m_changes(pairs)
    delta_of = {_key(record): delta for record, delta in deltas}
    labels = _object_labels(records)
    entries = []
    for record in records:
        delta = delta_of.get(_key(record))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=format_person(record.history_user) if record.history_user else "система",
                action=ACTION_LABELS.get(record.history_type, record.history_type),
                object_label=labels[_key(record)],
                model_label=str(record.instance_type._meta.verbose_name),
                changes=[
                    *(_changes(record, delta, related) if delta else []),
                    *m2m[_key(record)],
                ],
            )
        )
    return entries


def _m2m_names(record) -> set[str]:
    return {field.name for field in record._history_m2m_fields}
