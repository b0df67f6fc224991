"""The roadmap as it was approved: a seed imported and exported again keeps its form in PDF,
DOCX and XLSX — header cells word for word on both levels, the numbering row, the column order,
each table under its own caption — with the approval block at the top right, A4 landscape, a
serif font, the header repeated on each page and the signature line the source had."""

import re
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
import pytest
from django.conf import settings
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from imports.parsing import parse_roadmap
from imports.selectors import source_form
from imports.services import import_roadmap
from programs.models import Edition
from reports.builders.docx_roadmap import roadmap_docx
from reports.builders.pdf import render_roadmap_html, roadmap_pdf
from reports.builders.xlsx_roadmap import roadmap_xlsx
from reports.selectors import official_roadmap_data
from tests.cast import make_activity
from tests.imports_tests.test_source_form import two_tables_docx
from tests.tools import poppler, render_first_page

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
NUMBERING_8 = re.compile(r"^\s*1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s*$", re.MULTILINE)
SEED_NAMES = ["000_7f9a2473aa5e70ca", "001_6243421780018668", "003_2a58b5d9a61d506f"]
# The header of seed 000 as its document writes it, column by column on each level.
SEED_000_HEADER = [
    [
        "№ п/п",
        "Наименование задачи/мероприятия",
        "Результат выполнения мероприятия",
        "Результат выполнения мероприятия",
        "Срок реализации, годы",
        "Срок реализации, годы",
        "Срок реализации, годы",
        "Исполнитель и соисполнители мероприятия",
    ],
    [
        "№ п/п",
        "Наименование задачи/мероприятия",
        "наименование",
        "плановое значение",
        "2021 г.",
        "2022 г.",
        "2023 г.",
        "Исполнитель и соисполнители мероприятия",
    ],
]


def imported(cast, seed: str, kind: str = "docx"):
    name = f"{seed}.{kind}"
    roadmap = parse_roadmap((SEEDS / name).read_bytes(), name)
    return import_roadmap(roadmap, municipality=cast.a.municipality, filename=name).program


def expected_levels(program) -> list[list[list[str]]]:
    """Each table's header as the import kept it: one text per column on each level."""
    return [
        [[cell["text"] for cell in level for _ in range(cell["span"])] for level in table["header"]]
        for table in source_form(program)["tables"]
    ]


def docx_header(table, levels: int) -> list[list[str]]:
    """A Word table's header rows, a merged cell's text in every column it covers."""
    return [[cell.text for cell in row.cells] for row in table.rows[:levels]]


def xlsx_grid(sheet) -> list[list[str]]:
    """The sheet's values with a merged cell's text in every position it covers."""
    grid = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                grid[row - 1][column - 1] = value
    return grid


def find_rows(grid, wanted: list[list[str]]) -> int:
    """The 0-based row where ``wanted`` rows start in ``grid`` (compared over their width)."""
    width = len(wanted[0])
    for index in range(len(grid) - len(wanted) + 1):
        if all(grid[index + n][:width] == row for n, row in enumerate(wanted)):
            return index
    raise AssertionError(f"нет строк {wanted}")


def pdf_text(content: bytes, tmp_path, *options) -> str:
    path = tmp_path / "roadmap.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        [poppler("pdftotext"), *options, str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("kind", ["docx", "xlsx", "txt"])
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_a_seed_exported_keeps_its_header_word_for_word(cast, seed, kind):
    program = imported(cast, seed, kind)
    levels = expected_levels(program)
    form = source_form(program)["tables"]
    data = official_roadmap_data(program)

    document = docx.Document(BytesIO(roadmap_docx(data)))
    assert len(document.tables) == len(levels) + bool(data.signature)  # the signature's table
    for table, header, spec in zip(document.tables, levels, form, strict=False):
        assert docx_header(table, len(header)) == header
        if spec["numbering"]:
            assert [c.text for c in table.rows[len(header)].cells] == spec["numbering"]

    grid = xlsx_grid(openpyxl.load_workbook(BytesIO(roadmap_xlsx(data)))["Дорожная карта"])
    for header, spec in zip(levels, form, strict=True):
        start = find_rows(grid, header)
        if spec["numbering"]:
            assert grid[start + len(header)][: len(header[0])] == spec["numbering"]


