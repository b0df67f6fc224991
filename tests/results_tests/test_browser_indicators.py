"""The indicator grid in a real browser: a year row and a school cell edited in place."""

import pytest
from playwright.sync_api import expect

from results.models import IndicatorYear
from tests.programs_tests.test_browser_workspace import log_in
from tests.results_tests.helpers import lower_is_better, school_level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_specialist_edits_year_and_school_cells_in_place(cast, live_server, page, artifacts_dir):
    program = cast.a.program
    missed = lower_is_better(program, position=0)
    by_school = school_level(program, position=1)
    IndicatorYear.objects.create(indicator=missed, year=2022)
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/results/programs/{program.pk}/indicators/")
    row_2021 = page.locator(f"#iy-{missed.pk}-2021")
    expect(row_2021).to_contain_text("не достигнуто")

    # The 2022 row turns into a form and back, and the judgement follows the numbers.
    page.locator(f"#iy-{missed.pk}-2022").get_by_role("link", name="изменить").click()
    form = page.locator(f"#iy-{missed.pk}-2022 form")
    form.get_by_label("Целевое значение").fill("17")
    form.get_by_label("Фактическое значение").fill("16,4")
    form.get_by_role("button", name="Сохранить").click()
    row_2022 = page.locator(f"#iy-{missed.pk}-2022")
    expect(row_2022).to_contain_text("16,4")
    expect(row_2022.locator(".judgement")).to_have_text("достигнуто")
    expect(page.locator(f"#iy-{missed.pk}-2022 form")).to_have_count(0)

    # A bad number stays in the cell with a Russian message; nothing is saved.
    cell_id = f"#sv-{by_school.pk}-{cast.a.school.pk}-2021"
    page.locator(cell_id).get_by_role("link", name="изменить").click()
    page.locator(f"{cell_id} form").get_by_label("Фактическое значение").fill("много")
    page.locator(f"{cell_id} form").get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"{cell_id} form")).to_contain_text("Введите число.")
    page.locator(f"{cell_id} form").get_by_label("Целевое значение").fill("15")
    page.locator(f"{cell_id} form").get_by_label("Фактическое значение").fill("12")
    page.locator(f"{cell_id} form").get_by_role("button", name="Сохранить").click()
    expect(page.locator(cell_id)).to_contain_text("достигнуто")
    expect(page.locator(f"#iy-{by_school.pk}-2021")).to_contain_text("достигнуто (1 из 1 школ)")
    page.screenshot(path=str(artifacts_dir / "indicators_page.png"), full_page=True)


def test_specialist_adds_an_indicator_in_the_editor_panel(cast, live_server, page):
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/results/programs/{cast.a.program.pk}/indicators/")
    page.get_by_role("link", name="Добавить показатель").click()
    panel = page.locator("#editor form")
    panel.get_by_label("Наименование").fill("Доля педагогов, прошедших КПК")
    panel.get_by_label("Направление").select_option(label="чем больше, тем лучше")
    panel.get_by_label("Базовое значение").fill("12,5")
    panel.get_by_role("button", name="Сохранить").click()
    # A missing baseline year is explained in the panel, nothing is saved.
    expect(page.locator("#editor")).to_contain_text("Укажите и базовое значение, и его год.")
    page.locator("#editor form").get_by_label("Год базового значения").fill("2020")
    page.locator("#editor form").get_by_role("button", name="Сохранить").click()
    expect(page.locator("section.indicator")).to_contain_text("12,5 (2020 г.)")


def test_demo_school_card_and_dashboard_charts(demo, live_server, page, artifacts_dir):
    from schools.models import School

    school = School.objects.get(code="DEMO-610001")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/schools/{school.pk}/")
    expect(page.locator("svg.compare-chart").first).to_be_visible()
    expect(page.locator(".list-history")).to_contain_text("включена в перечень")
    page.screenshot(path=str(artifacts_dir / "school_card_results.png"), full_page=True)
    page.goto(f"{live_server.url}/municipalities/{school.municipality_id}/dashboard/")
    expect(page.locator("svg.compare-chart").first).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "dashboard_results.png"), full_page=True)
