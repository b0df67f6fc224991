"""Лист изменений (the change list between two editions of a roadmap) in Word and Excel.

Plain data in, bytes out, like the other builders: one row per changed field, before → after.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from reports.builders.xlsx_common import Column, ReportBook

NO_CHANGES = "Изменений нет."


@dataclass(frozen=True)
class ChangeListData:
    program_title: str
    department: str
    before_label: str
    after_label: str
    changes: list  # programs.editions.Change
    made_on: date


def change_rows(data: ChangeListData):
    """(№, мероприятие, что сделано, поле, было, стало) — one row per changed field."""
    for change in data.changes:
        fields = change.fields or [None]
        for field in fields:
            yield (
                change.number,
                change.title,
                change.kind_label,
                field.label if field else "",
                field.before if field else "",
                field.after if field else "",
            )


HEADERS = ["№", "Мероприятие", "Изменение", "Поле", "Было", "Стало"]


def change_list_xlsx(data: ChangeListData) -> bytes:
    book = ReportBook()
    sheet = book.add_sheet("Лист изменений")
    columns = [
        Column(HEADERS[0], 8),
        Column(HEADERS[1], 50, "text"),
        Column(HEADERS[2], 14),
        Column(HEADERS[3], 22),
        Column(HEADERS[4], 45, "text"),
        Column(HEADERS[5], 45, "text"),
    ]
    sheet.set_widths(column.width for column in columns)
    sheet.append([f"Лист изменений: {data.program_title}"], "title")
    sheet.append([f"Было: {data.before_label}"], "field")
    sheet.append([f"Стало: {data.after_label}"], "field")
    sheet.append([f"Сформирован {data.made_on:%d.%m.%Y}"], "field")
    sheet.append_header(HEADERS)
    written = sheet.append_rows([column.kind for column in columns], change_rows(data))
    if not written:
        sheet.append([NO_CHANGES])
    return book.to_bytes()


def change_list_docx(data: ChangeListData) -> bytes:
    document = Document()
    section = document.sections[0]
    # python-docx starts from US Letter: A4 landscape, as official tables are printed.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph(data.department)
    document.add_paragraph().add_run("Лист изменений дорожной карты").bold = True
    document.add_paragraph(data.program_title)
    document.add_paragraph(f"Было: {data.before_label}")
    document.add_paragraph(f"Стало: {data.after_label}")
    rows = list(change_rows(data))
    if not rows:
        document.add_paragraph(NO_CHANGES)
    else:
        table = document.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value or ""
    document.add_paragraph(f"Сформирован {data.made_on:%d.%m.%Y}")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
