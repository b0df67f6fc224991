"""The roadmap with the keyboard alone: the year editor opens with Enter and takes the focus,
Enter saves, Esc closes and gives the focus back; a skip link; named «изменить» links; the
active menu item is marked; no console errors (the CSP allows everything the page does)."""

import pytest
from playwright.sync_api import expect

from tests.programs_tests.test_browser_workspace import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.name || ''")


def test_year_editor_with_the_keyboard(cast, live_server, page, artifacts_dir):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/programs/{cast.a.program.pk}/")
    cell_id = f"year-{cast.a.activity_year.pk}"

    # The skip link is the first tab stop and leads into the page's content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Each «изменить» says what it changes.
    link = page.locator(f"#{cell_id} a.edit-link")
    expect(link).to_have_accessible_name("изменить исполнение 1.1 в 2021 году")
    expect(page.locator("nav.mainnav a[aria-current=page]")).to_have_text("Программы")

    # Enter opens the editor and the focus goes into its first field.
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{cell_id}.editing select[name=status]")).to_be_focused()

    # Esc closes it and gives the focus back to the link.
    page.keyboard.press("Escape")
    expect(page.locator(f"#{cell_id}.editing")).to_have_count(0)
    expect(page.locator(f"#{cell_id} a.edit-link")).to_be_focused()

    # Open again (the restored link still works), type, Enter saves.
    page.keyboard.press("Enter")
    expect(page.locator(f"#{cell_id}.editing select[name=status]")).to_be_focused()
    page.keyboard.press("Tab")  # to the fact value
    assert focused_name(page) == "actual_value"
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{cell_id}")).to_contain_text("факт: 7")
    expect(page.locator(f"#{cell_id}.just-saved")).to_have_count(1)
    expect(page.locator(f"#{cell_id} a.edit-link")).to_be_focused()
    page.screenshot(path=str(artifacts_dir / "keyboard_year_saved.png"))
    assert not errors, errors


def test_add_activity_panel_is_russian_marked_and_searchable(cast, live_server, page):
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/programs/{cast.a.program.pk}/")
    page.get_by_role("link", name="Добавить мероприятие").first.click()
    panel = page.locator("#editor")
    expect(panel.locator("select[name=section] option").first).to_have_text("— выберите —")
    # Required fields are marked; the long lists get their search box in the panel too.
    star = panel.locator("label[for=id_title]").evaluate(
        "label => getComputedStyle(label, '::after').content"
    )
    assert "*" in star
    expect(panel.get_by_role("searchbox", name="Поиск: Исполнители")).to_be_visible()
    panel.get_by_role("searchbox", name="Поиск: Исполнители").fill("нет такого")
    assert panel.locator("select[name=executors] option:not([hidden])").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
