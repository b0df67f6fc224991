from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.region import PASSWORD, RegionSize, generate_region


class Command(BaseCommand):
    help = (
        "Создаёт сгенерированный регион размером с настоящий (муниципалитеты, школы, программы, "
        "мероприятия, отчёты школ) для замеров скорости. Размеры по умолчанию — из задачи 17."
    )

    def add_arguments(self, parser):
        defaults = RegionSize()
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="доля размеров по умолчанию, например 0.1 (не действует на заданные явно)",
        )
        for name, label in (
            ("municipalities", "муниципалитетов"),
            ("schools", "школ"),
            ("programs", "программ"),
            ("activities", "мероприятий (по 4 года у каждого)"),
            ("reports", "отчётов школ"),
        ):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=None,
                help=f"число {label} (по умолчанию {getattr(defaults, name)} × scale)",
            )
        parser.add_argument("--seed", type=int, default=17, help="зерно случайных чисел")
        parser.add_argument(
            "--force",
            action="store_true",
            help="создать и при DEBUG=0 (добавляет тысячи пользователей с паролем «demo»)",
        )

    def handle(self, *args, **options):
        # Generated users share one published password: never into a working portal by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                f"DEBUG выключен: сгенерированный регион добавляет тысячи пользователей с паролем "
                f"«{PASSWORD}» и вымышленные программы. Это нужно только на стенде для замеров; "
                "если это он, запустите generate_region --force."
            )
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("Доля размеров (--scale) должна быть больше нуля.")
        scaled = RegionSize().scaled(scale)
        explicit = {}
        for name in ("municipalities", "schools", "programs", "activities", "reports"):
            value = options[name]
            if value is not None and value < 1:
                raise CommandError(f"Число (--{name}) должно быть не меньше 1.")
            explicit[name] = value if value is not None else getattr(scaled, name)
        size = RegionSize(**explicit)
        if size.schools < size.municipalities or size.programs < size.municipalities:
            raise CommandError("Школ и программ должно быть не меньше, чем муниципалитетов.")
        summary = generate_region(size=size, seed=options["seed"])
        self.stdout.write(self.style.SUCCESS(f"Создан регион «{summary.region}»."))
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            f"Входы (пароль «{PASSWORD}»): наблюдатель {summary.observer}, "
            f"специалист {summary.specialist}, координатор {summary.coordinator}, "
            f"руководитель {summary.head}"
        )
