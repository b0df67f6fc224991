from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, make_backup, read_manifest, remove_old_backups


class Command(BaseCommand):
    help = (
        "Резервная копия портала: база данных (pg_dump) и папка файлов с описью "
        "(размеры, SHA-256, версия схемы). Старые копии удаляются по BACKUP_KEEP_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="папка для копий (по умолчанию BACKUP_ROOT)")
        parser.add_argument(
            "--keep-old", action="store_true", help="не удалять старые копии после этой"
        )

    def handle(self, *args, **options):
        root = Path(options["output"]) if options["output"] else None
        try:
            folder = make_backup(root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(folder)
        size = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Копия готова: {folder} ({size / 1024 / 1024:.1f} МБ, "
                f"таблиц {len(manifest['row_counts'])}, файлов {len(manifest['media'])})"
            )
        )
        if not options["keep_old"]:
            for removed in remove_old_backups(root=root):
                self.stdout.write(f"Удалена старая копия: {removed}")
        # The last line is the folder alone, for scripts.
        self.stdout.write(str(folder))
