"""Importing into an existing draft, in a real browser: the warning about another district and
the changes are on the preview, and nothing is saved until the person chooses and confirms."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from imports.parsing import parse_roadmap_text
from imports.services import import_roadmap
from programs.models import Activity
from tests.cast import PASSWORD

from .builders import tab_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["№", "Мероприятие", "Срок", "Ответственные"]


def test_replacing_a_draft_shows_changes_and_asks_where_it_belongs(
    cast, live_server, page, artifacts_dir
):
    original = tab_text(HEADER, ["1.", "Совещание", "май", "ОО"], ["2.", "Семинар", "июнь", "ОО"])
    draft = import_roadmap(
        parse_roadmap_text(original), municipality=cast.a.municipality, title="Черновик"
    ).program
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "specialist_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server.url + reverse("import_start"))
    page.get_by_label("…или загрузить в существующую программу").select_option(str(draft.pk))
    page.get_by_label("…или вставьте таблицу").fill(
        "План мероприятий Знаменского района\n"
        + tab_text(HEADER, ["1.", "Совещание", "сентябрь", "ОО"], ["3.", "Курсы", "2024", "ОО"])
    )
    page.get_by_role("button", name="Разобрать").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "В документе указан муниципалитет «Знаменский район»"
    )
    changes = page.locator("section.changes")
    expect(changes).to_contain_text("Добавится: 1, удалится: 1, изменится: 1")
    expect(changes).to_contain_text("срок: «май» → «сентябрь»")
    page.screenshot(path=str(artifacts_dir / "import_preview_changes.png"), full_page=True)

    # Confirming without a choice is stopped in the browser: nothing changes.
    page.get_by_role("button", name="Подтвердить и сохранить").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert sorted(
        Activity.objects.filter(section__program=draft).values_list("title", flat=True)
    ) == [
        "Семинар",
        "Совещание",
    ]

    page.get_by_label("как выбрано при загрузке").check()
    page.get_by_role("button", name="Подтвердить и сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Черновик")
    titles = Activity.objects.filter(section__program=draft).values_list("title", flat=True)
    assert sorted(titles) == ["Курсы", "Совещание"]


def test_a_document_for_an_approved_program_becomes_its_draft_edition(
    cast, live_server, page, artifacts_dir
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "specialist_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server.url + reverse("import_start"))
    page.get_by_label("…или загрузить в существующую программу").select_option(
        str(cast.a.program.pk)
    )
    header = ["№", "Мероприятие", "Срок", "2021", "Ответственные"]
    page.get_by_label("…или вставьте таблицу").fill(
        tab_text(
            header, ["1.1", "Мероприятие", "декабрь", "+", "ОО"], ["1.2", "Курсы", "", "", "ОО"]
        )
    )
    page.get_by_role("button", name="Разобрать").click()
    changes = page.locator("section.changes")
    expect(changes).to_contain_text("изменения станут неутверждённой редакцией")
    expect(changes).to_contain_text("Добавится: 1, удалится: 0, изменится: 1")
    expect(page.locator("dl")).to_contain_text("2021–2023 годы (период программы)")
    page.screenshot(path=str(artifacts_dir / "import_preview_new_edition.png"), full_page=True)

    page.get_by_role("button", name="Подтвердить и сохранить (новая редакция)").click()
    expect(page.locator("body")).to_contain_text("Изменения — неутверждённая редакция программы")
    assert Activity.objects.get(pk=cast.a.activity.pk).deadline == "декабрь"


def test_the_waiting_page_turns_into_the_preview_by_itself(cast, live_server, page, artifacts_dir):
    """A large file parsed by the worker: the page polls and shows the preview without a reload."""
    from pathlib import Path

    from django.conf import settings

    from imports.drafts import PARSING, ImportDraft, parse_draft_in_background
    from roadmap_portal.drafts import save_draft

    seed = Path(settings.BASE_DIR) / "fixtures" / "seeds" / "001_6243421780018668.docx"
    token = save_draft(
        ImportDraft(
            user_id=cast.users["specialist_a"].pk,
            filename=seed.name,
            data=seed.read_bytes(),
            municipality_id=cast.a.municipality.pk,
            program_id=None,
            title="",
            state=PARSING,
        )
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "specialist_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server.url + reverse("import_preview", args=[token]))
    expect(page.get_by_text("Разбираю файл…").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "import-parsing-in-worker.png", full_page=True)
    parse_draft_in_background(token)  # what the worker does
    expect(page.get_by_text("Разработка пакета нормативных актов").first).to_be_visible(
        timeout=10_000
    )
    assert "Разбираю файл…" not in page.content()
