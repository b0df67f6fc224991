"""Which reader a file needs, judged by its content; a clear Russian refusal otherwise.

The content decides: a PDF starts with «%PDF», an office file is a ZIP (.docx holds
word/document.xml, .xlsx holds xl/workbook.xml), an encrypted or pre-2007 office file is an OLE
container, and anything that decodes as text is CSV or a tab-separated table. The extension
only names what a broken file was meant to be.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePath

from .errors import RoadmapParseError
from .grid import Grid
from .read_docx import read_docx_grids
from .read_pdf import read_pdf_grids
from .read_text import decode_text, read_csv_grid, read_text_grid
from .read_xlsx import read_xlsx_grids

# An office file inflating to this many times the size limit is a zip bomb, not a roadmap.
_MAX_INFLATION = 10
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_FOREIGN_FORMATS = (
    (b"\x89PNG\r\n\x1a\n", "изображение PNG"),
    (b"\xff\xd8\xff", "изображение JPEG"),
    (b"GIF87a", "изображение GIF"),
    (b"GIF89a", "изображение GIF"),
    (b"{\\rtf", "документ RTF"),
    (b"\x1f\x8b", "архив GZIP"),
    (b"Rar!", "архив RAR"),
    (b"7z\xbc\xaf", "архив 7z"),
)
_DOCX_SUFFIXES = (".docx", ".docm", ".dotx")
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx")

MSG_HINT = "Загрузите дорожную карту в формате .docx, .xlsx, .pdf или .csv."
MSG_FOREIGN = "Файл «{name}» — это {kind}, а не документ Word или Excel. {hint}"
MSG_ENCRYPTED = (
    "Файл защищён паролем (зашифрован), его нельзя прочитать. "
    "Снимите пароль в Word или Excel, сохраните файл и загрузите его снова."
)
MSG_LEGACY = (
    "Файл в старом формате Word или Excel 97–2003 (.doc, .xls), он не поддерживается. "
    "Откройте его и сохраните как .docx или .xlsx."
)
MSG_CORRUPT_DOCX = "Документ Word повреждён и не открывается. Проверьте файл и загрузите его снова."
MSG_CORRUPT_XLSX = "Книга Excel повреждена и не открывается. Проверьте файл и загрузите её снова."
MSG_CORRUPT_PDF = "PDF-файл повреждён и не открывается. Проверьте файл и загрузите его снова."
MSG_CORRUPT_ZIP = "Файл повреждён: это испорченный архив, а не документ Word или Excel."
MSG_OTHER_ZIP = "Архив не является документом Word (.docx) или Excel (.xlsx). " + MSG_HINT
MSG_OPEN_DOCUMENT = (
    "Формат OpenDocument (.odt, .ods) не поддерживается. Сохраните файл как .docx или .xlsx."
)
MSG_ZIP_BOMB = "Документ распаковывается в слишком большой объём данных."
MSG_BINARY = "Формат файла не распознан. " + MSG_HINT
MSG_NO_TABLES = "В документе нет таблиц: дорожная карта должна быть оформлена таблицей."


def choose_reader(
    data: bytes, filename: str, max_bytes: int
) -> tuple[Callable[[], list[Grid]], str]:
    """A function reading the file's grids and the file's kind ("docx", "xlsx", "pdf", "csv",
    "text"), or a RoadmapParseError when no reader fits."""
    suffix = PurePath(filename or "").suffix.lower()
    name = PurePath(filename).name or "без имени"
    if data.startswith(_ZIP_MAGIC):
        return _office_reader(data, suffix, max_bytes)
    if data[:1024].lstrip().startswith(_PDF_MAGIC):
        return lambda: _read_office(read_pdf_grids, data, MSG_CORRUPT_PDF), "pdf"
    if data.startswith(_OLE_MAGIC):
        encrypted = "EncryptionInfo".encode("utf-16-le") in data
        raise RoadmapParseError(
            MSG_ENCRYPTED if encrypted or suffix in _DOCX_SUFFIXES + _XLSX_SUFFIXES else MSG_LEGACY
        )
    for magic, kind in _FOREIGN_FORMATS:
        if data.startswith(magic):
            raise RoadmapParseError(MSG_FOREIGN.format(name=name, kind=kind, hint=MSG_HINT))
    if suffix in _DOCX_SUFFIXES:
        raise RoadmapParseError(MSG_CORRUPT_DOCX)
    if suffix in _XLSX_SUFFIXES:
        raise RoadmapParseError(MSG_CORRUPT_XLSX)
    if _looks_binary(data):
        raise RoadmapParseError(MSG_BINARY)
    text = decode_text(data)
    if suffix == ".csv" or (suffix != ".txt" and "\t" not in text):
        return (lambda: [read_csv_grid(text)]), "csv"
    return (lambda: [read_text_grid(text)]), "text"


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    is_utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return not is_utf16 and b"\x00" in head


def _office_reader(
    data: bytes, suffix: str, max_bytes: int
) -> tuple[Callable[[], list[Grid]], str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except Exception as error:  # zipfile fails in many ways on a damaged archive
        message = (
            MSG_CORRUPT_DOCX
            if suffix in _DOCX_SUFFIXES
            else MSG_CORRUPT_XLSX
            if suffix in _XLSX_SUFFIXES
            else MSG_CORRUPT_ZIP
        )
        raise RoadmapParseError(message) from error
    if sum(entry.file_size for entry in entries) > _MAX_INFLATION * max_bytes:
        raise RoadmapParseError(MSG_ZIP_BOMB)
    if "word/document.xml" in names:
        return (lambda: _read_office(read_docx_grids, data, MSG_CORRUPT_DOCX)), "docx"
    if "xl/workbook.xml" in names:
        return (lambda: _read_office(read_xlsx_grids, data, MSG_CORRUPT_XLSX)), "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise RoadmapParseError(MSG_OPEN_DOCUMENT)
    if suffix in _DOCX_SUFFIXES:
        raise RoadmapParseError(MSG_CORRUPT_DOCX)
    if suffix in _XLSX_SUFFIXES:
        raise RoadmapParseError(MSG_CORRUPT_XLSX)
    raise RoadmapParseError(MSG_OTHER_ZIP)


def _read_office(read: Callable[[bytes], list[Grid]], data: bytes, message: str) -> list[Grid]:
    try:
        grids = read(data)
    except RoadmapParseError:
        raise
    except Exception as error:  # any failure inside the library means a broken file
        raise RoadmapParseError(message) from error
    if not grids:
        raise RoadmapParseError(MSG_NO_TABLES)
    return grids