def test_seed_000_keeps_two_header_levels_merged_and_its_numbering_row(cast, tmp_path):
    data = official_roadmap_data(imported(cast, "000_7f9a2473aa5e70ca", "txt"))

    table = docx.Document(BytesIO(roadmap_docx(data))).tables[0]
    assert docx_header(table, 2) == SEED_000_HEADER
    assert [cell.text for cell in table.rows[2].cells] == [str(n) for n in range(1, 9)]
    # «Результат выполнения мероприятия» is one cell over two columns, «№ п/п» one over two rows.
    top, bottom = table.rows[0].cells, table.rows[1].cells
    assert top[2]._tc is top[3]._tc and top[4]._tc is top[6]._tc
    assert top[0]._tc.vMerge == "restart" and top[0]._tc is bottom[0]._tc

    sheet = openpyxl.load_workbook(BytesIO(roadmap_xlsx(data)))["Дорожная карта"]
    header = find_rows(xlsx_grid(sheet), SEED_000_HEADER) + 1
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {f"A{header}:A{header + 1}", f"C{header}:D{header}", f"E{header}:G{header}"} <= merged
    assert sheet.print_title_rows == f"${header}:${header + 2}"

    html = render_roadmap_html(data)
    assert '<th class="col-result" colspan="2">Результат выполнения мероприятия</th>' in html
    assert '<th class="col-number" rowspan="2">№ п/п</th>' in html
    content = roadmap_pdf(data)
    text = words(pdf_text(content, tmp_path))
    for label in {label for level in SEED_000_HEADER for label in level}:
        assert label in text
    assert NUMBERING_8.search(pdf_text(content, tmp_path, "-layout"))


def test_two_tables_stay_two_tables_with_their_captions(cast, tmp_path):
    roadmap = parse_roadmap(two_tables_docx(), "план.docx")
    program = import_roadmap(roadmap, municipality=cast.a.municipality).program
    data = official_roadmap_data(program)

    document = docx.Document(BytesIO(roadmap_docx(data)))
    first, second = document.tables
    assert docx_header(first, 2) == [
        ["№", "Мероприятие", "Срок реализации по годам", "Срок реализации по годам", "Исполнитель"],
        ["№", "Мероприятие", "2024", "2025", "Исполнитель"],
    ]
    assert [cell.text for cell in first.rows[2].cells] == ["1", "2", "3", "4", "5"]
    assert [cell.text for cell in second.rows[0].cells] == ["Исполнитель", "Мероприятие", "Срок"]
    assert [cell.text for cell in second.rows[1].cells] == ["ИМЦ", "Курсы", "2025"]
    paragraphs = [p.text for p in document.paragraphs]
    assert "1. Организационные мероприятия" in paragraphs
    assert "2. Работа с педагогами" in paragraphs

    grid = xlsx_grid(openpyxl.load_workbook(BytesIO(roadmap_xlsx(data)))["Дорожная карта"])
    second_header = find_rows(grid, [["Исполнитель", "Мероприятие", "Срок"]])
    assert grid[second_header - 1][0] == "2. Работа с педагогами"
    assert grid[second_header + 1][:3] == ["ИМЦ", "Курсы", "2025"]

    text = pdf_text(roadmap_pdf(data), tmp_path)
    assert "1. Организационные мероприятия" in text and "2. Работа с педагогами" in text
    assert render_roadmap_html(data).count('<table class="roadmap">') == 2


