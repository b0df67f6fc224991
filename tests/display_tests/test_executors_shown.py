"""Executors chosen in the «Исполнители» list appear wherever an activity's executors are shown:
the roadmap page, the open page, the exports and the reports."""

from io import BytesIO

import openpyxl
from django.urls import reverse

from display.formats import format_executors
from programs.models import Activity, ActivityExecutor
from reports.selectors import official_roadmap_data
from schools.models import Party


def party(name, short_name="", aliases=""):
    return Party(name=name, short_name=short_name, aliases=aliases)


def test_text_as_written_then_the_chosen_parties_it_does_not_name():
    imc = party("Информационно-методический центр", "ИМЦ")
    oo = party("Отдел образования", "ОО")
    assert format_executors("ОО", [oo, imc]) == "ОО, ИМЦ"
    assert format_executors("", [imc, oo]) == "ИМЦ, ОО"
    assert format_executors("Отдел образования, ИМЦ", [oo, imc]) == "Отдел образования, ИМЦ"
    assert format_executors("ОО", []) == "ОО"
    assert format_executors("", []) == ""


def _new_activity_with_chosen_executor(cast):
    imc = Party.objects.create(
        municipality=cast.a.municipality, name="Информационно-методический центр", short_name="ИМЦ"
    )
    activity = Activity.objects.create(
        section=cast.a.section, number="1.2", title="Стажировка команд", position=1
    )
    ActivityExecutor.objects.create(activity=activity, party=imc, position=0)
    ActivityExecutor.objects.create(activity=cast.a.activity, party=imc, position=1)
    cast.a.program.is_public = True
    cast.a.program.save()
    return activity


def test_chosen_executors_on_pages_and_exports(cast, client):
    activity = _new_activity_with_chosen_executor(cast)
    cast.client_for(client, "specialist_a")
    program_page = client.get(reverse("program_detail", kwargs={"pk": cast.a.program.pk}))
    html = program_page.content.decode()
    assert "<td>ОО, ИМЦ</td>" in html
    assert "<td>ИМЦ</td>" in html

    public = client.get(reverse("public_program", kwargs={"pk": cast.a.program.pk}))
    assert "<td>ИМЦ</td>" in public.content.decode()

    rows = {row.number: row.executors for row in official_roadmap_data(cast.a.program).rows}
    assert rows[activity.number] == "ИМЦ"
    assert rows["1.1"] == "ОО, ИМЦ"

    xlsx = client.get(
        reverse("program_export", kwargs={"pk": cast.a.program.pk, "fmt": "xlsx"})
    ).content
    cells = {
        str(cell.value)
        for row in openpyxl.load_workbook(BytesIO(xlsx)).active.iter_rows()
        for cell in row
        if cell.value
    }
    assert {"ИМЦ", "ОО, ИМЦ"} <= cells


def test_chosen_executors_in_the_roadmap_pdf(cast, tmp_path):
    from reports.services import builder_for
    from tests.reports_tests.test_pdf_builders import flat, pdf_text, write_pdf

    _new_activity_with_chosen_executor(cast)
    content = builder_for("roadmap", "pdf")(official_roadmap_data(cast.a.program))
    text = flat(pdf_text(write_pdf(tmp_path, "roadmap.pdf", content)))
    assert "ОО, ИМЦ" in text and "Стажировка команд" in text
