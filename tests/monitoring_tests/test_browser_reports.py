"""The report loop in a real browser (Debian's headless Chromium): the head reports with a
file, the coordinator returns it, the head corrects it, the coordinator accepts it."""

import pytest
from playwright.sync_api import expect

from monitoring.demo import DEMO_PDF
from programs.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECOMMENDATION = "Приложите приказ с подписью директора и печатью школы."


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def attach(page, slot, name, kind):
    page.locator(f"#id_file_{slot}").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": DEMO_PDF}]
    )
    page.locator(f"#id_kind_{slot}").select_option(label=kind)


def open_report_from_queue(page, live_server):
    page.goto(f"{live_server.url}/monitoring/review/")
    page.locator("#queue").get_by_role("link").first.click()
    expect(page.locator("#report-status")).to_contain_text("на проверке")


def test_report_returned_corrected_and_accepted(demo, media_root, live_server, page, artifacts_dir):
    log_in(page, live_server, "head")
    page.get_by_role("link", name="Мои мероприятия", exact=True).click()
    page.locator("nav.tabs a", has_text="2021").click()  # the page opens on the year under way
    page.locator("tr", has_text="Финансовые").first.get_by_role("link", name="Отчитаться").click()
    page.get_by_label("Что сделано").fill("Заключены эффективные контракты с 14 педагогами.")
    page.get_by_label("Фактическое значение").fill("14")
    attach(page, 1, "Приказ № 12 (без подписи).pdf", "приказ")
    page.get_by_role("button", name="Отправить на проверку").click()
    expect(page.locator("#report-status")).to_contain_text("на проверке")
    expect(page.locator("body")).to_contain_text("Приказ № 12 (без подписи).pdf")

    log_in(page, live_server, "coordinator")
    open_report_from_queue(page, live_server)
    page.locator("#evidence select[name$='-review']").select_option(label="отклонён")
    page.locator("#evidence select[name$='-reject_reason']").select_option(
        label="нет подписи/печати"
    )
    page.get_by_label("Адресные рекомендации школе").fill(RECOMMENDATION)
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator("#report-status")).to_contain_text("возвращён на доработку")

    log_in(page, live_server, "head")
    page.get_by_role("link", name="Мои мероприятия", exact=True).click()
    page.locator("nav.tabs a", has_text="2021").click()  # the page opens on the year under way
    expect(page.locator("main")).to_contain_text(RECOMMENDATION)
    page.get_by_role("link", name="Исправить").first.click()
    expect(page.locator("main")).to_contain_text("нет подписи/печати")
    page.get_by_role("button", name="удалить").click()
    expect(page.locator("main")).to_contain_text("удалён из отчёта")
    page.get_by_label("Что сделано").fill("Контракты заключены; приказ подписан и заверен печатью.")
    attach(page, 1, "Приказ № 12 (подписан).pdf", "приказ")
    page.get_by_role("button", name="Отправить на проверку").click()
    expect(page.locator("#report-status")).to_contain_text("на проверке")

    log_in(page, live_server, "coordinator")
    open_report_from_queue(page, live_server)
    expect(page.locator("#evidence")).to_contain_text("Приказ № 12 (подписан).pdf")
    expect(page.locator("#evidence")).not_to_contain_text("без подписи")
    page.get_by_role("button", name="Принять отчёт").click()
    expect(page.locator("#report-status")).to_contain_text("принят")

    page.goto(f"{live_server.url}/monitoring/programs/{demo.pk}/matrix/?year=2021")
    row = page.locator("#matrix tr", has_text="МБОУ Кормовская СОШ")
    expect(row).to_contain_text("принят")
    expect(page.locator("#matrix tr", has_text="МБОУ Денисовская СОШ")).to_contain_text(
        "отчёт не сдан"
    )
    page.screenshot(path=str(artifacts_dir / "school_report_matrix.png"), full_page=True)
