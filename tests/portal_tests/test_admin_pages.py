"""Every admin changelist, add and change page renders for an administrator."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse

from results.models import AssessmentResult, Indicator, IndicatorYear, SchoolIndicatorValue


@pytest.fixture
def every_model_has_a_row(cast):
    indicator = Indicator.objects.create(program=cast.a.program, name="Доля педагогов")
    IndicatorYear.objects.create(indicator=indicator, year=2021, target=50)
    SchoolIndicatorValue.objects.create(indicator=indicator, school=cast.a.school, year=2021)
    AssessmentResult.objects.create(
        school=cast.a.school,
        year=2021,
        assessment="vpr",
        subject="Русский язык",
        grade=5,
        participants=20,
    )
    from accounts.models import Membership
    from schools.models import Partnership, SchoolStatus

    SchoolStatus.objects.create(school=cast.a.school, year=2021, is_shnor=True)
    Partnership.objects.create(school=cast.a.school, partner=cast.a.other_school)
    from programs.models import ActivityExecutor

    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    assert Membership.objects.exists()
    add_monitoring_and_report_rows(cast)
    add_risk_rows(cast)
    add_plan_life_rows(cast)
    return cast


def add_risk_rows(cast):
    from risks.factors import ensure_standard_factors
    from risks.models import RiskFactor, SchoolDocument
    from risks.services import save_profile

    ensure_standard_factors()
    factor = RiskFactor.objects.get(number=2)
    save_profile(
        user=None, school=cast.a.school, year=2023, source="survey", levels={factor.pk: "high"}
    )
    document = SchoolDocument.objects.create(
        school=cast.a.school, kind="antirisk", factor=factor, first_year=2023, last_year=2024
    )
    document.reviews.create(decision="needs_work", comment="Добавьте показатели")
    stored = document.files.model(document=document, original_name="Программа.pdf", size=8)
    stored.file.save("программа.pdf", ContentFile(b"%PDF-1.7"), save=False)
    stored.content_type, stored.sha256 = "application/pdf", "0" * 64
    stored.save()


def add_plan_life_rows(cast):
    """Editions, financing, rounds and people (issue 12)."""
    from datetime import date

    from monitoring.models import ReportingRound
    from people.models import SchoolCurator, StaffMember
    from programs.models import Edition, Financing

    Edition.objects.create(
        program=cast.a.program,
        number=1,
        order_organ="Отдел образования",
        order_number="41",
        order_date=date(2022, 3, 12),
        snapshot={"version": 1, "activities": []},
    )
    Financing.objects.create(activity=cast.a.activity, year=2021, source="municipal", planned=1)
    ReportingRound.objects.create(
        program=cast.a.program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2021, 12, 20),
    )
    member = StaffMember.objects.create(municipality=cast.a.municipality, full_name="Иванова Е")
    SchoolCurator.objects.create(program=cast.a.program, school=cast.a.school, curator=member)


def add_monitoring_and_report_rows(cast):
    from datetime import date

    from django.core.files.base import ContentFile

    from monitoring.models import (
        DigestLog,
        EvidenceFile,
        Notification,
        ReportReview,
        SchoolReport,
        YearClosure,
    )
    from reports.models import DepartmentRequisites, GeneratedReport, ReportText

    report = SchoolReport.objects.create(
        school=cast.a.school,
        activity=cast.a.activity,
        year=2021,
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        text="Проведён семинар",
    )
    evidence = EvidenceFile(report=report, kind="protocol", original_name="протокол.pdf")
    evidence.file.save("протокол.pdf", ContentFile(b"%PDF-1.7"), save=False)
    evidence.size, evidence.sha256, evidence.content_type = 8, "0" * 64, "application/pdf"
    evidence.save()
    ReportReview.objects.create(report=report, decision="returned", comment="Нет подписи")
    YearClosure.objects.create(program=cast.a.program, year=2021, reason="Год завершён")
    Notification.objects.create(user=cast.users["head_a"], text="Отчёт возвращён")
    DigestLog.objects.create(user=cast.users["head_a"], day=date(2021, 5, 1), items=1, text="…")
    GeneratedReport.objects.create(
        program=cast.a.program, municipality=cast.a.municipality, kind="roadmap", format="pdf"
    )
    ReportText.objects.create(program=cast.a.program, year=2021, conclusions="Выводы")
    DepartmentRequisites.objects.create(municipality=cast.a.municipality, addressee="Министерство")
    from django.utils import timezone

    from outbox.models import PendingTask

    PendingTask.objects.create(
        task="reports.tasks.build_report_task", args=[1], next_attempt_at=timezone.now()
    )


def test_every_admin_page_renders(every_model_has_a_row, client):
    client.force_login(every_model_has_a_row.users["admin"])
    pages = 0
    for model in admin.site._registry:
        if model._meta.app_label in {"auth", "axes"}:
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        instance = model.objects.first()
        assert instance is not None, f"нет строки для {model.__name__}"
        urls = [
            reverse(f"{prefix}_changelist"),
            reverse(f"{prefix}_changelist") + "?q=тест",
            reverse(f"{prefix}_add"),
            reverse(f"{prefix}_change", args=[instance.pk]),
            reverse(f"{prefix}_history", args=[instance.pk]),
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"
            pages += 1
    assert pages >= 5 * 20


def test_admin_speaks_russian(cast, client):
    client.force_login(cast.users["admin"])
    page = client.get(reverse("admin:programs_program_changelist")).content.decode()
    assert "программы" in page.lower()
    assert "Найти" in page
