"""Money: financing per activity, year and source; negative amounts refused; totals by source
and year on the program page; «Ресурсное обеспечение» in the справка (PDF and XLSX read back)."""

import subprocess
from dataclasses import replace
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from programs.models import Financing, FinancingSource
from programs.money import financing_errors
from programs.selectors import program_money
from reports.builders import spravka_pdf
from reports.builders.xlsx_spravka import spravka_xlsx
from reports.selectors import spravka_data
from tests.cast import make_activity


@pytest.mark.parametrize(
    ("source", "planned", "actual", "errors"),
    [
        ("municipal", Decimal("100"), None, {}),
        ("municipal", Decimal("-1"), None, {"planned": "Сумма не может быть отрицательной."}),
        (
            "regional",
            Decimal("0"),
            Decimal("-0.01"),
            {"actual": "Сумма не может быть отрицательной."},
        ),
        ("none", Decimal("0"), None, {}),
        (
            "none",
            Decimal("5"),
            None,
            {"source": "«Без финансирования» не может иметь сумм: выберите источник."},
        ),
    ],
)
def test_financing_rule(source, planned, actual, errors):
    assert financing_errors(source, planned, actual) == errors


def formset_data(*rows, initial=0):
    data = {
        "financing-TOTAL_FORMS": str(len(rows)),
        "financing-INITIAL_FORMS": str(initial),
        "financing-MIN_NUM_FORMS": "0",
        "financing-MAX_NUM_FORMS": "1000",
    }
    for index, (year, source, planned, actual) in enumerate(rows):
        data |= {
            f"financing-{index}-year": year,
            f"financing-{index}-source": source,
            f"financing-{index}-planned": planned,
            f"financing-{index}-actual": actual,
        }
    return data


def test_negative_or_doubled_amounts_are_refused_and_nothing_saved(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("activity_financing", args=[cast.a.activity.pk])
    negative = client.post(
        url,
        formset_data(("2021", "municipal", "1 500,50", ""), ("2022", "regional", "-100", "")),
    )
    assert negative.status_code == 400
    assert "Сумма не может быть отрицательной." in negative.content.decode()
    doubled = client.post(
        url, formset_data(("2021", "municipal", "10", ""), ("2021", "municipal", "20", ""))
    )
    assert doubled.status_code == 400
    assert "Один источник указан дважды за один год" in doubled.content.decode()
    outside = client.post(url, formset_data(("2030", "municipal", "10", "")))
    assert "Выберите год программы." in outside.content.decode()
    assert not Financing.objects.exists()

    saved = client.post(url, formset_data(("2021", "municipal", "1 500,50", "1 200")))
    assert saved.status_code == 302
    line = Financing.objects.get()
    assert (line.planned, line.actual) == (Decimal("1500.50"), Decimal("1200"))


def test_coordinator_cannot_change_financing(cast, client):
    client.force_login(cast.users["coordinator_a"])
    url = reverse("activity_financing", args=[cast.a.activity.pk])
    assert client.post(url, formset_data(("2021", "municipal", "10", ""))).status_code == 403
    assert not Financing.objects.exists()


@pytest.fixture
def money(cast):
    """Two activities; hand-computed totals: municipal 2021 100 + 50 = 150 planned, 120 spent;
    municipal 2022 200; regional 2022 1 000,50; «без финансирования» does not count."""
    a, second = cast.a.activity, make_activity(cast.a.section, number="1.2", position=1)
    for activity, year, source, planned, actual in [
        (a, 2021, FinancingSource.MUNICIPAL, "100", "90"),
        (second, 2021, FinancingSource.MUNICIPAL, "50", "30"),
        (a, 2022, FinancingSource.MUNICIPAL, "200", None),
        (second, 2022, FinancingSource.REGIONAL, "1000.50", None),
        (second, 2023, FinancingSource.NONE, "0", None),
    ]:
        Financing.objects.create(
            activity=activity, year=year, source=source, planned=Decimal(planned), actual=actual
        )
    return cast


def test_totals_by_source_and_year(money, client):
    table = program_money(money.a.program)
    assert [(row.label, row.cells) for row in table.rows] == [
        (
            "муниципальный бюджет",
            [(Decimal("150"), Decimal("120")), (Decimal("200"), 0), (0, 0)],
        ),
        ("региональный бюджет", [(0, 0), (Decimal("1000.50"), 0), (0, 0)]),
    ]
    assert table.planned == Decimal("1350.50") and table.actual == Decimal("120")
    client.force_login(money.users["observer_a"])
    page = client.get(reverse("program_detail", args=[money.a.program.pk])).content.decode()
    assert "Ресурсное обеспечение" in page
    assert "1\xa0350,50" in page and "1\xa0000,50" in page


def test_spravka_has_the_resource_table(money, tmp_path):
    data = spravka_data(money.a.program, 2021)
    assert [row.source for row in data.resources.rows] == [
        "муниципальный бюджет",
        "региональный бюджет",
        "Итого",
    ]
    sheet = load_workbook(BytesIO(spravka_xlsx(data)))["Ресурсное обеспечение"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Источник финансирования", "2021: план, руб.", "2021: факт, руб.")
    assert rows[-1] == ("Итого", 150, 120, 1200.5, 0, 0, 0, 1350.5, 120)
    with translation.override("ru"):
        pdf = spravka_pdf(replace(data))
    path = tmp_path / "spravka.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Ресурсное обеспечение, руб." in text
    assert "1 350,5" in text.replace("\xa0", " ").replace("\u202f", " ")


def test_spravka_without_money_has_no_resource_table(cast):
    assert spravka_data(cast.a.program, 2021).resources is None
