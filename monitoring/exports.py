"""The school × activity matrix as an XLSX workbook: real cells, a frozen header row."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from monitoring.slots import activity_label
from monitoring.targets import year_label
from roadmap_portal.spreadsheets import text_cell

NOT_INVOLVED = "не участвует"


def matrix_workbook(matrix) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Отчёты школ"
    year = year_label(matrix.program, matrix.year)
    rows = [
        [f"{matrix.program.title} — {year}"],
        ["Школа", *(activity_label(activity) for activity in matrix.activities)],
        *(
            [str(row.school), *(cell.label if cell else NOT_INVOLVED for cell in row.cells)]
            for row in matrix.rows
        ),
    ]
    for values in rows:
        # Titles and names are people's text: never a live formula.
        sheet.append([text_cell(sheet, value) for value in values])
    sheet["A1"].font = Font(bold=True, size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(matrix.activities) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 28
    # The school column and the header stay in view while scrolling.
    sheet.freeze_panes = "B3"
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
