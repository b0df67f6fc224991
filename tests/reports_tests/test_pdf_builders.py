"""PDF builders: text read back with poppler (pdftotext, pdfinfo), page geometry, font guard."""

import re
import subprocess
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from display.formats import format_date_long, format_number, format_percent
from programs.status import STATUS_LABELS, ExecutionStatus
from reports.builders import (
    ReportBuildError,
    pdf_parts,
    render_roadmap_html,
    render_spravka_html,
    roadmap_pdf,
    spravka_pdf,
)
from reports.builders import pdf as pdf_module
from reports.builders.charts import line_chart
from reports.data import ChartSeries
from tests.reports_tests.sample import PROGRAM_TITLE, sample_roadmap, sample_spravka
from tests.tools import poppler

# pdftotext keeps the non-breaking and thin spaces the builders print between digits.
SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


def write_pdf(directory: Path, name: str, content: bytes) -> Path:
    path = directory / name
    path.write_bytes(content)
    return path


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", *pages, str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


def flat(text: str) -> str:
    return SPACES.sub(" ", text)


def pdf_info(path: Path) -> dict[str, str]:
    result = subprocess.run(
        [poppler("pdfinfo"), str(path)], capture_output=True, check=True, text=True
    )
    return dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)


def page_size(path: Path) -> tuple[float, float]:
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    return float(width), float(height)


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


@pytest.fixture(scope="module")
def spravka_path(tmp_path_factory):
    return write_pdf(tmp_path_factory.mktemp("pdf"), "spravka.pdf", spravka_pdf(sample_spravka()))


@pytest.fixture(scope="module")
def long_roadmap_path(tmp_path_factory):
    content = roadmap_pdf(sample_roadmap(activities=60))
    return write_pdf(tmp_path_factory.mktemp("pdf"), "roadmap.pdf", content)


def test_spravka_names_the_program_year_and_date(spravka_path):
    text = flat(pdf_text(spravka_path))

    assert f"«{PROGRAM_TITLE}» за 2022 год" in text
    assert "Отчётный год: 2022" in text
    assert "Мероприятий к исполнению в 2022 году: 24." in text
    assert "__.__.____ № ________" in text  # filled in when signed and registered


def test_spravka_prints_every_status_count_with_russian_percent(spravka_path):
    lines = [flat(line).strip() for line in pdf_text(spravka_path).splitlines()]
    counts = Counter(row.status for row in sample_spravka().activities)

    for status in ExecutionStatus:
        row = f"{STATUS_LABELS[status]} {counts[status]} "
        assert any(line.endswith(" %") and line.startswith(row) for line in lines), status
    assert "в работе 3 12,5 %" in lines
    assert "выполнено частично 4 16,7 %" in lines
    assert "отменено 1 4,2 %" in lines
    assert "Всего к исполнению 24" in lines


def test_spravka_numbers_use_comma_decimals_and_space_thousands(spravka_path):
    text = flat(pdf_text(spravka_path))

    assert "1 234,5" in text  # an actual value
    assert "0,75" in text
    assert "+2,5" in text  # an indicator's deviation
    assert "62,5 %" in text  # the progress chart's caption
    assert "1234.5" not in text and "12.5" not in text


def test_spravka_is_a4_portrait_numbered_from_the_second_page(spravka_path):
    width, height = page_size(spravka_path)
    pages = page_count(spravka_path)

    assert (round(width), round(height)) == (595, 842)
    assert pages > 1
    assert pdf_text(spravka_path, page=1).split()[0] == "ОТДЕЛ"  # ГОСТ: no number on page 1
    assert pdf_text(spravka_path, page=2).split()[0] == "2"
    assert pdf_text(spravka_path, page=pages).split()[0] == str(pages)


def test_spravka_sections_follow_the_agreed_order(spravka_path):
    text = flat(pdf_text(spravka_path))
    headings = [
        "АНАЛИТИЧЕСКАЯ СПРАВКА",
        "Основание:",
        "Цель:",
        "1. Целевая группа",
        "2. Исполнение мероприятий в отчётном году",
        "По разделам",
        "По исполнителям",
        "3. Анализ исполнения по разделам",
        "4. Мероприятия дорожной карты",
        "5. Показатели",
        "6. Школы: участие в мероприятиях и отчёты",
        "7. Полнота и своевременность отчётности школ",
        "8. Перенесённые мероприятия",
        "9. Риски «500+»",
        "10. Диаграммы",
        "11. Выводы и рекомендации",
        "Начальник отдела образования",
        "Исполнитель:",
    ]
    positions = [text.index(heading) for heading in headings]

    assert positions == sorted(positions)


def test_spravka_keeps_the_conclusions_line_breaks(spravka_path):
    lines = [flat(line).strip() for line in pdf_text(spravka_path).splitlines()]

    assert "Рекомендации:" in lines
    assert "— ИМЦ провести методический десант во II квартале." in lines


def test_spravka_without_school_reports_says_so(tmp_path):
    data = sample_spravka(school_reports=False, conclusions="  \n")
    text = flat(pdf_text(write_pdf(tmp_path, "spravka.pdf", spravka_pdf(data))))

    assert "Отчёты школ в портале пока не собираются: раздел будет заполнен после их сдачи." in text
    assert "Выводы не заполнены: справка сформирована как проект." in text


