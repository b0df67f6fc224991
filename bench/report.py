"""Report builders against their libraries doing the same work alone, and peak memory.

Synthetic plain data — a 300-activity × 3-year program with 30 schools, built straight from the
dataclasses by tests/reports_tests/sample.py, no database — then, in one run:
  (a) spravka_pdf(data) against WeasyPrint laying out the builder's final HTML alone
      (`render_spravka_html`, same refusing URL fetcher);
  (b) spravka_xlsx(data) against openpyxl writing the same cell values alone, write-only as the
      builder, saved to memory (the values are read back from the builder's own workbook);
  (c) spravka_docx(data) against python-docx alone writing the same paragraphs and table cells
      (read back from the builder's own file) into a bare document;
  (d) peak memory (ru_maxrss) of a fresh process building the PDF and the XLSX.
Medians of several runs, each pair measured side by side. Run from the project root:
    python bench/report.py
"""

import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(DJANGO_SETTINGS_MODULE="roadmap_portal.settings", DEBUG="1")

ACTIVITIES = 300
SCHOOLS = 30
PDF_RUNS = 5
XLSX_RUNS = 15
DOCX_RUNS = 5
TARGET_RATIO = 1.3
MEMORY_TARGET_MB = 500
MEMORY_FLAG = "--peak-memory"


def synthetic_spravka():
    from tests.reports_tests.sample import sample_spravka

    return sample_spravka(activities=ACTIVITIES, schools=SCHOOLS)


def timed(action) -> float:
    gc.collect()  # neither side pays for the other's garbage
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_pair(builder, bare, runs: int) -> tuple[float, float]:
    """Medians of both, run alternately after one warm-up each (templates, fonts, imports)."""
    builder()
    bare()
    pairs = [(timed(builder), timed(bare)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def weasyprint_alone(html: str) -> bytes:
    from weasyprint import HTML

    from reports.builders.pdf import RefusingURLFetcher

    return HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf()


def sheet_values(content: bytes) -> list[tuple[str, list[tuple]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content))
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in workbook]


def openpyxl_alone(sheets: list[tuple[str, list[tuple]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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


def peak_memory_mb() -> float:
    """Peak resident memory of a fresh process that builds the PDF and the XLSX."""
    result = subprocess.run(
        [sys.executable, __file__, MEMORY_FLAG], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip())


def build_both_and_print_peak_memory():
    from reports.builders import spravka_pdf, spravka_xlsx

    data = synthetic_spravka()
    spravka_pdf(data)
    spravka_xlsx(data)
    # Linux reports ru_maxrss in KiB.
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main():
    from reports.builders import render_spravka_html, spravka_docx, spravka_pdf, spravka_xlsx

    data = synthetic_spravka()
    html = render_spravka_html(data)
    pdf_builder, pdf_alone = median_pair(
        lambda: spravka_pdf(data), lambda: weasyprint_alone(html), PDF_RUNS
    )
    sheets = sheet_values(spravka_xlsx(data))
    cells = sum(len(row) for _, rows in sheets for row in rows)
    xlsx_builder, xlsx_alone = median_pair(
        lambda: spravka_xlsx(data), lambda: openpyxl_alone(sheets), XLSX_RUNS
    )
    content = docx_content(spravka_docx(data))
    docx_builder, docx_alone = median_pair(
        lambda: spravka_docx(data), lambda: python_docx_alone(content), DOCX_RUNS
    )
    memory = peak_memory_mb()

    pdf_ratio, xlsx_ratio = pdf_builder / pdf_alone, xlsx_builder / xlsx_alone
    docx_ratio = docx_builder / docx_alone
    print(f"data: {ACTIVITIES} activities × 3 years, {SCHOOLS} schools")
    print(
        f"spravka_pdf:  {pdf_builder:.3f} s; WeasyPrint alone on the same HTML: "
        f"{pdf_alone:.3f} s; ratio {pdf_ratio:.2f} (median of {PDF_RUNS})"
    )
    print(
        f"spravka_xlsx: {xlsx_builder:.3f} s; openpyxl alone writing the same {cells} cells: "
        f"{xlsx_alone:.3f} s; ratio {xlsx_ratio:.2f} (median of {XLSX_RUNS})"
    )
    print(
        f"spravka_docx: {docx_builder:.3f} s; python-docx alone writing the same "
        f"{len(content)} paragraphs and tables: {docx_alone:.3f} s; ratio {docx_ratio:.2f} "
        f"(median of {DOCX_RUNS})"
    )
    print(f"peak memory: {memory:.0f} MB (target < {MEMORY_TARGET_MB} MB)")
    print(f"report: ratio={max(pdf_ratio, xlsx_ratio, docx_ratio):.2f} target<={TARGET_RATIO}")


if __name__ == "__main__":
    import django

    django.setup()
    if MEMORY_FLAG in sys.argv:
        build_both_and_print_peak_memory()
    else:
        main()
