"""Uploads too large to import are refused before parsing, with a message saying what to do:
zip bombs (the evidence checks), a 100,000-row workbook, an endless pasted table."""

import io
import resource
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from imports.limits import table_size
from programs.models import Program
from tests.imports_tests.builders import docx_bytes


def _post(client, cast, **data):
    client.force_login(cast.users["specialist_a"])
    return client.post(reverse("import_start"), {"municipality": cast.a.municipality.pk, **data})


def _rows_xlsx(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Дорожная карта")
    sheet.append(["№", "Мероприятие", "Срок", "Исполнители"])
    for number in range(1, rows + 1):
        sheet.append([f"1.{number}", f"Семинар для педагогов № {number}", "май 2024", "ИМЦ"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_100000_row_workbook_is_refused_at_once(cast, client):
    content = _rows_xlsx(100_000)
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = _post(client, cast, file=SimpleUploadedFile("большая.xlsx", content))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before) / 1024
    assert response.status_code == 400
    page = response.content.decode()
    assert "В таблице 100\u00a0001 строк" in page and "Разделите дорожную карту" in page
    assert grown_mb < 100  # counted while streaming, never parsed into memory
    assert Program.objects.count() == 2


def test_table_size_counts_rows_and_cells_of_workbooks_and_documents():
    with zipfile.ZipFile(io.BytesIO(_rows_xlsx(250))) as archive:
        assert table_size(archive) == (251, 1004)
    document = docx_bytes([["№", "Мероприятие"], ["1", "Совещание"], ["2", "Семинар"]])
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        assert table_size(archive) == (3, 6)


def test_a_zip_bomb_docx_is_refused_like_evidence(cast, client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * (12 * 1024 * 1024))  # 72 MB
    response = _post(client, cast, file=SimpleUploadedFile("бомба.docx", buffer.getvalue()))
    assert response.status_code == 400
    assert "zip-бомба" in response.content.decode()


def test_a_pasted_table_too_long_is_refused(cast, client):
    text = "\n".join(f"1.{n}\tСеминар\tмай" for n in range(20_000))
    response = _post(client, cast, text=text)
    assert response.status_code == 400
    assert "Разделите дорожную карту" in response.content.decode()
