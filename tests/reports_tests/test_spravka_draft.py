"""A справка without conclusions is a draft: «ПРОЕКТ» at the top of every page of the PDF and
in every DOCX page header, and the archive marks it; only a справка with conclusions is final."""

import subprocess

import pytest
from django.urls import reverse

from reports.builders import spravka_docx, spravka_pdf
from reports.models import GeneratedReport
from tests.reports_tests.read_back import docx_document, docx_text, pdf_lines
from tests.reports_tests.sample import sample_spravka
from tests.tools import poppler


def pdf_pages(content, tmp_path) -> list[list[str]]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in text.split("\f")[:-1]
    ]


def test_without_conclusions_every_pdf_page_says_draft(tmp_path):
    pages = pdf_pages(spravka_pdf(sample_spravka(conclusions=" \n")), tmp_path)

    assert len(pages) > 1
    assert all(page[0].endswith("ПРОЕКТ") for page in pages)
    assert "Выводы не заполнены: справка сформирована как проект." in " ".join(pages[-1])


def test_without_conclusions_the_docx_says_draft():
    document = docx_document(spravka_docx(sample_spravka(conclusions="")))
    section = document.sections[0]

    for header in (section.first_page_header, section.header):
        assert "ПРОЕКТ" in [paragraph.text for paragraph in header.paragraphs]
    assert "ПРОЕКТ" in [paragraph.text for paragraph in document.paragraphs]


def test_with_conclusions_neither_file_is_a_draft(tmp_path):
    data = sample_spravka()

    assert "ПРОЕКТ" not in " ".join(pdf_lines(spravka_pdf(data), tmp_path))
    assert "ПРОЕКТ" not in docx_text(spravka_docx(data))


@pytest.mark.parametrize(
    ("conclusions", "is_draft"), [("", True), ("Выводы: всё выполнено.", False)]
)
def test_the_archive_marks_a_draft(
    cast, client, django_capture_on_commit_callbacks, conclusions, is_draft
):
    client.force_login(cast.users["coordinator_a"])
    url = reverse("program_generated_reports", args=[cast.a.program.pk])
    client.post(url, {"action": "text", "year": 2021, "conclusions": conclusions})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "request", "kind": "spravka", "format": "docx", "year": 2021})
    report = GeneratedReport.objects.get()

    assert report.status == GeneratedReport.Status.DONE, report.error
    assert report.is_draft is is_draft
    archive = client.get(reverse("generated_report_archive")).content.decode()
    detail = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert ("(проект)" in archive) is is_draft
    assert ("Проект: выводы не были заполнены" in detail) is is_draft
    with report.file.open("rb") as file:
        assert ("ПРОЕКТ" in docx_text(file.read())) is is_draft
