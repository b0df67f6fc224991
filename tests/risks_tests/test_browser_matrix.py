"""The risk matrix on a phone (390 px wide) in Debian's headless Chromium: the page itself does
not scroll sideways (the wide table scrolls inside its own box) and levels read as words."""

import pytest
from playwright.sync_api import expect

from tests.monitoring_tests.test_browser_reports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: no horizontal page scroll)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_matrix_on_a_phone(demo, media_root, live_server, page, artifacts_dir):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "coordinator")
    municipality = demo.municipality
    page.goto(f"{live_server.url}/risks/municipalities/{municipality.pk}/?year=2023")
    row = page.locator("#risk-matrix tr", has_text="МБОУ Кормовская СОШ")
    expect(row).to_contain_text("◆ средний")
    expect(row).to_contain_text("программа: на доработке")
    expect(page.locator("#gaps")).to_contain_text("нет муниципального мероприятия")
    page.screenshot(path=artifacts_dir / "risk_matrix_390.png", full_page=True)
    assert page_overflow(page) == 0
    # On a phone the portal's tables scroll inside themselves (portal.css: table.table).
    table_box = page.evaluate(
        "(() => { const t = document.querySelector('#risk-matrix');"
        " return [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]; })()"
    )
    assert table_box[2] == "auto"
    assert table_box[0] > table_box[1]  # wider than the screen: it scrolls in its own box
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=artifacts_dir / "risk_matrix_desktop.png", full_page=True)
    page.set_viewport_size(PHONE)

    log_in(page, live_server, "observer")
    page.goto(f"{live_server.url}/risks/regions/{municipality.region_id}/?year=2023")
    expect(page.locator("#risk-matrix")).to_contain_text("Ремонтненский район")
    assert page_overflow(page) == 0


def test_school_page_on_a_phone(demo, media_root, live_server, page, artifacts_dir):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "head")
    page.get_by_role("link", name="Мои мероприятия", exact=True).click()
    page.get_by_role("link", name="Профиль рисков и документы школы").click()
    expect(page.locator("#profile")).to_contain_text("(снизился)")
    page.screenshot(path=artifacts_dir / "risk_school_390.png", full_page=True)
    assert page_overflow(page) == 0
