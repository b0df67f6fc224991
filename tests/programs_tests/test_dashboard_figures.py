"""The municipality dashboard's figures, summed by the database, are those of the program page:
checked by hand on a small program with varied deadlines (a single year, a range, quarterly,
weekly, «по заявке», a date in one year), a carry-over and a cancelled year; its query count does
not grow with the programs, whether it counts them or finds them in the cache."""

from datetime import date
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Program, Section
from programs.selectors import dashboard_of, roadmap_of
from programs.status import ExecutionStatus
from tests.cast import make_activity, make_program, make_programs

pytestmark = pytest.mark.django_db

DONE = ExecutionStatus.DONE
NOT_STARTED = ExecutionStatus.NOT_STARTED


def set_statuses(activity, **by_year):
    for cell in activity.years.all():
        cell.status = by_year.get(f"y{cell.year}", NOT_STARTED)
        cell.save()


def varied_program(municipality, *, title="Программа с разными сроками", **fields):
    """Program 2019–2021; the comments give each activity's due cells by year."""
    program = make_program(municipality, title=title, start_year=2019, end_year=2021, **fields)
    first = Section.objects.create(program=program, position=0, number="1.", title="Организация")
    second = Section.objects.create(program=program, position=1, number="2.", title="Методика")
    Section.objects.create(program=program, position=2, number="3.", title="Пустой раздел")

    def activity(section, number, deadline, cells=None):
        return make_activity(
            section,
            number=number,
            title=f"Мероприятие {number}",
            position=int(number[-1]),
            deadline=deadline,
            cells=cells,
        )

    # 2019 only (done).
    set_statuses(activity(first, "1.1", "2019"), y2019=DONE)
    # 2019 and 2020, neither done: overdue.
    set_statuses(
        activity(first, "1.2", "2019-2020 гг."),
        y2020=ExecutionStatus.IN_PROGRESS,
    )
    # Planned 2019 and 2021, not 2020: done in 2019, cancelled in 2021 (due no more).
    set_statuses(
        activity(first, "1.3", "ежеквартально", {2019: "+", 2020: "-", 2021: "+"}),
        y2019=DONE,
        y2021=ExecutionStatus.CANCELLED,
    )
    # Planned 2019, carried over to 2020: not overdue in 2019, due (and overdue) in 2020.
    carried = activity(first, "1.4", "апрель", {2019: "1"})
    cells = {cell.year: cell for cell in carried.years.all()}
    cells[2019].status = ExecutionStatus.POSTPONED
    cells[2019].carried_to_year, cells[2019].carry_reason = 2020, "Карантин"
    cells[2020].carried_from_year = 2019
    for cell in cells.values():
        cell.save()
    # Every year, never overdue.
    set_statuses(activity(second, "2.1", "по заявке"), y2019=DONE)
    # 2020 only, not done: overdue.
    set_statuses(activity(second, "2.2", "до 15.09.2020"), y2020=ExecutionStatus.NOT_DONE)
    # Every year, due on Sundays: overdue after the last Sunday of 2021 (26 December).
    set_statuses(activity(second, "2.3", "еженедельно"), y2019=DONE, y2020=DONE)
    return program


def figures(progress) -> list[tuple]:
    return [(p.label, p.done, p.due, p.share) for p in progress]


def test_dashboard_figures_are_the_program_pages(cast, client):
    program = varied_program(cast.a.municipality)
    draft = make_program(
        cast.a.municipality,
        title="Черновик",
        start_year=2019,
        end_year=2019,
        status=Program.Status.DRAFT,
    )
    section = Section.objects.create(program=draft, number="1.", title="Черновой раздел")
    make_activity(section, number="9.1", title="Не начато в черновике", deadline="2019")

    dashboard = dashboard_of(Program.objects.filter(pk__in=[program.pk, draft.pk]), 100)
    ours, drafted = dashboard.programs
    # Due by year (✔ done): 2019 — 1.1 ✔, 1.2, 1.3 ✔, 1.4 (carried on), 2.1 ✔, 2.3 ✔;
    # 2020 — 1.2, 1.4 (carried in), 2.1, 2.2, 2.3 ✔; 2021 — 2.1, 2.3 (1.3 cancelled).
    assert figures(ours.progress) == [
        ("2019", 4, 6, 4 / 6),
        ("2020", 1, 5, 1 / 5),
        ("2021", 0, 2, 0.0),
    ]
    assert (ours.overall.done, ours.overall.due, ours.total, ours.overdue) == (5, 13, 7, 4)
    assert [(str(s), done, due) for s, done, due in ours.sections] == [
        ("1. Организация", 2, 6),
        ("2. Методика", 3, 7),
        ("3. Пустой раздел", 0, 0),
    ]
    # A draft owes nothing: it has progress, but no overdue rows.
    assert figures(drafted.progress) == [("2019", 0, 1, 0.0)]
    assert [a.number for a in dashboard.overdue] == ["1.2", "1.4", "2.2", "2.3"]

    # Mid-2020 only 1.2 is late; on 30 December 2021 the weekly 2.3 is (its last Sunday passed,
    # though its last monthly reporting period has not ended).
    for today, overdue in ((date(2020, 6, 15), 1), (date(2021, 12, 30), 4), (date.today(), 4)):
        page = roadmap_of(program, today=today)
        [summary] = dashboard_of(Program.objects.filter(pk=program.pk), 100, today=today).programs
        assert figures(summary.progress) == figures(page.progress)
        assert figures([summary.overall]) == figures([page.overall])
        assert (summary.total, summary.overdue) == (page.total, len(page.overdue)) == (7, overdue)
        assert summary.section_chart == page.section_chart

    client.force_login(cast.users["coordinator_a"])
    html = client.get(reverse("municipality_dashboard", args=[cast.a.municipality.pk])).content
    html = html.decode()
    assert "мероприятий: 7 · " in html and "⚠ просрочено: 4" in html
    assert "67 % (4 из 6)" in html and "38 % (5 из 13)" in html
    assert "Мероприятие 2.3" in html and "Не начато в черновике" not in html


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def visit_queries(client, url, settings) -> tuple[int, int]:
    """Queries of a visit that counts the figures and of the next one, which finds them in the
    page cache (programs/fingerprint.py). The very first request also reads deadlines met for
    the first time into the schedule-period cache: not counted; the page cache is then a fresh
    one, as if the figures had changed."""
    client.get(url)
    fresh = {**settings.CACHES["default"], "KEY_PREFIX": uuid4().hex}
    settings.CACHES = {**settings.CACHES, "default": fresh}
    return queries_of(client, url), queries_of(client, url)


def test_dashboard_queries_do_not_grow_with_programs_and_deadlines(cast, client, settings):
    client.force_login(cast.users["coordinator_a"])
    url = reverse("municipality_dashboard", args=[cast.a.municipality.pk])
    varied_program(cast.a.municipality)
    counted, cached = few = visit_queries(client, url, settings)
    assert cached < counted <= 20, few
    for number in range(6):
        varied_program(cast.a.municipality, title=f"Программа {number}", school_year=number % 2)
    list(make_programs(cast.a.municipality, 5, activities=20))
    assert visit_queries(client, url, settings) == few
