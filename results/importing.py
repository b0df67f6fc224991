"""Assessment results from XLSX/CSV files, the way departments receive them.

Two shapes are read: long (one row per school × subject × grade, with columns for participants
and the shares) and wide (one row per school, a column per subject, "Русский язык: доля «2»" or
just "Русский язык" when the sheet has a common «участников» column). Columns are found by header
synonyms, never by position. Schools are matched by code first, then by normalised name (those
matches are listed for the person to confirm). Every bad row gets a Russian message with its row
number, and one bad row means nothing is saved.

Parsing is pure: `parse_results` takes bytes and the schools to match against and returns rows
and errors; saving is `results.services.save_results`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from imports.parsing.read_text import decode_text
from schools.parties import normalise_name

MEASURES = ("participants", "share_low", "share_good", "mean_score")
SHARES = ("share_low", "share_good")
MEASURE_LABELS = {
    "participants": "участников",
    "share_low": "доля «2» / ниже порога",
    "share_good": "доля «4» и «5»",
    "mean_score": "средний балл",
}
FIELD_LABELS = MEASURE_LABELS | {
    "code": "код школы",
    "school": "наименование школы",
    "year": "год",
    "assessment": "процедура",
    "subject": "предмет",
    "grade": "класс",
}
ASSESSMENT_WORDS = {
    "vpr": r"впр|всероссийск\w* провероч",
    "oge": r"огэ|основн\w* государствен",
    "ege": r"егэ|единн?\w* государствен",
    "regional": r"регионал\w*|рдр|диагностик",
}
_ASSESSMENT_RES = {code: re.compile(words) for code, words in ASSESSMENT_WORDS.items()}
# Field → header synonyms, matched against a folded header at a word start. Order matters: a
# header is given to the first field whose words it contains.
_HEADER_WORDS = {
    "code": r"код|логин|идентификатор|id\b",
    "participants": r"участник|писавш|выполнявш|сдавав|кол\w* (?:обучающ|учащ)|число обучающ",
    "share_low": r"ниже порог|не преодолел|не преодолевш|доля 2\b|2\b|неудовлетворит|двоек",
    "share_good": r"4 и 5|4 5\b|качеств|хорош\w* и отличн",
    "mean_score": r"средн\w* (?:балл|отметк|оценк)|ср\w* балл",
    "year": r"год\b|учебн\w* год",
    "assessment": r"процедур|вид работ|оценочн|^работа$|^вид$",
    "subject": r"предмет|дисциплин",
    "grade": r"класс|параллел",
    "school": r"школ|\bоо\b|организаци|учрежден|наименовани",
}
_HEADER_RES = {
    name: re.compile(r"(?:^|\s)(?:" + words + ")") for name, words in _HEADER_WORDS.items()
}
_WIDE_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s|,|\()\s*")
_FOLD = str.maketrans({"ё": "е", "«": " ", "»": " ", '"': " ", "%": " ", ".": " ", "№": " "})
_SPACES = re.compile(r"\s+")
_NOT_A_SUBJECT = re.compile(r"^№|п/п|район|муниципал|адрес|примечан|телефон|директор")
_MAX_ROWS = 200_000
_ZIP_MAGIC = b"PK\x03\x04"
_FOREIGN = ((b"%PDF", "документ PDF"), (bytes.fromhex("D0CF11E0A1B11AE1"), "файл Excel 97–2003"))


def fold_header(text) -> str:
    return _SPACES.sub(" ", str(text or "").lower().translate(_FOLD)).strip(" :;,*")


def header_field(text) -> str | None:
    label = fold_header(text)
    if not label:
        return None
    for name, pattern in _HEADER_RES.items():
        if pattern.search(label):
            return name
    return None


def assessment_code(text) -> str | None:
    label = fold_header(text)
    return next((code for code, rx in _ASSESSMENT_RES.items() if rx.search(label)), None)


@dataclass(frozen=True)
class SchoolRef:
    pk: int
    name: str
    code: str


@dataclass
class ResultLine:
    row: int  # row number in the file, as the person sees it
    school_id: int
    year: int
    assessment: str
    subject: str
    grade: int
    participants: int
    share_low: Decimal | None = None
    share_good: Decimal | None = None
    mean_score: Decimal | None = None

    @property
    def key(self):
        return (self.school_id, self.year, self.assessment, self.subject.casefold(), self.grade)


@dataclass
class NameMatch:
    row: int
    written: str
    school: SchoolRef


@dataclass
class ParsedResults:
    lines: list[ResultLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    name_matches: list[NameMatch] = field(default_factory=list)
    shape: str = ""  # "длинная" / "широкая"
    columns: dict[str, str] = field(default_factory=dict)  # header → what it was read as

    @property
    def ok(self):
        return not self.errors


class ResultsFileError(Exception):
    """The file as a whole cannot be read: a Russian message for the person."""


@dataclass
class Defaults:
    """Values for columns the file lacks (a file per assessment and year is common)."""

    year: int | None = None
    assessment: str | None = None
    grade: int | None = None


# --- Reading the cells -----------------------------------------------------------------------


def read_table(data: bytes, filename: str = "") -> list[tuple]:
    """Rows of cell values (header first) from an XLSX or CSV file."""
    if not data or not data.strip():
        raise ResultsFileError("Файл пуст: в нём нет ни заголовка, ни строк с результатами.")
    for magic, kind in _FOREIGN:
        if data.startswith(magic):
            raise ResultsFileError(
                f"Файл «{filename}» — это {kind}. Загрузите результаты в формате .xlsx или .csv."
            )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, filename)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ResultsFileError(
            f"Файл «{filename}» не похож на таблицу. Загрузите результаты в формате .xlsx или .csv."
        )
    return _read_csv(decode_text(data))


def _read_xlsx(data: bytes, filename: str) -> list[tuple]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ResultsFileError(
            f"Файл «{filename}» не открывается как книга Excel (.xlsx): он повреждён или это "
            "другой формат."
        ) from error
    try:
        sheet = book.worksheets[0]
        return [tuple(_cell_value(cell) for cell in row) for row in sheet.iter_rows()]
    finally:
        book.close()


def _cell_value(cell):
    """The value as the person sees it: a percent-formatted 0.25 is shown, and meant, as 25 %.

    The cell's format decides, never the size of the number: 0.25 in a plain cell stays 0.25.
    """
    value = cell.value
    if type(value) in (int, float) and "%" in (cell.number_format or ""):
        return Decimal(str(value)) * 100
    return value


def _read_csv(text: str) -> list[tuple]:
    # The header line decides: data lines may hold decimal commas ("12,5") in a ";" file.
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", "\t", ","), key=header.count)
    return [tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# --- Understanding the header ------------------------------------------------------------------


@dataclass
class _Layout:
    header_row: int
    fields: dict[str, int]  # field → column index
    wide: list[tuple[int, str, str]]  # (column, subject, measure) of a wide sheet


def _wide_column(text) -> tuple[str, str] | None:
    """'Русский язык: доля «2»' → ('Русский язык', 'share_low')."""
    raw = str(text or "").strip()
    parts = _WIDE_SPLIT.split(raw, maxsplit=1)
    if len(parts) == 2 and parts[0] and header_field(parts[0]) is None:
        measure = header_field(parts[1])
        if measure in MEASURES:
            return parts[0].strip(), measure
    return None


def _layout(rows: list[tuple]) -> _Layout:
    """The header is the first of the top rows naming a school column."""
    for index, row in enumerate(rows[:10]):
        fields: dict[str, int] = {}
        wide, unknown = [], []
        for column, cell in enumerate(row):
            if cell is None or not str(cell).strip():
                continue
            split = _wide_column(cell)
            name = header_field(cell)
            if split and name not in ("code", "school"):
                wide.append((column, *split))
            elif name and name not in fields:
                fields[name] = column
            else:
                unknown.append((column, str(cell).strip()))
        if "code" not in fields and "school" not in fields:
            continue
        if "subject" not in fields and not wide and not set(SHARES) & set(fields):
            # No subject column and no share column: bare subject headers hold the shares of
            # «2», with the row's common participants column.
            wide += [
                (column, text, "share_low")
                for column, text in unknown
                if not _NOT_A_SUBJECT.search(fold_header(text))
            ]
        return _Layout(index, fields, wide)
    raise ResultsFileError(
        "Не найден заголовок таблицы: нужен столбец со школой — «Код ОО» (или «Логин») и/или "
        "«Наименование ОО» — в одной из первых 10 строк."
    )


# --- Values --------------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _number(value, label: str, row: int, errors: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        errors.append(f"Строка {row}, «{label}»: «{value}» — не число.")
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    cleaned = (
        str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%").replace(",", ".")
    )
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        errors.append(f"Строка {row}, «{label}»: «{str(value).strip()}» — не число.")
        return None


def _whole(value, label, row, errors) -> int | None:
    number = _number(value, label, row, errors)
    if number is None:
        return None
    if number != number.to_integral_value():
        errors.append(f"Строка {row}, «{label}»: {value} — нужно целое число.")
        return None
    return int(number)


# --- The rows ------------------------------------------------------------------------------


class _SchoolIndex:
    def __init__(self, schools: list[SchoolRef]):
        self.by_code = {s.code.strip().casefold(): s for s in schools if s.code}
        by_name: dict[str, list[SchoolRef]] = {}
        for school in schools:
            by_name.setdefault(normalise_name(school.name), []).append(school)
        self.by_name = by_name

    def find(self, code: str, name: str) -> tuple[SchoolRef | None, bool]:
        """(school, matched by name)"""
        if code:
            found = self.by_code.get(code.casefold())
            if found:
                return found, False
        candidates = self.by_name.get(normalise_name(name), []) if name else []
        return (candidates[0], True) if len(candidates) == 1 else (None, False)


def parse_results(
    data: bytes, schools: list[SchoolRef], defaults: Defaults | None = None, filename: str = ""
) -> ParsedResults:
    """Read a results file against the schools the person may load results for."""
    defaults = defaults or Defaults()
    result = ParsedResults()
    try:
        rows = read_table(data, filename)
        layout = _layout(rows)
    except ResultsFileError as error:
        result.errors.append(str(error))
        return result
    body = rows[layout.header_row + 1 :]
    if len(body) > _MAX_ROWS:
        result.errors.append(
            f"В файле {len(body)} строк: больше {_MAX_ROWS} за раз не загружается."
        )
        return result
    fields = layout.fields
    header = rows[layout.header_row]
    result.shape = "широкая" if layout.wide else "длинная"
    result.columns = {str(header[c]).strip(): FIELD_LABELS[name] for name, c in fields.items()}
    result.columns |= {
        str(header[c]).strip(): f"{s}: {MEASURE_LABELS[m]}" for c, s, m in layout.wide
    }
    missing = []
    if "year" not in fields and defaults.year is None:
        missing.append("«Год» (или укажите год при загрузке)")
    if "assessment" not in fields and defaults.assessment is None:
        missing.append("«Процедура» (ВПР, ОГЭ, ЕГЭ — или укажите её при загрузке)")
    if "grade" not in fields and defaults.grade is None:
        missing.append("«Класс» (или укажите класс при загрузке)")
    if not layout.wide and "subject" not in fields:
        missing.append("«Предмет»")
    if "participants" not in fields and not any(m == "participants" for _, _, m in layout.wide):
        missing.append("«Участников»")
    if missing:
        result.errors.append("В таблице не найдены столбцы: " + ", ".join(missing) + ".")
        return result

    index = _SchoolIndex(schools)
    seen: dict[tuple, int] = {}
    data_rows = 0
    for offset, row in enumerate(body):
        number = layout.header_row + offset + 2
        if not any(cell is not None and str(cell).strip() for cell in row):
            continue
        data_rows += 1
        row_errors: list[str] = []
        lines = _lines_of_row(row, number, fields, layout, defaults, index, result, row_errors)
        for line in lines:
            if line.key in seen:
                row_errors.append(
                    f"Строка {number} повторяет строку {seen[line.key]}: та же школа, год, "
                    f"процедура, предмет «{line.subject}» и класс {line.grade}."
                )
            else:
                seen[line.key] = number
        if row_errors:
            result.errors += row_errors
        else:
            result.lines += lines
    if not data_rows:
        result.errors.append("Файл пуст: под заголовком нет ни одной строки с результатами.")
    return result


def _cell(row, column):
    return row[column] if column is not None and column < len(row) else None


def _lines_of_row(row, number, fields, layout, defaults, index, result, errors):
    code = _text(_cell(row, fields.get("code")))
    name = _text(_cell(row, fields.get("school")))
    school, by_name = index.find(code, name)
    if school is None:
        written = " ".join(
            part for part in (f"код «{code}»" if code else "", f"«{name}»" if name else "") if part
        )
        errors.append(
            f"Строка {number}: школа {written or '(не указана)'} не найдена среди школ, "
            "для которых вы загружаете результаты."
        )
        return []
    if by_name:
        result.name_matches.append(NameMatch(number, name, school))

    year = defaults.year
    if "year" in fields:
        year = _whole(_cell(row, fields["year"]), "Год", number, errors) or defaults.year
    if year is not None and not 2000 <= year <= 2100:
        errors.append(f"Строка {number}: год {year} — вне 2000–2100.")
    assessment = defaults.assessment
    if "assessment" in fields:
        written = _text(_cell(row, fields["assessment"]))
        assessment = assessment_code(written) if written else defaults.assessment
        if written and assessment is None:
            errors.append(
                f"Строка {number}: процедура «{written}» не распознана (ВПР, ОГЭ, ЕГЭ, "
                "региональная диагностика)."
            )
    grade = defaults.grade
    if "grade" in fields:
        grade = _whole(_cell(row, fields["grade"]), "Класс", number, errors) or defaults.grade
    if grade is not None and not 1 <= grade <= 11:
        errors.append(f"Строка {number}: класс {grade} — вне 1–11.")
    if year is None or assessment is None or grade is None:
        if not errors:
            errors.append(f"Строка {number}: не указан год, процедура или класс.")
        return []

    measures_by_subject: dict[str, dict[str, object]] = {}
    common = {m: _cell(row, fields[m]) for m in MEASURES if m in fields}
    if layout.wide:
        for column, subject, measure in layout.wide:
            measures_by_subject.setdefault(subject, dict(common))[measure] = _cell(row, column)
    else:
        subject = _text(_cell(row, fields["subject"]))
        if not subject:
            errors.append(f"Строка {number}: не указан предмет.")
            return []
        measures_by_subject[subject] = common

    lines = []
    for subject, raw in measures_by_subject.items():
        if all(raw.get(m) in (None, "") for m in MEASURES if m != "participants"):
            continue  # a subject the school did not write
        values = _measures(raw, subject if layout.wide else "", number, errors)
        if values is None:
            continue
        lines.append(ResultLine(number, school.pk, year, assessment, subject, grade, **values))
    return lines


def _measures(raw, subject, number, errors) -> dict | None:
    values = {}
    before = len(errors)
    for measure in MEASURES:
        label = MEASURE_LABELS[measure] + (f" ({subject})" if subject else "")
        value = _number(raw.get(measure), label, number, errors)
        if value is not None and value < 0:
            errors.append(f"Строка {number}, «{label}»: отрицательное число ({value}).")
        if measure in SHARES and value is not None and value > 100:
            errors.append(f"Строка {number}, «{label}»: {value} — доля больше 100 %.")
        values[measure] = value
    participants = values["participants"]
    if participants is None:
        errors.append(
            f"Строка {number}: не указано число участников{f' ({subject})' if subject else ''}."
        )
    elif participants != participants.to_integral_value():
        errors.append(f"Строка {number}: число участников {participants} — не целое.")
    if len(errors) > before:
        return None
    values["participants"] = int(participants)
    return values


# --- A target list from a spreadsheet: school, group, cohort -----------------------------------

_GROUP_HEADER = re.compile(r"(?:^|\s)(?:групп|категори|статус|шнор|шнсу)")
_COHORT_HEADER = re.compile(r"(?:^|\s)когорт")
_LEAVES = re.compile(r"вышл|выход|исключ|выбыл")
_REASON_HEADER = re.compile(r"(?:^|\s)(?:основани|причин|примечани)")


@dataclass
class ListLine:
    row: int
    school_id: int
    is_shnor: bool
    is_shnsu: bool
    cohort: str
    reason: str
    leaves: bool = False  # the school leaves the list by this decision


@dataclass
class ParsedList:
    lines: list[ListLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    name_matches: list[NameMatch] = field(default_factory=list)


def _groups(text: str) -> tuple[bool, bool]:
    folded = fold_header(text)
    return "шнор" in folded, ("шнсу" in folded or "шссу" in folded)


def parse_list(data: bytes, schools: list[SchoolRef], filename: str = "") -> ParsedList:
    """A list of schools (code and/or name, group ШНОР/ШНСУ, cohort, reason) for a decision."""
    result = ParsedList()
    try:
        rows = read_table(data, filename)
    except ResultsFileError as error:
        result.errors.append(str(error))
        return result
    header_index, columns = None, {}
    for index, row in enumerate(rows[:10]):
        columns = {}
        for column, cell in enumerate(row):
            label = fold_header(cell)
            if not label:
                continue
            found = header_field(cell)
            if found in ("code", "school") and found not in columns:
                columns[found] = column
            elif _COHORT_HEADER.search(label) and "cohort" not in columns:
                columns["cohort"] = column
            elif _GROUP_HEADER.search(label) and "group" not in columns:
                columns["group"] = column
            elif _REASON_HEADER.search(label) and "reason" not in columns:
                columns["reason"] = column
        if ("code" in columns or "school" in columns) and "group" in columns:
            header_index = index
            break
    if header_index is None:
        result.errors.append(
            "Не найден заголовок перечня: нужны столбцы «Код ОО» (или «Наименование ОО») и "
            "«Группа» (ШНОР, ШНСУ) в одной из первых 10 строк."
        )
        return result
    index = _SchoolIndex(schools)
    seen: dict[int, int] = {}
    for offset, row in enumerate(rows[header_index + 1 :]):
        number = header_index + offset + 2
        if not any(cell is not None and str(cell).strip() for cell in row):
            continue
        code = _text(_cell(row, columns.get("code")))
        name = _text(_cell(row, columns.get("school")))
        school, by_name = index.find(code, name)
        if school is None:
            written = f"код «{code}»" if code else f"«{name}»" if name else "(не указана)"
            result.errors.append(f"Строка {number}: школа {written} не найдена в муниципалитете.")
            continue
        if school.pk in seen:
            result.errors.append(f"Строка {number}: школа уже есть в строке {seen[school.pk]}.")
            continue
        seen[school.pk] = number
        group = _text(_cell(row, columns["group"]))
        is_shnor, is_shnsu = _groups(group)
        leaves = bool(_LEAVES.search(fold_header(group)))
        if not (is_shnor or is_shnsu or leaves):
            result.errors.append(
                f"Строка {number}: группа «{group}» не распознана — укажите ШНОР, ШНСУ, обе "
                "или «вышла из перечня»."
            )
            continue
        if by_name:
            result.name_matches.append(NameMatch(number, name, school))
        result.lines.append(
            ListLine(
                number,
                school.pk,
                is_shnor,
                is_shnsu,
                _text(_cell(row, columns.get("cohort")))[:50],
                _text(_cell(row, columns.get("reason"))),
                leaves,
            )
        )
    if not result.lines and not result.errors:
        result.errors.append("Файл пуст: под заголовком нет ни одной школы.")
    return result
