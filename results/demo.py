"""Demo results of the Ремонтненский program. Every number here is INVENTED for the demo: no
school's real results are shown. Running it again changes nothing."""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from results.models import (
    AssessmentResult,
    Indicator,
    IndicatorYear,
    ListDecision,
    ListEntry,
    SchoolIndicatorValue,
)
from results.services import record_decision
from schools.models import SchoolStatus

DEMO_NOTE = "демо-данные, числа выдуманы"
VPR = [("Русский язык", 5), ("Математика", 5), ("Русский язык", 6), ("Математика", 6)]
OGE = [("Русский язык", 9), ("Математика", 9)]


def _share(rng, base):
    return Decimal(str(round(max(0.0, min(100.0, rng.gauss(base, 4))), 1)))


def _assessment_results(schools, years):
    rng = random.Random(610)  # the same invented numbers on every run
    rows = []
    for rank, school in enumerate(schools):
        for offset, year in enumerate(years):
            # Target schools start worse and improve a little each year.
            base = 24 - rank * 3 - offset * 2
            for subject, grade in VPR:
                rows.append(
                    AssessmentResult(
                        school=school,
                        year=year,
                        assessment="vpr",
                        subject=subject,
                        grade=grade,
                        participants=rng.randint(12, 40),
                        share_low=_share(rng, base),
                        share_good=_share(rng, 30 + rank * 4),
                        mean_score=Decimal(str(round(rng.uniform(3.0, 4.1), 2))),
                    )
                )
            for subject, grade in OGE:
                rows.append(
                    AssessmentResult(
                        school=school,
                        year=year,
                        assessment="oge",
                        subject=subject,
                        grade=grade,
                        participants=rng.randint(6, 25),
                        share_low=_share(rng, base / 2),
                        share_good=_share(rng, 35),
                        mean_score=Decimal(str(round(rng.uniform(3.1, 4.0), 2))),
                    )
                )
    AssessmentResult.objects.bulk_create(rows)


def _indicator(program, position, name, years, **fields):
    indicator = Indicator.objects.create(program=program, position=position, name=name, **fields)
    for year, (target, actual) in years.items():
        IndicatorYear.objects.create(indicator=indicator, year=year, target=target, actual=actual)
    return indicator


@transaction.atomic
def load_results_demo(program):
    """Indicators of every direction, three years of invented results, one list decision."""
    if program.indicators.exists():
        return
    schools = list(program.municipality.schools.order_by("code"))
    years = [py.year for py in program.years]
    if not AssessmentResult.objects.filter(school__in=schools).exists():
        _assessment_results(schools, years)
    d = Decimal
    _indicator(
        program,
        0,
        "Доля участников ВПР с отметкой «2» в школах целевой группы",
        {years[0]: (d(20), None), years[1]: (d(17), None), years[2]: (d(14), None)},
        unit="%",
        direction="lower",
        baseline=d("22.4"),
        baseline_year=years[0] - 1,
        source="vpr",
        source_note=f"ВПР, русский язык и математика, 5–6 классы ({DEMO_NOTE})",
        method="weighted",
        assessment="vpr",
        measure="share_low",
    )
    by_school = _indicator(
        program,
        1,
        "Доля выпускников 9 классов, не преодолевших минимальный порог ОГЭ",
        {year: (d(8), None) for year in years},
        unit="%",
        direction="lower",
        level="school",
        baseline=d("11.0"),
        baseline_year=years[0] - 1,
        source="oge",
        source_note=DEMO_NOTE,
        method="mean",
        assessment="oge",
        measure="share_low",
    )
    first_target = program.target_schools.order_by("code").first()
    if first_target is not None:
        SchoolIndicatorValue.objects.create(
            indicator=by_school, school=first_target, year=years[0], target=d(12)
        )
    _indicator(
        program,
        2,
        "Доля педагогов школ ШНОР, прошедших повышение квалификации",
        {years[0]: (d(50), d(52)), years[1]: (d(65), d("61.5")), years[2]: (d(80), None)},
        unit="%",
        direction="higher",
        baseline=d(35),
        baseline_year=years[0] - 1,
        source="statistics",
        source_note=DEMO_NOTE,
    )
    active = Indicator.objects.create(
        program=program,
        position=3,
        name="Создан муниципальный методический актив",
        direction="yes_no",
        source="other",
        source_note=DEMO_NOTE,
    )
    IndicatorYear.objects.create(
        indicator=active,
        year=years[0],
        target_text="да",
        actual_text="да",
        person_judgement="reached",
        comment="Приказ отдела образования о составе актива (демо)",
    )
    Indicator.objects.create(
        program=program,
        position=4,
        name="Адресные рекомендации школам по итогам мониторинга",
        direction="text",
        source="other",
        source_note=DEMO_NOTE,
    )
    if not ListDecision.objects.filter(municipality=program.municipality).exists():
        record_decision(
            ListDecision(
                municipality=program.municipality,
                kind="fioko",
                order_number="ДЕМО-1",
                order_date=date(years[0], 8, 30),
                year=years[0],
                note=f"Решение для демонстрации ({DEMO_NOTE}).",
            ),
            [
                # The demo statuses of the first year, now with the decision they came from.
                ListEntry(
                    school_id=status.school_id,
                    is_shnor=status.is_shnor,
                    is_shnsu=status.is_shnsu,
                    cohort=status.cohort,
                    reason="перечень ФИОКО (демо): низкие результаты ВПР два года подряд",
                )
                for status in SchoolStatus.objects.filter(
                    school__in=program.target_schools.all(), year=years[0]
                ).exclude(is_shnor=False, is_shnsu=False)
            ],
        )
