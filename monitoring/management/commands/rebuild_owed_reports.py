from django.core.management.base import BaseCommand

from monitoring.owed import rebuild_owed


class Command(BaseCommand):
    help = (
        "Пересчитывает несданные отчёты (вкладка «Не сданы» очереди проверки) по всем "
        "программам; то же делается каждую ночь."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Несданных отчётов (с будущими сроками): {rebuild_owed()}.")
