"""The demo of the plan's life: editions with a change list, a carry-over, a round with a late
and a missing report, a contradiction, named people and financing — and loading twice adds
nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from monitoring.models import ExpectedReport, ReportingRound
from monitoring.rounds import contradictions, total_figures
from people.models import SchoolCurator, StaffMember
from programs.demo import load_demo
from programs.editions import diff_snapshots
from programs.models import Edition, Financing
from programs.selectors import edition_state, program_money


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


@pytest.mark.django_db
def test_demo_editions_and_change_list(demo, client):
    first, second = Edition.objects.filter(program=demo).order_by("number")
    changes = {(c.kind, c.number): c for c in diff_snapshots(first.snapshot, second.snapshot)}
    assert set(changes) == {
        ("changed", "1.2"),
        ("changed", "2.3."),
        ("added", "2.4."),
        ("removed", "1.4"),
    }
    assert [(f.label, f.before, f.after) for f in changes["changed", "1.2"].fields] == [
        ("план на 2021", "2", "3")
    ]
    state = edition_state(demo)
    assert state.label == "в редакции приказа от 12.03.2022 № 41"
    assert [(c.number, [f.label for f in c.fields]) for c in state.pending] == [
        ("3.2.", ["ответственное лицо"])
    ]
    _login(client, "coordinator")
    page = client.get(reverse("program_detail", args=[demo.pk])).content.decode()
    assert "в редакции приказа от 12.03.2022 № 41" in page
    assert "есть неутверждённые изменения" in page
    assert "перенесено из 2021 г. (причина: Региональное положение" in page
    assert "Ресурсное обеспечение" in page


@pytest.mark.django_db
def test_demo_round_people_and_money(demo, client):
    from monitoring.demo import load_demo_reports

    load_demo_reports()  # hands in Кормовская's 2022 report on 4.1. today: late
    round_ = ReportingRound.objects.get(program=demo)
    figures = total_figures(ExpectedReport.objects.filter(round=round_), "всего", date.today())
    assert (figures.expected, figures.received, figures.on_time, figures.late) == (4, 1, 0, 1)
    assert figures.missing_overdue == 3
    problems = {(c.activity[:4], c.year, c.problem) for c in contradictions(demo)}
    assert problems == {("2.4.", 2023, "отмечено «выполнено», а отчёта школы нет")}
    assert len(contradictions(demo)) == 4  # one per school taking part
    assert StaffMember.objects.filter(municipality=demo.municipality).count() == 3
    assert SchoolCurator.objects.filter(program=demo).count() == 4
    assert program_money(demo).planned == Decimal("265000")

    _login(client, "head")
    mine = client.get(reverse("my_activities")).content.decode()
    assert "сдать до <b>20.12.2022</b>; сдано 1 из 1, с опозданием: 1" in mine
    _login(client, "coordinator")
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert page.count("не сдан, срок прошёл") == 3 and page.count("сдан с опозданием") == 1


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing(demo):
    models = [Edition, ExpectedReport, ReportingRound, StaffMember, Financing, SchoolCurator]
    before = {model.__name__: model.objects.count() for model in models}
    load_demo()
    assert {model.__name__: model.objects.count() for model in models} == before
