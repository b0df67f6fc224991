"""Indicators and results for the results tests, on the shared cast's program of side A."""

from decimal import Decimal

from results.models import AssessmentResult, Indicator, IndicatorYear


def lower_is_better(program, **fields):
    """«план 18, факт 21,5» where lower is better: the case that used to read as a success."""
    indicator = Indicator.objects.create(
        program=program,
        name="Доля обучающихся, не преодолевших минимальный порог ОГЭ",
        unit="%",
        direction="lower",
        baseline=Decimal("24.3"),
        baseline_year=2020,
        source="oge",
        source_note="ОГЭ-2020, математика",
        **fields,
    )
    IndicatorYear.objects.create(
        indicator=indicator, year=2021, target=Decimal(18), actual=Decimal("21.5")
    )
    return indicator


def school_level(program, **fields):
    return Indicator.objects.create(
        program=program,
        name="Доля отметок «2» по ВПР в школе",
        unit="%",
        direction="lower",
        level="school",
        source="vpr",
        **fields,
    )


def result(school, year=2021, **fields):
    values = {
        "assessment": "vpr",
        "subject": "Русский язык",
        "grade": 5,
        "participants": 20,
        "share_low": Decimal(10),
    }
    return AssessmentResult.objects.create(school=school, year=year, **(values | fields))
