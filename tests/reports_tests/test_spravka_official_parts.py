"""What the signed справка says beyond the execution figures, gathered from the portal's records:
the addressee set by the department, the decision that set the target list, the addressed
recommendations of report reviews, completeness and timeliness of school reporting, activities
carried over with their reasons; and, where there are no such records, a plain statement."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import ExpectedReport, ReportingRound, ReportReview, SchoolReport
from programs.models import ActivityYear
from programs.status import ExecutionStatus
from reports.builders import spravka_docx, spravka_pdf
from reports.models import DepartmentRequisites
from reports.official import program_spravka
from results.models import ListDecision, ListEntry
from tests.cast import make_activity
from tests.reports_tests.read_back import docx_document, docx_text, flat, pdf_lines

ADDRESSEE = "Министерство общего и профессионального образования Ростовской области"
RECOMMENDATION = "Приложить фотоотчёт и протокол педсовета."


def aware(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def records(cast):
    side = cast.a
    DepartmentRequisites.objects.create(municipality=side.municipality, addressee=ADDRESSEE)
    decision = ListDecision.objects.create(
        municipality=side.municipality,
        kind=ListDecision.Kind.FIOKO,
        order_number="7",
        order_date=date(2021, 1, 20),
        year=2021,
    )
    ListEntry.objects.create(
        decision=decision, school=side.school, is_shnor=True, reason="Перечень ФИОКО"
    )
    round_ = ReportingRound.objects.create(
        program=side.program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2021, 12, 20),
    )
    ExpectedReport.objects.create(round=round_, school=side.school, activity=side.activity)
    ExpectedReport.objects.create(round=round_, school=side.other_school, activity=side.activity)
    report = SchoolReport.objects.create(
        school=side.school,
        activity=side.activity,
        year=2021,
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        text="Проведён педсовет по итогам ВПР.",
        status="accepted",
        submitted_at=aware(2021, 12, 10, 12),
        first_submitted_at=aware(2021, 12, 10, 12),
    )
    review = ReportReview.objects.create(report=report, decision="accepted", comment=RECOMMENDATION)
    ReportReview.objects.filter(pk=review.pk).update(created_at=aware(2021, 12, 15, 10))
    seminar = make_activity(
        side.section, number="1.2", title="Семинар", position=1, cells={2021: "1"}
    )
    ActivityYear.objects.filter(activity=seminar, year=2021).update(
        status=ExecutionStatus.POSTPONED, carried_to_year=2022, carry_reason="нет лектора"
    )
    return cast


def texts(data, tmp_path):
    pdf = flat(" ".join(pdf_lines(spravka_pdf(data), tmp_path, layout=False)))
    return pdf, docx_text(spravka_docx(data))


def test_the_records_reach_pdf_and_docx(records, tmp_path):
    data = program_spravka(records.a.program, 2021, today=date(2022, 2, 1))

    for text in texts(data, tmp_path):
        assert ADDRESSEE in text
        assert (
            "Перечень установлен: Приказ № 7 от 20.01.2021 (перечень ФИОКО) — включено школ: 1."
            in text
        )
        assert f"15.12.2021, 1.1 Мероприятие (принят): {RECOMMENDATION}" in text
        assert (
            "Ожидалось отчётов — 2, сдано — 1 (50,0 %), в срок — 1 (50,0 %); не сдано при "
            "истёкшем сроке — 1." in text
        )
    pdf_rows = pdf_lines(spravka_pdf(data), tmp_path)
    docx_rows = [
        [cell.text for cell in row.cells]
        for table in docx_document(spravka_docx(data)).tables
        for row in table.rows
    ]
    assert "1.2 Семинар 2022 нет лектора" in pdf_rows
    assert ["1.2 Семинар", "2022", "нет лектора"] in docx_rows


def test_missing_records_are_stated_plainly(cast, tmp_path):
    data = program_spravka(cast.a.program, 2021, today=date(2022, 2, 1))

    for text in texts(data, tmp_path):
        assert "решения о перечне школ в портале не внесены" in text
        assert "Раунды отчётности за отчётный год не открывались" in text
        assert "Мероприятий, перенесённых на следующие годы, нет." in text
        assert "Адресные рекомендации: при проверке отчётов не давались." in text


def test_staff_set_the_addressee(cast, client):
    url = reverse("department_requisites", args=[cast.a.municipality.pk])
    client.force_login(cast.users["coordinator_a"])

    response = client.post(
        url, {"letterhead": "Отдел образования Администрации", "addressee": ADDRESSEE}
    )

    assert response.status_code == 302
    requisites = DepartmentRequisites.objects.get(municipality=cast.a.municipality)
    assert requisites.addressee == ADDRESSEE
    data = program_spravka(cast.a.program, 2021)
    assert data.official.letterhead == "Отдел образования Администрации"
