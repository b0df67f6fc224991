"""Celery tasks: fetch by id, call a service, retry on what may pass."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from monitoring import services
from monitoring.owed import rebuild_owed

# A mail server or database that is briefly away comes back: try again a little later.
TRANSIENT_ERRORS = (OperationalError, SMTPException, ConnectionError, TimeoutError)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def send_notification_email_task(notification_id: int):
    services.email_notification(notification_id)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def send_daily_digest_task():
    """Run daily by beat; a second run the same day sends nothing (DigestLog)."""
    services.send_daily_digests(timezone.localdate())


@shared_task
def requeue_unsent_letters_task():
    """Run every half hour by beat: letters whose sending gave up are tried again."""
    services.requeue_unsent_letters()


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def rebuild_owed_reports_task():
    """Run nightly by beat: the stored reports owed, recomputed whole, whatever a write missed."""
    rebuild_owed()
