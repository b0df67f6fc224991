"""The regional справка in PDF and DOCX: its content model (reports.regional_document) laid out
by the document renderers, as the справка of a program is."""

from reports.data import RegionalSpravka
from reports.regional_document import regional_document

from .document_docx import document_docx
from .document_pdf import document_pdf
from .stages import StageCallback, stage_reporter


def regional_pdf(data: RegionalSpravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Содержание справки")
    return document_pdf(regional_document(data), report_stage)


def regional_docx(data: RegionalSpravka, on_stage: StageCallback | None = None) -> bytes:
    report_stage = stage_reporter(on_stage)
    report_stage("Содержание справки")
    return document_docx(regional_document(data), report_stage)
