from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from programs.models import Program
from reports.models import GeneratedReport
from reports.official import program_spravka
from reports.selectors import official_roadmap_data
from reports.services import builder_for, validate_request


class Command(BaseCommand):
    help = "Строит справку или дорожную карту в PDF/DOCX/XLSX в этом процессе (без очереди задач)."

    def add_arguments(self, parser):
        parser.add_argument("--program", type=int, required=True, help="id программы")
        parser.add_argument("--year", type=int, help="отчётный год (для справки)")
        parser.add_argument("--kind", required=True, choices=GeneratedReport.Kind.values)
        parser.add_argument("--format", required=True, choices=GeneratedReport.Format.values)
        parser.add_argument("--output", required=True, help="куда записать файл")

    def handle(self, *args, program, year, kind, format, output, **options):
        try:
            program = Program.objects.select_related("municipality").get(pk=program)
        except Program.DoesNotExist:
            raise CommandError(f"Программа с id {program} не найдена.") from None
        errors = validate_request(program, kind, format, year)
        if errors:
            raise CommandError(" ".join(errors))
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"Папка для файла не существует: {path.parent}")
        from reports.builders import ReportBuildError

        with override("ru"):
            if kind == GeneratedReport.Kind.ROADMAP:
                data = official_roadmap_data(program)
            else:
                data = program_spravka(program, year)
            try:
                content = builder_for(kind, format)(data)
            except ReportBuildError as error:
                raise CommandError(str(error)) from None
        path.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Записано: {path} ({len(content)} байт)"))
