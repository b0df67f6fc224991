from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Эксплуатация"

    def ready(self):
        # The worker heartbeat and the deploy checks register themselves on import.
        from ops import checks, heartbeat  # noqa: F401
