"""The ten risk factors of the federal «500+» project, as its methodology names them."""

from django.db import migrations

FACTORS = [
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


def add_factors(apps, schema_editor):
    RiskFactor = apps.get_model("risks", "RiskFactor")
    for number, name, short_name in FACTORS:
        RiskFactor.objects.get_or_create(
            number=number, first_year=None, defaults={"name": name, "short_name": short_name}
        )


def remove_factors(apps, schema_editor):
    RiskFactor = apps.get_model("risks", "RiskFactor")
    RiskFactor.objects.filter(number__in=[n for n, _name, _short in FACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_risk_profiles_and_school_documents")]

    operations = [migrations.RunPython(add_factors, remove_factors)]
