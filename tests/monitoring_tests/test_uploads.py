"""Checking evidence files by their content, and the names they are shown and stored under."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.uploads import check_upload, safe_display_name
from tests.monitoring_tests import files


@pytest.mark.parametrize(
    ("make", "extension", "content_type"),
    [
        (files.pdf, "pdf", "application/pdf"),
        (files.png, "png", "image/png"),
        (files.jpg, "jpg", "image/jpeg"),
        (
            files.docx,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (files.xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (files.odt, "odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_documents_pass_with_their_format(make, extension, content_type, settings):
    checked = check_upload(make())
    assert checked.format.extension == extension
    assert checked.format.content_type == content_type
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (files.elf(), "исполняемая программа"),
        (files.html(), "неизвестного или текстового формата"),
        (files.zip_bomb(), "zip-бомба"),
        (files.odt("Отчёт.docx"), "документ OpenDocument (ODT), а не документ Word"),
        (SimpleUploadedFile("Битый.docx", b"PK\x03\x04" + b"\x00" * 100), "повреждён"),
        (SimpleUploadedFile("Пустой.pdf", b""), "пуст"),
    ],
)
def test_bad_content_is_refused(upload, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        check_upload(upload)


def test_an_encrypted_archive_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w/>")
    content = bytearray(output.getvalue())
    # Set the "encrypted" flag of every entry, in the local and the central headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := content.find(signature, start)) != -1:
            content[start + offset] |= 0x1
            start += 4
    with pytest.raises(ValidationError, match="защищён паролем"):
        check_upload(SimpleUploadedFile("Секрет.docx", bytes(content)))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Приказ № 5 от 01.09.2021.pdf", "Приказ № 5 от 01.09.2021.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Директор\\Фото.JPG", "Фото.JPG"),
        ("протокол\u202egpj.exe", "протоколgpj.exe"),
        ('отчёт<1>:"итог"?.docx', "отчёт_1___итог__.docx"),
        ("   .pdf", "файл.pdf"),
        ("", "файл"),
        ("я" * 300 + ".pdf", "я" * 120 + ".pdf"),
    ],
)
def test_display_names_are_made_safe(name, shown):
    assert safe_display_name(name) == shown
