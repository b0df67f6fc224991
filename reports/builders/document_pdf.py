"""A document (reports.document) laid out as PDF: one template, reports/pdf/document.html, turned
into PDF by WeasyPrint through `html_to_pdf`."""

from dataclasses import replace

from django.template.loader import render_to_string
from django.utils import translation

from programs.charts import bar_chart
from reports.data import ChartSeries
from reports.document import Chart, Document, Heading, Paragraph, Table

from .charts import line_chart
from .pdf import check_fonts, html_to_pdf
from .stages import StageCallback, stage_reporter


def _drawn(block):
    """(kind, block, chart geometry) for the template: it tells blocks apart by kind."""
    if isinstance(block, Heading):
        return "heading", block, None
    if isinstance(block, Paragraph):
        return "paragraph", block, None
    if isinstance(block, Table):
        return "table", block, None
    if isinstance(block, Chart):
        if block.kind == "bars":
            rows = [
                (label, share, done, due)
                for label, share, (done, due) in zip(
                    block.labels, block.shares, block.counts, strict=True
                )
            ]
            chart = bar_chart(rows)
            # Each bar captioned as the document says it («нет сведений» included), as in DOCX.
            chart.bars[:] = [
                replace(bar, caption=caption)
                for bar, caption in zip(chart.bars, block.captions, strict=True)
            ]
            return "bars", block, chart
        series = ChartSeries(list(block.labels), list(block.shares))
        return "line", block, line_chart(series, list(block.captions))
    raise TypeError(f"Неизвестный блок документа: {block!r}")


def render_document_html(document: Document) -> str:
    """The final HTML of a document, exactly what WeasyPrint lays out."""
    context = {"document": document, "blocks": [_drawn(block) for block in document.blocks]}
    with translation.override("ru"):
        return render_to_string("reports/pdf/document.html", context)


def document_pdf(document: Document, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Проверка шрифтов")
    check_fonts()
    html = render_document_html(document)
    report_stage("Вёрстка PDF")
    return html_to_pdf(html)
