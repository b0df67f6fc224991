from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring.services import send_daily_digests


class Command(BaseCommand):
    help = (
        "Отправляет ежедневную сводку (сроки, просрочки, ожидающие проверки отчёты) в этом "
        "процессе; повторный запуск в тот же день ничего не отправляет."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="day", help="день сводки в виде ГГГГ-ММ-ДД (по умолчанию сегодня)"
        )

    def handle(self, *args, day=None, **options):
        day = self._day(day)
        sent = send_daily_digests(day)
        self.stdout.write(f"Сводок за {day:%d.%m.%Y} отправлено: {sent}.")

    @staticmethod
    def _day(text):
        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"Дата «{text}» не читается: укажите её как 2024-03-15.") from None
