"""The school × activity matrix as an XLSX workbook: real cells, a frozen header row."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from monitoring.selectors import activity_label, year_label

NOT_INVOLVED = "не участвует"


def matrix_workbook(matrix) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Отчёты школ"
    year = year_label(matrix.program, matrix.year)
    sheet.append([f"{matrix.program.title} — {year}"])
    sheet.append(["Школа", *(activity_label(activity) for activity in matrix.activities)])
    for row in matrix.rows:
        sheet.append(
            [str(row.school), *(cell.label if cell else NOT_INVOLVED for cell in row.cells)]
        )
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
