from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def plain_http_pilot(app_configs, **kwargs):
    """A plain-HTTP pilot is allowed, never silent: `check --deploy` names it every time."""
    if not settings.PLAIN_HTTP_PILOT:
        return []
    return [
        Warning(
            "PLAIN_HTTP_PILOT=1: портал работает по HTTP без шифрования — пароли и данные "
            "передаются открыто, cookie не защищены. Допустимо только для пилота в закрытой сети.",
            hint="Настройте TLS (deploy/nginx) и уберите PLAIN_HTTP_PILOT.",
            id="ops.W001",
        )
    ]
