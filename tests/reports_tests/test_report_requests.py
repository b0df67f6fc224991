"""Requesting справки and roadmaps in the portal: archive, progress, download, retry, command."""

import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from programs.models import ActivityYear, Section
from programs.status import ExecutionStatus
from reports import services
from reports.models import GeneratedReport, ReportText
from tests.cast import make_activity, make_program
from tests.tools import poppler


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Tasks are queued after commit; tests inside a transaction run them on leaving the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def request_report(client, run_on_commit):
    def request(program, **data):
        with run_on_commit():
            return client.post(
                reverse("program_generated_reports", args=[program.pk]),
                {"action": "request", "kind": "spravka", "format": "pdf", "year": 2021, **data},
            )

    return request


def pdf_text(content, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_coordinator_requests_a_spravka_and_downloads_it(cast, client, request_report, tmp_path):
    year = cast.a.activity_year
    year.status = ExecutionStatus.DONE
    year.save()
    client.force_login(cast.users["coordinator_a"])
    client.post(
        reverse("program_generated_reports", args=[cast.a.program.pk]),
        {
            "action": "text",
            "year": 2021,
            "conclusions": "Школе № 1 — провести педсовет.",
            "signer_position": "Начальник отдела",
            "signer_name": "И. И. Иванов",
        },
    )
    response = request_report(cast.a.program)
    report = GeneratedReport.objects.get()
    assert response.url == reverse("generated_report_detail", args=[report.pk])
    assert report.status == GeneratedReport.Status.DONE  # in-process without a broker
    assert report.requested_by == cast.users["coordinator_a"]
    assert report.size > 1000 and len(report.checksum) == 64
    assert report.conclusions == "Школе № 1 — провести педсовет."
    page = client.get(response.url).content.decode()
    assert "Скачать файл" in page
    download = client.get(reverse("generated_report_download", args=[report.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    text = pdf_text(b"".join(download.streaming_content), tmp_path)
    assert cast.a.program.title in text and "2021" in text
    assert "Школе № 1 — провести педсовет." in text and "И. И. Иванов" in text


def test_xlsx_summary_equals_the_database(cast, client, request_report, tmp_path):
    make_activity(cast.a.section, number="1.2", position=1, cells={2021: "1"})
    ActivityYear.objects.filter(activity=cast.a.activity, year=2021).update(
        status=ExecutionStatus.DONE
    )
    client.force_login(cast.users["specialist_a"])
    request_report(cast.a.program, format="xlsx")
    report = GeneratedReport.objects.get()
    book = load_workbook(report.file.path)
    summary = book["Сводка"]
    counts = {summary[f"A{row}"].value: summary[f"B{row}"].value for row in range(11, 19)}
    assert counts["выполнено"] == 1
    assert counts["не начато"] == 1
    assert counts["Всего к исполнению"] == 2


def test_bad_request_parameters_get_russian_messages(cast, client, request_report):
    client.force_login(cast.users["coordinator_a"])
    response = request_report(cast.a.program, year=2030)
    assert response.status_code == 400
    assert "Отчётный год должен быть одним из лет программы." in response.content.decode()
    response = request_report(cast.a.program, format="exe")
    assert response.status_code == 400
    assert not GeneratedReport.objects.exists()


def test_failed_report_shows_the_reason_and_can_be_retried(
    cast, client, request_report, run_on_commit, monkeypatch
):
    from reports.builders import pdf

    monkeypatch.setattr(pdf, "DEJAVU_FONT_FILES", (Path("/nonexistent/DejaVuSans.ttf"),))
    client.force_login(cast.users["coordinator_a"])
    request_report(cast.a.program)
    report = GeneratedReport.objects.get()
    assert report.status == GeneratedReport.Status.FAILED
    page = client.get(reverse("generated_report_detail", args=[report.pk])).content.decode()
    assert "Не найдены шрифты DejaVu" in page and "Повторить" in page
    monkeypatch.undo()
    with run_on_commit():
        client.post(reverse("generated_report_retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.DONE and report.attempts == 2


def test_report_applies_the_scope_of_who_asked(cast):
    report = GeneratedReport.objects.create(
        program=cast.a.program,
        municipality=cast.a.municipality,
        year=2021,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
        requested_by=cast.users["coordinator_b"],
    )
    services.build_report(report.pk)
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.FAILED
    assert "нет доступа" in report.error


def test_building_twice_is_harmless(cast, client, request_report):
    client.force_login(cast.users["coordinator_a"])
    request_report(cast.a.program, kind="roadmap")
    report = GeneratedReport.objects.get()
    checksum = report.checksum
    services.build_report(report.pk)  # a redelivered task after success
    report.refresh_from_db()
    assert report.attempts == 1 and report.checksum == checksum


def test_heads_do_not_read_reports(cast, client):
    client.force_login(cast.users["head_a"])
    assert (
        client.get(reverse("program_generated_reports", args=[cast.a.program.pk])).status_code
        == 403
    )


def test_year_end_reports_are_queued_once(cast, run_on_commit):
    from datetime import date

    with run_on_commit():
        first = services.prepare_year_end_reports(date(2022, 12, 25))
    again = services.prepare_year_end_reports(date(2022, 12, 25))
    assert {r.program for r in first} == {cast.a.program, cast.b.program}
    assert again == []
    assert set(GeneratedReport.objects.values_list("status", flat=True)) == {"done"}


@pytest.mark.parametrize(
    ("kind", "fmt", "magic"), [("spravka", "pdf", b"%PDF"), ("roadmap", "xlsx", b"PK")]
)
def test_build_report_command(cast, tmp_path, kind, fmt, magic):
    output = tmp_path / f"out.{fmt}"
    out = StringIO()
    call_command(
        "build_report",
        "--program", str(cast.a.program.pk), "--year", "2022", "--kind", kind,
        "--format", fmt, "--output", str(output), stdout=out,
    )  # fmt: skip
    assert output.read_bytes().startswith(magic)
    assert "Записано" in out.getvalue()


def test_build_report_command_refuses_bad_parameters(cast, tmp_path):
    with pytest.raises(CommandError, match="Отчётный год должен быть одним из лет программы"):
        call_command(
            "build_report", "--program", str(cast.a.program.pk), "--year", "1999",
            "--kind", "spravka", "--format", "pdf", "--output", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    with pytest.raises(CommandError, match="не найдена"):
        call_command(
            "build_report", "--program", "99999", "--kind", "roadmap", "--format", "pdf",
            "--output", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()
    assert not ReportText.objects.exists()


def test_municipality_spravka_spans_its_programs(cast, client, run_on_commit):
    other = make_program(cast.a.municipality, title="Вторая программа района")
    section = Section.objects.create(program=other, number="1.", title="Кадры")
    make_activity(section, number="1.1", title="Стажировка", cells={2021: "1"})
    client.force_login(cast.users["coordinator_a"])
    url = reverse("municipality_generated_reports", args=[cast.a.municipality.pk])
    assert client.post(url, {"format": "pdf", "year": 2030}).status_code == 400
    with run_on_commit():
        response = client.post(url, {"format": "xlsx", "year": 2021, "conclusions": "Итоги"})
    report = GeneratedReport.objects.get()
    assert response.url == reverse("generated_report_detail", args=[report.pk])
    assert report.status == GeneratedReport.Status.DONE, report.error
    summary = load_workbook(report.file.path)["Сводка"]
    counts = {summary[f"A{row}"].value: summary[f"B{row}"].value for row in range(11, 19)}
    assert counts["Всего к исполнению"] == 2  # one due activity in each program
    sections = load_workbook(report.file.path)["По разделам"]
    labels = [row[0].value for row in sections.iter_rows(min_row=2, max_col=1)]
    assert any(label and "Вторая программа района" in label for label in labels)


def test_school_spravka_covers_only_that_school(cast, client, run_on_commit):
    make_activity(cast.a.section, number="1.2", position=1, cells={2021: "1"})  # no school
    client.force_login(cast.users["specialist_a"])
    url = reverse("school_generated_reports", args=[cast.a.school.pk])
    with run_on_commit():
        client.post(url, {"format": "xlsx", "year": 2021})
    report = GeneratedReport.objects.get()
    assert report.scope == "school" and report.status == GeneratedReport.Status.DONE, report.error
    book = load_workbook(report.file.path)
    values = {cell.value for row in book["Мероприятия"].iter_rows() for cell in row}
    assert "1.1" in values and "1.2" not in values
    assert cast.a.school.name in {cell.value for row in book["Школы"].iter_rows() for cell in row}


def test_heads_do_not_order_school_spravki(cast, client):
    client.force_login(cast.users["head_a"])
    response = client.post(
        reverse("school_generated_reports", args=[cast.a.school.pk]),
        {"format": "pdf", "year": 2021},
    )
    assert response.status_code == 403
    assert not GeneratedReport.objects.exists()


def test_the_reports_page_opens_on_the_year_under_way_as_the_report_matrix_does(cast, client):
    from django.utils import timezone

    this_year = timezone.localdate().year
    program = make_program(cast.a.municipality, start_year=this_year - 1, end_year=this_year + 2)
    client.force_login(cast.users["coordinator_a"])
    for name in ("program_generated_reports", "school_report_matrix"):
        page = client.get(reverse(name, args=[program.pk])).content.decode()
        assert f'<option value="{this_year}" selected>' in page, name
    page = client.get(
        reverse("program_generated_reports", args=[program.pk]), {"year": this_year + 2}
    )
    assert f'<option value="{this_year + 2}" selected>' in page.content.decode()
