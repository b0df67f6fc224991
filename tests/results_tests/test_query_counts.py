"""Query counts of the results pages do not grow with the data (two sizes each)."""

from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from results.models import AssessmentResult
from schools.models import School, SchoolStatus


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_schools_with_results(municipality, count, start):
    schools = School.objects.bulk_create(
        School(municipality=municipality, name=f"МБОУ СОШ № {start + i}") for i in range(count)
    )
    schools = list(School.objects.filter(name__in=[s.name for s in schools]))
    SchoolStatus.objects.bulk_create(
        SchoolStatus(school=school, year=2022, is_shnor=True) for school in schools[::2]
    )
    AssessmentResult.objects.bulk_create(
        AssessmentResult(
            school=school,
            year=year,
            assessment=assessment,
            subject="Математика",
            grade=grade,
            participants=20,
            share_low=D(10 + (i % 50)),
        )
        for i, school in enumerate(schools)
        for year in (2021, 2022, 2023)
        for assessment in ("vpr", "oge")
        for grade in (5, 9)
    )


def test_candidates_school_card_and_dashboard(cast, client):
    municipality = cast.a.municipality
    client.force_login(cast.users["specialist_a"])
    query = (
        "?assessment=vpr&measure=share_low&comparison=at_least&threshold=10"
        "&last_year=2023&years_back=3&min_years=2"
    )
    urls = [
        reverse("list_candidates", args=[municipality.pk]) + query,
        reverse("school_detail", args=[cast.a.school.pk]),
        reverse("municipality_dashboard", args=[municipality.pk]),
        reverse("list_decisions", args=[municipality.pk]),
    ]
    AssessmentResult.objects.create(
        school=cast.a.school,
        year=2022,
        assessment="vpr",
        subject="Математика",
        grade=5,
        participants=20,
        share_low=D(40),
    )
    add_schools_with_results(municipality, 3, 100)
    client.get(urls[2])  # the dashboard reads the deadlines into the schedule-period cache
    small = [count_queries(client, url) for url in urls]
    add_schools_with_results(municipality, 60, 200)
    large = [count_queries(client, url) for url in urls]
    assert small == large
