"""The plan's life in a real browser: a carry-over from the roadmap cell, then approving the
change as a new edition and reading the change list; pages saved as PNG for a look."""

import pytest
from playwright.sync_api import expect

from programs.models import Edition
from tests.programs_tests.test_browser_workspace import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_carry_over_in_the_cell_then_a_new_edition(cast, live_server, page, artifacts_dir):
    from datetime import date

    from programs.selectors import roadmap_snapshot

    program = cast.a.program
    Edition.objects.create(
        program=program,
        number=1,
        order_organ="Отдел образования",
        order_number="12",
        order_date=date(2021, 2, 15),
        snapshot=roadmap_snapshot(program),
    )
    log_in(page, live_server, "specialist_a")
    page.goto(f"{live_server.url}/programs/{program.pk}/")
    year_2022 = cast.a.activity.years.get(year=2022)
    cell = page.locator(f"#year-{year_2022.pk}")
    cell.get_by_role("link", name="изменить").click()
    form = page.locator(f"#year-{year_2022.pk} form")
    form.get_by_label("Исполнение").select_option(label="перенесено")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"#year-{year_2022.pk}")).to_contain_text("Укажите причину переноса.")
    form = page.locator(f"#year-{year_2022.pk} form")
    form.get_by_label("перенести на год").select_option(label="2023")
    form.get_by_label("Причина переноса").fill("Карантин в школах района")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator("table.roadmap")).to_contain_text(
        "перенесено из 2022 г. (причина: Карантин в школах района)"
    )
    page.screenshot(path=str(artifacts_dir / "carry_over.png"), full_page=True)

    # A plan change after the approval: the page says so until a new order approves it.
    cast.a.activity.deadline = "декабрь"
    cast.a.activity.save()
    page.goto(f"{live_server.url}/programs/{program.pk}/")
    expect(page.locator(".facts")).to_contain_text("есть неутверждённые изменения")
    page.goto(f"{live_server.url}/programs/{program.pk}/editions/")
    page.get_by_label("Кем утверждена").fill("Отдел образования")
    page.get_by_label("Номер приказа").fill("41")
    page.get_by_label("Дата приказа").fill("2022-03-12")
    page.get_by_role("button", name="Утвердить редакцию").click()
    expect(page.locator("body")).to_contain_text("Редакция 2 утверждена")
    page.get_by_role("link", name="что изменилось").first.click()
    expect(page.locator("table")).to_contain_text("декабрь")
    page.screenshot(path=str(artifacts_dir / "change_list.png"), full_page=True)
