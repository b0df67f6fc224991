"""A long PDF report is laid out in parts and joined: the reader sees the single-pass document."""

import os
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.builders import render_roadmap_html, render_spravka_html, roadmap_pdf, spravka_pdf
from reports.builders.pdf import html_to_pdf
from tests.reports_tests.sample import sample_roadmap, sample_spravka
from tests.tools import poppler

ROOT = Path(__file__).resolve().parents[2]
# Small parts, so that a quick test still cuts tables in several places.
PART_CHARS = 12_000
# The справка's one table long enough to be cut: its activities, after «4. Мероприятия …».
ACTIVITIES_TABLE = "h2:nth-of-type(4) + table.data"
ACTIVITIES_HEADER = re.compile(r"№\s+Мероприятие\s+Исполнители\s+План\s+Факт\s+Исполнение")


def pages_text(tmp_path: Path, name: str, content: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode().split("\f")[:-1]  # each page ends with a form feed


def embedded_fonts(tmp_path: Path, content: bytes) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        [poppler("pdffonts"), str(path)], capture_output=True, check=True, text=True
    )
    return result.stdout.splitlines()[2:]


def outline(content: bytes) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks (a reader's navigation pane): depth, heading, page."""
    reader = PdfReader(BytesIO(content))

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    return list(walk(reader.outline, 0))


@pytest.fixture(scope="module")
def long_spravka(tmp_path_factory):
    """A 150-activity справка: at PART_CHARS, only its activities table is cut across parts."""
    data = sample_spravka(activities=150, schools=12)
    return data, render_spravka_html(data)


def build_in_parts(settings, build, data) -> bytes:
    settings.REPORTS_PDF_PART_CHARS = PART_CHARS
    return build(data)


def single_pass(settings, html: str, cut_table: str) -> bytes:
    """The same HTML in one pass, its cut table with fixed column widths as the parts have it."""
    settings.REPORTS_PDF_PART_CHARS = len(html)
    return html_to_pdf(html.replace("<style>", f"<style>{cut_table} {{ table-layout: fixed }}", 1))


def test_long_spravka_in_parts_is_the_single_pass_document(settings, tmp_path, long_spravka):
    data, html = long_spravka
    parted = build_in_parts(settings, spravka_pdf, data)
    single = single_pass(settings, html, ACTIVITIES_TABLE)

    pages = pages_text(tmp_path, "parted.pdf", parted)
    # Same pages with the same text in the same places: nothing moved at the cuts.
    assert pages == pages_text(tmp_path, "single.pdf", single)
    assert len(pages) > 6
    # The headings' outline nests across the cuts as in one pass.
    assert outline(parted) == outline(single)
    # Each part embeds its own font subsets: this one was really joined from several parts.
    assert len(embedded_fonts(tmp_path, parted)) > 2 * len(embedded_fonts(tmp_path, single))


def test_long_spravka_in_parts_numbers_its_pages_in_order(settings, tmp_path, long_spravka):
    data, _ = long_spravka
    pages = pages_text(tmp_path, "parted.pdf", build_in_parts(settings, spravka_pdf, data))

    # ГОСТ Р 7.0.97: the number alone at the top of every page but the first; the parts' own
    # numbers are not drawn under it (the line would read «7 3»).
    tops = [page.lstrip("\n").split("\n")[0].strip() for page in pages]
    assert tops[0] != "1"
    assert tops[1:] == [str(number) for number in range(2, len(pages) + 1)]
    first = next(i for i, page in enumerate(pages) if "4. Мероприятия дорожной карты" in page)
    after = next(i for i, page in enumerate(pages) if "5. Показатели" in page)
    table = "".join(pages[first : after + 1]).split("4. Мероприятия дорожной карты")[1]
    numbers = [int(n) for n in re.findall(r"^\s*1\.(\d+)\s", table.split("5. Показатели")[0], re.M)]
    assert numbers == list(range(1, 51))  # section 1's activities, in order, none twice
    assert after - first > 3
    assert all(ACTIVITIES_HEADER.search(page) for page in pages[first:after])


def test_long_roadmap_in_parts_is_the_single_pass_document(settings, tmp_path):
    data = sample_roadmap(activities=120)
    parted = build_in_parts(settings, roadmap_pdf, data)
    single = single_pass(settings, render_roadmap_html(data), "table.roadmap")

    pages = pages_text(tmp_path, "parted.pdf", parted)
    assert pages == pages_text(tmp_path, "single.pdf", single)
    assert len(pages) > 3
    assert all("Ответственный" in page for page in pages)  # the header repeats
    assert all(f"стр. {n} из {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_xlsx_report_does_not_import_weasyprint():
    # A fresh interpreter, as a worker: the Celery tasks loaded, an XLSX справка built.
    script = (
        "import sys, django; django.setup(); import reports.tasks; "
        "from reports.builders import spravka_xlsx; "
        "from tests.reports_tests.sample import sample_spravka; "
        "assert spravka_xlsx(sample_spravka()); "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "False"


def test_cuts_inside_the_wrappers_a_template_may_add(settings, tmp_path, long_spravka):
    _, html = long_spravka
    wrapped = html.replace("<body>", "<body><main><section>", 1).replace(
        "</body>", "</section></main></body>", 1
    )
    settings.REPORTS_PDF_PART_CHARS = PART_CHARS
    parted = html_to_pdf(wrapped)
    single = single_pass(settings, wrapped, ACTIVITIES_TABLE)

    assert pages_text(tmp_path, "parted.pdf", parted) == pages_text(tmp_path, "one.pdf", single)
    assert len(embedded_fonts(tmp_path, parted)) > 2 * len(embedded_fonts(tmp_path, single))


PARAGRAPHS_CSS = (
    "@page { size: A5; margin: 15mm; @top-center { content: counter(page) } }"
    ' html { font-family: "Liberation Serif"; font-size: 12pt }'
    " h2 { margin: 14pt 0 6pt; break-after: avoid }"
    " p { margin: 0 0 6pt; text-indent: 1cm; text-align: justify; orphans: 3; widows: 3 }"
)


def test_paragraphs_longer_than_a_page_break_at_the_same_lines_across_cuts(settings, tmp_path):
    # Every page starts inside a paragraph, some paragraphs are longer than a part: a cut must
    # lay a paragraph out again from where it began, and keep a heading with what follows it.
    words = ["мероприятие", "выполнено", "частично", "протокол", "рабочей", "группы", "перенесено"]
    body = "".join(
        f"<h2>Раздел {n}</h2><p>{' '.join(words[(n + i) % len(words)] for i in range(size))}</p>"
        for n, size in enumerate([900, 350, 1400, 600, 1100, 250, 800, 1300], start=1)
    )
    html = f"<html><head><style>{PARAGRAPHS_CSS}</style></head><body>{body}</body></html>"
    settings.REPORTS_PDF_PART_CHARS = 12_000
    parted = html_to_pdf(html)
    settings.REPORTS_PDF_PART_CHARS = len(html)
    single = html_to_pdf(html)

    pages = pages_text(tmp_path, "parted.pdf", parted)
    assert pages == pages_text(tmp_path, "single.pdf", single)
    assert len(pages) > 15
    assert len(embedded_fonts(tmp_path, parted)) > 2 * len(embedded_fonts(tmp_path, single))
