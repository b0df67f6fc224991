"""A specialist's day in a real browser (Debian's headless Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_specialist_marks_execution_adds_activity_and_public_page_follows(
    cast, live_server, page, artifacts_dir
):
    program = cast.a.program
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/programs/{program.pk}/")
    overall = page.locator("#progress .progress").first
    expect(overall).to_contain_text("0 % (0 из 2)")

    # Change the 2021 status in place: the cell turns into a form and back, no page reload.
    cell = page.locator(f"#year-{cast.a.activity_year.pk}")
    cell.get_by_role("link", name="изменить").click()
    form_cell = page.locator(f"#year-{cast.a.activity_year.pk} form")
    form_cell.get_by_label("Исполнение").select_option(label="выполнено")
    form_cell.get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"#year-{cast.a.activity_year.pk}")).to_contain_text("выполнено")
    expect(overall).to_contain_text("50 % (1 из 2)")

    # Add an activity through the form.
    page.get_by_role("link", name="Добавить мероприятие").first.click()
    page.get_by_label("Номер").fill("1.2")
    page.get_by_label("Наименование мероприятия").fill("Стажировка управленческих команд")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("table.roadmap")).to_contain_text("Стажировка управленческих команд")
    page.screenshot(path=str(artifacts_dir / "program_page.png"), full_page=True)

    public = page.context.new_page()
    public.goto(f"{live_server.url}/public/programs/{program.pk}/")
    expect(public.locator("table.roadmap")).to_contain_text("Стажировка управленческих команд")
    expect(public.locator("table.roadmap")).to_contain_text("выполнено")
    expect(public.locator(".progress").first).to_contain_text(re.compile(r"\d+ %"))
