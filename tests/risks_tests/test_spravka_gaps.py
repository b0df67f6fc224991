"""The gaps in the coverage of risks go into the справка, PDF and XLSX."""

import subprocess
from io import BytesIO

from django.utils.translation import override
from openpyxl import load_workbook

from programs.models import Program
from reports.builders import spravka_pdf
from reports.builders.xlsx_spravka import spravka_xlsx
from reports.selectors import spravka_data


def test_spravka_lists_the_unanswered_risks(world, tmp_path):
    program = Program.objects.get(municipality=world.municipality)
    with override("ru"):
        data = spravka_data(program, 2023)
        pdf = tmp_path / "spravka.pdf"
        pdf.write_bytes(spravka_pdf(data))
        book = load_workbook(BytesIO(spravka_xlsx(data)))
    assert ("МБОУ Кормовская СОШ", "Мотивация (◆ средний)") in {
        (gap.school, gap.factor) for gap in data.risk_gaps
    }
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Риски «500+»: высокие и средние риски без ответа" in text
    assert "Мотивация (◆ средний)" in text
    cells = [value for row in book["Школы"].iter_rows(values_only=True) for value in row]
    assert "Мотивация (◆ средний)" in cells

    with override("ru"):
        assert spravka_data(program, 2021).risk_gaps is None  # no profiles in 2021
