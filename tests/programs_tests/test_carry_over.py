"""Carrying an activity over to a later year: reason and target year required, the target year
plans it and counts it as due, the справка says it, undo is recorded."""

import pytest
from django.urls import reverse

from programs.carryover import carry_over_errors
from programs.models import ActivityYear
from programs.periods import program_years
from programs.schedule import annotate_schedule
from programs.selectors import roadmap_of
from programs.status import ExecutionStatus
from tests.programs_tests.test_roadmap_editing import year_form_data

YEARS = program_years(2021, 2023)
POSTPONED = ExecutionStatus.POSTPONED


@pytest.mark.parametrize(
    ("status", "reason", "target", "source", "errors"),
    [
        (POSTPONED, "Карантин", 2023, 2022, {}),
        (POSTPONED, "  ", 2023, 2022, {"carry_reason": "Укажите причину переноса."}),
        (
            POSTPONED,
            "Карантин",
            None,
            2022,
            {"carried_to_year": "Укажите год, на который переносится мероприятие."},
        ),
        (
            POSTPONED,
            "Карантин",
            2024,
            2022,
            {
                "carried_to_year": "Год переноса должен быть позже текущего и в пределах "
                "программы (допустимо: 2023)."
            },
        ),
        (
            POSTPONED,
            "Карантин",
            2021,
            2022,
            {
                "carried_to_year": "Год переноса должен быть позже текущего и в пределах "
                "программы (допустимо: 2023)."
            },
        ),
        (
            POSTPONED,
            "Карантин",
            None,
            2023,
            {"carried_to_year": "Перенести некуда: это последний год программы."},
        ),
        (ExecutionStatus.DONE, "", None, 2022, {}),
    ],
)
def test_carry_over_rule(status, reason, target, source, errors):
    assert (
        carry_over_errors(
            status=status,
            reason=reason,
            target_year=target,
            source_year=source,
            program_years=YEARS,
        )
        == errors
    )


def _post(client, year, **changes):
    return client.post(
        reverse("activity_year_edit", args=[year.pk]), year_form_data(year, **changes)
    )


def _progress_by_year(program):
    return {p.year: (p.done, p.due) for p in roadmap_of(program).progress}


def test_carry_over_without_reason_or_outside_program_is_refused_and_nothing_saved(cast, client):
    client.force_login(cast.users["coordinator_a"])
    year_2022 = cast.a.activity.years.get(year=2022)
    no_reason = _post(client, year_2022, status=POSTPONED, carried_to_year="2023")
    assert no_reason.status_code == 400
    assert "Укажите причину переноса." in no_reason.content.decode()
    outside = _post(client, year_2022, status=POSTPONED, carried_to_year="2025", carry_reason="x")
    assert outside.status_code == 400
    assert "Год переноса должен быть позже текущего и в пределах программы" in (
        outside.content.decode()
    )
    year_2022.refresh_from_db()
    assert year_2022.status == ExecutionStatus.NOT_STARTED
    assert not ActivityYear.objects.filter(carried_from_year__isnull=False).exists()


def test_carried_activity_is_due_in_the_target_year_and_undo_is_recorded(cast, client):
    program = cast.a.program
    # The activity plans 2021 («+») and 2022 («3»); nothing in 2023.
    assert _progress_by_year(program) == {2021: (0, 1), 2022: (0, 1), 2023: (0, 0)}
    client.force_login(cast.users["coordinator_a"])
    year_2022 = cast.a.activity.years.get(year=2022)
    response = _post(
        client,
        year_2022,
        status=POSTPONED,
        carried_to_year="2023",
        carry_reason="Карантин в школах района",
    )
    assert response.status_code == 302
    target = cast.a.activity.years.get(year=2023)
    assert target.carried_from_year == 2022
    # 2022 keeps it as not done (перенесено), 2023 now owes it.
    assert _progress_by_year(program) == {2021: (0, 1), 2022: (0, 1), 2023: (0, 1)}
    page = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "перенесено из 2022 г. (причина: Карантин в школах района)" in page
    assert "перенесено на 2023 г. (причина: Карантин в школах района)" in page

    year_2022.refresh_from_db()
    undo = _post(client, year_2022, status=ExecutionStatus.IN_PROGRESS)
    assert undo.status_code == 302
    target.refresh_from_db()
    year_2022.refresh_from_db()
    assert target.carried_from_year is None
    assert (year_2022.carried_to_year, year_2022.carry_reason) == (None, "")
    assert _progress_by_year(program) == {2021: (0, 1), 2022: (0, 1), 2023: (0, 0)}
    # The history keeps the carry-over and its undoing, with who did it.
    reasons = list(
        year_2022.history.order_by("history_date").values_list("carry_reason", flat=True)
    )
    assert reasons[-2:] == ["Карантин в школах района", ""]
    assert target.history.filter(carried_from_year=2022).exists()
    assert target.updated_by == cast.users["coordinator_a"]


def test_carried_in_year_uses_year_end_not_the_old_deadline(cast):
    activity = cast.a.activity
    activity.deadline = "март 2022"
    years = [
        ActivityYear(activity=activity, year=2022, planned_text="3", status=POSTPONED),
        ActivityYear(activity=activity, year=2023, planned_text="", carried_from_year=2022),
    ]
    years[0].carried_to_year, years[0].carry_reason = 2023, "Нет специалиста"
    from datetime import date

    annotate_schedule(activity, years, school_year=False, today=date(2024, 1, 10))
    assert years[1].is_due and years[1].due.final == date(2023, 12, 31)
    assert years[1].is_overdue
    assert not years[0].is_overdue  # owed in 2023 now, not overdue in 2022
    assert years[1].carry_label == "перенесено из 2022 г. (причина: Нет специалиста)"


def test_spravka_of_both_years_lists_the_carry_over_with_its_reason(cast, client):
    from reports.selectors import spravka_data

    client.force_login(cast.users["coordinator_a"])
    year_2022 = cast.a.activity.years.get(year=2022)
    _post(client, year_2022, status=POSTPONED, carried_to_year="2023", carry_reason="Карантин")
    rows_2022 = spravka_data(cast.a.program, 2022).activities
    rows_2023 = spravka_data(cast.a.program, 2023).activities
    assert [(r.status_label, r.comment) for r in rows_2022] == [
        ("перенесено", "перенесено на 2023 г. (причина: Карантин)")
    ]
    assert [(r.status_label, r.comment) for r in rows_2023] == [
        ("не начато", "перенесено из 2022 г. (причина: Карантин)")
    ]


def test_carry_over_errors_show_in_the_htmx_cell(cast, client):
    client.force_login(cast.users["coordinator_a"])
    year_2022 = cast.a.activity.years.get(year=2022)
    response = client.post(
        reverse("activity_year_edit", args=[year_2022.pk]),
        year_form_data(year_2022, status=POSTPONED, carried_to_year="2023"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200  # htmx 2 swaps only 2xx answers
    body = response.content.decode()
    assert body.strip().startswith("<td") and "Укажите причину переноса." in body
    year_2022.refresh_from_db()
    assert year_2022.status == ExecutionStatus.NOT_STARTED
