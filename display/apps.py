from django.apps import AppConfig


class DisplayConfig(AppConfig):
    name = "display"
    verbose_name = "Показ данных"