def test_spravka_pages_saved_as_png_artifacts(spravka_path, artifacts_dir):
    for old in artifacts_dir.glob("spravka-sample-*.png"):
        old.unlink()
    prefix = artifacts_dir / "spravka-sample"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", str(spravka_path), str(prefix)], check=True
    )

    assert len(list(artifacts_dir.glob("spravka-sample-*.png"))) == page_count(spravka_path)


def test_long_roadmap_is_landscape_and_repeats_the_header(long_roadmap_path):
    width, height = page_size(long_roadmap_path)
    second_page = flat(pdf_text(long_roadmap_path, page=2))

    assert width > height
    assert page_count(long_roadmap_path) > 1
    assert "Мероприятие" in second_page
    assert "Ответственный" in second_page
    assert "стр. 2 из" in second_page


def test_roadmap_sections_span_the_whole_table():
    data = sample_roadmap()
    html = render_roadmap_html(data)
    section_row = f'<tr class="section"><td colspan="{len(data.tables[0].columns)}">'

    assert html.count(section_row) == sum(row.is_section for row in data.rows)


def test_roadmap_omits_columns_empty_in_every_row(tmp_path):
    data = sample_roadmap(with_years=False, with_deadlines=False)
    headers = [cell.text for cell in data.tables[0].header[0]]
    text = flat(pdf_text(write_pdf(tmp_path, "roadmap.pdf", roadmap_pdf(data))))

    assert headers == [
        "№ п/п",
        "Мероприятие",
        "Ответственный исполнитель",
        "Ожидаемый результат",
        "Плановое значение",
        "Показатели реализации",
    ]
    assert "Срок реализации по годам" not in text


def test_full_roadmap_has_deadline_and_year_columns():
    top, years = sample_roadmap().tables[0].header

    assert [cell.text for cell in top][2:4] == ["Срок исполнения", "Срок реализации по годам"]
    assert [cell.text for cell in years] == ["2021", "2022", "2023"]


def test_an_empty_program_still_builds(tmp_path):
    data = replace(
        sample_spravka(),
        schools=[],
        activities=[],
        by_section=[],
        by_executor=[],
        indicators=[],
        school_sections=[],
        section_bars=[],
        progress=ChartSeries([], []),
    )
    roadmap = sample_roadmap(activities=0)

    text = flat(pdf_text(write_pdf(tmp_path, "spravka.pdf", spravka_pdf(data))))
    roadmap_text = flat(pdf_text(write_pdf(tmp_path, "roadmap.pdf", roadmap_pdf(roadmap))))

    assert "Мероприятий к исполнению в отчётном году нет." in text
    assert "Показатели в программе не заданы." in text
    assert "Мероприятие" in roadmap_text


def test_missing_fonts_refuse_to_build(monkeypatch):
    monkeypatch.setattr(pdf_module, "DEJAVU_FONT_FILES", (Path("/nonexistent/DejaVuSans.ttf"),))

    with pytest.raises(ReportBuildError, match="Не найдены шрифты DejaVu и Liberation Serif"):
        spravka_pdf(sample_spravka())
    monkeypatch.undo()
    monkeypatch.setattr(pdf_module, "LIBERATION_FONT_FILES", (Path("/nonexistent/Serif.ttf"),))
    with pytest.raises(ReportBuildError, match="fonts-liberation"):
        roadmap_pdf(sample_roadmap())


def test_report_html_needs_nothing_fetched():
    html = render_spravka_html(sample_spravka()) + render_roadmap_html(sample_roadmap())

    assert not re.search(r"""(src|href)=|url\(|@import""", html)


def test_fetcher_refuses_files_and_network():
    fetcher = pdf_parts.RefusingURLFetcher()

    for url in ("file:///etc/hostname", "https://example.org/logo.png"):
        with pytest.raises(ValueError, match="не загружает"):
            fetcher.fetch(url)


def test_builders_report_their_stages():
    stages = []
    spravka_pdf(sample_spravka(activities=3, schools=1), on_stage=stages.append)

    assert stages == ["Содержание справки", "Проверка шрифтов", "Вёрстка PDF"]


def test_russian_formats():
    with translation.override("ru"):
        assert format_number(Decimal("1234.50")) == "1\u00a0234,5"
        assert format_number(Decimal("3.00")) == "3"
        assert format_percent(1 / 24) == "4,2\u00a0%"  # rounded, not cut to 4,1
        assert format_percent(0.125) == "12,5\u00a0%"
        assert format_date_long(sample_spravka().title.made_on) == "23 января 2023 г."


def test_progress_line_breaks_where_nothing_was_due():
    with translation.override("ru"):
        chart = line_chart(ChartSeries(["2021", "2022", "2023", "2024"], [0.5, 1.0, None, 0.25]))

    assert [point.y is None for point in chart.points] == [False, False, True, False]
    assert len(chart.polylines) == 1  # the lone 2024 point has no line
    assert chart.points[1].y < chart.points[0].y  # 100 % is drawn above 50 %
