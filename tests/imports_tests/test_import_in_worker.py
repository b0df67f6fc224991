"""A roadmap file above IMPORT_WORKER_THRESHOLD_BYTES is parsed by the worker, not in the web
request: the person waits on «Разбираю файл…», then sees the usual preview or a Russian error."""

import time

import pytest
from django.urls import reverse

from imports.drafts import PARSING, ImportDraft, parse_draft_in_background
from outbox.models import PendingTask
from programs.models import Activity, Program
from roadmap_portal.drafts import save_draft
from tests.imports_tests.test_import_portal import SEEDS, upload

SEED_001 = SEEDS / "001_6243421780018668.docx"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def small_threshold(settings):
    settings.IMPORT_WORKER_THRESHOLD_BYTES = 1000  # the seed documents are larger
    return settings


def _confirm_into_chosen_municipality(client, preview_url):
    response = client.post(
        preview_url,
        {"action": "confirm", "title": "Из фона", "municipality_choice": "chosen"},
    )
    assert response.status_code == 302
    program = Program.objects.get(title="Из фона")
    assert Activity.objects.filter(section__program=program).count() == 36


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_parses_a_large_file_and_the_preview_appears(
    cast, client, small_threshold, celery_worker_process
):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, cast, SEED_001)
    assert response.status_code == 302
    preview_url = response.url
    assert PendingTask.objects.get().task == "imports.tasks.parse_draft_task"
    deadline = time.monotonic() + 60
    while True:  # what the waiting page's HTMX does every second
        poll = client.get(preview_url, **HTMX)
        if poll.headers.get("HX-Redirect") == preview_url:
            break
        assert "Разбираю файл…" in poll.content.decode()
        assert time.monotonic() < deadline, "обработчик не разобрал файл"
        time.sleep(0.2)
    page = client.get(preview_url).content.decode()
    assert "Разработка пакета нормативных актов" in page and "2019–2021 годы" in page
    assert Program.objects.count() == 2  # nothing written before confirmation
    _confirm_into_chosen_municipality(client, preview_url)


@pytest.mark.django_db(transaction=True)
def test_in_eager_mode_the_large_file_goes_through_the_same_task(cast, client, small_threshold):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, cast, SEED_001)
    assert response.status_code == 302
    assert PendingTask.objects.get().state == PendingTask.State.SENT
    page = client.get(response.url).content.decode()
    assert "Разбираю файл…" not in page
    assert "Разработка пакета нормативных актов" in page
    _confirm_into_chosen_municipality(client, response.url)


@pytest.mark.django_db
def test_the_waiting_page_polls_until_the_worker_is_done(cast, client):
    client.force_login(cast.users["specialist_a"])
    draft = ImportDraft(
        user_id=cast.users["specialist_a"].pk,
        filename=SEED_001.name,
        data=SEED_001.read_bytes(),
        municipality_id=cast.a.municipality.pk,
        program_id=None,
        title="",
        state=PARSING,
    )
    token = save_draft(draft)
    url = reverse("import_preview", args=[token])
    page = client.get(url).content.decode()
    assert "Разбираю файл…" in page and f'hx-get="{url}"' in page
    assert "HX-Redirect" not in client.get(url, **HTMX).headers
    parse_draft_in_background(token)
    assert client.get(url, **HTMX).headers["HX-Redirect"] == url
    assert "Разработка пакета нормативных актов" in client.get(url).content.decode()
    # Someone else's token finds nothing, waiting or not.
    client.force_login(cast.users["specialist_b"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_large_file_the_worker_cannot_read_shows_the_russian_error_and_a_way_back(
    cast, client, small_threshold, tmp_path
):
    client.force_login(cast.users["specialist_a"])
    path = tmp_path / "не-таблица.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
    response = upload(client, cast, path)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Файл не разобран:" in page and "hx-get" not in page
    assert f'href="{reverse("import_start")}"' in page
    assert Program.objects.count() == 2
