"""Bad input ends in a RoadmapParseError with a Russian message, never in another exception."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from imports.parsing import RoadmapParseError, parse_roadmap, parse_roadmap_text

from .builders import Para, Sheet, docx_bytes, tab_text, xlsx_bytes

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def parse_error(data: bytes, filename: str, **options) -> str:
    with pytest.raises(RoadmapParseError) as caught:
        parse_roadmap(data, filename, **options)
    message = caught.value.message
    assert CYRILLIC.search(message), message
    return message


def test_truncated_docx_is_reported_as_corrupt():
    data = (SEEDS / "001_6243421780018668.docx").read_bytes()

    assert "Документ Word повреждён" in parse_error(data[: len(data) // 2], "карта.docx")


def test_docx_with_broken_xml_is_reported_as_corrupt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>")

    assert "Документ Word повреждён" in parse_error(buffer.getvalue(), "карта.docx")


def test_random_bytes_named_docx_are_reported_as_corrupt():
    assert "Документ Word повреждён" in parse_error(b"\x01\x02garbage" * 50, "карта.docx")


def test_png_renamed_to_xlsx_is_named_an_image():
    message = parse_error(PNG, "карта.xlsx")

    assert "изображение PNG" in message
    assert "карта.xlsx" in message


def test_encrypted_workbook_asks_to_remove_the_password():
    assert "защищён паролем" in parse_error(OLE, "карта.xlsx")


def test_encrypted_package_is_recognised_whatever_its_name():
    data = OLE + "EncryptionInfo".encode("utf-16-le") + bytes(64)

    assert "защищён паролем" in parse_error(data, "download")


def test_legacy_word_document_asks_for_docx():
    assert "97–2003" in parse_error(OLE, "карта.doc")


def test_pdf_is_not_an_office_document():
    assert "PDF-файл повреждён" in parse_error(b"%PDF-1.7\n...", "карта.pdf")


def test_open_document_spreadsheet_is_refused_by_name():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")

    assert "OpenDocument" in parse_error(buffer.getvalue(), "карта.ods")


def test_docx_table_with_a_header_and_no_rows_is_an_empty_roadmap():
    data = docx_bytes([["№", "Наименование мероприятия", "Срок", "Ответственный"]])

    assert "нет ни одного мероприятия" in parse_error(data, "карта.docx")


def test_xlsx_table_with_only_section_rows_is_an_empty_roadmap():
    data = xlsx_bytes(Sheet([["№", "Мероприятия", "Сроки"], [None, None, None]]))

    assert "нет ни одного мероприятия" in parse_error(data, "карта.xlsx")


def test_empty_workbook_has_no_data():
    assert "нет ни одной заполненной ячейки" in parse_error(xlsx_bytes(Sheet([])), "карта.xlsx")


def test_docx_without_tables():
    data = docx_bytes(Para("Дорожная карта"), Para("Текст без таблицы"))

    assert "нет таблиц" in parse_error(data, "карта.docx")


def test_table_without_a_title_column_is_not_a_roadmap():
    data = docx_bytes([["ФИО", "Должность", "Телефон"], ["Иванов И.И.", "Директор", "12-34-56"]])

    assert "не найдена таблица дорожной карты" in parse_error(data, "карта.docx")


def test_plain_text_without_a_table_is_not_a_roadmap():
    message = parse_error("Просто письмо\nбез таблицы".encode(), "письмо.txt")

    assert "не найдена таблица дорожной карты" in message


def test_oversized_file_is_refused_before_reading():
    data = (SEEDS / "000_7f9a2473aa5e70ca.docx").read_bytes()

    message = parse_error(data, "карта.docx", max_bytes=10_000)

    assert message.startswith("Файл слишком большой")
    assert "МБ" in message


def test_oversized_pasted_text_is_refused():
    with pytest.raises(RoadmapParseError, match="слишком большой"):
        parse_roadmap_text("№\tМероприятие\n" * 1000, max_bytes=1000)


def test_empty_file_and_empty_text():
    assert parse_error(b"", "карта.xlsx") == "Файл пуст."
    with pytest.raises(RoadmapParseError):
        parse_roadmap_text("  \n\t\n")


def test_binary_data_without_a_known_signature():
    assert "Формат файла не распознан" in parse_error(bytes(range(256)) * 4, "карта")


def test_unknown_field_in_a_column_map():
    text = tab_text(["№", "Мероприятие"], ["1", "Совещание"])

    with pytest.raises(RoadmapParseError, match="Неизвестное поле колонки"):
        parse_roadmap_text(text, column_map={0: "номер"})
    with pytest.raises(RoadmapParseError, match="нет колонки с номером 7"):
        parse_roadmap_text(text, column_map={7: "title"})


def test_cp1251_csv_is_decoded_not_refused():
    data = "№;Мероприятие;Срок\n1;Совещание;май\n".encode("cp1251")

    assert parse_roadmap(data, "карта.csv").activities[0].title == "Совещание"


@pytest.mark.parametrize("name", ["000_7f9a2473aa5e70ca", "001_6243421780018668"])
@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_damaged_office_files_never_raise_anything_else(name, extension):
    data = bytearray((SEEDS / f"{name}.{extension}").read_bytes())
    generator = random.Random(f"{name}.{extension}")
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(generator.randint(1, 20)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        try:
            parse_roadmap(bytes(damaged), f"карта.{extension}")
        except RoadmapParseError as error:
            assert CYRILLIC.search(error.message)
