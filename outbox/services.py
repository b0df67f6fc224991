"""Ordering Celery tasks so that none is lost.

`enqueue(task, *args)` writes the order in the caller's transaction and hands it to the broker
once that transaction commits. If the broker is down (the publish fails fast: see the
CELERY_BROKER_CONNECTION_TIMEOUT and publish retry settings), the write still stands, the order
stays pending with its error and the number of attempts, and the sweeper (`sweep`, run by beat
every minute) hands it over later. Tasks ordered this way must be idempotent: an order may reach
the worker twice (the sweeper and a slow web process may both hand it over).

During a web request the orders that could not be handed over are counted, and
`outbox.middleware.deferred_orders` tells the person «поставлено в очередь, будет выполнено
позже» instead of an error.
"""

import contextvars
import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import PendingTask

logger = logging.getLogger(__name__)

# How long a fresh order is left to the process that made it before the sweeper takes over.
HANDOVER_GRACE = timedelta(seconds=30)
# A pending order is tried again after 1, 2, 4 … minutes, at most this often.
LONGEST_BACKOFF = timedelta(minutes=10)
# Handed-over orders are kept this long, for the record.
KEEP_SENT = timedelta(days=7)

_deferred_in_request = contextvars.ContextVar("outbox_deferred_in_request", default=None)


def enqueue(task, *args) -> PendingTask:
    """Order `task(*args)` once the current transaction commits (at once outside one)."""
    order = PendingTask.objects.create(
        task=task.name, args=list(args), next_attempt_at=timezone.now() + HANDOVER_GRACE
    )
    transaction.on_commit(partial(hand_over, order, task))
    return order


def hand_over(order: PendingTask, task=None) -> bool:
    """Give one order to the broker; on failure record why and when to try again."""
    task = task or current_app.tasks[order.task]
    try:
        task.apply_async(args=order.args)
    except Exception as error:  # kombu, redis, socket or (eager mode) the task's own error
        order.attempts += 1
        order.last_error = f"{type(error).__name__}: {error}"[:2000]
        backoff = min(timedelta(minutes=2 ** min(order.attempts - 1, 10)), LONGEST_BACKOFF)
        order.next_attempt_at = timezone.now() + backoff
        PendingTask.objects.filter(pk=order.pk, state=PendingTask.State.PENDING).update(
            attempts=order.attempts,
            last_error=order.last_error,
            next_attempt_at=order.next_attempt_at,
        )
        logger.warning("Поручение %s не передано в очередь: %s", order, order.last_error)
        deferred = _deferred_in_request.get()
        if deferred is not None:
            deferred.append(order.pk)
        return False
    order.state, order.sent_at = PendingTask.State.SENT, timezone.now()
    PendingTask.objects.filter(pk=order.pk).update(state=order.state, sent_at=order.sent_at)
    return True


def sweep(now=None) -> int:
    """Hand over the pending orders that are due; forget old handed-over ones. Returns how many
    were handed over."""
    now = now or timezone.now()
    due = PendingTask.objects.filter(state=PendingTask.State.PENDING, next_attempt_at__lte=now)
    handed = 0
    for order in due[: settings.OUTBOX_SWEEP_BATCH]:
        handed += hand_over(order)
    PendingTask.objects.filter(state=PendingTask.State.SENT, sent_at__lt=now - KEEP_SENT).delete()
    return handed


def collect_deferred():
    """Start counting, for the current request, the orders that could not be handed over."""
    deferred = []
    return deferred, _deferred_in_request.set(deferred)


def stop_collecting(token):
    _deferred_in_request.reset(token)
