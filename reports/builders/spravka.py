"""The аналитическая справка in PDF and DOCX: one content model (reports.spravka_document)
rendered by the document renderers, so that both files say the same."""

from reports.data import Spravka
from reports.spravka_document import spravka_document

from .document_docx import document_docx
from .document_pdf import document_pdf, render_document_html
from .stages import StageCallback, stage_reporter


def render_spravka_html(data: Spravka) -> str:
    """The final HTML of the справка, exactly what WeasyPrint lays out."""
    return render_document_html(spravka_document(data))


def spravka_pdf(data: Spravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Содержание справки")
    return document_pdf(spravka_document(data), report_stage)


def spravka_docx(data: Spravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Содержание справки")
    return document_docx(spravka_document(data), report_stage)
