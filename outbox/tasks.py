from celery import shared_task

from outbox import services


@shared_task
def sweep_outbox_task():
    """Run every minute by beat: hand over the orders the broker missed."""
    services.sweep()
