"""A backup is one folder: the database (pg_dump custom format, or an SQLite copy), the media
folder as a tar archive and manifest.json (sizes, SHA-256 of every file, the latest applied
migration of each app, the row count of every table).

The database dump and the row counts come from one snapshot, so the manifest describes exactly
what was dumped. Media is archived after the dump: every file the dumped rows point to already
exists then (files are only added while the portal runs; a file deleted in between is simply
missing from the archive, and the restore check names it).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FOLDER_PREFIX = "portal-"
FORMAT_VERSION = 1


class BackupError(Exception):
    """Something an operator must fix; the message is in Russian."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_entry(path: Path) -> dict:
    return {"size": path.stat().st_size, "sha256": sha256_of(path)}


def _media_files(root: Path) -> Iterator[Path]:
    if root.exists():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def media_checksums(root: Path) -> dict[str, dict]:
    """Every file under the media folder: relative path → size and SHA-256."""
    return {str(path.relative_to(root)): file_entry(path) for path in _media_files(root)}


def _latest_migrations(rows) -> dict[str, str]:
    latest = {}
    for app, name in rows:  # ordered by id: the last one applied wins
        latest[app] = name
    return dict(sorted(latest.items()))


def _table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_environment() -> tuple[list[str], dict]:
    """Connection arguments of pg_dump/pg_restore for the portal's database; the password goes
    through the environment, never the command line."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    environment = {**os.environ}
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = db["PASSWORD"]
    return args, environment


def _run(command: list[str], environment: dict):
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            f"Не найдена программа {command[0]}: установите postgresql-client той же версии, "
            "что и сервер PostgreSQL."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} завершился с ошибкой:\n{result.stderr.strip()}")


def _dump_postgresql(target: Path) -> tuple[dict, dict]:
    """pg_dump of the snapshot in which the rows are counted."""
    args, environment = _pg_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _table_counts(cursor, connection.introspection.table_names(cursor))
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        schema = _latest_migrations(cursor.fetchall())
        _run(
            ["pg_dump", "--format", "custom", "--snapshot", snapshot, "--file", str(target), *args],
            environment,
        )
    return counts, schema


def _dump_sqlite(target: Path) -> tuple[dict, dict]:
    """SQLite's online backup: a consistent copy, counted afterwards."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        cursor = destination.cursor()
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {}
        for table in sorted(tables):
            counts[table] = cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        rows = cursor.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    finally:
        destination.close()
    return counts, _latest_migrations(rows)


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Резервное копирование базы {connection.vendor} не поддерживается.")
    return connection.vendor


def _archive_media(root: Path, target: Path) -> dict[str, dict]:
    files = {}
    with tarfile.open(target, "w") as archive:
        for path in _media_files(root):
            name = str(path.relative_to(root))
            files[name] = file_entry(path)
            archive.add(path, arcname=name, recursive=False)
    return files


def make_backup(root: Path | None = None, now: datetime | None = None) -> Path:
    """A complete backup folder under root (BACKUP_ROOT); a half-made one never looks finished."""
    root = Path(root or settings.BACKUP_ROOT)
    now = now or timezone.now()
    vendor = _vendor()
    folder = root / f"{FOLDER_PREFIX}{timezone.localtime(now):%Y%m%d-%H%M%S}"
    partial = root / f".{folder.name}.partial"
    if folder.exists():
        raise BackupError(f"Копия {folder} уже есть: подождите секунду и повторите.")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        dump = partial / DUMP_NAMES[vendor]
        dump_database = _dump_postgresql if vendor == "postgresql" else _dump_sqlite
        counts, schema = dump_database(dump)
        media = _archive_media(Path(settings.MEDIA_ROOT), partial / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": {"vendor": vendor, "name": connection.settings_dict["NAME"]},
            "schema": schema,
            "files": {name: file_entry(partial / name) for name in (dump.name, MEDIA_ARCHIVE)},
            "media": media,
            "row_counts": counts,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"В папке {folder} нет {MANIFEST}: это не резервная копия портала.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Неизвестный формат копии: {manifest.get('format')}.")
    return manifest


