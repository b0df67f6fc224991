"""The municipality dashboard's figures come from the cache when nothing they count has changed,
and are never stale: a year cell marked done, a deadline changed, an activity added or deleted,
a section or an executor renamed, a program's status changed and a day that passes a due date
show on the next visit."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.editing import delete_activity
from programs.models import ActivityExecutor, Program
from programs.status import ExecutionStatus
from schools.models import Party
from tests.cast import make_activity

BEFORE_DUE = date(2021, 3, 1)
AFTER_DUE = date(2021, 5, 4)  # the 2021 cell of an activity due in April is overdue


@pytest.fixture
def dashboard(cast, client, monkeypatch):
    """The coordinator's dashboard of municipality A on a day after the activity's 2021 cell
    (April) was due: the cell is overdue, one of the two due cells (2021, 2022)."""
    activity = cast.a.activity
    activity.deadline = "апрель"
    activity.save()
    monkeypatch.setattr(timezone, "localdate", lambda *args: AFTER_DUE)
    client.force_login(cast.users["coordinator_a"])
    url = reverse("municipality_dashboard", args=[cast.a.municipality.pk])

    def visit() -> str:
        page = client.get(url).content.decode()
        return page[page.index("<main") : page.index("</main>")]

    return visit


def test_second_visit_shows_the_same_figures(cast, dashboard):
    first = dashboard()
    assert first == dashboard()
    assert "мероприятий: 1 · " in first and "⚠ просрочено: 1" in first
    assert "0 % (0 из 2)" in first and "1. Организация" in first


def test_year_cell_marked_done_shows_at_once(cast, dashboard):
    assert "0 % (0 из 2)" in dashboard()
    cell = cast.a.activity_year
    cell.status = ExecutionStatus.DONE
    cell.save()
    page = dashboard()
    assert "50 % (1 из 2)" in page
    assert "⚠ просрочено" not in page and "Просроченных мероприятий нет." in page


def test_deadline_changed_shows_at_once(cast, dashboard):
    assert "⚠ просрочено: 1" in dashboard()
    activity = cast.a.activity
    activity.deadline = "декабрь"
    activity.save()
    page = dashboard()
    assert "⚠ просрочено" not in page and "Просроченных мероприятий нет." in page


def test_activities_added_or_deleted_and_section_renamed_show_at_once(cast, dashboard):
    assert "мероприятий: 1 · " in dashboard()
    added = make_activity(
        cast.a.section, number="1.2", title="Семинар", position=1, deadline="март"
    )
    page = dashboard()
    assert "мероприятий: 2 · " in page and "⚠ просрочено: 2" in page and "Семинар" in page
    delete_activity(added)
    page = dashboard()
    assert "мероприятий: 1 · " in page and "Семинар" not in page
    cast.a.section.title = "Методическая работа"
    cast.a.section.save()
    assert "1. Методическая работа" in dashboard()


def test_executor_renamed_shows_at_once(cast, dashboard):
    centre = Party.objects.create(municipality=cast.a.municipality, name="Методический центр")
    ActivityExecutor.objects.create(activity=cast.a.activity, party=centre)
    assert "<td>ОО, Методический центр</td>" in dashboard()
    centre.short_name = "ММЦ"
    centre.save()
    assert "<td>ОО, ММЦ</td>" in dashboard()


def test_program_status_shows_at_once(cast, dashboard):
    program = cast.a.program
    assert "утверждена" in dashboard()
    program.status = Program.Status.DRAFT
    program.save()
    page = dashboard()
    # A draft owes nothing.
    assert "черновик" in page and "Просроченных мероприятий нет." in page
    program.status = Program.Status.ARCHIVED
    program.save()
    page = dashboard()
    assert program.title not in page and "Действующих программ нет." in page


def test_a_day_past_the_due_date_shows_overdue(cast, dashboard, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: BEFORE_DUE)
    page = dashboard()
    assert "⚠ просрочено" not in page and "Просроченных мероприятий нет." in page
    monkeypatch.setattr(timezone, "localdate", lambda *args: AFTER_DUE)
    assert "⚠ просрочено: 1" in dashboard()
