"""Reading the справка's files back as a person would: the PDF's text and fonts (poppler), the
DOCX's page setup, styles and text (python-docx)."""

import re
import subprocess
from io import BytesIO
from pathlib import Path

from docx import Document

from tests.tools import poppler

# pdftotext keeps the non-breaking and thin spaces the builders print between words and digits.
SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


def flat(text: str) -> str:
    return SPACES.sub(" ", text)


def pdf_lines(content: bytes, tmp_path: Path, layout: bool = True) -> list[str]:
    """The PDF's text one printed line each (spaces collapsed): as laid out, or (layout=False)
    in reading order, the requisites' two columns one after the other."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    mode = ["-layout"] if layout else []
    text = subprocess.run(
        [poppler("pdftotext"), *mode, str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return [flat(line).strip() for line in text.splitlines() if line.strip()]


def pdf_fonts(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [poppler("pdffonts"), str(path)], capture_output=True, check=True, text=True
    ).stdout


def docx_document(content: bytes):
    return Document(BytesIO(content))


def docx_text(content: bytes) -> str:
    """Every paragraph of the body, its tables and its headers, spaces collapsed."""
    document = docx_document(content)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            parts += [paragraph.text for paragraph in header.paragraphs]
    return flat("\n".join(parts))
