"""Each section of the справка has a paragraph drafted from the data (what was done, the result,
what was not and why), which the coordinator edits on the reports page before building: the
edited paragraph is what both the PDF and the DOCX print."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import ActivityYear
from programs.status import ExecutionStatus
from reports.models import GeneratedReport, ReportText
from tests.cast import make_activity
from tests.reports_tests.read_back import docx_text, flat, pdf_lines

EDITED = "Рабочая группа собиралась ежеквартально, протоколы размещены на сайте управления."
DRAFT_DONE = "Выполнено: 1.1 Мероприятие — Протокол № 3 от 12.04.2021."
DRAFT_MISSED = "Не выполнено: 1.2 Семинар (не выполнено) — не нашлось лектора."


@pytest.fixture
def marked(cast):
    ActivityYear.objects.filter(pk=cast.a.activity_year.pk).update(
        status=ExecutionStatus.DONE, comment="Протокол № 3 от 12.04.2021"
    )
    seminar = make_activity(
        cast.a.section, number="1.2", title="Семинар", position=1, cells={2021: "1"}
    )
    seminar.years.filter(year=2021).update(
        status=ExecutionStatus.NOT_DONE, comment="не нашлось лектора"
    )
    return cast


def page_of(client, cast):
    url = reverse("program_generated_reports", args=[cast.a.program.pk])
    return client.get(url, {"year": 2021}).content.decode()


def test_the_page_offers_the_drafted_paragraph(marked, client):
    client.force_login(marked.users["coordinator_a"])
    page = page_of(client, marked)

    assert "Раздел «1. Организация»" in page
    assert "Мероприятий к исполнению в отчётном году — 2: выполнено — 1, не выполнено — 1." in page
    assert DRAFT_DONE in page and DRAFT_MISSED in page


def test_the_edited_paragraph_is_printed_in_pdf_and_docx(
    marked, client, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(marked.users["coordinator_a"])
    url = reverse("program_generated_reports", args=[marked.a.program.pk])
    response = client.post(
        url, {"action": "text", "year": 2021, "section_1": EDITED, "conclusions": "Итоги года."}
    )
    assert response.status_code == 302
    assert ReportText.objects.get().section_texts == {"1. Организация": EDITED}
    assert EDITED in page_of(client, marked)  # the form shows the edited text from now on

    texts = {}
    for fmt in ("pdf", "docx"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "request", "kind": "spravka", "format": fmt, "year": 2021})
        report = GeneratedReport.objects.get(format=fmt)
        assert report.status == GeneratedReport.Status.DONE, report.error
        with report.file.open("rb") as file:
            content = file.read()
        texts[fmt] = (
            flat(" ".join(pdf_lines(content, tmp_path))) if fmt == "pdf" else docx_text(content)
        )
    for text in texts.values():
        assert EDITED in text
        assert DRAFT_DONE not in text
        assert "Показатели раздела: к исполнению — 2, выполнено — 1 (50,0 %)." in text


def test_a_paragraph_left_as_drafted_keeps_following_the_data(marked, client):
    client.force_login(marked.users["coordinator_a"])
    url = reverse("program_generated_reports", args=[marked.a.program.pk])
    draft = (
        "Мероприятий к исполнению в отчётном году — 2: выполнено — 1, не выполнено — 1.\n"
        f"{DRAFT_DONE}\n{DRAFT_MISSED}"
    )
    client.post(url, {"action": "text", "year": 2021, "section_1": draft})

    assert ReportText.objects.get().section_texts == {}


def _page_queries(client, cast) -> int:
    with CaptureQueriesContext(connection) as queries:
        page_of(client, cast)
    return len(queries)


def test_the_page_drafts_in_a_fixed_number_of_queries(marked, client):
    client.force_login(marked.users["coordinator_a"])
    few = _page_queries(client, marked)
    for number in range(3, 13):
        make_activity(
            marked.a.section, number=f"1.{number}", title=f"Семинар {number}", position=number,
            cells={2021: "1"},
        )  # fmt: skip
    ActivityYear.objects.filter(year=2021).update(comment="Протокол")

    assert _page_queries(client, marked) == few
