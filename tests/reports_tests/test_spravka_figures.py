"""The справка's figures, counted by hand, in the data and read back from the PDF and XLSX."""

import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.conf import settings
from django.utils.translation import override
from openpyxl import load_workbook

from programs.models import ActivityExecutor, ActivityYear, Section
from programs.periods import Period
from programs.status import ExecutionStatus
from reports.builders import spravka_pdf, spravka_xlsx
from reports.document import Chart
from reports.selectors import spravka_data
from reports.spravka_document import spravka_document
from schools.models import Municipality, Party, Region
from tests.cast import make_activity, make_program
from tests.tools import poppler

SEED_001 = settings.BASE_DIR / "fixtures" / "seeds" / "001_6243421780018668.docx"


def pdf_text(data) -> str:
    with override("ru"):
        pdf = spravka_pdf(data)
    return subprocess.run(
        [poppler("pdftotext"), "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def chart_captions(data) -> list[str]:
    """What the line chart of the years says at each point, in the PDF and the DOCX alike."""
    line = next(
        block
        for block in spravka_document(data).blocks
        if isinstance(block, Chart) and block.kind == "line"
    )
    return list(line.captions)


def workbook(data):
    with override("ru"):
        return load_workbook(BytesIO(spravka_xlsx(data)))


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def znamenka(db):
    """Seed 001 as the demo brings it in: the Знаменский roadmap 2019–2021, nothing marked."""
    from imports.parsing import parse_roadmap
    from imports.services import import_roadmap, unmatched_executors

    region = Region.objects.create(name="Тамбовская область")
    municipality = Municipality.objects.create(region=region, name="Знаменский район")
    roadmap = parse_roadmap(SEED_001.read_bytes(), SEED_001.name)
    return import_roadmap(
        roadmap,
        municipality=municipality,
        title="Дорожная карта Знаменского района",
        period=Period(2019, 2021),
        new_parties=unmatched_executors(roadmap, municipality),
    ).program


# --- 1. A deadline «2019» is due in 2019 only --------------------------------------------------


def test_single_year_deadline_counts_only_in_its_year(znamenka):
    # Seed 001 has 36 activities and no year columns: 31 «2019-2021», 1 «2018-2021» and 4
    # «2019». In 2019 all 36 are due; in 2020 and 2021 the four «2019» ones are not: 36 − 4 = 32.
    deadlines = [row.deadline for row in spravka_data(znamenka, 2019).activities]
    assert len(deadlines) == 36 and deadlines.count("2019") == 4
    assert spravka_data(znamenka, 2020).summary.due == 32
    assert spravka_data(znamenka, 2021).summary.due == 32
    assert all(row.deadline != "2019" for row in spravka_data(znamenka, 2020).activities)


def test_single_year_deadline_in_the_pdf_and_xlsx(znamenka):
    data = spravka_data(znamenka, 2020)
    assert "Мероприятий к исполнению в 2020 году: 32." in " ".join(pdf_text(data).split())
    assert workbook(data)["Сводка"]["B18"].value == 32


# --- 2. A year nobody filled in: «нет сведений» ------------------------------------------------


def test_year_nobody_filled_in_says_no_information(znamenka):
    data = spravka_data(znamenka, 2020, today=date(2026, 12, 1))
    assert not data.summary.filled_in
    assert {row.status_label for row in data.activities} == {"нет сведений"}
    assert not any(row.is_overdue for row in data.activities)
    assert data.progress.labels == ["2019", "2020", "2021"]
    assert data.progress.shares == [None, None, None]
    assert chart_captions(data) == ["нет сведений"] * 3

    text = " ".join(pdf_text(data).split())
    assert "нет сведений" in text
    assert "просрочено" not in text and "100,0 %" not in text and "не начато" not in text

    book = workbook(data)
    activities = sheet_rows(book["Мероприятия"])
    header = activities[0]
    statuses = {row[header.index("Исполнение")] for row in activities[1:]}
    overdue = {row[header.index("Просрочено")] for row in activities[1:]}
    assert statuses == {"нет сведений"} and overdue == {"нет"}
    assert [book["Сводка"].cell(row, 2).value for row in range(11, 18)] == ["нет сведений"] * 7
    assert [book["Сводка"].cell(row, 2).value for row in (21, 22, 23)] == ["нет сведений"] * 3


def test_one_mark_makes_the_year_filled_in(znamenka):
    cells = ActivityYear.objects.filter(activity__section__program=znamenka, year=2020)
    cell = cells.exclude(activity__deadline="2019").first()
    cell.status = ExecutionStatus.DONE
    cell.save()
    data = spravka_data(znamenka, 2020, today=date(2026, 12, 1))
    counts = {count.label: count.count for count in data.summary.counts}
    # 32 due in 2020, one done: the other 31 are really «не начато», and overdue.
    assert data.summary.filled_in and counts["выполнено"] == 1 and counts["не начато"] == 31
    assert sum(row.is_overdue for row in data.activities) == 31
    assert data.progress.shares[1] == pytest.approx(1 / 32)
    assert data.progress.no_information == [True, False, True]


# --- 3. Executors' rows add up to more than the total: a note says why -------------------------


@pytest.fixture
def shared_activity(cast):
    """Program A in 2021: activity 1.1 (ОО) and 1.2 by two executors, ОО and ИМЦ."""
    imc = Party.objects.create(municipality=cast.a.municipality, name="ИМЦ")
    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    both = make_activity(cast.a.section, number="1.2", position=1, cells={2021: "+"})
    ActivityExecutor.objects.create(activity=both, party=cast.a.party, position=0)
    ActivityExecutor.objects.create(activity=both, party=imc, position=1)
    ActivityYear.objects.filter(activity__section=cast.a.section).update(status="done")
    return cast.a.program


NOTE = (
    "Мероприятие с несколькими исполнителями учтено в строке каждого из них, поэтому сумма по "
    "исполнителям (3) больше числа мероприятий к исполнению (2)."
)


def test_executor_rows_adding_up_to_more_carry_a_note(shared_activity):
    data = spravka_data(shared_activity, 2021)
    # ОО: 1.1 and 1.2; ИМЦ: 1.2 — three rows' worth for two activities.
    assert [(row.label, row.due) for row in data.by_executor] == [("ИМЦ", 1), ("ОО", 2)]
    assert data.summary.due == 2
    assert data.by_executor_note == NOTE
    assert NOTE in " ".join(pdf_text(data).split())
    assert NOTE in [row[0] for row in sheet_rows(workbook(data)["По исполнителям"])]


def test_no_note_when_each_activity_has_one_executor(cast):
    ActivityExecutor.objects.create(activity=cast.a.activity, party=cast.a.party)
    data = spravka_data(cast.a.program, 2021)
    assert data.by_executor_note == ""
    assert "несколькими исполнителями" not in pdf_text(data)


# --- 4. The chart plots only the years begun ---------------------------------------------------


def test_chart_has_no_future_years(cast):
    program = make_program(cast.a.municipality, title="Новая", start_year=2025, end_year=2027)
    section = Section.objects.create(program=program, number="1.", title="Раздел")
    make_activity(section, cells={2025: "+", 2026: "+", 2027: "+"})
    ActivityYear.objects.filter(activity__section=section, year=2025).update(status="done")
    data = spravka_data(program, 2026, today=date(2026, 6, 1))
    # 2025 done (100 %), 2026 under way with nothing marked, 2027 not begun: no point at all.
    assert data.progress.labels == ["2025", "2026"]
    assert data.progress.shares == [1.0, None]
    assert chart_captions(data) == ["100,0\u00a0%", "нет сведений"]
    summary = workbook(data)["Сводка"]
    assert [summary.cell(row, 1).value for row in (21, 22, 23)] == ["2025", "2026", None]


def test_school_year_program_starts_in_september(cast):
    program = make_program(
        cast.a.municipality, title="Учебные годы", start_year=2025, end_year=2027, school_year=True
    )
    Section.objects.create(program=program, number="1.", title="Раздел")
    assert spravka_data(program, 2025, today=date(2026, 8, 31)).progress.labels == ["2025/26"]
    assert spravka_data(program, 2025, today=date(2026, 9, 1)).progress.labels == [
        "2025/26",
        "2026/27",
    ]


# --- 5. Counts print as «3», never «3,00» ------------------------------------------------------


def test_counts_print_without_decimals(cast):
    ActivityYear.objects.filter(pk=cast.a.activity_year.pk).update(
        status="done", actual_value=Decimal("3")
    )
    data = spravka_data(cast.a.program, 2021)
    assert data.activities[0].actual == Decimal("3.00")  # as the database keeps it
    lines = [line.split() for line in pdf_text(data).splitlines()]
    row = next(words for words in lines if "Мероприятие" in words and "выполнено" in words)
    assert "3" in row and "3,00" not in " ".join(row)

    sheet = workbook(data)["Мероприятия"]
    header = [cell.value for cell in sheet[1]]
    actual = sheet.cell(2, header.index("Факт") + 1)
    assert actual.value == 3 and actual.number_format == "#,##0"
