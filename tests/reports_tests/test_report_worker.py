"""Reports built by a real Celery worker on Redis, including a worker killed half-way."""

import os
import re
import signal
import subprocess
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from programs.models import ActivityYear
from programs.status import ExecutionStatus
from reports.models import GeneratedReport
from tests.cast import make_activity
from tests.tools import poppler

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(report, condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if condition(report):
            return report
        time.sleep(0.1)
    raise AssertionError(f"отчёт {report.pk} завис: {report.status}, {report.stage}")


def request(client, program, **data):
    client.post(
        reverse("program_generated_reports", args=[program.pk]),
        {"action": "request", "kind": "spravka", "format": "pdf", "year": 2021, **data},
    )
    return GeneratedReport.objects.latest("pk")


def test_worker_builds_the_requested_spravka(cast, client, celery_worker_process, tmp_path):
    make_activity(cast.a.section, number="1.2", position=1, cells={2021: "2"})
    ActivityYear.objects.filter(activity=cast.a.activity, year=2021).update(
        status=ExecutionStatus.DONE
    )
    client.force_login(cast.users["coordinator_a"])
    pdf = request(client, cast.a.program)
    xlsx = request(client, cast.a.program, format="xlsx")
    for report in (pdf, xlsx):
        wait_for(report, lambda r: r.is_finished)
        assert report.status == GeneratedReport.Status.DONE, report.error

    download = client.get(reverse("generated_report_download", args=[pdf.pk]))
    path = tmp_path / "spravka.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert cast.a.program.title in text and "2021" in text
    # Two activities are due in 2021 (1.1 done, 1.2 not started): the total row counts both.
    assert "Мероприятий к исполнению в 2021 году: 2." in text
    assert re.search(r"Всего к исполнению\s+2\n", text), text

    summary = load_workbook(xlsx.file.path)["Сводка"]
    counts = {summary[f"A{row}"].value: summary[f"B{row}"].value for row in range(11, 19)}
    assert counts["выполнено"] == 1 and counts["не начато"] == 1
    assert counts["Всего к исполнению"] == 2


def test_report_survives_a_killed_worker(cast, client, celery_worker_process):
    # A roadmap long enough that the PDF takes a few seconds: time to kill the worker mid-way.
    for number in range(300):
        make_activity(
            cast.a.section,
            number=f"1.{number + 2}",
            position=number + 1,
            title=f"Методический семинар для педагогов школ № {number}",
            cells={2021: "1", 2022: "2", 2023: "3"},
        )
    client.force_login(cast.users["coordinator_a"])
    report = request(client, cast.a.program)
    wait_for(report, lambda r: r.status == GeneratedReport.Status.RUNNING and r.progress >= 10)
    children = celery_worker_process.pool_children()
    assert children, "у обработчика нет дочернего процесса"
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    # The pool replaces the killed process; the task, acknowledged only at the end, comes back.
    wait_for(report, lambda r: r.status == GeneratedReport.Status.DONE, timeout=180)
    assert report.attempts >= 2
    assert report.size > 0
