from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from programs.models import Activity, ActivityYear, Section
from programs.selectors import RoadmapFilter, roadmap_of
from programs.status import ExecutionStatus
from tests.cast import make_activity


def test_program_list_filters(cast, client):
    client.force_login(cast.users["admin"])
    page = client.get(reverse("program_list"), {"q": "(А)"}).content.decode()
    assert cast.a.program.title in page and cast.b.program.title not in page
    page = client.get(
        reverse("program_list"), {"municipality": cast.b.municipality.pk}
    ).content.decode()
    assert cast.b.program.title in page and cast.a.program.title not in page
    page = client.get(reverse("program_list"), {"status": "draft"}).content.decode()
    assert "Программ не найдено." in page
    page = client.get(reverse("program_list"), {"year": "2022"}).content.decode()
    assert cast.a.program.title in page
    page = client.get(reverse("program_list"), {"year": "2030"}).content.decode()
    assert "Программ не найдено." in page
    # Nonsense in the query string narrows nothing and breaks nothing.
    for nonsense in (
        {"municipality": "x", "year": "y"},
        {"municipality": f"{cast.b.municipality.pk}.5"},
    ):
        response = client.get(reverse("program_list"), nonsense)
        assert response.status_code == 200
        page = response.content.decode()
        assert cast.a.program.title in page and cast.b.program.title in page, nonsense


def test_program_list_is_scoped(cast, client):
    client.force_login(cast.users["specialist_b"])
    page = client.get(reverse("program_list")).content.decode()
    assert cast.b.program.title in page and cast.a.program.title not in page


def test_roadmap_shows_document_columns_and_status_with_icon(cast, client):
    activity = cast.a.activity
    activity.deadline, activity.result_name = "апрель", "Приказ УО"
    activity.save()
    client.force_login(cast.users["observer_a"])
    page = client.get(reverse("program_detail", args=[cast.a.program.pk])).content.decode()
    for text in ("1. Организация", "1.1", "Мероприятие", "апрель", "Приказ УО", "2021", "2023"):
        assert text in page
    assert "○</span> не начато" in page


def test_overdue_year_is_marked_and_filterable(cast, client):
    activity = cast.a.activity
    activity.deadline = "апрель"
    activity.save()
    late = make_activity(cast.a.section, number="1.2", title="Будущее", cells={2021: "+"})
    late.deadline = "по заявке"
    late.save()
    client.force_login(cast.users["coordinator_a"])
    url = reverse("program_detail", args=[cast.a.program.pk])
    page = client.get(url).content.decode()
    assert "⚠ просрочено" in page and "срок 30.04.2021" in page
    assert "Просрочено: 1" in page
    page = client.get(url, {"overdue": "1"}).content.decode()
    assert "Мероприятие" in page and "Будущее" not in page
    assert "Показано мероприятий: 1 из 2." in page


def test_done_year_is_not_overdue(cast):
    year = cast.a.activity_year
    year.status = ExecutionStatus.DONE
    year.save()
    roadmap = roadmap_of(cast.a.program, today=date(2030, 1, 1))
    cells = roadmap.sections[0].activities[0].year_cells
    assert [y.is_overdue for y in cells] == [False, True, False]  # 2023 is not planned


def test_unreadable_deadline_is_shown_for_a_person_to_set(cast, client):
    activity = cast.a.activity
    activity.deadline = "как только, так сразу"
    activity.save()
    client.force_login(cast.users["specialist_a"])
    page = client.get(reverse("program_detail", args=[cast.a.program.pk])).content.decode()
    assert "срок не распознан" in page


@pytest.mark.parametrize(
    ("roadmap_filter", "numbers"),
    [
        (RoadmapFilter(), ["1.1", "1.2", "1.3"]),
        # 1.3 has no year cells: it is due every year; 1.1 is planned for 2021-2022 only.
        (RoadmapFilter(year=2023), ["1.2", "1.3"]),
        (RoadmapFilter(status=ExecutionStatus.DONE), ["1.3"]),
        (RoadmapFilter(text="семинар"), ["1.2"]),
        (RoadmapFilter(text="ИМЦ"), ["1.3"]),
    ],
)
def test_roadmap_filters(cast, roadmap_filter, numbers):
    make_activity(cast.a.section, number="1.2", title="Семинар", position=1, cells={2023: "1"})
    third = make_activity(cast.a.section, number="1.3", title="Совещание", position=2)
    third.executors_text = "ИМЦ"
    third.save()
    third.years.filter(year=2022).update(status=ExecutionStatus.DONE)
    roadmap = roadmap_of(cast.a.program, roadmap_filter)
    assert [a.number for row in roadmap.sections for a in row.activities] == numbers


