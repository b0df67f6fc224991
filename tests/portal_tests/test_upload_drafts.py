"""One store for uploads waiting for confirmation (roadmap_portal/drafts.py): a draft opens only
on the page of its own kind, for its own owner."""

from django.urls import reverse

from imports.drafts import PARSING, ImportDraft
from results.models import AssessmentResult
from roadmap_portal.drafts import save_draft
from tests.results_tests.files import LONG_HEADER
from tests.results_tests.test_results_import import long_row
from tests.results_tests.test_results_import_portal import upload


def test_results_token_never_opens_on_roadmap_or_list_import_pages(cast, client):
    cast.a.school.code = "A-1"
    cast.a.school.save()
    client.force_login(cast.users["specialist_a"])
    preview_url = upload(client, [LONG_HEADER, long_row(code="A-1")]).url
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]

    assert client.get(reverse("import_preview", args=[token])).status_code == 404
    assert client.post(reverse("import_preview", args=[token])).status_code == 404
    list_preview = reverse("list_import_preview", args=[cast.a.municipality.pk, token])
    assert client.post(list_preview).status_code == 404
    # Still there for its own page, and nothing was written by the other pages.
    assert client.get(preview_url).status_code == 200
    assert not AssessmentResult.objects.exists()


def test_roadmap_token_never_opens_on_results_import_page(cast, client):
    specialist = cast.users["specialist_a"]
    token = save_draft(
        ImportDraft(
            user_id=specialist.pk,
            filename="",
            data=b"",
            municipality_id=cast.a.municipality.pk,
            program_id=None,
            title="Программа",
            state=PARSING,  # the waiting page: it opens without parsing anything
        )
    )
    client.force_login(specialist)
    assert client.get(reverse("import_preview", args=[token])).status_code == 200
    assert client.get(reverse("results_import_preview", args=[token])).status_code == 404
