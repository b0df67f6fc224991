from django.apps import AppConfig


class DisplayConfig(AppConfig):
    name = "display"
    verbose_name = "Показ данных"

    def ready(self):
        # Django 6.1's empty option of a select, «- Select an option -», has no Russian
        # translation yet; Django asks for it to be replaced here.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = "— выберите —"
