"""Report builders against their libraries doing the same work alone, and peak memory.

Synthetic plain data built straight from the dataclasses by tests/reports_tests/sample.py, no
database. One function per path, each measured against its bare library in the same run:
  pdf_speed:    spravka_pdf of a 1,000-activity × 3-year program with 30 schools (laid out in
                parts and joined) against WeasyPrint laying out the builder's final HTML alone in
                one pass (`render_spravka_html`, same refusing URL fetcher); target ≤ 1.15;
  xlsx_speed:   spravka_xlsx of a 300-activity program against openpyxl alone writing the same
                workbook — the same cells with the same styles (read back from the builder's file;
                each distinct style prepared once and copied, openpyxl's fastest idiom), write-only
                as the builder, saved to memory; its charts are left out (openpyxl cannot read them
                back). The same values written bare are timed too and printed beside it;
  pdf_memory:   peak resident memory (VmHWM) of a fresh process — Django loaded, as a worker —
                building the PDF of that program's справка and of a whole large municipality's
                (1,600 activities, 60 schools), beside WeasyPrint's single pass over the same HTML;
                target < 300 MB;
  docx_speed:   spravka_docx of the 300-activity program against python-docx alone writing the
                same paragraphs and table cells (read back from the builder's own file).
Medians of several runs, each pair measured side by side. Run from the project root:
    python bench/report.py
"""

import gc
import os
import statistics
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(DJANGO_SETTINGS_MODULE="roadmap_portal.settings", DEBUG="1")

PROGRAM = {"activities": 1000, "schools": 30}
# A large municipality of the generated region: 8 programs of 200 activities, 60 schools.
MUNICIPALITY = {"activities": 1600, "schools": 60}
XLSX_PROGRAM = {"activities": 300, "schools": 30}
PDF_RUNS = 3
XLSX_RUNS = 15
DOCX_RUNS = 9
PDF_TARGET_RATIO = 1.15
TARGET_RATIO = 1.3
MEMORY_TARGET_MB = 300
MEMORY_FLAG = "--peak-memory"


def spravka(size: dict):
    from tests.reports_tests.sample import sample_spravka

    return sample_spravka(**size)


def timed(action) -> float:
    gc.collect()  # neither side pays for the other's garbage
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def compared(builder, bare, runs: int, builder_name: str, bare_name: str) -> float:
    """Medians of the builder and its bare library, run alternately; printed, and their ratio."""
    pairs = [(timed(builder), timed(bare)) for _ in range(runs)]
    built, alone = (statistics.median(pair[side] for pair in pairs) for side in (0, 1))
    ratio = built / alone
    print(
        f"{builder_name}: {built:.3f} s; {bare_name}: {alone:.3f} s; "
        f"ratio {ratio:.2f} (median of {runs})"
    )
    return ratio


def weasyprint_alone(html: str) -> bytes:
    from weasyprint import HTML

    from reports.builders.pdf_parts import RefusingURLFetcher

    return HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf()


def pdf_speed() -> float:
    from reports.builders import render_spravka_html, spravka_pdf

    small = spravka({"activities": 24, "schools": 6})
    spravka_pdf(small)  # warm-up of both: templates, fonts, imports
    weasyprint_alone(render_spravka_html(small))
    data = spravka(PROGRAM)
    html = render_spravka_html(data)
    return compared(
        lambda: spravka_pdf(data),
        lambda: weasyprint_alone(html),
        PDF_RUNS,
        f"spravka_pdf, {PROGRAM['activities']} activities, in parts (target ratio ≤ "
        f"{PDF_TARGET_RATIO})",
        "WeasyPrint alone, one pass over the same HTML",
    )


def sheet_cells(content: bytes) -> tuple[list[tuple[str, list[list[tuple]]]], dict]:
    """The builder's workbook read back: per sheet, rows of (value, style key) — the key None for
    a cell without a style — and {style key: (font, fill, border, alignment, number format)}."""
    from copy import copy

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content))
    styles = {}
    sheets = []
    for sheet in workbook:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                key = tuple(cell._style) if cell.has_style else None
                if key is not None and key not in styles:
                    # copies: the cell hands out read-only proxies of its styles
                    styles[key] = (
                        *(copy(style) for style in (cell.font, cell.fill, cell.border)),
                        copy(cell.alignment),
                        cell.number_format,
                    )
                cells.append((cell.value, key))
            rows.append(cells)
        sheets.append((sheet.title, rows))
    return sheets, styles


