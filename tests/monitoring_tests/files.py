"""Uploads for the tests, built in memory: real documents of each accepted kind, and the bad
inputs (executables, HTML, zip bombs) renamed to look like documents."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from monitoring.demo import DEMO_PDF

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'


def pdf(name="Приказ № 12 от 01.09.2021.pdf", size=None):
    content = DEMO_PDF if size is None else DEMO_PDF + b"%" * (size - len(DEMO_PDF))
    return SimpleUploadedFile(name, content, "application/pdf")


def png(name="Фото.png"):
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), "image/png")


def jpg(name="Фотоотчёт.jpeg"):
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(output, "JPEG")
    return SimpleUploadedFile(name, output.getvalue(), "image/jpeg")


def _zip(entries, *, stored_first=None):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1])
        for name, content in entries.items():
            archive.writestr(name, content)
    return output.getvalue()


def docx(name="Протокол заседания.docx"):
    content = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": "<w:document>Протокол</w:document>".encode(),
        }
    )
    return SimpleUploadedFile(name, content)


def xlsx(name="Справка.xlsx"):
    workbook = Workbook()
    workbook.active.append(["Школа", "Педагогов"])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def odt(name="Справка.odt"):
    content = _zip(
        {"content.xml": b"<office:document-content/>"},
        stored_first=("mimetype", b"application/vnd.oasis.opendocument.text"),
    )
    return SimpleUploadedFile(name, content)


def elf(name="Приказ.pdf"):
    return SimpleUploadedFile(name, b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200)


def windows_exe(name="Справка.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)


def html(name="Протокол.docx"):
    return SimpleUploadedFile(name, b"<!DOCTYPE html><html><body><script>alert(1)</script>")


def zip_bomb(name="Отчёт.xlsx", unpacked_bytes=30 * 1024 * 1024):
    """An "xlsx" whose one sheet unpacks from a few kilobytes to `unpacked_bytes` of zeros."""
    content = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\x00" * unpacked_bytes,
        }
    )
    return SimpleUploadedFile(name, content)
