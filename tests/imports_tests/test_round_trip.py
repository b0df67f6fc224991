"""Export a program in its official form, import the file: the same roadmap comes back."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from imports.parsing import parse_roadmap
from imports.services import import_roadmap
from programs.models import Activity

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def stored_roadmap(program):
    """Sections and activities of a program as the portal holds them."""
    activities = Activity.objects.filter(section__program=program).order_by(
        "section__position", "position"
    )
    return [
        (
            a.section.number,
            a.section.title,
            a.number,
            a.title,
            a.deadline,
            a.executors_text,
            a.result_name,
            a.planned_value,
            a.indicator_text,
            tuple(a.years.order_by("year").values_list("planned_text", flat=True)),
        )
        for a in activities.select_related("section")
    ]


@pytest.mark.parametrize("seed", ["000_7f9a2473aa5e70ca", "001_6243421780018668"])
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_export_then_import_gives_the_same_roadmap(cast, client, seed, fmt):
    original = import_roadmap(
        parse_roadmap((SEEDS / f"{seed}.docx").read_bytes(), f"{seed}.docx"),
        municipality=cast.a.municipality,
        title="Исходная",
    ).program
    client.force_login(cast.users["specialist_a"])
    response = client.get(reverse("program_export", args=[original.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    exported = b"".join(response.streaming_content) if response.streaming else response.content

    copy = import_roadmap(
        parse_roadmap(exported, f"export.{fmt}"), municipality=cast.a.municipality, title="Копия"
    ).program
    assert (copy.start_year, copy.end_year) == (original.start_year, original.end_year)
    assert stored_roadmap(copy) == stored_roadmap(original)
    assert len(stored_roadmap(copy)) == (11 if seed.startswith("000") else 36)
