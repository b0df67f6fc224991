from django.core.management.base import BaseCommand

from programs.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Загружает демонстрационные данные (повторный запуск ничего не дублирует)."

    def handle(self, *args, **options):
        program = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Демо-данные загружены: «{program}»."))
        self.stdout.write(f"Демо-входы (пароль «{DEMO_PASSWORD}», только для демонстрации):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.description}")
