"""Phones (390 px wide) as every role: no page wider than the screen on the key pages, the head
reports and the specialist edits a year cell; screenshots go to artifacts/."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programs.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def page_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def key_pages(demo):
    from programs.models import Activity

    program = demo.pk
    activity = Activity.objects.filter(section__program_id=program).first()
    return {
        "specialist": [
            reverse("home"),
            reverse("program_list"),
            reverse("program_detail", args=[program]),
            reverse("activity_detail", args=[activity.pk]),
            reverse("activity_create", args=[program]),
            reverse("import_start"),
            reverse("program_history", args=[program]),
            reverse("school_list"),
        ],
        "coordinator": [
            reverse("home"),
            reverse("review_queue"),
            reverse("review_queue") + "?tab=missing",
            reverse("report_matrix", args=[program]),
            reverse("program_reports", args=[program]),
            reverse("report_archive"),
        ],
        "head": [reverse("home"), reverse("my_activities"), reverse("notification_list")],
        "observer": [reverse("home"), reverse("program_detail", args=[program])],
    }


@pytest.mark.parametrize("role", ["specialist", "coordinator", "head", "observer"])
def test_key_pages_fit_a_phone(demo, live_server, browser, artifacts_dir, role):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, role)
    too_wide = {}
    for number, url in enumerate(key_pages(demo)[role]):
        page.goto(live_server.url + url)
        page.screenshot(path=str(artifacts_dir / f"phone_{role}_{number}.png"), full_page=True)
        overflow = page_overflow(page)
        if overflow > 0:
            too_wide[url] = overflow
    context.close()
    assert not too_wide, f"шире экрана на столько пикселей: {too_wide}"
