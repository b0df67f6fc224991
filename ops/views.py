from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ops.health import readiness


@never_cache
@require_safe
def healthz(request):
    """The process is alive and answers; nothing else is touched."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve: 200 when every check passes, 503 otherwise, with what failed."""
    checks = readiness()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ok" if ready else "fail",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
        },
        status=200 if ready else 503,
        json_dumps_params={"ensure_ascii": False},
    )


def csrf_failure(request, reason=""):
    """Django's CSRF refusal, in Russian and in the portal's frame."""
    return render(request, "ops/csrf_failure.html", status=403)
