"""What a coordinator and the administrator see in a browser while no worker runs."""

import pytest
from playwright.sync_api import expect

from programs.demo import DEMO_PASSWORD
from reports.models import GeneratedReport
from tests.ops_tests.test_health import NO_WORKER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_no_worker_is_told_on_the_order_page_and_the_admin_home(
    demo,
    live_server,
    page,
    artifacts_dir,
    broker_down,
):
    report = GeneratedReport.objects.create(
        program=demo,
        municipality=demo.municipality,
        year=2021,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
        stage="В очереди",
    )
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    notice = page.locator("#report-status .message.warning")
    expect(notice).to_contain_text(NO_WORKER)
    expect(notice).to_contain_text("Заказ сохранён")
    page.screenshot(path=artifacts_dir / "ops-report-without-worker.png", full_page=True)

    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/")
    health = page.locator("#portal-health")
    expect(health).to_contain_text("Обработчик задач")
    expect(health.locator("tr", has_text="Обработчик задач")).to_contain_text("неисправно")
    expect(health.locator("tr", has_text="База данных")).to_contain_text("в порядке")
    page.screenshot(path=artifacts_dir / "ops-admin-home.png", full_page=True)
