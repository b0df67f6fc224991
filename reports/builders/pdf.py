"""PDF reports: Django templates of their own (reports/pdf/) rendered by WeasyPrint.

Everything the page needs is inline — the CSS is included into the HTML and the charts are inline
SVG — so the URL fetcher refuses every URL: a report never reads files or the network, whatever
text the roadmap holds.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports.data import OfficialRoadmap, Spravka

from .charts import line_chart, section_bar_chart
from .errors import ReportBuildError
from .stages import StageCallback, stage_reporter
from .tables import column_kind, roadmap_cells, status_counts, status_headers

# Debian's fonts-dejavu-core; the CSS names "DejaVu Sans", which fontconfig resolves to these.
DEJAVU_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
FONTS_MISSING = (
    "Не найдены шрифты DejaVu (пакет fonts-dejavu-core): "
    "PDF не может быть построен без кириллических шрифтов."
)
# Debian's fonts-liberation: the official roadmap is set in a serif with Times New Roman's metrics.
SERIF_FONT_FILES = (
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
)
SERIF_FONTS_MISSING = (
    "Не найден шрифт Liberation Serif (пакет fonts-liberation): "
    "дорожная карта не может быть построена в официальном виде."
)


class RefusingURLFetcher(URLFetcher):
    """Refuses every URL: the report HTML is self-contained."""

    def fetch(self, url, headers=None):
        raise ValueError(f"Отчёт не загружает внешние ресурсы: {url}")


def check_fonts(serif: bool = False) -> None:
    """Without a Cyrillic font WeasyPrint would print boxes: refuse to build instead."""
    files, missing = (
        (SERIF_FONT_FILES, SERIF_FONTS_MISSING) if serif else (DEJAVU_FONT_FILES, FONTS_MISSING)
    )
    if not all(path.exists() for path in files):
        raise ReportBuildError(missing)


def html_to_pdf(html: str) -> bytes:
    # No base URL: a relative URL resolves to nothing, an absolute one meets the refusing fetcher.
    return HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf()


def _with_counts(rows):
    return [(row, status_counts(row)) for row in rows]


def render_spravka_html(data: Spravka, on_stage: StageCallback | None = None) -> str:
    """The final HTML of the справка, exactly what WeasyPrint lays out."""
    report_stage = stage_reporter(on_stage)
    report_stage("Диаграммы")
    context = {
        "data": data,
        "summary_counts": status_counts(data.summary),
        "status_headers": status_headers(),
        "by_section": _with_counts(data.by_section),
        "by_executor": _with_counts(data.by_executor),
        "bar_chart": section_bar_chart(data.section_bars),
        "line_chart": line_chart(data.progress),
        "conclusions": data.conclusions.strip(),
    }
    report_stage("Таблица мероприятий")
    with translation.override("ru"):
        return render_to_string("reports/pdf/spravka.html", context)


def render_roadmap_html(data: OfficialRoadmap) -> str:
    tables = [
        {
            "table": table,
            "width": len(table.columns),
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


def spravka_pdf(data: Spravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Проверка шрифтов")
    check_fonts()
    html = render_spravka_html(data, report_stage)
    report_stage("Вёрстка PDF")
    return html_to_pdf(html)


def roadmap_pdf(data: OfficialRoadmap, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Проверка шрифтов")
    check_fonts(serif=True)
    report_stage("Таблица мероприятий")
    html = render_roadmap_html(data)
    report_stage("Вёрстка PDF")
    return html_to_pdf(html)
