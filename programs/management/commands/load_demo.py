import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from monitoring.demo import load_demo_reports
from programs.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Загружает демонстрационные данные (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="загрузить и при DEBUG=0 (демо-входы с паролем «demo», в том числе admin)",
        )
        parser.add_argument(
            "--ask",
            action="store_true",
            help="в базу не SQLite — только после «да» в терминале; без терминала — не загружать",
        )

    def handle(self, *args, **options):
        allowed = options["allow_production"]
        if options["ask"] and connection.vendor != "sqlite":
            if not self._confirmed():
                self.stdout.write(
                    "База не SQLite: демо-данные не загружены "
                    "(загрузить: manage.py load_demo --allow-production)."
                )
                return
            allowed = True
        # Demo logins share one published password, admin included: never by accident in
        # production.
        if not settings.DEBUG and not allowed:
            raise CommandError(
                "DEBUG выключен: демо-данные создают пользователя admin с паролем «demo». "
                "Для рабочего портала создайте администратора командой "
                "`manage.py createsuperuser`. Если это действительно демонстрационный стенд, "
                "запустите load_demo --allow-production."
            )
        program = load_demo()
        # School reports on top of the roadmaps: the review queue has something to show.
        load_demo_reports()
        self.stdout.write(self.style.SUCCESS(f"Демо-данные загружены: «{program}»."))
        self.stdout.write(f"Демо-входы (пароль «{DEMO_PASSWORD}», только для демонстрации):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.description}")

    def _confirmed(self) -> bool:
        """Yes only from a person at a terminal; scripts and CI have none, and get no."""
        if not sys.stdin.isatty():
            return False
        database = connection.settings_dict
        answer = input(
            f"Загрузить демо-данные (пользователь admin с паролем «{DEMO_PASSWORD}») в базу "
            f"{database['NAME']} на {database.get('HOST') or 'localhost'}? [y/N] "
        )
        return answer.strip().lower() in {"y", "yes", "д", "да"}
