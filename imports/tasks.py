"""Celery tasks: fetch by id, call a service, retry on what may pass."""

from celery import shared_task

from imports.drafts import parse_draft_in_background


@shared_task(acks_late=True, reject_on_worker_lost=True)
def parse_draft_task(token: str):
    parse_draft_in_background(token)
