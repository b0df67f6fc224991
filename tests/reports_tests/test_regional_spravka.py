"""The regional справка: the region's municipalities side by side, counted by hand."""

import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from docx import Document
from openpyxl import load_workbook

from monitoring.models import ExpectedReport, ReportingRound, SchoolReport
from programs.models import ActivityYear, Section
from reports.builders import regional_docx, regional_pdf, regional_xlsx
from reports.models import GeneratedReport
from reports.selectors import regional_spravka_data
from results.models import Indicator, IndicatorYear
from schools.models import Municipality, School, SchoolStatus
from tests.cast import make_activity, make_program
from tests.tools import poppler

TODAY = date(2026, 12, 1)


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        [poppler("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def school(municipality, name, year, *, shnor=False, shnsu=False):
    created = School.objects.create(municipality=municipality, name=name)
    SchoolStatus.objects.create(school=created, year=year, is_shnor=shnor, is_shnsu=shnsu)
    return created


def indicator(program, name, target, actual, year=2021):
    made = Indicator.objects.create(program=program, name=name)
    IndicatorYear.objects.create(indicator=made, year=year, target=target, actual=actual)
    return made


def round_expecting(program, activity, schools, received):
    """A 2021 round of the program expecting each school's report; `received` handed theirs."""
    round_ = ReportingRound.objects.create(
        program=program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2021, 12, 20),
    )
    for each in schools:
        ExpectedReport.objects.create(round=round_, school=each, activity=activity)
    for each in received:
        SchoolReport.objects.create(
            school=each,
            activity=activity,
            year=2021,
            period_start=date(2021, 1, 1),
            period_end=date(2021, 12, 31),
            status="submitted",
        )


def add_municipality(region, name):
    """A municipality with one program 2021–2023 in the same shape as «Ремонтненский» below."""
    municipality = Municipality.objects.create(region=region, name=name)
    program = make_program(municipality, title=f"Программа ({name})")
    section = Section.objects.create(program=program, number="1.", title="Раздел")
    activity = make_activity(section, cells={2021: "+"})
    ActivityYear.objects.filter(activity=activity, year=2021).update(status="done")
    first = school(municipality, f"СОШ № 1 ({name})", 2021, shnor=True)
    program.target_schools.add(first)
    indicator(program, "Доля", Decimal(50), Decimal(60))
    round_expecting(program, activity, [first], [first])
    return municipality


@pytest.fixture
def region(cast):
    """Region A («Ростовская область»): Ремонтненский район of the cast plus two more.

    Ремонтненский: the cast's program A (2021–2023) with activity 1.1 (2021 «+», marked done)
    and two more — 1.2 (2021 «+», not started) and 1.3 (2022 only): 2 due in 2021, 1 done.
    Target schools in 2021: cast school A (ШНОР and ШНСУ) and «СОШ № 3» (ШНОР): 2 ШНОР, 1 ШНСУ.
    Indicators 2021: 60 of 50 (reached), 40 of 50 (not reached), one without actual (no data):
    2 judged, 1 reached. A round expects reports of both schools on 1.1; school A handed its in:
    1 of 2.
    Заветинский: a program 2021–2022 with one activity due in 2021 that nobody filled in, and
    one ШНСУ school. Дубовский: no programs at all. Another region's municipality (cast B)
    must not appear.
    """
    a = cast.a
    ActivityYear.objects.filter(pk=a.activity_year.pk).update(status="done")
    second = make_activity(a.section, number="1.2", position=1, cells={2021: "+"})
    make_activity(a.section, number="1.3", position=2, cells={2022: "+"})
    SchoolStatus.objects.create(school=a.school, year=2021, is_shnor=True, is_shnsu=True)
    third = school(a.municipality, "СОШ № 3", 2021, shnor=True)
    a.program.target_schools.add(third)
    indicator(a.program, "Доля «5»", Decimal(50), Decimal(60))
    indicator(a.program, "Доля «4»", Decimal(50), Decimal(40))
    indicator(a.program, "Доля «3»", Decimal(50), None)
    round_expecting(a.program, a.activity, [a.school, third], [a.school])
    assert second.years.get(year=2021).status == "not_started"

    zavetnoe = Municipality.objects.create(region=a.region, name="Заветинский район")
    program = make_program(zavetnoe, title="Программа Заветинского района", end_year=2022)
    section = Section.objects.create(program=program, number="1.", title="Раздел")
    make_activity(section, cells={2021: "+"})
    program.target_schools.add(school(zavetnoe, "Заветинская СОШ", 2021, shnsu=True))
    Municipality.objects.create(region=a.region, name="Дубовский район")
    return a.region


def figures(row):
    return (
        row.name,
        row.programs,
        row.shnor,
        row.shnsu,
        row.due,
        row.done,
        row.filled_in,
        row.reports_expected,
        row.reports_received,
        row.indicators_judged,
        row.indicators_reached,
    )


def test_municipalities_side_by_side(region):
    data = regional_spravka_data(region, 2021, today=TODAY)
    assert [figures(row) for row in data.municipalities] == [
        ("Дубовский район", 0, 0, 0, 0, 0, True, 0, 0, 0, 0),
        ("Заветинский район", 1, 0, 1, 1, 0, False, 0, 0, 0, 0),
        ("Ремонтненский район", 1, 2, 1, 2, 1, True, 2, 1, 2, 1),
    ]
    assert figures(data.total) == ("Итого по региону", 2, 2, 2, 3, 1, True, 2, 1, 2, 1)
    remontnoe = data.municipalities[2]
    assert remontnoe.done_share == 0.5 and remontnoe.completeness == 0.5
    assert remontnoe.reached_share == 0.5
    # Заветинский filled nothing in: no share, and the region's share counts only Ремонтненский.
    assert data.municipalities[1].done_share is None
    assert data.total.done_share == 0.5


def test_queries_do_not_grow_with_municipalities(region, cast, client):
    client.force_login(cast.users["observer_a"])
    page = reverse("region_generated_reports", args=[region.pk])

    def queries():
        with CaptureQueriesContext(connection) as data_queries:
            data = regional_spravka_data(region, 2021, today=TODAY)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(page).status_code == 200
        return data, len(data_queries), len(page_queries)

    _data, data_small, page_small = queries()
    for name in ("Зимовниковский район", "Орловский район", "Пролетарский район"):
        add_municipality(region, name)
    data, data_large, page_large = queries()
    assert len(data.municipalities) == 6
    assert figures(data.total) == ("Итого по региону", 5, 5, 2, 6, 4, True, 5, 4, 5, 4)
    assert (data_large, page_large) == (data_small, page_small)


def test_regional_xlsx_reads_back(region):
    data = regional_spravka_data(region, 2021, today=TODAY)
    with override("ru"):
        book = load_workbook(BytesIO(regional_xlsx(data)))
    sheet = book["Муниципалитеты"]
    assert sheet["B2"].value == "Ростовская область" and sheet["B3"].value == "2021"
    header = [cell.value for cell in sheet[6]]
    rows = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(7, values_only=True)
    }
    remontnoe = rows["Ремонтненский район"]
    assert remontnoe["Мероприятий к исполнению"] == 2 and remontnoe["Выполнено"] == 1
    assert remontnoe["Доля выполненных"] == 0.5 and remontnoe["Полнота отчётности"] == 0.5
    assert remontnoe["Школ ШНОР"] == 2 and remontnoe["Показателей достигнуто"] == 1
    assert rows["Заветинский район"]["Выполнено"] == "нет сведений"
    assert rows["Заветинский район"]["Доля выполненных"] is None
    assert rows["Итого по региону"]["Мероприятий к исполнению"] == 3
    assert sheet.freeze_panes == "A7" and sheet.auto_filter.ref == "A6:M9"
    assert sheet.cell(9, 2).number_format == "0" and sheet.cell(9, 7).number_format == "0.0%"


