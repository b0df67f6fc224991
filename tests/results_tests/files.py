"""Results files as people get them, built in memory."""

from io import BytesIO

from openpyxl import Workbook


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, delimiter=";", encoding="utf-8-sig") -> bytes:
    lines = [delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


LONG_HEADER = [
    "Код ОО",
    "Наименование ОО",
    "Год",
    "Процедура",
    "Предмет",
    "Класс",
    "Кол-во участников",
    "Доля «2», %",
    "Доля «4» и «5», %",
    "Средний балл",
]
