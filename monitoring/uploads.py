"""Checking an uploaded evidence file by its content before anything is stored.

A file is accepted when
- its extension is one of PDF, DOCX, XLSX, ODT, JPG (JPEG), PNG;
- it is not empty and not larger than EVIDENCE_MAX_BYTES;
- its content is of the format the extension names: the magic bytes (`filetype`) for PDF, JPG
  and PNG; for DOCX, XLSX and ODT, which are zip archives, the archive itself is opened: DOCX
  has `[Content_Types].xml` and `word/` parts, XLSX `[Content_Types].xml` and `xl/` parts, ODT
  a `mimetype` entry saying `application/vnd.oasis.opendocument.text`;
- an archive is no zip bomb: its entries together unpack to at most
  EVIDENCE_MAX_UNCOMPRESSED_BYTES, at most EVIDENCE_MAX_COMPRESSION_RATIO times the packed size,
  in at most MAX_ZIP_ENTRIES entries, none encrypted, and every entry unpacks with the right
  checksum (an entry cannot unpack to more than it declares: zipfile stops there and the
  checksum then fails).

The name the person gave is cleaned for display (path parts, control characters and characters
that file systems refuse are removed; Cyrillic stays); the file is stored under a generated name.
"""

import hashlib
import re
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class FileFormat:
    extension: str
    label: str
    content_type: str


FORMATS = {
    fmt.extension: fmt
    for fmt in (
        FileFormat("pdf", "документ PDF", "application/pdf"),
        FileFormat(
            "docx",
            "документ Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileFormat(
            "xlsx",
            "таблица Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileFormat("odt", "документ OpenDocument (ODT)", "application/vnd.oasis.opendocument.text"),
        FileFormat("jpg", "изображение JPG", "image/jpeg"),
        FileFormat("png", "изображение PNG", "image/png"),
    )
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
ACCEPTED_LABEL = "PDF, DOCX, XLSX, ODT, JPG и PNG"

# What other contents are, in words a school head understands.
DETECTED_LABELS = {
    "exe": "исполняемая программа Windows",
    "elf": "исполняемая программа",
    "zip": "ZIP-архив",
    "rar": "архив RAR",
    "7z": "архив 7z",
    "doc": "документ Word старого формата (DOC)",
    "xls": "таблица Excel старого формата (XLS)",
    "pptx": "презентация PowerPoint",
    "ods": "таблица OpenDocument (ODS)",
    "gif": "изображение GIF",
    "webp": "изображение WEBP",
    "heic": "фотография HEIC",
    "rtf": "документ RTF",
}
UNKNOWN_CONTENT = "файл неизвестного или текстового формата"

MAX_ZIP_ENTRIES = 5000
# A small archive may pack very well (a short repeated text): the ratio is judged from this size.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
HEAD_BYTES = 8192
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_STEM_LENGTH = 120
_FORBIDDEN_CHARACTERS = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check, with what will be recorded about it."""

    upload: object  # django UploadedFile
    original_name: str
    format: FileFormat
    size: int
    sha256: str


def safe_display_name(name: str | None) -> str:
    """The person's file name, safe to show and to send back in Content-Disposition."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _SPACES.sub(" ", _FORBIDDEN_CHARACTERS.sub("_", name)).strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .")[:MAX_STEM_LENGTH] or "файл"
    return f"{stem}.{extension[:10]}" if extension else stem


def extension_of(name: str) -> str:
    _stem, dot, extension = name.rpartition(".")
    extension = extension.lower() if dot else ""
    return EXTENSION_ALIASES.get(extension, extension)


def _size(value: int) -> str:
    return filesizeformat(value).replace("\xa0", " ")


def check_upload(upload) -> CheckedUpload:
    """The upload with its format, size and checksum; ValidationError in Russian otherwise."""
    name = safe_display_name(upload.name)
    fmt = FORMATS.get(extension_of(name))
    if fmt is None:
        raise ValidationError(
            f"Файл «{name}»: такие файлы не принимаются. Допустимы {ACCEPTED_LABEL}."
        )
    if not upload.size:
        raise ValidationError(f"Файл «{name}» пуст.")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Файл «{name}» весит {_size(upload.size)}, а допускается не больше {_size(limit)}."
        )
    detected = detect_format(upload, name)
    if detected != fmt.extension:
        what = FORMATS[detected].label if detected in FORMATS else DETECTED_LABELS.get(detected)
        raise ValidationError(
            f"Файл «{name}»: по содержимому это {what or UNKNOWN_CONTENT}, а не {fmt.label}. "
            "Загрузите сам документ, не переименовывая файлы других форматов."
        )
    return CheckedUpload(upload, name, fmt, upload.size, _sha256(upload))


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def detect_format(upload, name: str) -> str | None:
    """The format the content is, as an extension ("pdf", "docx", "exe"); None if unknown."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(upload, name)
    kind = filetype.guess(head)
    return kind.extension if kind else None


def _zip_format(upload, name: str) -> str:
    """What an archive holds ("docx", "xlsx", "odt", other "zip"), refusing zip bombs."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValidationError(f"Файл «{name}» повреждён: архив документа не читается.") from error
    with archive:
        refuse_zip_bombs(archive, name)
        try:
            damaged = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
            damaged = True
        if damaged:
            raise ValidationError(f"Файл «{name}» повреждён: документ не распаковывается.")
        names = set(archive.namelist())
        if "mimetype" in names:
            mimetype = archive.read("mimetype").strip()
            if mimetype == ODT_MIMETYPE:
                return "odt"
            return "ods" if mimetype.endswith(b"spreadsheet") else "zip"
        if "[Content_Types].xml" in names:
            for prefix, extension in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
                if any(entry.startswith(prefix) for entry in names):
                    return extension
        return "zip"


def refuse_zip_bombs(
    archive: zipfile.ZipFile,
    name: str,
    *,
    max_unpacked: int | None = None,
    max_ratio: int | None = None,
    max_entries: int = MAX_ZIP_ENTRIES,
) -> None:
    """ValidationError for an archive that is no document but a zip bomb: too many entries,
    encrypted, unpacking to more than `max_unpacked` bytes or compressed more than `max_ratio`
    times (the evidence limits unless given). Used for evidence and for imported roadmaps."""
    entries = archive.infolist()
    if len(entries) > max_entries:
        raise ValidationError(
            f"Файл «{name}» содержит {len(entries)} вложенных частей — это не похоже на документ."
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise ValidationError(f"Файл «{name}» защищён паролем: загрузите его без пароля.")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    limit = max_unpacked or settings.EVIDENCE_MAX_UNCOMPRESSED_BYTES
    if unpacked > limit:
        raise ValidationError(
            f"Файл «{name}» распаковывается в {_size(unpacked)}, а допускается не больше "
            f"{_size(limit)}: такой документ не принимается (возможна «zip-бомба»)."
        )
    ratio = max_ratio or settings.EVIDENCE_MAX_COMPRESSION_RATIO
    if unpacked > RATIO_CHECK_FROM_BYTES and unpacked > ratio * max(packed, 1):
        raise ValidationError(
            f"Файл «{name}» сжат в {unpacked // max(packed, 1)} раз, а документы сжимаются "
            f"не больше чем в {ratio} раз: такой файл не принимается (возможна «zip-бомба»)."
        )


@contextmanager
def files_removed_on_failure():
    """Collects the names of stored files; deletes them again if the write does not go through."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def download_response(stored):
    """A stored upload (evidence, a school document's file) as a download under its own name."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404("Файл не найден в хранилище: сообщите администратору портала.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
