"""Benchmark: checking a 20,000-row assessment-results file (the import's dry run) against a bare
openpyxl read of the same cells.

The dry run is everything the portal does before asking for confirmation: read the sheet, find
the columns by their headers, match every school by code (a tenth by name), check every number
and duplicate, and build the rows. The baseline reads the same file with openpyxl in read-only
mode and touches every value. Schools are given as plain values, as the import gets them from
one query.

Prints the time of each, and as its last line `import_results: ratio=<x> target<=3`.
Run from the project root: `python bench/import_results.py`.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadmap_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

import openpyxl  # noqa: E402

from results.importing import SchoolRef, parse_results  # noqa: E402

ROWS = 20_000
RUNS = 5
SCHOOLS = [SchoolRef(pk, f"МБОУ СОШ № {pk} (выдуманная)", f"BENCH-{pk:05d}") for pk in range(400)]
SUBJECTS = ["Русский язык", "Математика", "Окружающий мир", "История", "Биология"]
HEADER = [
    "Код ОО",
    "Наименование ОО",
    "Год",
    "Процедура",
    "Предмет",
    "Класс",
    "Кол-во участников",
    "Доля «2», %",
    "Доля «4» и «5», %",
    "Средний балл",
]


def results_xlsx() -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Результаты")
    sheet.append(HEADER)
    row = 0
    for year in range(2019, 2027):
        for school in SCHOOLS:
            for grade in (4, 5, 6, 7, 8, 9, 10, 11):
                for subject in SUBJECTS:
                    if row == ROWS:
                        break
                    by_name = row % 10 == 0  # a tenth of the rows name the school, no code
                    sheet.append(
                        [
                            "" if by_name else school.code,
                            school.name,
                            year,
                            "ВПР",
                            subject,
                            grade,
                            20 + row % 17,
                            round((row * 7) % 400 / 10, 1),
                            round((row * 3) % 600 / 10, 1),
                            f"3,{row % 10}",
                        ]
                    )
                    row += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bare_read(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True):
        for _value in row:
            pass
    book.close()


def dry_run(data: bytes) -> None:
    parsed = parse_results(data, SCHOOLS, filename="bench.xlsx")
    assert parsed.ok, parsed.errors[:3]
    assert len(parsed.lines) == ROWS, len(parsed.lines)


def timed(action, data) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    data = results_xlsx()
    baseline = timed(bare_read, data)
    portal = timed(dry_run, data)
    print(f"openpyxl read: {baseline:.2f} s; import dry run: {portal:.2f} s ({ROWS} rows)")
    print(f"import_results: ratio={portal / baseline:.2f} target<=3")


if __name__ == "__main__":
    main()
