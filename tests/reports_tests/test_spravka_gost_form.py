"""The справка in the form the department signs (ГОСТ Р 7.0.97-2016), read back from the PDF:
requisites, «Основание», one date format, the signature on one line, «Исполнитель:», the serif
font; page 1 saved as PNG for people to look at."""

import re
import subprocess
from dataclasses import replace

import pytest
from django.utils import translation

from display.formats import format_position, format_signer
from reports.builders import spravka_pdf
from reports.data import OfficialDetails, Signature
from tests.reports_tests.read_back import pdf_fonts, pdf_lines
from tests.reports_tests.sample import sample_spravka
from tests.tools import poppler

EXECUTOR = "Исполнитель: О. В. Петренко, тел. 8 (47555) 2-11-34"
MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"


def signed_spravka():
    return replace(
        sample_spravka(),
        signature=Signature("начальник отдела образования", "Иванова Елена Петровна", EXECUTOR),
        official=OfficialDetails(
            addressee="Министерство образования\nи науки Тамбовской области",
            basis="Приказ № 55 от 03.09.2021 (в редакции приказа от 12.03.2022 № 41)",
        ),
    )


@pytest.fixture(scope="module")
def pdf():
    return spravka_pdf(signed_spravka())


def test_requisites_head_the_first_page(pdf, tmp_path):
    lines = pdf_lines(pdf, tmp_path)
    head = " ".join(lines[:12])

    # The letterhead on the left, the addressee on the right: printed lines run across both.
    assert lines[0].startswith("ОТДЕЛ ОБРАЗОВАНИЯ") and "ТАМБОВСКОЙ ОБЛ" in head
    assert "Министерство образования" in head and "Тамбовской области" in head  # addressee
    assert "__.__.____ № ________" in head  # date and outgoing number, filled when registered
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in lines
    assert "за 2022 год" in head  # the title names the period


def test_basis_and_purpose_open_the_text(pdf, tmp_path):
    lines = pdf_lines(pdf, tmp_path)

    assert "Основание: Приказ № 55 от 03.09.2021 (в редакции приказа от 12.03.2022 № 41)" in lines
    assert any(
        line.startswith("Цель: анализ исполнения дорожной карты в 2022 году") for line in lines
    )


def test_signature_keeps_initials_and_surname_on_one_line(pdf, tmp_path):
    lines = pdf_lines(pdf, tmp_path)
    signature = next(line for line in lines if "Е. П. Иванова" in line)

    assert signature.startswith("Начальник отдела образования")  # position with a capital
    assert signature.endswith("Е. П. Иванова")
    assert EXECUTOR in lines


def test_dates_are_written_one_way(pdf, tmp_path):
    text = "\n".join(pdf_lines(pdf, tmp_path))
    dates = re.findall(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", text)

    assert dates  # the order's dates, the comments' protocols
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", date) for date in dates), dates
    assert not re.search(rf"\d+ ({MONTHS}) \d{{4}}", text)


def test_text_is_set_in_liberation_serif(pdf, tmp_path):
    fonts = [line.split()[0] for line in pdf_fonts(pdf, tmp_path).splitlines()[2:]]

    assert fonts
    assert all("LiberationSerif" in font.split("+")[-1].replace("-", "") for font in fonts), fonts


def test_signer_names_and_positions_as_documents_sign():
    assert format_signer("Иванова Е. П.") == "Е.\u00a0П.\u00a0Иванова"
    assert format_signer("Иванова Елена Петровна") == "Е.\u00a0П.\u00a0Иванова"
    assert format_signer("Е.П. Иванова") == "Е.\u00a0П.\u00a0Иванова"
    assert format_position("заведующий отделом") == "Заведующий отделом"


def test_first_page_saved_as_png(pdf, tmp_path, artifacts_dir):
    path = tmp_path / "spravka.pdf"
    path.write_bytes(pdf)
    prefix = artifacts_dir / "spravka-gost"
    for old in artifacts_dir.glob("spravka-gost*.png"):
        old.unlink()
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        + [str(path), str(prefix)],
        check=True,
    )

    assert (artifacts_dir / "spravka-gost.png").stat().st_size > 10_000


def test_builds_without_an_active_language():
    with translation.override(None):
        assert spravka_pdf(sample_spravka(activities=3, schools=1)).startswith(b"%PDF")
