"""The portal import: upload → preview → confirm; bad files save nothing; own municipality only."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from results.models import AssessmentResult
from tests.results_tests.files import LONG_HEADER, xlsx
from tests.results_tests.test_results_import import long_row


def upload(client, rows, **fields):
    file = SimpleUploadedFile("впр-2023.xlsx", xlsx(rows))
    return client.post(reverse("results_import"), {"file": file, **fields})


def test_upload_preview_confirm(cast, client):
    cast.a.school.code = "A-1"
    cast.a.school.save()
    client.force_login(cast.users["specialist_a"])
    response = upload(client, [LONG_HEADER, long_row(code="A-1"), long_row(code="A-1", grade=6)])
    assert response.status_code == 302
    preview = client.get(response.url)
    text = preview.content.decode()
    assert "результатов к загрузке: <b>2</b>" in text
    assert "«Кол-во участников» — участников" in text
    assert str(cast.a.school.name) in text and "<td>ВПР</td>" in text
    assert not AssessmentResult.objects.exists()
    confirmed = client.post(response.url)
    assert confirmed.status_code == 302
    assert AssessmentResult.objects.filter(school=cast.a.school).count() == 2
    # The draft is gone once used.
    assert client.post(response.url).status_code == 404


def test_name_matches_need_confirmation(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, [LONG_HEADER, long_row(code="", name=cast.a.school.name)])
    text = client.get(response.url).content.decode()
    assert "Школы, найденные по названию" in text
    refused = client.post(response.url)
    assert refused.status_code == 200
    assert "Подтвердите школы, найденные по названию" in refused.content.decode()
    assert not AssessmentResult.objects.exists()
    assert client.post(response.url, {"accept_name_matches": "1"}).status_code == 302
    assert AssessmentResult.objects.count() == 1


def test_bad_rows_are_listed_and_nothing_is_saved(cast, client):
    client.force_login(cast.users["specialist_a"])
    rows = [
        LONG_HEADER,
        long_row(code="", name=cast.a.school.name),
        long_row(code="", name=cast.b.school.name),  # another municipality: unknown here
        long_row(code="", name=cast.a.other_school.name, low="150"),
    ]
    response = upload(client, rows)
    text = client.get(response.url).content.decode()
    assert "ошибок 2" in text
    assert f"Строка 3: школа «{cast.b.school.name}» не найдена" in text
    assert "Строка 4, «доля «2» / ниже порога»: 150 — доля больше 100 %." in text
    assert client.post(response.url, {"accept_name_matches": "1"}).status_code == 400
    assert not AssessmentResult.objects.exists()


def test_upload_form_errors_are_russian(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.post(reverse("results_import"), {"year": "abc"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Обязательное поле." in text and "Введите целое число." in text


def test_someone_elses_draft_is_not_found(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, [LONG_HEADER, long_row(code="", name=cast.a.school.name)])
    client.force_login(cast.users["specialist_b"])
    assert client.get(response.url).status_code == 404
    client.force_login(cast.users["coordinator_a"])
    assert client.get(response.url).status_code == 403
