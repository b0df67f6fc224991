"""How long generated reports are kept (REPORTS_KEEP_DAYS): the archive does not grow forever."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reports.models import GeneratedReport


def remove_old_reports(now: datetime | None = None) -> int:
    """Finished reports older than the limit, their files with them. Queued and running ones
    stay whatever their age: someone is waiting for them."""
    if not settings.REPORTS_KEEP_DAYS:
        return 0
    limit = (now or timezone.now()) - timedelta(days=settings.REPORTS_KEEP_DAYS)
    old = GeneratedReport.objects.filter(
        requested_at__lt=limit,
        status__in=[GeneratedReport.Status.DONE, GeneratedReport.Status.FAILED],
    )
    removed = 0
    for report in old.iterator():
        file = report.file
        with transaction.atomic():
            report.delete()
            # The file goes only once the row is gone for good: never a row without its file.
            if file:
                transaction.on_commit(lambda f=file: f.storage.delete(f.name))
        removed += 1
    return removed
