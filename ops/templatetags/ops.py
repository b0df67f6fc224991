from django import template

from ops.health import readiness
from ops.heartbeat import worker_status

register = template.Library()

CHECK_LABELS = {
    "database": "База данных",
    "migrations": "Миграции",
    "redis": "Redis (очередь задач)",
    "worker": "Обработчик задач",
    "media_space": "Место для файлов",
}


@register.inclusion_tag("ops/worker_missing.html")
def worker_missing_notice(report):
    """Under a report still waiting: say so when no worker is there to build it."""
    missing = not report.is_finished and not worker_status().ok
    return {"missing": missing}


@register.inclusion_tag("ops/health_summary.html")
def portal_health():
    checks = [{"label": CHECK_LABELS[c.name], "ok": c.ok, "detail": c.detail} for c in readiness()]
    return {"checks": checks}
