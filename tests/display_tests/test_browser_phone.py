"""Phones (390 px wide) as every role: no page wider than the screen on the key pages, the head
reports and the specialist edits a year cell; screenshots go to artifacts/."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.monitoring_tests.test_browser_reports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    page.wait_for_load_state()
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def key_pages(demo):
    from programs.models import Activity
    from schools.models import School

    program = demo.pk
    activity = Activity.objects.filter(section__program_id=program).first()
    contracts = Activity.objects.get(section__program_id=program, number="4.1.")
    school = School.objects.get(short_name="МБОУ Кормовская СОШ")  # the demo head's
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
            reverse("school_report_matrix", args=[program]),
            reverse("program_generated_reports", args=[program]),
            reverse("generated_report_archive"),
        ],
        "head": [
            reverse("home"),
            reverse("my_activities"),
            reverse("school_report_start", args=[contracts.pk, school.pk, 2021]),
            reverse("notification_list"),
        ],
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


def test_head_reports_on_a_phone(demo, live_server, browser, artifacts_dir):
    from monitoring.demo import DEMO_PDF

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, "head")
    page.get_by_role("link", name="Мои мероприятия", exact=True).click()
    report = page.locator("tr", has_text="Финансовые").first.get_by_role("link", name="Отчитаться")
    report.scroll_into_view_if_needed()
    box = report.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # on screen, no scrolling
    report.click()
    expect(page.get_by_label("Что сделано")).to_be_visible()
    assert page_overflow(page) <= 0
    page.get_by_label("Что сделано").fill("Заключены эффективные контракты с 14 педагогами.")
    page.get_by_label("Фактическое значение").fill("14")
    page.locator("#id_file_1").set_input_files(
        files=[{"name": "Приказ № 12.pdf", "mimeType": "application/pdf", "buffer": DEMO_PDF}]
    )
    page.locator("#id_kind_1").select_option(label="приказ")
    page.screenshot(path=str(artifacts_dir / "phone_head_report_form.png"), full_page=True)
    page.get_by_role("button", name="Отправить на проверку").click()
    expect(page.locator("#report-status")).to_contain_text("на проверке")
    assert page_overflow(page) <= 0
    page.screenshot(path=str(artifacts_dir / "phone_head_report_sent.png"), full_page=True)

    # The coordinator reviews it on a phone too: the file table and the decision fit.
    report_url = page.url
    log_in(page, live_server, "coordinator")
    page.goto(report_url)
    expect(page.get_by_role("button", name="Принять отчёт")).to_be_visible()
    assert page_overflow(page) <= 0
    page.screenshot(path=str(artifacts_dir / "phone_coordinator_review.png"), full_page=True)
    page.get_by_role("button", name="Принять отчёт").click()
    expect(page.locator("#report-status")).to_contain_text("принят")
    context.close()


def test_specialist_edits_a_year_cell_on_a_phone(demo, live_server, browser, artifacts_dir):
    from programs.models import ActivityYear

    cell = ActivityYear.objects.filter(activity__section__program=demo, year=2021).first()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, "specialist")
    page.goto(f"{live_server.url}/programs/{demo.pk}/")
    page.locator(f"#year-{cell.pk} a.edit-link").click()
    editor = page.locator(f"#year-{cell.pk}.editing")
    status = editor.locator("select[name=status]")
    expect(status).to_be_focused()  # and so scrolled into view
    for control in (status, editor.get_by_role("button", name="Сохранить")):
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    page.screenshot(path=str(artifacts_dir / "phone_year_editor.png"))
    status.select_option(label="выполнено")
    editor.get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"#year-{cell.pk}")).to_contain_text("выполнено")
    page.screenshot(path=str(artifacts_dir / "phone_year_saved.png"), full_page=True)
    assert page_overflow(page) <= 0
    context.close()
