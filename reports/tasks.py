"""Celery tasks: fetch by id, call a service, retry on what may pass."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from reports import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def build_report_task(self, report_id: int):
    services.build_report(report_id)


@shared_task
def prepare_year_end_reports_task():
    """Run daily by beat; does its work only on the configured date (REPORTS_YEAR_END_DATE)."""
    today = timezone.localdate()
    if today.strftime("%m-%d") == settings.REPORTS_YEAR_END_DATE:
        services.prepare_year_end_reports(today)


@shared_task
def sweep_reports_task():
    """Run every minute by beat: requeue lost orders, fail builds whose worker died."""
    services.sweep_reports()
