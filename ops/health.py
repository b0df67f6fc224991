"""Readiness checks behind /readyz and the admin home page: cheap, no personal data."""

import shutil
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from ops.heartbeat import broker, worker_status, workers_needed


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str  # in Russian, for the operator


_migrations_applied = False  # once true it stays true until the next deploy restarts us


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return Check("database", False, f"база данных не отвечает: {error.__class__.__name__}")
    return Check("database", True, "отвечает")


def check_migrations() -> Check:
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            return Check("migrations", False, f"не проверить: {error.__class__.__name__}")
        if plan:
            return Check("migrations", False, f"не применено миграций: {len(plan)} (migrate)")
        _migrations_applied = True
    return Check("migrations", True, "все применены")


def check_redis() -> Check:
    if not workers_needed():
        return Check("redis", True, "не используется: задачи выполняются в процессе портала")
    try:
        broker().ping()
    except redis.RedisError as error:
        return Check("redis", False, f"не отвечает: {error.__class__.__name__}")
    return Check("redis", True, "отвечает")


def check_worker() -> Check:
    status = worker_status()
    if not status.needed:
        return Check("worker", True, "не нужен: задачи выполняются в процессе портала")
    if status.error:
        return Check("worker", False, status.error)
    if status.ok:
        return Check("worker", True, f"работают: {status.alive}")
    if status.last_seen_seconds is None:
        return Check("worker", False, "обработчик задач не запускался")
    return Check("worker", False, f"обработчик задач не отвечает {int(status.last_seen_seconds)} с")


def check_media_space() -> Check:
    needed = settings.OPS_MEDIA_MIN_FREE_MB * 1024 * 1024
    try:
        free = shutil.disk_usage(settings.MEDIA_ROOT).free
    except OSError as error:
        return Check("media_space", False, f"папка файлов недоступна: {error.strerror}")
    free_mb = free // (1024 * 1024)
    if free < needed:
        return Check(
            "media_space",
            False,
            f"свободно {free_mb} МБ, нужно не меньше {settings.OPS_MEDIA_MIN_FREE_MB} МБ",
        )
    return Check("media_space", True, f"свободно {free_mb} МБ")


def readiness() -> list[Check]:
    checks = [check_database, check_migrations, check_redis, check_worker, check_media_space]
    return [check() for check in checks]
