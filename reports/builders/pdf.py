"""PDF reports: Django templates of their own (reports/pdf/) rendered by WeasyPrint.

Everything the page needs is inline — the CSS is included into the HTML and the charts are inline
SVG — so the URL fetcher refuses every URL: a report never reads files or the network, whatever
text the roadmap holds. WeasyPrint is imported only when a PDF is laid out (pdf_parts), not by
the XLSX and DOCX builders next to this module: importing it costs ~45 MB and about a second.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from reports.data import OfficialRoadmap
from reports.roadmap_form import column_widths

from .errors import ReportBuildError
from .stages import StageCallback, stage_reporter
from .tables import column_kind, roadmap_cells

# Debian's fonts-dejavu-core; the CSS names "DejaVu Sans", which fontconfig resolves to these.
DEJAVU_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
# Debian's fonts-liberation: "Liberation Serif", metric-compatible with Times New Roman, the
# font of the documents the department signs (ГОСТ Р 7.0.97). scripts/test and scripts/run
# install the package where it is missing.
LIBERATION_FONT_FILES = (
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf"),
)
FONTS_MISSING = (
    "Не найдены шрифты DejaVu и Liberation Serif (пакеты fonts-dejavu-core, fonts-liberation): "
    "PDF не может быть построен без кириллических шрифтов."
)


def check_fonts() -> None:
    """Without a Cyrillic font WeasyPrint would print boxes: refuse to build instead."""
    if not all(path.exists() for path in (*DEJAVU_FONT_FILES, *LIBERATION_FONT_FILES)):
        raise ReportBuildError(FONTS_MISSING)


def html_to_pdf(html: str) -> bytes:
    """Laid out in parts of REPORTS_PDF_PART_CHARS characters: memory stays bounded."""
    from .pdf_parts import write_pdf

    return write_pdf(html, settings.REPORTS_PDF_PART_CHARS)


def render_roadmap_html(data: OfficialRoadmap) -> str:
    tables = [
        {
            "table": table,
            "width": len(table.columns),
            "column_widths": column_widths(table.columns),
            "header": [
                [(cell, column_kind(table.columns[cell.column])) for cell in level]
                for level in table.header
            ],
            "rows": [
                (row, [] if row.is_section else roadmap_cells(row, table.columns))
                for row in table.rows
            ],
        }
        for table in data.tables
    ]
    context = {"data": data, "tables": tables}
    with translation.override("ru"):
        return render_to_string("reports/pdf/roadmap.html", context)


def roadmap_pdf(data: OfficialRoadmap, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Проверка шрифтов")
    check_fonts()
    report_stage("Таблица мероприятий")
    html = render_roadmap_html(data)
    report_stage("Вёрстка PDF")
    return html_to_pdf(html)
