"""Roadmap rows come from the cache when nothing they show has changed, and never stale: a
change of the activity, a year cell, an executor's name, the date or the person's rights shows
at once."""

import re
from datetime import date

import pytest
from django.urls import reverse

from programs.models import ActivityExecutor, ActivityYear
from programs.status import ExecutionStatus


def roadmap_table(client, program):
    page = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    table = page[page.index('<table class="table roadmap">') : page.index("</table>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", table)  # masked anew each time


@pytest.fixture
def program(cast):
    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    return cast.a.program


def test_second_visit_shows_the_same_rows(cast, client, program):
    client.force_login(cast.users["specialist_a"])
    first = roadmap_table(client, program)
    assert first == roadmap_table(client, program)
    assert "Мероприятие" in first and "ОО" in first and "изменить" in first


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
