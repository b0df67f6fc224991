"""Command-line tools the tests read outputs back with (poppler-utils for PDFs).

As with chromium: missing outside CI, the tests that need them are skipped with a Russian note;
missing in CI, they fail loudly (scripts/test installs them when it can).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str) -> str:
    """The path of a poppler-utils program (pdftotext, pdfinfo, pdftoppm), or skip/fail."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} не установлен (пакет poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, но {message}.")
        pytest.skip(f"{message}: PDF-тесты пропущены")
    return path


def render_first_page(pdf: Path, stem: Path) -> Path:
    """Page 1 of the PDF as ``<stem>.png`` (pdftoppm at 60 dpi), for a person to look at."""
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", "-f", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return Path(f"{stem}.png")
