"""Housekeeping run daily by beat."""

import logging

from celery import shared_task

from ops.backup import remove_old_backups
from ops.retention import remove_old_reports

logger = logging.getLogger(__name__)


@shared_task
def cleanup_task():
    reports = remove_old_reports()
    backups = remove_old_backups()
    logger.info("Очистка: удалено отчётов %s, резервных копий %s", reports, len(backups))
