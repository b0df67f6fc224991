"""The ten risk factors of the federal «500+» project, as its methodology names them.

Seeded by migration 0002; `ensure_standard_factors` also puts them back where a test flushed
the tables (transactional tests empty every table, data migrations included).
"""

STANDARD_FACTORS = [
    (1, "Низкий уровень оснащения школы", "Оснащение"),
    (2, "Дефицит педагогических кадров", "Дефицит кадров"),
    (
        3,
        "Недостаточная предметная и методическая компетентность педагогических работников",
        "Компетентность педагогов",
    ),
    (4, "Риски низкой адаптивности учебного процесса", "Адаптивность"),
    (
        5,
        "Несформированность внутришкольной системы повышения квалификации",
        "Внутришкольное ПК",
    ),
    (6, "Высокая доля обучающихся с рисками учебной неуспешности", "Учебная неуспешность"),
    (7, "Низкая учебная мотивация обучающихся", "Мотивация"),
    (
        8,
        "Пониженный уровень качества школьной образовательной и воспитательной среды",
        "Школьная среда",
    ),
    (9, "Высокая доля обучающихся с ОВЗ", "Доля ОВЗ"),
    (10, "Низкое качество преодоления языковых и культурных барьеров", "Языковые барьеры"),
]


def ensure_standard_factors(model=None):
    """Add the standard factors that are missing (by number, valid from the start of the list)."""
    if model is None:
        from risks.models import RiskFactor as model
    for number, name, short_name in STANDARD_FACTORS:
        model.objects.get_or_create(
            number=number, first_year=None, defaults={"name": name, "short_name": short_name}
        )
