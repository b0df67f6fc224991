"""The roadmap comes from the cache when nothing it shows has changed (rows, and the whole table
under the roadmap's fingerprint), and never stale: a change of the activity, its order, a year
cell, an executor or its name, a section, the program, the date or the person's rights shows at
once."""

import re
from datetime import date

import pytest
from django.urls import reverse

from people.models import StaffMember
from programs.editing import delete_activity, edit_section, move_in_order, set_executors
from programs.models import ActivityExecutor, ActivityYear, Financing, Section
from programs.status import ExecutionStatus
from schools.models import Party
from tests.cast import make_activity
from tests.programs_tests.test_editions import approve


def roadmap_table(client, program, query=""):
    page = client.get(reverse("program_detail", args=[program.pk]) + query).content.decode()
    return page[page.index('<table class="table roadmap">') : page.index("</table>")]


def row_of(activity):
    return f'id="activity-{activity.pk}"'


@pytest.fixture
def program(cast):
    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    return cast.a.program


def test_second_visit_shows_the_same_rows(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    first = roadmap_table(client, program)
    assert first == roadmap_table(client, program)
    assert "Мероприятие" in first and "ОО" in first and "изменить" in first
    # The same table for everyone with the same rights: no one's CSRF token in it.
    assert "csrfmiddlewaretoken" not in first


def test_changes_show_at_once(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    roadmap_table(client, program)
    cell = ActivityYear.objects.get(activity=cast.a.activity, year=2022)
    cell.status = ExecutionStatus.DONE
    cell.save()
    assert "выполнено" in roadmap_table(client, program)
    cast.a.party.short_name = "УО района"
    cast.a.party.save()
    assert "УО района" in roadmap_table(client, program)
    cast.a.activity.title = "Новое название"
    cast.a.activity.save()
    assert "Новое название" in roadmap_table(client, program)


def test_rows_follow_the_persons_rights(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    assert "удалить" in roadmap_table(client, program)
    client.force_login(cast.users["observer_a"])
    table = roadmap_table(client, program)
    assert "удалить" not in table and "Мероприятие" in table


def test_rows_follow_the_date(cast, client, program, monkeypatch):
    from django.utils import timezone

    activity = cast.a.activity
    activity.deadline = "апрель"
    activity.save()
    client.force_login(cast.users["observer_a"])
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2021, 3, 1))
    assert "просрочено" not in roadmap_table(client, program)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2021, 6, 1))
    assert re.search(r"просрочено</b>", roadmap_table(client, program))


def test_page_shows_with_the_cache_down(cast, client, program, settings):
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    client.force_login(cast.users["observer_a"])
    assert "Мероприятие" in roadmap_table(client, program)


def test_order_and_rows_added_or_deleted_show_at_once(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    second = make_activity(cast.a.section, number="1.2", title="Второе", position=1)
    table = roadmap_table(client, program)
    assert table.index(row_of(cast.a.activity)) < table.index("Второе")
    move_in_order(second, cast.a.section.activities, -1)
    table = roadmap_table(client, program)
    assert table.index("Второе") < table.index(row_of(cast.a.activity))
    delete_activity(second)
    assert "Второе" not in roadmap_table(client, program)


def test_sections_renamed_or_moved_show_at_once(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    other = Section.objects.create(program=program, position=1, number="2.", title="Кадры")
    make_activity(other, number="2.1", title="Курсы")
    table = roadmap_table(client, program)
    assert table.index("Организация") < table.index("Кадры")
    section = cast.a.section
    edit_section(section, number="1.", title="Управление", seen_version=section.version)
    assert "Управление" in roadmap_table(client, program)
    move_in_order(other, program.sections, -1)
    table = roadmap_table(client, program)
    assert table.index("Кадры") < table.index("Управление")


def test_executors_and_schools_chosen_show_at_once(cast, client, program):
    client.force_login(cast.users["observer_a"])
    activity = cast.a.activity
    party = Party.objects.create(municipality=cast.a.municipality, name="Методический центр")
    set_executors(activity, [cast.a.party, party])
    assert "Методический центр" in roadmap_table(client, program)
    by_school = f"?school={cast.a.other_school.pk}"
    assert row_of(activity) not in roadmap_table(client, program, by_school)
    activity.schools.add(cast.a.other_school)
    assert row_of(activity) in roadmap_table(client, program, by_school)


def test_program_period_shows_at_once(cast, client, program):
    client.force_login(cast.users["observer_a"])
    assert "2024" not in roadmap_table(client, program)
    program.end_year = 2024
    program.save()
    assert "2024" in roadmap_table(client, program)


def test_responsible_renamed_makes_unapproved_changes(cast, client, program):
    staff = StaffMember.objects.create(municipality=cast.a.municipality, full_name="Иванова Е. П.")
    activity = cast.a.activity
    activity.responsible = staff
    activity.save()
    client.force_login(cast.users["specialist_a"])
    assert approve(client, program).status_code == 302
    url = reverse("program_detail", args=[program.pk])
    assert "есть неутверждённые изменения" not in client.get(url).content.decode()
    staff.full_name = "Петрова Е. П."
    staff.save()
    assert "есть неутверждённые изменения" in client.get(url).content.decode()


def test_financing_and_publication_show_at_once(cast, client, program):
    client.force_login(cast.users["observer_a"])
    url = reverse("program_detail", args=[program.pk])
    page = client.get(url).content.decode()
    assert "Открытая страница" in page and "Ресурсное обеспечение" not in page
    financing = Financing.objects.create(
        activity=cast.a.activity, year=2021, source="municipal", planned=1500
    )
    assert "1\xa0500,00" in client.get(url).content.decode()
    financing.planned = 2500
    financing.save()
    assert "2\xa0500,00" in client.get(url).content.decode()
    program.is_public = False
    program.save()
    assert "Открытая страница" not in client.get(url).content.decode()


def test_filter_choices_show_at_once(cast, client, program):
    client.force_login(cast.users["observer_a"])
    url = reverse("program_detail", args=[program.pk])
    assert "Методический центр" not in client.get(url).content.decode()
    Party.objects.create(municipality=cast.a.municipality, name="Методический центр")
    assert "Методический центр" in client.get(url).content.decode()
    school = cast.a.other_school
    school.name = "МБОУ «Лицей № 2»"
    school.save()
    assert "МБОУ «Лицей № 2»" in client.get(url).content.decode()
