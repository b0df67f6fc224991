import json as json_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from results.importing import Defaults, assessment_code, parse_results
from results.services import save_results, school_refs
from schools.models import Municipality, School


class Command(BaseCommand):
    help = (
        "Загружает результаты оценочных процедур (ВПР, ОГЭ, ЕГЭ, региональная диагностика) "
        "из .xlsx или .csv: всё или ничего. Школы сопоставляются по коду, затем по названию."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="файл с результатами (.xlsx, .csv)")
        parser.add_argument("--dry-run", action="store_true", help="только проверить, не писать")
        parser.add_argument("--json", action="store_true", help="вывести итог проверки в JSON")
        parser.add_argument("--year", type=int, help="год, если в файле нет столбца «Год»")
        parser.add_argument("--assessment", help="процедура, если в файле её нет: ВПР, ОГЭ, ЕГЭ")
        parser.add_argument("--grade", type=int, help="класс, если в файле нет столбца «Класс»")
        parser.add_argument("--municipality", type=int, help="id муниципалитета школ файла")
        parser.add_argument(
            "--accept-name-matches",
            action="store_true",
            help="принять школы, найденные не по коду, а по названию",
        )

    def handle(self, *args, path, dry_run, json, municipality, accept_name_matches, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Файл не найден: {file}")
        parsed = parse_results(
            file.read_bytes(),
            school_refs(self._schools(municipality)),
            self._defaults(options),
            filename=file.name,
        )
        if json:
            self.stdout.write(json_module.dumps(_summary(parsed), ensure_ascii=False, indent=2))
        if parsed.errors:
            if not json:
                for error in parsed.errors:
                    self.stderr.write(error)
            raise CommandError(
                f"Файл не загружен: ошибок {len(parsed.errors)}, ничего не записано."
            )
        if not json:
            for match in parsed.name_matches:
                self.stderr.write(
                    f"Строка {match.row}: «{match.written}» сопоставлена по названию со школой "
                    f"«{match.school.name}» (id {match.school.pk})."
                )
        if dry_run:
            if not json:
                self.stdout.write(f"Проверено без записи: результатов {len(parsed.lines)}.")
            return
        if parsed.name_matches and not accept_name_matches:
            raise CommandError(
                f"Школ, найденных по названию, а не по коду: {len(parsed.name_matches)}. "
                "Проверьте их (см. выше) и запустите с --accept-name-matches, "
                "или укажите коды школ в файле. Ничего не записано."
            )
        added, replaced = save_results(parsed.lines)
        self.stderr.write(
            self.style.SUCCESS(f"Загружено результатов: новых {added}, заменено {replaced}.")
        )

    def _schools(self, municipality_id):
        if municipality_id is None:
            return School.objects.all()
        if not Municipality.objects.filter(pk=municipality_id).exists():
            raise CommandError(f"Муниципалитет с id {municipality_id} не найден.")
        return School.objects.filter(municipality_id=municipality_id)

    def _defaults(self, options):
        assessment = None
        if options["assessment"]:
            assessment = assessment_code(options["assessment"])
            if assessment is None:
                raise CommandError(
                    f"Процедура «{options['assessment']}» не распознана: ВПР, ОГЭ, ЕГЭ или "
                    "региональная диагностика."
                )
        return Defaults(year=options["year"], assessment=assessment, grade=options["grade"])


def _summary(parsed):
    return {
        "ok": parsed.ok,
        "shape": parsed.shape,
        "columns": parsed.columns,
        "rows": len(parsed.lines),
        "errors": parsed.errors,
        "name_matches": [
            {"row": m.row, "written": m.written, "school_id": m.school.pk, "school": m.school.name}
            for m in parsed.name_matches
        ],
    }
