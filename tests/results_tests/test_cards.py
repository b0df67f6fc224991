"""The school card: results against the municipality as an SVG chart, and the list history;
the dashboard: target schools against the rest."""

from datetime import date
from decimal import Decimal as D

from django.urls import reverse

from results.charts import compare_chart
from results.models import ListDecision, ListEntry
from results.services import record_decision
from schools.models import SchoolStatus
from tests.results_tests.helpers import result


def test_compare_chart_geometry():
    chart = compare_chart(
        [2021, 2022],
        {2021: D(50), 2022: None},
        {2021: D(25), 2022: D(100)},
        ("школа", "муниципалитет"),
    )
    first, second = chart.years
    assert [bar.height for bar in first.bars] == [70.0, 35.0]
    assert (second.bars[0].value, second.bars[0].height) == (None, 0.0)
    assert second.bars[1].y == chart.top  # 100 % reaches the top of the plot


def test_school_card_shows_chart_and_list_history(cast, client):
    school, other = cast.a.school, cast.a.other_school
    result(school, year=2021, participants=10, share_low=D(40))
    result(other, year=2021, participants=30, share_low=D(0))
    record_decision(
        ListDecision(
            municipality=cast.a.municipality,
            kind="fioko",
            order_number="5",
            order_date=date(2021, 9, 1),
            year=2021,
        ),
        [ListEntry(school=school, is_shnor=True, cohort="ШНОР-1", reason="перечень ФИОКО")],
    )
    record_decision(
        ListDecision(
            municipality=cast.a.municipality,
            kind="municipal",
            order_number="9",
            order_date=date(2023, 8, 1),
            year=2023,
        ),
        [ListEntry(school=school, action="exit", reason="результаты выше среднего два года")],
    )
    client.force_login(cast.users["head_a"])
    page = client.get(reverse("school_detail", args=[school.pk])).content.decode()
    assert page.count("<svg") == 1
    # The school 40 %; the municipality (10 × 40 + 30 × 0) / 40 = 10 %.
    assert "2021 — школа 40 %, муниципалитет 10 %" in page
    assert "включена в перечень (ШНОР, ШНОР-1) в 2021 г.: Приказ № 5 от 01.09.2021" in page
    assert (
        "вышла из перечня в 2023 г.: Приказ № 9 от 01.08.2023 (муниципальный анализ). "
        "результаты выше среднего два года" in page
    )


def test_dashboard_target_schools_against_the_rest(cast, client):
    SchoolStatus.objects.create(school=cast.a.school, year=2022, is_shnor=True)
    result(cast.a.school, year=2022, participants=20, share_low=D(30))
    result(cast.a.other_school, year=2022, participants=20, share_low=D(10))
    client.force_login(cast.users["observer_a"])
    page = client.get(reverse("municipality_dashboard", args=[cast.a.municipality.pk]))
    text = page.content.decode()
    assert "2022 — целевые школы 30 %, остальные 10 %" in text
