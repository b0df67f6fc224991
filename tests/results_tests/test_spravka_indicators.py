"""The справка's indicators section reads the results app: baseline, target, actual, judgement."""

import re
import subprocess
from decimal import Decimal
from io import BytesIO

from django.utils.translation import override
from openpyxl import load_workbook

from reports.builders import spravka_pdf, spravka_xlsx
from reports.selectors import spravka_data
from results.models import Indicator, IndicatorYear, SchoolIndicatorValue
from tests.results_tests.helpers import lower_is_better, school_level


def test_spravka_shows_baseline_target_actual_and_judgement(cast, tmp_path):
    program = cast.a.program
    lower_is_better(program)
    by_school = school_level(program, position=5)
    IndicatorYear.objects.create(indicator=by_school, year=2021, target=Decimal(15))
    SchoolIndicatorValue.objects.create(
        indicator=by_school, school=cast.a.school, year=2021, actual=Decimal(12)
    )
    with override("ru"):
        data = spravka_data(program, 2021)
        pdf = spravka_pdf(data)
    rows = {(row.name[:10], row.year_label): row for row in data.indicators}
    missed = rows[("Доля обуча", "2021")]
    assert (missed.baseline_number, missed.baseline_year) == (Decimal("24.3"), 2020)
    assert missed.judgement == "не достигнуто"
    assert rows[("Доля отмет", "2021")].judgement == "достигнуто (1 из 1 школ)"
    assert len(data.indicators) == 2  # years with nothing entered are left out

    path = tmp_path / "spravka.pdf"
    path.write_bytes(pdf)
    text = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert "Базовое" in text and "24,3 (2020)" in text
    assert "не достигнуто" in text
    assert "Показатели в программе не заданы." not in text

    sheet = load_workbook(BytesIO(spravka_xlsx(data)))["Показатели"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in values if "Оценка" in row)
    line = next(row for row in values if row[0] and row[0].startswith("Доля обучающихся"))
    record = dict(zip(header, line, strict=False))
    assert record["Базовое значение"] == 24.3
    assert record["Базовый год"] == 2020
    assert (record["План"], record["Факт"], record["Оценка"]) == (18, 21.5, "не достигнуто")


def test_spravka_prints_the_persons_comment_on_yes_no_and_text_indicators(cast, tmp_path):
    program = cast.a.program
    yes_no = Indicator.objects.create(
        program=program, name="Создан методический совет", direction="yes_no"
    )
    text = Indicator.objects.create(
        program=program, name="Итоги самодиагностики", direction="text", position=2
    )
    IndicatorYear.objects.create(
        indicator=yes_no,
        year=2021,
        target_text="да",
        actual_text="да",
        person_judgement="reached",
        comment="Приказ № 15 от 01.02.2021 о создании совета",
    )
    IndicatorYear.objects.create(
        indicator=text,
        year=2021,
        target_text="рост по 3 направлениям",
        actual_text="рост по 1 направлению",
        person_judgement="not_reached",
        comment="=Рост только по кадровому направлению",
    )
    with override("ru"):
        data = spravka_data(program, 2021)
        pdf = spravka_pdf(data)

    path = tmp_path / "spravka.pdf"
    path.write_bytes(pdf)
    text_of_pdf = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert "Комментарий к оценке" in text_of_pdf
    assert "Приказ № 15 от 01.02.2021 о создании совета" in text_of_pdf
    assert "=Рост только по кадровому направлению" in text_of_pdf

    sheet = load_workbook(BytesIO(spravka_xlsx(data)))["Показатели"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in values if "Оценка" in row)
    records = {row[0]: dict(zip(header, row, strict=False)) for row in values if row is not header}
    council = records["Создан методический совет"]
    assert (council["Оценка"], council["Комментарий к оценке"]) == (
        "достигнуто",
        "Приказ № 15 от 01.02.2021 о создании совета",
    )
    survey = records["Итоги самодиагностики"]
    assert survey["Оценка"] == "не достигнуто"
    # People's text never becomes a live formula in the sheet.
    assert "Рост только по кадровому направлению" in survey["Комментарий к оценке"]
    (cell,) = [c for row in sheet.iter_rows() for c in row if "кадровому" in str(c.value or "")]
    assert cell.data_type == "s"