def test_roadmap_filters_by_executor_and_school(cast, client):
    from programs.models import ActivityExecutor

    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    other = make_activity(cast.a.section, number="1.2", title="Без исполнителя", position=1)
    client.force_login(cast.users["specialist_a"])
    url = reverse("program_detail", args=[cast.a.program.pk])
    page = client.get(url, {"executor": cast.a.party.pk}).content.decode()
    assert "Без исполнителя" not in page
    page = client.get(url, {"school": cast.a.school.pk}).content.decode()
    assert "Без исполнителя" not in page and cast.a.activity.title in page
    page = client.get(url, {"school": "abc", "status": "nonsense", "year": "x"}).content.decode()
    assert other.title in page


def add_activities(program, count):
    section = Section.objects.create(program=program, position=5, number="9.", title="Много")
    activities = bulk_create_with_history(
        [
            Activity(section=section, position=i, number=f"9.{i}", title=f"Мероприятие {i}")
            for i in range(count)
        ],
        Activity,
    )
    if not activities[0].pk:  # databases that do not return ids from bulk inserts
        activities = list(section.activities.all())
    ActivityYear.objects.bulk_create(
        ActivityYear(activity=a, year=year, planned_text="1")
        for a in activities
        for year in (2021, 2022, 2023)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_program_page_query_count_does_not_grow_with_the_roadmap(cast, client, django_db_blocker):
    client.force_login(cast.users["specialist_a"])
    url = reverse("program_detail", args=[cast.a.program.pk])
    add_activities(cast.a.program, 10)
    small, small_again = count_queries(client, url), count_queries(client, url)
    add_activities(cast.a.program, 990)
    large, large_again = count_queries(client, url), count_queries(client, url)
    assert small == large
    assert small <= 20
    # A second visit with nothing changed reads the roadmap's fingerprint, not the roadmap.
    assert small_again == large_again < small


def test_dashboard_shows_progress_overdue_and_section_chart(cast, client):
    activity = cast.a.activity
    activity.deadline = "апрель"
    activity.save()
    client.force_login(cast.users["observer_a"])
    home = client.get(reverse("home")).content.decode()
    dashboard_url = reverse("municipality_dashboard", args=[cast.a.municipality.pk])
    assert dashboard_url in home
    page = client.get(dashboard_url).content.decode()
    assert cast.a.program.title in page
    assert "⚠ просрочено: 1" in page
    assert "<svg" in page and "1. Организация" in page and "0 % (0 из 2)" in page
    assert cast.b.program.title not in page


@pytest.mark.parametrize(
    "url_name", ["program_list", "home", "school_list", "generated_report_archive"]
)
def test_list_pages_query_count_does_not_grow(cast, client, url_name):
    from schools.models import School
    from tests.cast import make_program

    client.force_login(cast.users["coordinator_a"])
    url = reverse(url_name)
    few = count_queries(client, url)
    for number in range(25):
        make_program(cast.a.municipality, title=f"Программа {number}")
        School.objects.create(municipality=cast.a.municipality, name=f"МБОУ СОШ № {number + 10}")
    assert count_queries(client, url) == few


def test_dashboard_query_count_does_not_grow_with_programs(cast, client, settings):
    from programs.models import ActivityExecutor
    from tests.cast import make_programs
    from tests.programs_tests.test_dashboard_figures import visit_queries

    def add_programs(count):
        cells = {2021: "1", 2022: "1"}
        for activity in make_programs(cast.a.municipality, count, cells=cells):
            ActivityExecutor.objects.create(activity=activity, party=cast.a.party)

    client.force_login(cast.users["coordinator_a"])
    url = reverse("municipality_dashboard", args=[cast.a.municipality.pk])
    add_programs(1)
    few = visit_queries(client, url, settings)  # counting the figures, then from the cache
    add_programs(8)
    assert visit_queries(client, url, settings) == few
    assert max(few) <= 20
    page = client.get(url).content.decode()
    assert page.count("dashboard-program") == 10
    assert "⚠ просрочено: 3" in page  # the 3 activities of each new program
    assert "ОО" in page
