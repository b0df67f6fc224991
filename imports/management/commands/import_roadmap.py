import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from imports.limits import check_import_upload
from imports.parsing import RoadmapParseError, parse_roadmap
from imports.services import (
    ImportRefused,
    find_municipality,
    import_roadmap,
    other_municipality,
)
from programs.models import Program
from schools.models import Municipality


class Command(BaseCommand):
    help = (
        "Разбирает дорожную карту (.docx, .xlsx, .csv, .txt) и создаёт программу-черновик "
        "или заменяет дорожную карту черновика (--program); у утверждённой программы документ "
        "становится неутверждённой редакцией."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="файл с дорожной картой")
        parser.add_argument("--dry-run", action="store_true", help="только разобрать, не писать")
        parser.add_argument("--json", action="store_true", help="вывести разбор в JSON")
        parser.add_argument(
            "--program",
            type=int,
            help="id программы: черновика для замены или утверждённой для новой редакции",
        )
        parser.add_argument("--municipality", type=int, help="id муниципалитета новой программы")

    def handle(self, *args, path, dry_run, json, program, municipality, **options):
        roadmap = self._parse(Path(path))
        if json:
            self.stdout.write(_dumps(roadmap.to_json()))
        else:
            for warning in roadmap.warnings:
                self.stderr.write(
                    f"Таблица {warning.table}, строка {warning.row}: {warning.message}"
                )
        if dry_run:
            if not json:
                self.stdout.write(
                    f"Разобрано без записи: разделов {len(roadmap.sections)}, "
                    f"мероприятий {len(roadmap.activities)}."
                )
            return
        target, place = self._target(program, municipality, roadmap)
        chosen = place or target.municipality
        other = other_municipality(roadmap, chosen, [])
        if other is not None:
            self.stderr.write(
                self.style.WARNING(
                    f"Внимание: в документе указан муниципалитет «{other.name}», а программа "
                    f"загружается в «{chosen}» (выбрано параметром команды)."
                )
            )
        try:
            result = import_roadmap(
                roadmap, program=target, municipality=place, filename=Path(path).name
            )
        except (ImportRefused, ValidationError) as error:
            raise CommandError(_message(error)) from None
        self.stderr.write(
            self.style.SUCCESS(
                f"Программа «{result.program}» (id {result.program.pk}): "
                f"загружено мероприятий: {result.activities}."
            )
        )

    def _parse(self, path: Path):
        if not path.is_file():
            raise CommandError(f"Файл не найден: {path}")
        try:
            with path.open("rb") as upload:  # the portal's limits, checked before parsing
                check_import_upload(upload)
            return parse_roadmap(path.read_bytes(), path.name)
        except RoadmapParseError as error:
            raise CommandError(error.message) from None
        except ValidationError as error:
            raise CommandError(_message(error)) from None

    def _target(self, program_id, municipality_id, roadmap):
        if program_id is not None:
            try:
                return Program.objects.get(pk=program_id), None
            except Program.DoesNotExist:
                raise CommandError(f"Программа с id {program_id} не найдена.") from None
        if municipality_id is not None:
            try:
                return None, Municipality.objects.get(pk=municipality_id)
            except Municipality.DoesNotExist:
                raise CommandError(f"Муниципалитет с id {municipality_id} не найден.") from None
        municipality = find_municipality(roadmap.municipality)
        if municipality is None:
            raise CommandError(
                "Не удалось определить муниципалитет по документу"
                + (f" («{roadmap.municipality}»)" if roadmap.municipality else "")
                + ": укажите --municipality ID или --program ID."
            )
        return None, municipality


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _message(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
