"""Reading risk profiles from an XLSX sheet: one row a school (by its code), one column a factor.

The first row holds the headers: «Код школы» (required), optionally the school's name (read
for the person, not for matching), and a column per factor named by its number («1», «Фактор 1»,
«1. Низкий уровень…») or its name. Cells hold a level as a word or a number (see levels.py).
Every problem is a Russian message naming the row; with any of them nothing is saved.
"""

import re
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import load_workbook

from risks.levels import LEVELS_HELP, parse_level

MAX_ROWS = 5000
CODE_HEADERS = {"код школы", "код оо", "код", "код организации", "логин"}
NAME_HEADERS = {"школа", "наименование", "наименование оо", "образовательная организация", "оо"}
_NUMBERED = re.compile(r"^(?:фактор\s*(?:риска\s*)?)?(?:№\s*)?(\d{1,2})(?:[.)\s]|$)")
_PUNCTUATION = re.compile(r"[«»\"'“”]")


def _normal(text) -> str:
    text = _PUNCTUATION.sub("", str(text or "")).replace("ё", "е")
    return " ".join(text.split()).casefold().strip(" .:")


@dataclass
class ImportRow:
    line: int
    school: object
    levels: dict[int, str]  # factor id → level


@dataclass
class ProfileImport:
    factor_columns: list = field(default_factory=list)  # the factors found, in column order
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _factor_of(header, factors):
    text = _normal(header)
    for factor in factors:
        if text in {_normal(factor.name), _normal(factor.short_name)} - {""}:
            return factor
    match = _NUMBERED.match(text)
    if match:
        number = int(match.group(1))
        return next((factor for factor in factors if factor.number == number), None)
    return None


def read_profiles(content: bytes, *, factors, schools_by_code: dict) -> ProfileImport:
    """The rows of the sheet, checked; `schools_by_code` holds the schools one may set."""
    result = ProfileImport()
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        result.errors.append("Файл не читается как таблица Excel (.xlsx).")
        return result
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or not any(header):
        result.errors.append("В первой строке листа нет заголовков.")
        return result
    code_column, columns = None, {}
    for index, title in enumerate(header):
        text = _normal(title)
        if not text:
            continue
        if text in CODE_HEADERS:
            code_column = index
        elif text in NAME_HEADERS:
            continue
        else:
            factor = _factor_of(title, factors)
            if factor is None:
                result.errors.append(
                    f"Столбец «{title}»: это не фактор риска этого года и не код школы."
                )
            elif factor in columns.values():
                result.errors.append(f"Фактор «{factor.label}» встречается в двух столбцах.")
            else:
                columns[index] = factor
    if code_column is None:
        result.errors.append("Нет столбца «Код школы»: по нему находится школа.")
    if not columns:
        result.errors.append("Нет ни одного столбца с фактором риска (номер или название).")
    if result.errors:
        return result
    result.factor_columns = list(columns.values())
    seen = {}
    for line, values in enumerate(rows, start=2):
        if line > MAX_ROWS + 1:
            result.errors.append(f"Строк больше {MAX_ROWS}: разделите файл.")
            break
        values = list(values) + [None] * (len(header) - len(values))
        if not any(value not in (None, "") for value in values):
            continue
        code = str(values[code_column] or "").strip()
        if isinstance(values[code_column], float) and values[code_column].is_integer():
            code = str(int(values[code_column]))
        school = schools_by_code.get(code)
        if not code:
            result.errors.append(f"Строка {line}: не указан код школы.")
            continue
        if school is None:
            result.errors.append(
                f"Строка {line}: школа с кодом «{code}» не найдена среди школ муниципалитета."
            )
            continue
        if code in seen:
            result.errors.append(
                f"Строка {line}: школа с кодом «{code}» уже была в строке {seen[code]}."
            )
            continue
        seen[code] = line
        levels = {}
        for index, factor in columns.items():
            level = parse_level(values[index])
            if level is None:
                result.errors.append(
                    f"Строка {line}, «{factor.label}»: уровень «{values[index]}» не распознан. "
                    f"Допустимо: {LEVELS_HELP}."
                )
            else:  # an empty cell clears the level: the file speaks for its columns
                levels[factor.pk] = level
        result.rows.append(ImportRow(line, school, levels))
    if not result.rows and not result.errors:
        result.errors.append("В файле нет строк со школами.")
    return result
