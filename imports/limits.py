"""What an uploaded roadmap may be before it is parsed, checked without parsing it.

- An office file (.docx, .xlsx) passes the same archive checks as evidence
  (`monitoring.uploads.refuse_zip_bombs`: entries, encryption, compression ratio), with a lower
  unpacked size, IMPORT_MAX_UNCOMPRESSED_BYTES: a parser holds several times the XML in memory.
- The table may have at most IMPORT_MAX_ROWS rows and IMPORT_MAX_CELLS cells. They are counted
  by streaming the sheet or document XML through the decompressor (`<row`/`<c` in a sheet,
  `<w:tr`/`<w:tc` in a document) and by lines in CSV or pasted text, so a 100,000-row workbook
  is refused in a moment with a message saying what to do, instead of being parsed.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

from monitoring.uploads import refuse_zip_bombs

CHUNK = 1024 * 1024
# The parts that hold tables, with how their rows and cells begin (with a space or ">" after
# the name: "<w:tcPr" is no cell).
TABLE_PARTS = (
    ("xl/worksheets/", (b"<row ", b"<row>"), (b"<c ", b"<c>")),
    ("word/document.xml", (b"<w:tr ", b"<w:tr>"), (b"<w:tc ", b"<w:tc>")),
)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _count_tags(stream, tags: tuple[bytes, ...]) -> list[int]:
    """How often each tag occurs in the stream, read a chunk at a time."""
    counts = [0] * len(tags)
    carry = b""
    keep = max(len(tag) for tag in tags) - 1
    while chunk := stream.read(CHUNK):
        data = carry + chunk
        for index, tag in enumerate(tags):
            # A tag split across chunks is counted once: the carried tail is too short for it.
            counts[index] += data.count(tag)
            counts[index] -= carry.count(tag)
        carry = data[-keep:]
    return counts


def table_size(archive: zipfile.ZipFile) -> tuple[int, int]:
    """(rows, cells) of the tables in a .docx or .xlsx archive."""
    rows = cells = 0
    for entry in archive.infolist():
        for prefix, row_tags, cell_tags in TABLE_PARTS:
            if entry.filename.startswith(prefix) and entry.filename.endswith(".xml"):
                with archive.open(entry) as stream:
                    counts = _count_tags(stream, row_tags + cell_tags)
                rows += sum(counts[: len(row_tags)])
                cells += sum(counts[len(row_tags) :])
    return rows, cells


def refuse_large_table(rows: int, cells: int) -> None:
    max_rows, max_cells = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_CELLS
    if rows > max_rows or cells > max_cells:
        raise ValidationError(
            f"В таблице {_number(rows)} строк и {_number(cells)} ячеек, а загрузить можно не "
            f"больше {_number(max_rows)} строк и {_number(max_cells)} ячеек. Разделите дорожную "
            "карту на части или удалите лишнее (например, пустые оформленные строки в конце "
            "листа) и загрузите снова."
        )


def check_import_upload(upload) -> None:
    """ValidationError (in Russian) for an upload too large to import; a file that is not an
    archive is judged by its lines, a damaged archive is left to the parser to name."""
    name = upload.name or "без имени"
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        data = upload.read()
        upload.seek(0)
        lines = data.count(b"\n") + 1
        refuse_large_table(lines, lines)  # at least one cell a line
        return
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError):
        upload.seek(0)
        return
    with archive:
        refuse_zip_bombs(archive, name, max_unpacked=settings.IMPORT_MAX_UNCOMPRESSED_BYTES)
        try:
            rows, cells = table_size(archive)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
            rows = cells = 0  # damaged: the parser says so in its own words
    upload.seek(0)
    refuse_large_table(rows, cells)


def check_import_text(text: str) -> None:
    lines = text.count("\n") + 1
    refuse_large_table(lines, lines)
