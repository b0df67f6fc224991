"""XLSX builders: the workbook read back with openpyxl — layout, real numbers, charts, merges."""

from collections import Counter
from dataclasses import replace
from io import BytesIO

import pytest
from openpyxl import load_workbook

from programs.status import STATUS_LABELS, ExecutionStatus
from reports.builders import roadmap_xlsx, spravka_xlsx
from reports.data import ChartSeries
from tests.reports_tests.sample import sample_roadmap, sample_spravka

SPRAVKA_SHEETS = [
    "Сводка",
    "По разделам",
    "По исполнителям",
    "Мероприятия",
    "Показатели",
    "Школы",
    "Выводы",
]
TABLE_SHEETS = ["По разделам", "По исполнителям", "Мероприятия", "Показатели", "Школы"]


def workbook_of(content: bytes):
    return load_workbook(BytesIO(content))


@pytest.fixture(scope="module")
def spravka_book():
    return workbook_of(spravka_xlsx(sample_spravka()))


@pytest.fixture(scope="module")
def roadmap_book():
    return workbook_of(roadmap_xlsx(sample_roadmap()))


def column_values(sheet, header: str) -> list:
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_spravka_has_a_sheet_per_part(spravka_book):
    assert spravka_book.sheetnames == SPRAVKA_SHEETS


def test_summary_counts_equal_the_activities(spravka_book):
    sheet = spravka_book["Сводка"]
    activities = sample_spravka().activities
    counts = Counter(row.status for row in activities)

    assert [cell.value for cell in sheet[10]] == ["Исполнение", "Количество", "Доля"]
    for row_number, status in enumerate(ExecutionStatus, start=11):
        label, count, share = (cell.value for cell in sheet[row_number])
        assert label == STATUS_LABELS[status]
        assert count == counts[status] and isinstance(count, int)
        assert share == pytest.approx(counts[status] / len(activities))
        assert sheet.cell(row_number, 3).number_format == "0.0%"
    assert [cell.value for cell in sheet[18]][:2] == ["Всего к исполнению", len(activities)]


def test_summary_title_block_and_progress_table(spravka_book):
    sheet = spravka_book["Сводка"]
    data = sample_spravka()

    assert sheet["B4"].value == data.title.program_title
    assert sheet["B7"].value == "2022"
    assert sheet["B8"].value.date() == data.title.made_on
    assert [sheet["A20"].value, sheet["B20"].value] == ["Год", "Доля выполненных"]
    assert [sheet.cell(row, 2).value for row in (21, 22, 23)] == data.progress.shares


def test_numbers_are_numbers(spravka_book):
    actuals = column_values(spravka_book["Мероприятия"], "Факт")
    targets = column_values(spravka_book["Показатели"], "План")
    dues = column_values(spravka_book["По разделам"], "К исполнению")[:3]

    assert {type(value) for value in actuals} <= {int, float, type(None)}
    assert 1234.5 in actuals
    assert all(isinstance(value, int | float) for value in targets)
    assert all(isinstance(value, int) for value in dues)
    # As display.formats writes them: a count «3» (never «3,00»), a value «1 234,5».
    facts = {cell.value: cell.number_format for cell in spravka_book["Мероприятия"]["H"][1:]}
    assert facts[3] == "#,##0" and facts[1234.5] == "#,##0.0" and facts[0.75] == "#,##0.00"


def test_tables_have_frozen_headers_and_filters(spravka_book):
    assert spravka_book["Сводка"].freeze_panes == "A11"
    assert spravka_book["Сводка"].auto_filter.ref == "A10:C17"
    for name in TABLE_SHEETS:
        sheet = spravka_book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
    assert spravka_book["Мероприятия"].auto_filter.ref == "A1:K25"
    assert spravka_book["Мероприятия"].column_dimensions["C"].width == 60


def test_native_charts_for_sections_and_years(spravka_book):
    (progress,) = spravka_book["Сводка"]._charts
    (sections,) = spravka_book["По разделам"]._charts

    assert progress.tagname == "lineChart"
    assert sections.tagname == "barChart" and sections.type == "bar"


