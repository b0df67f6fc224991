"""Entry points: bytes or pasted text in, a Roadmap out, or a RoadmapParseError in Russian."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .assemble import MSG_NO_DATA, assemble
from .detect import choose_reader
from .errors import RoadmapParseError
from .model import Roadmap
from .read_text import read_csv_grid, read_text_grid

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

MSG_TOO_LARGE = "Файл слишком большой: {size} при допустимых {limit}."
MSG_EMPTY_FILE = "Файл пуст."
MSG_INTERNAL = "Не удалось разобрать документ: его структура не распознана."


def parse_roadmap(
    data: bytes,
    filename: str = "",
    *,
    column_map: Mapping[int, str | None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roadmap:
    """Parse a roadmap from a .docx, .xlsx, .csv or text file. The content decides the format;
    the extension only helps to name what a broken file was meant to be.

    ``column_map`` ({column index: field}) overrides the recognised field of those columns in
    every table; a field is a name in ``FIELDS``, "section", "year:YYYY", or None to ignore the
    column. ``max_bytes`` refuses larger data before reading it.
    """
    if len(data) > max_bytes:
        raise RoadmapParseError(
            MSG_TOO_LARGE.format(size=_megabytes(len(data)), limit=_megabytes(max_bytes))
        )
    if not data.strip():
        raise RoadmapParseError(MSG_EMPTY_FILE)
    reader, kind = choose_reader(data, filename, max_bytes)
    roadmap = _guarded(lambda: assemble(reader(), column_map))
    roadmap.source_kind = kind
    return roadmap


def parse_roadmap_text(
    text: str,
    *,
    column_map: Mapping[int, str | None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roadmap:
    """Parse a roadmap pasted as text: a Word or Excel table copied from the browser arrives
    tab-separated, one row per line; text without tabs is read as CSV (";" or ",")."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise RoadmapParseError(
            MSG_TOO_LARGE.format(size=_megabytes(size), limit=_megabytes(max_bytes))
        )
    if not text.strip():
        raise RoadmapParseError(MSG_NO_DATA)
    read = read_text_grid if "\t" in text else read_csv_grid
    roadmap = _guarded(lambda: assemble([read(text)], column_map))
    roadmap.source_kind = "text" if "\t" in text else "csv"
    return roadmap


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").replace(",0", "") + " МБ"


def _guarded(parse: Callable[[], Roadmap]) -> Roadmap:
    """Bad input must end in a RoadmapParseError, whatever a library raises on it."""
    try:
        return parse()
    except RoadmapParseError:
        raise
    except Exception as error:  # the contract: no other exception escapes
        raise RoadmapParseError(MSG_INTERNAL) from error
