"""The demo program has results: indicators of every direction judged, results, a decision."""

from django.contrib.auth.models import User
from django.urls import reverse

from programs.demo import load_demo
from results.models import AssessmentResult, Indicator, ListDecision
from schools.models import SchoolStatus


def test_demo_indicators_page_and_spravka_data(demo, client):
    program = demo
    directions = set(program.indicators.values_list("direction", flat=True))
    assert directions == {"higher", "lower", "yes_no", "text"}
    assert program.indicators.filter(level="school").exists()
    assert AssessmentResult.objects.values("year").distinct().count() == 3
    assert ListDecision.objects.filter(municipality=program.municipality).count() == 1
    # The demo decision restates the first year's statuses: no school loses a group by it.
    kormovskaya = SchoolStatus.objects.get(school__code="DEMO-610001", year=2021)
    assert (kormovskaya.groups_label, kormovskaya.cohort) == ("ШНОР, ШНСУ", "ШНОР-1")
    assert kormovskaya.source.startswith("Приказ № ДЕМО-1 от 30.08.2021 (перечень ФИОКО)")

    client.force_login(User.objects.get(username="specialist"))
    text = client.get(reverse("program_indicators", args=[program.pk])).content.decode()
    assert "Факт вычислен по результатам (ВПР, все предметы, все классы)" in text
    assert "не достигнуто" in text and "достигнуто" in text
    assert "числа выдуманы" in text

    client.force_login(User.objects.get(username="head2"))
    assert client.get(reverse("program_indicators", args=[program.pk])).status_code == 404


def test_demo_loader_stays_idempotent(demo):
    counts = (Indicator.objects.count(), AssessmentResult.objects.count())
    load_demo()
    assert (Indicator.objects.count(), AssessmentResult.objects.count()) == counts
