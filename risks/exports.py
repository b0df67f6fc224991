"""The risk matrix as an XLSX workbook: levels as words with their symbols, document states."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from roadmap_portal.spreadsheets import text_cell


def _document_state(document) -> str:
    return document.get_status_display() if document else "нет"


def matrix_workbook(matrix, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Профили рисков"
    sheet.append([text_cell(sheet, f"{title} — {matrix.year:d} год")])
    general_kinds = [label for label, _document in matrix.rows[0].general] if matrix.rows else []
    sheet.append(
        [
            "Муниципалитет",
            "Школа",
            "Код школы",
            "Источник профиля",
            *(f"{factor.number}. {factor.label}" for factor in matrix.factors),
            *(label.capitalize() for label in general_kinds),
            "Пробелы в покрытии",
        ]
    )
    for row in matrix.rows:
        sheet.append(
            [
                text_cell(sheet, str(row.school.municipality)),
                text_cell(sheet, str(row.school)),
                text_cell(sheet, str(row.school.code)),
                row.profile.get_source_display() if row.profile else "профиль не заполнен",
                *(
                    f"{cell.label}; {cell.programme_label}" if cell.level else cell.label
                    for cell in row.cells
                ),
                *(_document_state(document) for _label, document in row.general),
                row.gap_count,
            ]
        )
    sheet["A1"].font = Font(bold=True, size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    for index in range(3, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 20
    sheet.freeze_panes = "C3"
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
