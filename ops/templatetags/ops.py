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
def worker_missing_notice(report=None):
    """Above the order form, and under a report still waiting: say so when no worker is there
    to build it."""
    waiting = report is None or not report.is_finished
    return {"missing": waiting and not worker_status().ok, "ordered": report is not None}


@register.inclusion_tag("ops/health_summary.html")
def portal_health():
    checks = [{"label": CHECK_LABELS[c.name], "ok": c.ok, "detail": c.detail} for c in readiness()]
    return {"checks": checks}
