"""Roadmap rows rendered once and reused: a 1,000-activity page spends most of its time in the
template, and most rows have not changed since the last visit.

A row's cache key is a digest of everything the row shows (the activity's text, its executors,
each year cell's plan, status, schedule and links, what the person may do), of the row
template and of the portal's code (`markup_digest`): any change gives a new key, so nothing is
ever invalidated by hand and a stale row cannot be served. Keys live under the cache's
KEY_PREFIX like every other cache entry.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from programs.fingerprint import markup_digest

logger = logging.getLogger(__name__)
ROW_TEMPLATE = "programs/program_detail.html#activity_row"
ROW_SECONDS = 7 * 24 * 3600  # unused rows simply expire
_MARKUP = markup_digest("programs/program_detail.html")


def _row_key(activity, can_edit: bool, can_mark: bool) -> str:
    shown = (
        activity.pk,
        activity.number,
        activity.title,
        activity.deadline,
        activity.executors_text,
        activity.result_name,
        activity.planned_value,
        activity.indicator_text,
        activity.detail_url,
        activity.edit_url,
        activity.delete_url,
        activity.move_url,
        [
            (link.party.name, link.party.short_name, link.party.aliases)
            for link in activity.executor_list
        ],
        [
            (
                y.pk,
                y.year,
                y.planned_text,
                y.status,
                y.status_label,
                y.is_due,
                y.is_overdue,
                y.due_text,
                y.due.recognised if y.is_due else None,
                y.carry_label,
                y.actual_value,
                y.edit_url,
            )
            for y in activity.year_cells
        ],
        can_edit,
        can_mark,
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"roadmap-row:{_MARKUP}:{digest}"


def attach_row_html(activities, *, can_edit: bool, can_mark: bool) -> None:
    """Set `row_html` on each activity (with the roadmap's links and schedule attached): from
    the cache, or rendered now and cached."""
    keys = {activity.pk: _row_key(activity, can_edit, can_mark) for activity in activities}
    try:
        cached = cache.get_many(list(keys.values()))
    except Exception:  # redis or connection errors: a cache that is down only costs time
        logger.exception("Кэш строк дорожной карты недоступен")
        cached = None
    template = get_template(ROW_TEMPLATE)
    rendered = {}
    for activity in activities:
        key = keys[activity.pk]
        html = cached.get(key) if cached else None
        if html is None:
            html = rendered[key] = template.render(
                {"activity": activity, "can_edit": can_edit, "can_mark": can_mark}
            )
        activity.row_html = mark_safe(html)  # the template's own, escaped, output
    if rendered and cached is not None:
        cache.set_many(rendered, ROW_SECONDS)