def test_school_reports_and_empty_conclusions_are_explained():
    book = workbook_of(spravka_xlsx(sample_spravka(school_reports=False, conclusions="")))
    schools = [value for row in book["Школы"].iter_rows(values_only=True) for value in row]

    assert (
        "Отчёты школ в портале пока не собираются: раздел будет заполнен после их сдачи." in schools
    )
    assert book["Выводы"]["A2"].value == "Выводы не заполнены."


def test_conclusions_keep_one_line_per_row(spravka_book):
    lines = [row[0] for row in spravka_book["Выводы"].iter_rows(min_row=2, values_only=True)]

    assert lines[:4] == [
        "1. Мероприятия первого раздела в основном выполнены; рабочая группа собиралась "
        "ежеквартально.",
        "2. Курсы повышения квалификации прошли не все педагоги ШНОР: перенос на 2023 год.",
        None,
        "Рекомендации:",
    ]


def header_row_of(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "№ п/п")


def test_roadmap_sheet_merges_section_rows_across_the_width(roadmap_book):
    sheet = roadmap_book["Дорожная карта"]
    data = sample_roadmap()
    width = len(data.tables[0].columns)
    first_row = header_row_of(sheet) + 3  # two header levels and the numbering row
    section_rows = [first_row + index for index, row in enumerate(data.rows) if row.is_section]

    merged = {(r.min_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges}
    assert {(row, 1, width) for row in section_rows} <= merged
    assert sheet.cell(section_rows[0], 1).value == data.rows[0].title
    assert sheet.cell(section_rows[0], 1).font.bold


def test_roadmap_sheet_prints_landscape_with_repeated_header(roadmap_book):
    sheet = roadmap_book["Дорожная карта"]
    header_row = header_row_of(sheet)

    assert [cell.value for cell in sheet[header_row]][2:4] == [
        "Срок исполнения",
        "Срок реализации по годам",
    ]
    assert [cell.value for cell in sheet[header_row + 1]][3:6] == ["2021", "2022", "2023"]
    assert sheet.freeze_panes == f"A{header_row + 3}"
    assert sheet.print_title_rows == f"${header_row}:${header_row + 2}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["B"].width == 50
    assert sheet.cell(header_row + 4, 2).alignment.wrap_text


def test_roadmap_year_counts_are_numbers_and_marks_stay_text(roadmap_book):
    sheet = roadmap_book["Дорожная карта"]
    first_activity = [cell.value for cell in sheet[header_row_of(sheet) + 4]]

    assert first_activity[3:6] == [3, "+", "август"]


def test_roadmap_sheet_omits_empty_columns():
    book = workbook_of(roadmap_xlsx(sample_roadmap(with_years=False, with_deadlines=False)))
    sheet = book["Дорожная карта"]

    assert [cell.value for cell in sheet[header_row_of(sheet)]] == [
        "№ п/п",
        "Мероприятие",
        "Ответственный исполнитель",
        "Ожидаемый результат",
        "Плановое значение",
        "Показатели реализации",
    ]


def test_an_empty_program_still_builds():
    data = replace(
        sample_spravka(),
        activities=[],
        by_section=[],
        section_bars=[],
        progress=ChartSeries([], []),
    )
    book = workbook_of(spravka_xlsx(data))
    roadmap = workbook_of(roadmap_xlsx(sample_roadmap(activities=0)))

    assert book["Мероприятия"].max_row == 1
    assert book["Сводка"]._charts == [] and book["По разделам"]._charts == []
    assert header_row_of(roadmap["Дорожная карта"]) == roadmap["Дорожная карта"].max_row - 1


def test_xlsx_builders_report_their_stages():
    stages = []
    spravka_xlsx(sample_spravka(activities=3, schools=1), on_stage=stages.append)

    assert stages == [*SPRAVKA_SHEETS, "Сохранение файла"]
