"""DOCX wherever a справка is made: the build_report command, the program's reports page, and
the municipality's and school's справки; the archive keeps the file and names its format."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.models import GeneratedReport
from tests.reports_tests.read_back import docx_document, docx_text


def test_build_report_command_writes_docx(cast, tmp_path):
    output = tmp_path / "spravka.docx"
    out = StringIO()
    call_command(
        "build_report",
        "--program", str(cast.a.program.pk), "--year", "2021", "--kind", "spravka",
        "--format", "docx", "--output", str(output), stdout=out,
    )  # fmt: skip

    assert "Записано" in out.getvalue()
    text = docx_text(output.read_bytes())
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text and cast.a.program.title in text


@pytest.mark.parametrize("scope", ["municipality_generated_reports", "school_generated_reports"])
def test_scope_spravki_are_made_in_docx(cast, client, django_capture_on_commit_callbacks, scope):
    pk = cast.a.municipality.pk if scope == "municipality_generated_reports" else cast.a.school.pk
    client.force_login(cast.users["coordinator_a"])
    form = client.get(reverse(scope, args=[pk])).content.decode()
    assert '<option value="docx">DOCX</option>' in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(scope, args=[pk]), {"format": "docx", "year": 2021, "conclusions": "Итоги."}
        )
    report = GeneratedReport.objects.get()

    assert report.status == GeneratedReport.Status.DONE, report.error
    assert report.download_name.endswith(".docx") and not report.is_draft
    archive = client.get(reverse("generated_report_archive")).content.decode()
    assert "<td>DOCX</td>" in archive
    with report.file.open("rb") as file:
        document = docx_document(file.read())
    assert round(document.sections[0].page_width.mm) == 210
    assert "Итоги." in [paragraph.text for paragraph in document.paragraphs]


def test_unknown_format_is_refused_in_russian(cast, client):
    client.force_login(cast.users["coordinator_a"])
    response = client.post(
        reverse("program_generated_reports", args=[cast.a.program.pk]),
        {"action": "request", "kind": "spravka", "format": "odt", "year": 2021},
    )

    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert not GeneratedReport.objects.exists()
