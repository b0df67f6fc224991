"""What backup and restore refuse, and how long backups and reports are kept."""

import json
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from ops.backup import MANIFEST, file_entry, remove_old_backups
from ops.retention import remove_old_reports
from reports.models import GeneratedReport


def fake_backup(root, name, created_at, schema=None, vendor="sqlite"):
    """A backup folder as backup_portal leaves it, with small stand-in files."""
    folder = root / name
    folder.mkdir(parents=True)
    dump_name = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}[vendor]
    (folder / dump_name).write_bytes(b"dump")
    (folder / "media.tar").write_bytes(b"tar")
    manifest = {
        "format": 1,
        "created_at": created_at.isoformat(),
        "database": {"vendor": vendor, "name": "portal"},
        "schema": schema or {"reports": "0001_initial"},
        "files": {n: file_entry(folder / n) for n in (dump_name, "media.tar")},
        "media": {},
        "row_counts": {},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest))
    return folder


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(tmp_path, settings):
    folder = fake_backup(tmp_path, "portal-1", timezone.now(), vendor=settings_vendor())
    (folder / "media.tar").write_bytes(b"tampered")
    with pytest.raises(CommandError, match="Копия повреждена.*media.tar"):
        call_command("restore_portal", str(folder))


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_a_newer_portal(tmp_path):
    folder = fake_backup(
        tmp_path,
        "portal-1",
        timezone.now(),
        schema={"reports": "0099_from_the_future"},
        vendor=settings_vendor(),
    )
    with pytest.raises(CommandError, match="более новой версией.*reports.0099_from_the_future"):
        call_command("restore_portal", str(folder))


@pytest.mark.django_db
def test_restore_never_overwrites_a_database_in_use(tmp_path):
    folder = fake_backup(tmp_path, "portal-1", timezone.now(), vendor=settings_vendor())
    with pytest.raises(CommandError, match="не пуста.*только в пустую базу"):
        call_command("restore_portal", str(folder))


def test_restore_refuses_a_folder_without_manifest(tmp_path):
    with pytest.raises(CommandError, match="это не резервная копия"):
        call_command("restore_portal", str(tmp_path))


def settings_vendor():
    from django.db import connection

    return connection.vendor


def test_old_backups_go_but_the_newest_always_stays(tmp_path, settings):
    settings.BACKUP_KEEP_DAYS = 14
    now = timezone.now()
    old = fake_backup(tmp_path, "portal-20260101-030000", now - timedelta(days=40))
    older = fake_backup(tmp_path, "portal-20260102-030000", now - timedelta(days=30))
    recent = fake_backup(tmp_path, "portal-20261125-030000", now - timedelta(days=5))
    foreign = tmp_path / "portal-notes"
    foreign.mkdir()
    assert remove_old_backups(now, root=tmp_path) == [old, older]
    assert recent.exists() and foreign.exists()

    settings.BACKUP_KEEP_DAYS = 1  # everything is old now, but one backup is always kept
    assert remove_old_backups(now, root=tmp_path) == []
    assert recent.exists()


def archived_report(program, municipality, status, age_days):
    report = GeneratedReport.objects.create(
        program=program,
        municipality=municipality,
        year=2021,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
        status=status,
    )
    report.file.save(f"old-{report.pk}.pdf", ContentFile(b"%PDF-1.7"), save=True)
    requested = timezone.now() - timedelta(days=age_days)
    GeneratedReport.objects.filter(pk=report.pk).update(requested_at=requested)
    return report


@pytest.mark.django_db(transaction=True)
def test_reports_older_than_the_limit_go_with_their_files(cast, settings):
    settings.REPORTS_KEEP_DAYS = 365
    args = cast.a.program, cast.a.municipality
    old = archived_report(*args, GeneratedReport.Status.DONE, 400)
    waiting = archived_report(*args, GeneratedReport.Status.QUEUED, 400)
    fresh = archived_report(*args, GeneratedReport.Status.DONE, 30)
    old_path = old.file.path

    assert remove_old_reports() == 1
    assert not GeneratedReport.objects.filter(pk=old.pk).exists()
    assert not os.path.exists(old_path)
    assert set(GeneratedReport.objects.values_list("pk", flat=True)) == {waiting.pk, fresh.pk}

    settings.REPORTS_KEEP_DAYS = 0  # kept forever
    assert remove_old_reports(timezone.now() + timedelta(days=10_000)) == 0


@pytest.mark.django_db
def test_beat_runs_the_cleanup_daily(settings, tmp_path):
    from ops.tasks import cleanup_task

    settings.BACKUP_ROOT = tmp_path
    settings.BACKUP_KEEP_DAYS = 14
    now = timezone.now()
    old = fake_backup(tmp_path, "portal-old", now - timedelta(days=40))
    fake_backup(tmp_path, "portal-new", now)
    cleanup_task.delay()
    assert not old.exists()
    assert settings.CELERY_BEAT_SCHEDULE["ops-cleanup"]["task"] == cleanup_task.name
