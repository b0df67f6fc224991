"""The demo loader is idempotent and reproduces seed 000 cell for cell."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Membership
from programs.demo import DEMO_LOGINS, DEMO_PASSWORD
from programs.models import Activity, ActivityYear, Program, Section
from schools.models import Party, School, SchoolStatus

SEED_000 = Path(settings.BASE_DIR) / "fixtures" / "seeds" / "000_7f9a2473aa5e70ca.txt"


def seed_000_rows():
    """Activity rows of the seed as (number, title, result, planned value, 3 years, executors)."""
    rows = []
    for line in SEED_000.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 8 and re.match(r"^\d+\.\d", cells[0].strip()):
            rows.append(tuple(cell.strip() for cell in cells))
    return rows


def counts():
    models = [Program, Section, Activity, ActivityYear, School, SchoolStatus, Party, Membership]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_loader_is_idempotent(capsys):
    call_command("load_demo", allow_production=True)
    first = counts()
    call_command("load_demo", allow_production=True)
    assert counts() == first
    output = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.username in output


@pytest.mark.django_db
def test_demo_logins_work(demo, client):
    for login in DEMO_LOGINS:
        response = client.post(
            reverse("login"), {"username": login.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, login.username
        assert response.url == reverse("home")
        assert client.get(reverse("home")).status_code == 200
        client.logout()


@pytest.mark.django_db
def test_demo_roadmap_is_seed_000_cell_for_cell(demo):
    activities = (
        Activity.objects.filter(section__program=demo)
        .order_by("section__position", "position")
        .prefetch_related("years")
    )
    stored = [
        (
            a.number,
            a.title,
            a.result_name,
            a.planned_value,
            *[y.planned_text for y in a.years.order_by("year")],
            a.executors_text,
        )
        for a in activities
    ]
    assert stored == seed_000_rows()
    assert len(stored) == 11
    sections = list(demo.sections.values_list("number", flat=True))
    assert sections == ["1.", "2.", "3.", "4."]
    assert [y.label for y in demo.years] == ["2021", "2022", "2023"]


@pytest.mark.django_db
def test_demo_executors_are_linked_lead_first(demo):
    activity = Activity.objects.get(section__program=demo, number="2.3.")
    names = [link.party.short_name for link in activity.executor_links.all()]
    assert names == ["РОО", "ИМЦ", "ЦРО"]