def verify_files(folder: Path, manifest: dict):
    """Every file of the backup is there with its recorded size and checksum."""
    for name, expected in manifest["files"].items():
        path = Path(folder) / name
        if not path.is_file():
            raise BackupError(f"Копия неполна: нет файла {name}.")
        if file_entry(path) != expected:
            raise BackupError(f"Копия повреждена: размер или SHA-256 файла {name} не совпадает.")


def verify_schema(manifest: dict):
    """The code knows every migration the backup was made with (it is not from a newer version)."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    applied = manifest["schema"].items()
    unknown = [f"{app}.{name}" for app, name in applied if (app, name) not in known]
    if unknown:
        raise BackupError(
            "Копия сделана более новой версией портала (неизвестные миграции: "
            f"{', '.join(unknown)}): сначала обновите код портала."
        )


def _require_empty_database():
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"База {connection.settings_dict['NAME']} не пуста (таблиц: {len(tables)}): "
            "восстанавливаю только в пустую базу. Создайте новую (createdb) или удалите эту."
        )


def _require_empty_media(root: Path):
    if any(_media_files(root)):
        raise BackupError(f"Папка файлов {root} не пуста: восстанавливаю только в пустую папку.")


def _restore_postgresql(dump: Path):
    args, environment = _pg_environment()
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *args,
            str(dump),
        ],
        environment,
    )


def _restore_sqlite(dump: Path):
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _table_counts(cursor, connection.introspection.table_names(cursor))


def restore_backup(folder: Path) -> dict:
    """Restore a backup into the empty database and empty media folder; check what arrived.

    Returns the manifest. Nothing is touched until the backup's files and the target are checked.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    vendor = _vendor()
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"Копия базы {manifest['database']['vendor']} не восстанавливается в базу {vendor}."
        )
    verify_files(folder, manifest)
    verify_schema(manifest)
    _require_empty_database()
    media_root = Path(settings.MEDIA_ROOT)
    _require_empty_media(media_root)

    dump = folder / DUMP_NAMES[vendor]
    (_restore_postgresql if vendor == "postgresql" else _restore_sqlite)(dump)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
        archive.extractall(media_root, filter="data")

    problems = compare(manifest, table_counts(), media_checksums(media_root))
    if problems:
        raise BackupError("После восстановления не совпадает:\n" + "\n".join(problems))
    return manifest


def compare(manifest: dict, counts: dict, media: dict) -> list[str]:
    problems = [
        f"таблица {table}: в копии {expected} строк, восстановлено {counts.get(table)}"
        for table, expected in manifest["row_counts"].items()
        if counts.get(table) != expected
    ]
    problems += [
        f"файл {name}: не совпадает с копией"
        for name, expected in manifest["media"].items()
        if media.get(name) != expected
    ]
    return problems


def remove_old_backups(now: datetime | None = None, root: Path | None = None) -> list[Path]:
    """Backups older than BACKUP_KEEP_DAYS; the newest one always stays."""
    root = Path(root or settings.BACKUP_ROOT)
    if not settings.BACKUP_KEEP_DAYS or not root.is_dir():
        return []
    now = now or timezone.now()
    backups = []
    for folder in root.iterdir():
        if not (folder.is_dir() and folder.name.startswith(FOLDER_PREFIX)):
            continue
        try:
            created = datetime.fromisoformat(read_manifest(folder)["created_at"])
        except (BackupError, ValueError, KeyError, json.JSONDecodeError):
            continue  # not a backup of ours: left to the operator
        backups.append((created, folder))
    backups.sort()
    limit = now - timedelta(days=settings.BACKUP_KEEP_DAYS)
    removed = []
    for created, folder in backups[:-1]:
        if created < limit:
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
