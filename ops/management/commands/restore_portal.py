from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Восстанавливает резервную копию (папку backup_portal) в пустую базу данных и пустую "
        "папку файлов и проверяет число строк и контрольные суммы файлов."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="папка копии (в ней manifest.json)")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(options["backup"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Восстановлено: копия от {manifest['created_at']}, строк {rows}, "
                f"файлов {len(manifest['media'])}; всё совпадает с описью."
            )
        )
        self.stdout.write(
            "Если код портала новее копии, выполните manage.py migrate, затем перезапустите службы."
        )