def test_word_file_is_a4_landscape_in_a_serif_font_with_header_rows_repeated(cast):
    data = official_roadmap_data(imported(cast, "000_7f9a2473aa5e70ca"))
    document = docx.Document(BytesIO(roadmap_docx(data)))

    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Cm(29.7)) < Cm(0.01)
    assert abs(section.page_height - Cm(21)) < Cm(0.01)
    assert document.styles["Normal"].font.name == "Times New Roman"
    rows = document.tables[0].rows
    repeated = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in rows[:4]
    ]
    assert repeated == [True, True, True, False]  # two header levels and the numbering row


def test_word_file_is_built_when_a_title_holds_characters_pasted_from_word(cast):
    """A line break (\\x0b) or a cell end (\\x07) pasted from a Word table into a title: XML
    has no place for them, the file shows a space."""
    make_activity(cast.a.section, number="1.2", title="Семинар\x0bдля\x07педагогов", position=1)
    document = docx.Document(BytesIO(roadmap_docx(official_roadmap_data(cast.a.program))))
    texts = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "Семинар для педагогов" in texts


def test_pdf_is_a4_landscape_in_liberation_serif_with_the_header_on_each_page(cast, tmp_path):
    program = imported(cast, "000_7f9a2473aa5e70ca")
    section = program.sections.order_by("position").last()
    for position in range(40):  # long enough for a second page
        make_activity(
            section,
            number=f"9.{position}",
            title=f"Мероприятие {position}",
            position=100 + position,
        )
    path = tmp_path / "roadmap.pdf"
    path.write_bytes(roadmap_pdf(official_roadmap_data(program)))

    fonts = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True)
    assert "LiberationSerif" in fonts.stdout.replace("-", "")  # WeasyPrint: «Liberation-Serif»
    assert "DejaVu" not in fonts.stdout
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info or "842 x 595" in info
    content = path.read_bytes()
    assert "Исполнитель и соисполнители мероприятия" in words(
        pdf_text(content, tmp_path, "-f", "2", "-l", "2")
    )
    assert NUMBERING_8.search(pdf_text(content, tmp_path, "-layout", "-f", "2", "-l", "2"))


def test_approval_block_names_the_order_and_the_edition_in_force(cast, tmp_path):
    program = imported(cast, "001_6243421780018668")  # «Приказ … 03.09.2019 … № 55»
    municipality = program.municipality
    municipality.department_name = "Отдел образования администрации Знаменского района"
    municipality.save()
    data = official_roadmap_data(program)
    assert data.approval == [
        "УТВЕРЖДЕНА",
        "приказом отдела образования администрации Знаменского района",
        "от 03.09.2019 № 55",
    ]
    text = words(pdf_text(roadmap_pdf(data), tmp_path))
    assert (
        "УТВЕРЖДЕНА приказом отдела образования администрации Знаменского района "
        "от 03.09.2019 № 55" in text
    )
    paragraphs = [p.text for p in docx.Document(BytesIO(roadmap_docx(data))).paragraphs]
    assert paragraphs[:3] == data.approval
    sheet = openpyxl.load_workbook(BytesIO(roadmap_xlsx(data)))["Дорожная карта"]
    lines = [[v for v in row if v] for row in sheet.iter_rows(max_row=3, values_only=True)]
    assert lines == [[line] for line in data.approval]
    assert sheet.cell(1, 1).value is None  # at the right, over the last columns

    Edition.objects.create(
        program=program,
        number=2,
        order_organ="Отдел образования",
        order_number="41",
        order_date=date(2020, 3, 12),
        snapshot={},
    )
    assert official_roadmap_data(program).approval[-1] == (
        "(в редакции приказа от 12.03.2020 № 41)"
    )


