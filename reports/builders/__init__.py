"""Report builders: plain data (reports.data) in, file bytes out.

No database access here, so the same calls serve a Celery task, a command and a benchmark. Each
builder takes an optional `on_stage` callback called with a Russian stage name
("Содержание справки", "Вёрстка PDF", a sheet name…) for progress display.
"""

from .document_docx import document_docx
from .document_pdf import document_pdf
from .docx_roadmap import roadmap_docx
from .errors import ReportBuildError
from .pdf import render_roadmap_html, roadmap_pdf
from .regional import regional_docx, regional_pdf
from .spravka import render_spravka_html, spravka_docx, spravka_pdf
from .xlsx_regional import regional_xlsx
from .xlsx_roadmap import roadmap_xlsx
from .xlsx_spravka import spravka_xlsx

__all__ = [
    "ReportBuildError",
    "document_docx",
    "document_pdf",
    "regional_docx",
    "regional_pdf",
    "regional_xlsx",
    "render_roadmap_html",
    "render_spravka_html",
    "roadmap_docx",
    "roadmap_pdf",
    "roadmap_xlsx",
    "spravka_docx",
    "spravka_pdf",
    "spravka_xlsx",
]