def test_regional_pdf_reads_back(region, artifacts_dir, tmp_path):
    data = regional_spravka_data(region, 2021, today=TODAY)
    data.conclusions = "Заветинскому району отметить исполнение за 2021 год."
    with override("ru"):
        pdf = regional_pdf(data)
    text = " ".join(pdf_text(pdf).split())
    assert "СВОДНАЯ СПРАВКА" in text and "Ростовская область, 2021 год" in text
    # Ремонтненский: 1 programme, 2 ШНОР, 1 ШНСУ, 2 due, 1 done (50 %), reports 1 of 2, 1 of 2.
    assert "Ремонтненский район 1 2 1 2 1 50,0 % 1 из 2 50,0 % 1 из 2 50,0 %" in text
    assert "Заветинский район 1 0 1 1 нет сведений раундов нет оценок нет" in text
    assert "Итого по региону 2 2 2 3 1 50,0 % 1 из 2 50,0 % 1 из 2 50,0 %" in text
    assert "Заветинскому району отметить исполнение" in text and "ПРОЕКТ" not in text
    fonts = subprocess.run(
        [poppler("pdffonts"), "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Liberation-Serif" in fonts and "DejaVu" not in fonts
    # The pages as PNG, for a person to look at.
    path = tmp_path / "regional.pdf"
    path.write_bytes(pdf)
    for page in artifacts_dir.glob("spravka-regional-*.png"):
        page.unlink()
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", path, artifacts_dir / "spravka-regional"],
        check=True,
    )
    assert list(artifacts_dir.glob("spravka-regional-*.png"))


def test_regional_docx_reads_back(region):
    data = regional_spravka_data(region, 2021, today=TODAY)
    with override("ru"):
        document = Document(BytesIO(regional_docx(data)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Муниципалитет")
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    assert rows["Ремонтненский район"][1:6] == ["1", "2", "1", "2", "1\n50,0\u00a0%"]
    assert rows["Заветинский район"][5] == "нет сведений"
    assert rows["Итого по региону"][4] == "3"
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "ПРОЕКТ" in texts  # no conclusions yet: a draft


def test_observer_orders_the_regional_spravka(
    region, cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.users["observer_a"])
    url = reverse("region_generated_reports", args=[region.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Сводная справка по муниципалитетам" in page.text
    assert client.post(url, {"format": "xlsx", "year": 2030}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "xlsx", "year": 2021, "conclusions": "Итоги"})
    report = GeneratedReport.objects.get()
    assert response.url == reverse("generated_report_detail", args=[report.pk])
    assert (report.scope, report.region, report.municipality) == ("region", region, None)
    assert report.status == GeneratedReport.Status.DONE, report.error
    assert report.download_name == f"spravka-region-{region.pk}-2021.xlsx"
    sheet = load_workbook(report.file.path)["Муниципалитеты"]
    assert "Итоги" in [row[0] for row in sheet.iter_rows(values_only=True)]
    assert client.get(reverse("generated_report_download", args=[report.pk])).status_code == 200
    # Another region's observer and the municipality's own staff do not see it.
    for other in ("observer_b", "coordinator_a"):
        client.force_login(cast.users[other])
        assert client.get(reverse("generated_report_detail", args=[report.pk])).status_code == 404


def test_dashboard_links_the_regional_spravka_for_observers_only(region, cast, client):
    link = reverse("region_generated_reports", args=[region.pk])
    dashboard = reverse("municipality_dashboard", args=[cast.a.municipality.pk])
    client.force_login(cast.users["observer_a"])
    assert link in client.get(dashboard).text
    assert link in client.get(reverse("home")).text
    client.force_login(cast.users["coordinator_a"])
    assert link not in client.get(dashboard).text
