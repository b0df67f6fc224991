from django.core.management.base import BaseCommand

from monitoring.demo import load_demo_reports
from programs.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Загружает демонстрационные данные (повторный запуск ничего не дублирует)."

    def handle(self, *args, **options):
        program = load_demo()
        # School reports on top of the roadmaps: the review queue has something to show.
        load_demo_reports()
        self.stdout.write(self.style.SUCCESS(f"Демо-данные загружены: «{program}»."))
        self.stdout.write(f"Демо-входы (пароль «{DEMO_PASSWORD}», только для демонстрации):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.description}")
