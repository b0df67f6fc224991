"""Benchmark: parsing a 2,000-row roadmap against merely reading the same file.

The baselines are the cheapest honest reads of every cell's text with the libraries the parser
uses: openpyxl in read-only mode iterating all cell values, and python-docx opening the document
and joining the ``w:t`` texts of every ``w:tc`` of every table row (walking the XML, as the
parser does: python-docx's ``Table.cell`` API is far slower and would flatter the ratio).
A PDF of the same roadmap (PDF_ROWS rows: pdfplumber reads about a page a second here, so
fewer rows keep the run short) is parsed against bare pdfplumber ``extract_tables`` on every
page of the same file.

Prints the time per 1,000 rows of each, and as its last line the worst of the ratios:
``import_parse: ratio=<x> target<=3``. Run from the project root: ``python bench/import_parse.py``.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx
import openpyxl
import pdfplumber
from docx.oxml.ns import qn

from imports.parsing import parse_roadmap

ROWS = 2_000
RUNS = 7
PDF_ROWS = 200
PDF_RUNS = 3
ACTIVITIES_PER_SECTION = 19
HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Сроки реализации",
    "2021 г.",
    "2022 г.",
    "2023 г.",
    "Ответственные исполнители",
    "Ожидаемый результат",
]


def generated_rows(count: int = ROWS) -> list[list[str] | str]:
    """``count`` table rows: a section title (str) before every ACTIVITIES_PER_SECTION
    activities."""
    rows: list[list[str] | str] = []
    section = 0
    while len(rows) < count:
        section += 1
        rows.append(f"{section}. Направление работы номер {section}")
        for item in range(1, ACTIVITIES_PER_SECTION + 1):
            if len(rows) == count:
                break
            rows.append(
                [
                    f"{section}.{item}.",
                    f"Проведение мероприятия {section}.{item} по поддержке школ с низкими "
                    "результатами обучения",
                    "ежегодно, апрель – май",
                    "+",
                    "3",
                    "август",
                    "Отдел образования, ИМЦ, МБОУ «Знаменская СОШ»",
                    "Аналитическая справка, протокол заседания",
                ]
            )
    return rows


def write_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    sheet.append(["Дорожная карта по поддержке ШНОР на 2021-2023 годы"])
    sheet.append(HEADER)
    for row in generated_rows():
        if isinstance(row, str):
            sheet.append([row])
            line = sheet.max_row
            sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(HEADER))
        else:
            sheet.append(row)
    workbook.save(path)


def write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Дорожная карта по поддержке ШНОР на 2021-2023 годы")
    rows = generated_rows()
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    tr_elements = table._tbl.tr_lst
    _fill_row(tr_elements[0], HEADER)
    for tr, row in zip(tr_elements[1:], rows, strict=True):
        if isinstance(row, str):
            _merge_row(tr, row)
        else:
            _fill_row(tr, row)
    document.save(path)


def _fill_row(tr, texts: list[str]) -> None:
    for tc, text in zip(tr.tc_lst, texts, strict=True):
        tc.p_lst[0].add_r().text = text


def _merge_row(tr, text: str) -> None:
    first, *rest = tr.tc_lst
    for tc in rest:
        tr.remove(tc)
    first.get_or_add_tcPr().append(_grid_span(len(HEADER)))
    first.p_lst[0].add_r().text = text


def _grid_span(span: int):
    element = docx.oxml.OxmlElement("w:gridSpan")
    element.set(qn("w:val"), str(span))
    return element


def write_pdf(path: Path) -> None:
    """The roadmap as a department publishes it: an HTML table printed to PDF by WeasyPrint,
    the header repeated on every page."""
    from html import escape

    import weasyprint

    def row_html(row) -> str:
        if isinstance(row, str):
            return f'<tr><td colspan="{len(HEADER)}"><b>{escape(row)}</b></td></tr>'
        return "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"

    head = "".join(f"<th>{escape(label)}</th>" for label in HEADER)
    body = "".join(row_html(row) for row in generated_rows(PDF_ROWS))
    html = (
        "<style>@page { size: A4 landscape; margin: 10mm } body { font: 8pt 'DejaVu Sans' }"
        " table { border-collapse: collapse; width: 100% }"
        " td, th { border: 0.5pt solid black; padding: 1pt }</style>"
        "<p>Дорожная карта по поддержке ШНОР на 2021-2023 годы</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())


def read_pdf_baseline(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def read_xlsx_baseline(data: bytes) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for _value in row:
                pass
    workbook.close()


def read_docx_baseline(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    text_tag = qn("w:t")
    for table in document.element.body.iter(qn("w:tbl")):
        for tr in table.tr_lst:
            for tc in tr.tc_lst:
                "".join(node.text or "" for node in tc.iter(text_tag))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(
    label: str, data: bytes, filename: str, baseline, rows: int = ROWS, runs: int = RUNS
) -> float:
    roadmap = parse_roadmap(data, filename)
    parsed_rows = len(roadmap.activities) + len(roadmap.sections)
    assert parsed_rows == rows, f"{label}: parsed {parsed_rows} rows, expected {rows}"
    baseline(data)  # warm both paths up before timing
    # Alternate the two so that a busy moment of the machine hits both alike.
    parse_times, read_times = [], []
    for _ in range(runs):
        parse_times.append(timed(lambda: parse_roadmap(data, filename)))
        read_times.append(timed(lambda: baseline(data)))
    parse_time, read_time = statistics.median(parse_times), statistics.median(read_times)
    per_thousand = 1000 / rows * 1000  # milliseconds per 1,000 rows
    ratio = parse_time / read_time
    print(
        f"{label}: parse {parse_time * per_thousand:.1f} ms / 1000 rows, "
        f"read {read_time * per_thousand:.1f} ms / 1000 rows, ratio {ratio:.2f}"
    )
    return ratio


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        xlsx_path, docx_path = Path(folder, "roadmap.xlsx"), Path(folder, "roadmap.docx")
        pdf_path = Path(folder, "roadmap.pdf")
        write_xlsx(xlsx_path)
        write_docx(docx_path)
        write_pdf(pdf_path)
        ratios = [
            measure("xlsx", xlsx_path.read_bytes(), xlsx_path.name, read_xlsx_baseline),
            measure("docx", docx_path.read_bytes(), docx_path.name, read_docx_baseline),
            measure(
                "pdf",
                pdf_path.read_bytes(),
                pdf_path.name,
                read_pdf_baseline,
                rows=PDF_ROWS,
                runs=PDF_RUNS,
            ),
        ]
    print(f"import_parse: ratio={max(ratios):.2f} target<=3")


if __name__ == "__main__":
    main()
