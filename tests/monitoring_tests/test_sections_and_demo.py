"""What the analytical report reads (school_report_sections) and the demo reports."""

from decimal import Decimal

from monitoring.demo import load_demo_reports
from monitoring.matrix import school_report_sections
from monitoring.models import EvidenceFile, ReportReview, SchoolReport
from programs.models import ActivityYear
from reports.data import SchoolReportLine, SchoolSection


def test_demo_reports_are_added_once(world):
    assert load_demo_reports() == 3
    assert load_demo_reports() == 0
    reports = SchoolReport.objects.filter(school=world.school)
    assert sorted(reports.values_list("status", flat=True)) == ["accepted", "returned", "submitted"]
    assert EvidenceFile.objects.count() == 2
    assert ReportReview.objects.get(decision="returned").comment.startswith("Приложите протокол")
    accepted_year = ActivityYear.objects.get(activity=world.contracts, year=2021)
    assert accepted_year.actual_value == Decimal(1) and accepted_year.status == "in_progress"


def test_school_report_sections_for_the_analytical_report(world):
    load_demo_reports()
    sections = school_report_sections(world.program, 2021)
    assert all(isinstance(section, SchoolSection) for section in sections)
    by_school = {section.school: section.activities for section in sections}
    assert list(by_school) == sorted(by_school)  # schools by name
    korma = by_school["МБОУ Кормовская СОШ"]
    contracts = next(line for line in korma if line.activity.startswith("4.1."))
    assert contracts == SchoolReportLine(
        activity=contracts.activity,
        state="принят",
        text=contracts.text,
    )
    assert "эффективные контракты" in contracts.text
    other = by_school["МБОУ Денисовская СОШ"]
    assert {line.state for line in other} == {"отчёт не сдан"}
    assert all(line.text == "" for line in other)
    # 2.4 is not due in 2021: no line for it.
    assert not any(line.activity.startswith("2.4.") for line in korma)
    sections_2022 = {s.school: s.activities for s in school_report_sections(world.program, 2022)}
    returned = next(
        line for line in sections_2022["МБОУ Кормовская СОШ"] if line.activity.startswith("2.4.")
    )
    assert returned.state == "возвращён на доработку"
