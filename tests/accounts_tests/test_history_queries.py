"""History pages read a fixed number of queries however many entries they show, and still say
what changed (fields, linked schools) and of which object."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Activity, ActivityYear
from tests.cast import make_activity


def change_activities(cast, count, start):
    """`count` new activities, each then changed: its year's plan, its title, its schools."""
    for number in range(start, start + count):
        activity = make_activity(cast.a.section, number=f"1.{number}", position=number)
        cell = ActivityYear.objects.get(activity=activity, year=2022)
        cell.planned_text = "2 семинара"
        cell.save()
        activity.title = f"Семинар {number}"
        activity.save()
        activity.schools.add(cast.a.school)
    # The program and its section changed last, so every kind of record is among the newest.
    cast.a.section.title = f"Организация ({start})"
    cast.a.section.save()
    cast.a.program.save()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_program_history_queries_do_not_grow_with_the_entries(cast, client):
    client.force_login(cast.users["coordinator_a"])
    url = reverse("program_history", args=[cast.a.program.pk])
    change_activities(cast, 2, start=10)
    few, page = count_queries(client, url)
    change_activities(cast, 20, start=20)
    many, page = count_queries(client, url)
    assert few == many <= 20
    assert "<b>Плановое значение</b>" in page or "2 семинара" in page
    assert "1.39 Семинар 39" in page  # the changed activity by its label as it was
    assert "1.39 — 2022" in page  # a year cell names its activity without a query per row
    assert "0 шт → 1 шт" in page  # linked schools: counted, not listed


def test_activity_page_history_queries_do_not_grow(cast, client):
    client.force_login(cast.users["specialist_a"])
    activity = cast.a.activity
    url = reverse("activity_detail", args=[activity.pk])

    def change(times):
        for step in range(times):
            activity.refresh_from_db()
            activity.title = f"Название {step}"
            activity.save()
            for cell in ActivityYear.objects.filter(activity=activity):
                cell.planned_text = str(step)
                cell.save()

    change(2)
    few, _ = count_queries(client, url)
    change(15)
    many, page = count_queries(client, url)
    assert few == many
    assert "Название 13 → Название 14" in page.replace("<b>Название</b>: ", "")


def test_history_of_a_deleted_activity_still_shows(cast, client):
    client.force_login(cast.users["coordinator_a"])
    change_activities(cast, 1, start=10)
    Activity.objects.filter(number="1.10").delete()
    response = client.get(reverse("program_history", args=[cast.a.program.pk]))
    assert response.status_code == 200
    assert "удаление" in response.content.decode()
