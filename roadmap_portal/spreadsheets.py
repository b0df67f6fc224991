"""Spreadsheet pieces shared by several apps: the one rule for people's text in a sheet, and
django-import-export widgets and formats.

People's text never becomes a live formula. A text starting with one of FORMULA_STARTS (`=`, `+`,
`-`, `@`, tab, carriage return) is what Excel and LibreOffice may take for a formula, so:
- in XLSX (openpyxl) such a text is written as a typed text cell (`text_cell`): the person's
  text stays exactly as written («-» and «+» in year columns, «- пункт» in conclusions), and a
  text cell is never calculated. openpyxl itself would store a bare string starting with `=` as
  a formula;
- in CSV, which has no cell types, it gets a leading apostrophe (`escape_formula`), the usual
  defence that spreadsheets show as text. The admin's CSV and XLSX export (django-import-export)
  goes through the same function (`FORMULA_SAFE_FORMATS`), with the library's own escaping on
  as well (`IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`).
In XLSX the text also loses the control characters XML forbids (`sheet_text`: pasted from Word,
\x0b breaks a line and \x07 ends a cell), which openpyxl would refuse the whole file for.
"""

from import_export.formats.base_formats import CSV, XLSX
from import_export.widgets import ForeignKeyWidget
from openpyxl.cell import WriteOnlyCell

from display.formats import xml_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def escape_formula(value):
    """The value for a sheet without cell types (CSV): formula-like text gets an apostrophe."""
    return f"'{value}" if looks_like_formula(value) else value


def sheet_text(value):
    """A value as an XLSX cell can hold it: a text loses the control characters XML forbids
    (display.formats.xml_text; openpyxl refuses the whole cell for one of them)."""
    # isprintable(): a quick pass over the many texts without any control character at all.
    return xml_text(value) if isinstance(value, str) and not value.isprintable() else value


def text_cell(sheet, value):
    """The value ready for `sheet.append` in openpyxl (normal or write-only sheets), its text
    XML-safe: a formula-like text becomes a cell typed as text; anything else is returned as
    it is."""
    value = sheet_text(value)
    if not looks_like_formula(value):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def keep_as_text(cell):
    """An openpyxl cell already made (a styled one): formula-like text stays text."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
    return cell


class _FormulaSafeExport:
    @staticmethod
    def safe(value):
        return escape_formula(value)

    def export_data(self, dataset, **kwargs):
        for index, row in enumerate(dataset):
            dataset[index] = tuple(self.safe(value) for value in row)
        return super().export_data(dataset, **kwargs)


class FormulaSafeCSV(_FormulaSafeExport, CSV):
    pass


class FormulaSafeXLSX(_FormulaSafeExport, XLSX):
    @staticmethod
    def safe(value):
        return escape_formula(sheet_text(value))


FORMULA_SAFE_FORMATS = [FormulaSafeCSV, FormulaSafeXLSX]


class NamedForeignKeyWidget(ForeignKeyWidget):
    """A foreign key looked up by name, with a row error a person can act on, in Russian."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            label = self.model._meta.verbose_name
            raise ValueError(
                f"Не найден объект «{label}»: «{value}». Проверьте написание."
            ) from None
        except self.model.MultipleObjectsReturned:
            label = self.model._meta.verbose_name_plural
            raise ValueError(f"Несколько объектов «{label}» с именем «{value}».") from None