def test_an_appendix_block_of_the_source_is_kept_as_written(cast, tmp_path):
    from tests.imports_tests.builders import C, Para, docx_bytes

    source = docx_bytes(
        Para("Приложение № 2"),
        Para("к приказу управления образования"),
        Para("от 15.02.2021 № 112"),
        Para("План мероприятий по поддержке школ на 2021-2023 годы", bold=True),
        [
            [C("№"), C("Мероприятие"), C("Срок"), C("Ответственный")],
            ["1.", "Совещание", "май", "ИМЦ"],
        ],
        Para("Начальник управления образования"),
        Para("И. П. Петрова"),
    )
    program = import_roadmap(
        parse_roadmap(source, "план.docx"), municipality=cast.a.municipality
    ).program
    data = official_roadmap_data(program)

    assert data.approval == [
        "Приложение № 2",
        "к приказу управления образования",
        "от 15.02.2021 № 112",
    ]
    assert data.signature == ["Начальник управления образования", "И. П. Петрова"]
    text = pdf_text(roadmap_pdf(data), tmp_path, "-layout")
    assert "Приложение № 2" in text
    signature_line = next(line for line in text.splitlines() if "Начальник управления" in line)
    assert "И. П. Петрова" in signature_line  # the name on the position's line, unbroken


def test_the_signature_of_the_source_closes_every_format(cast, tmp_path):
    data = official_roadmap_data(imported(cast, "001_6243421780018668", "xlsx"))
    position = "Начальник отдела образования и защиты прав несовершеннолетних"
    assert data.signature == [position, "П.В.Пьянов"]

    text = pdf_text(roadmap_pdf(data), tmp_path, "-layout")
    line = next(line for line in text.splitlines() if position in line)
    assert "П.В.Пьянов" in line
    document = docx.Document(BytesIO(roadmap_docx(data)))
    signature = document.tables[-1].rows[0].cells
    assert [cell.text for cell in signature] == [position, "П.В.Пьянов"]
    sheet = openpyxl.load_workbook(BytesIO(roadmap_xlsx(data)))["Дорожная карта"]
    last = [value for value in list(sheet.iter_rows(values_only=True))[-1] if value]
    assert last == [position, "П.В.Пьянов"]


def test_a_program_made_in_the_portal_gets_the_default_form(cast):
    data = official_roadmap_data(cast.a.program)
    table = docx.Document(BytesIO(roadmap_docx(data))).tables[0]
    texts = [[cell.text for cell in row.cells] for row in table.rows[:3]]

    assert texts[0][:2] == ["№ п/п", "Мероприятие"]
    assert "Ответственный исполнитель" in texts[0]
    assert texts[2] == [str(n) for n in range(1, len(texts[0]) + 1)]  # the numbering row


def test_first_pages_are_saved_as_png_artifacts(cast, artifacts_dir, tmp_path):
    for seed in ("000_7f9a2473aa5e70ca", "001_6243421780018668"):
        pdf = tmp_path / f"{seed}.pdf"
        pdf.write_bytes(roadmap_pdf(official_roadmap_data(imported(cast, seed))))
        png = render_first_page(pdf, artifacts_dir / f"roadmap-official-{seed}")
        assert png.stat().st_size > 10_000


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_default_form_imports_back_as_the_same_roadmap(cast, fmt):
    program = cast.a.program
    make_activity(
        cast.a.section,
        number="1.2",
        title="Семинар",
        position=1,
        cells={2023: "2"},
        deadline="май",
        result_name="Протокол",
        executors_text="ОО",
    )
    build = roadmap_docx if fmt == "docx" else roadmap_xlsx
    exported = build(official_roadmap_data(program))

    roadmap = parse_roadmap(exported, f"export.{fmt}")
    assert [(s.number, s.title) for s in roadmap.sections] == [("1", "Организация")]
    assert [(a.number, a.title, a.deadline, a.result, a.years) for a in roadmap.activities] == [
        ("1.1", "Мероприятие", None, None, {"2021": "+", "2022": "3", "2023": ""}),
        ("1.2", "Семинар", "май", "Протокол", {"2021": "", "2022": "", "2023": "2"}),
    ]