def openpyxl_alone(sheets: list[tuple[str, list[list[tuple]]]], styles: dict | None) -> bytes:
    """The cells written by openpyxl alone: bare values when `styles` is None, else each with
    its style, every distinct style prepared once per workbook as the builder does."""
    from copy import copy

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    prepared = {}  # style key → its style array in this workbook

    def written(sheet, value, key):
        if key is None or styles is None:
            return value
        if key not in prepared:
            prototype = WriteOnlyCell(sheet)
            (
                prototype.font,
                prototype.fill,
                prototype.border,
                prototype.alignment,
                prototype.number_format,
            ) = styles[key]
            prepared[key] = prototype._style
        cell = WriteOnlyCell(sheet, value)
        cell._style = copy(prepared[key])
        return cell

    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([written(sheet, value, key) for value, key in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_speed() -> float:
    from reports.builders import spravka_xlsx

    data = spravka(XLSX_PROGRAM)
    sheets, styles = sheet_cells(spravka_xlsx(data))
    cells = sum(len(row) for _, rows in sheets for row in rows)
    openpyxl_alone(sheets, styles)  # warm-up
    compared(
        lambda: spravka_xlsx(data),
        lambda: openpyxl_alone(sheets, None),
        XLSX_RUNS,
        f"spravka_xlsx, {XLSX_PROGRAM['activities']} activities (for information)",
        f"openpyxl alone writing the same {cells} values bare",
    )
    return compared(
        lambda: spravka_xlsx(data),
        lambda: openpyxl_alone(sheets, styles),
        XLSX_RUNS,
        f"spravka_xlsx, {XLSX_PROGRAM['activities']} activities",
        f"openpyxl alone writing the same {cells} cells with their styles",
    )


def docx_content(content: bytes) -> list[tuple[str, object]]:
    """The builder's DOCX read back in body order: ("p", text) and ("table", rows of texts)."""
    from docx import Document
    from docx.table import Table

    document = Document(BytesIO(content))
    return [
        ("table", [[cell.text for cell in row.cells] for row in item.rows])
        if isinstance(item, Table)
        else ("p", item.text)
        for item in document.iter_inner_content()
    ]


def python_docx_alone(content: list[tuple[str, object]]) -> bytes:
    from docx import Document

    document = Document()
    for kind, value in content:
        if kind == "p":
            document.add_paragraph(value)
            continue
        table = document.add_table(rows=len(value), cols=len(value[0]))
        for row, texts in zip(table.rows, value, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_speed() -> float:
    from reports.builders import spravka_docx

    data = spravka(XLSX_PROGRAM)
    content = docx_content(spravka_docx(data))
    python_docx_alone(content)  # warm-up
    return compared(
        lambda: spravka_docx(data),
        lambda: python_docx_alone(content),
        DOCX_RUNS,
        f"spravka_docx, {XLSX_PROGRAM['activities']} activities",
        f"python-docx alone writing the same {len(content)} paragraphs and tables",
    )


def peak_memory_mb(size: str, how: str) -> float:
    """Peak resident memory of a fresh process that builds one PDF."""
    result = subprocess.run(
        [sys.executable, __file__, MEMORY_FLAG, size, how],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def build_and_print_peak_memory(size: str, how: str):
    from reports.builders import render_spravka_html, spravka_pdf

    data = spravka(PROGRAM if size == "program" else MUNICIPALITY)
    if how == "parts":
        spravka_pdf(data)
    else:
        weasyprint_alone(render_spravka_html(data))
    status = Path("/proc/self/status").read_text()
    peak_kb = next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]
    print(int(peak_kb) / 1024)


def pdf_memory() -> list[float]:
    peaks = []
    for size, label in (
        ("program", f"program of {PROGRAM['activities']} activities"),
        ("municipality", f"municipality, {MUNICIPALITY['activities']} activities"),
    ):
        peak, alone = peak_memory_mb(size, "parts"), peak_memory_mb(size, "one-pass")
        print(
            f"peak RSS, справка PDF of a {label}: {peak:.0f} MB in parts "
            f"(target < {MEMORY_TARGET_MB} MB); WeasyPrint in one pass: {alone:.0f} MB"
        )
        peaks.append(peak)
    return peaks


def main():
    pdf_ratio = pdf_speed()
    xlsx_ratio = xlsx_speed()
    docx_ratio = docx_speed()
    peaks = pdf_memory()
    verdict = "ok" if max(peaks) < MEMORY_TARGET_MB else "OVER"
    print(f"peak RSS: {max(peaks):.0f} MB < {MEMORY_TARGET_MB} MB: {verdict}")
    print(f"report: ratio={max(pdf_ratio, xlsx_ratio, docx_ratio):.2f} target<={TARGET_RATIO}")


if __name__ == "__main__":
    import django

    django.setup()
    if MEMORY_FLAG in sys.argv:
        build_and_print_peak_memory(*sys.argv[2:4])
    else:
        main()
