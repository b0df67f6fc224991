from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Мониторинг исполнения"

    def ready(self):
        # The stored reports owed follow every save and delete (monitoring/owed.py).
        from monitoring import owed  # noqa: F401
