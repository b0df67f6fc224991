"""Percent-formatted Excel cells: 0.25 shown as «25 %» is read as 25 %, decided by the cell's
format; a plain 25 stays 25; a percent cell above 100 % still gets the Russian row error."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from results.importing import SchoolRef, parse_results
from tests.results_tests.files import LONG_HEADER

SCHOOLS = [SchoolRef(1, "МБОУ «Ремонтненская СОШ № 1»", "610001")]
LOW, GOOD = LONG_HEADER.index("Доля «2», %"), LONG_HEADER.index("Доля «4» и «5», %")


def book(*rows, percent_columns=()):
    """A sheet whose share cells are formatted as Excel formats them after typing «25 %»."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(LONG_HEADER)
    for row in rows:
        sheet.append(row)
    for column in percent_columns:
        for cells in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cells[0].number_format = "0%"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def row(low, good):
    return ["610001", "", 2023, "ВПР", "Русский язык", 5, 25, low, good, 3.4]


def test_percent_cell_is_read_as_shown():
    parsed = parse_results(book(row(0.25, 0.405), percent_columns=(LOW, GOOD)), SCHOOLS)
    assert parsed.errors == []
    (line,) = parsed.lines
    assert (line.share_low, line.share_good) == (Decimal(25), Decimal("40.5"))
    assert line.mean_score == Decimal("3.4")  # a plain cell beside them is left alone


def test_plain_number_stays_as_written():
    parsed = parse_results(book(row(25, 0.25)), SCHOOLS)
    assert parsed.errors == []
    (line,) = parsed.lines
    assert (line.share_low, line.share_good) == (Decimal(25), Decimal("0.25"))


def test_percent_cell_above_100_gets_the_row_error():
    parsed = parse_results(book(row(1.5, 0.4), percent_columns=(LOW, GOOD)), SCHOOLS)
    assert parsed.lines == []
    assert parsed.errors == ["Строка 2, «доля «2» / ниже порога»: 150.0 — доля больше 100 %."]
