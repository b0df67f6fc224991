"""Upload or paste → preview → confirm, in the portal."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.models import Activity, Program
from schools.models import Party

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def upload(client, cast, path, **extra):
    data = {
        "municipality": cast.a.municipality.pk,
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
        **extra,
    }
    return client.post(reverse("import_start"), data)


def test_upload_preview_confirm(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, cast, SEEDS / "001_6243421780018668.docx")
    assert response.status_code == 302
    preview_url = response.url
    page = client.get(preview_url).content.decode()
    assert "Разработка пакета нормативных актов" in page
    assert "2019–2021 годы" in page and "Приказ № 55 от 03.09.2019" in page
    assert Program.objects.count() == 2  # nothing written before confirmation
    confirm = {
        "action": "confirm",
        "title": "Программа Знаменского района",
        "new_party": ["Отдел образования и защиты прав несовершеннолетних"],
    }
    # The document names another district: a warning, and the person has to choose.
    assert "В документе указан муниципалитет «Знаменский район»" in page
    response = client.post(preview_url, confirm)
    assert response.status_code == 400
    assert "Выберите, куда загрузить программу." in response.content.decode()
    assert Program.objects.count() == 2
    response = client.post(preview_url, {**confirm, "municipality_choice": "chosen"})
    assert response.status_code == 302
    program = Program.objects.get(title="Программа Знаменского района")
    assert program.municipality == cast.a.municipality
    assert Activity.objects.filter(section__program=program).count() == 36
    assert Party.objects.filter(
        municipality=cast.a.municipality, name="Отдел образования и защиты прав несовершеннолетних"
    ).exists()
    # The upload is gone once used.
    assert client.get(preview_url).status_code == 404


def test_pasted_table_and_column_remapping(cast, client):
    client.force_login(cast.users["specialist_a"])
    text = (
        "№\tМероприятия\tСроки\tОтветственный\n"
        "1.\tСеминар для директоров\tапрель\tИМЦ\n"
        "2.\tКонсультации\tежемесячно\tОО\n"
    )
    response = client.post(
        reverse("import_start"), {"municipality": cast.a.municipality.pk, "text": text}
    )
    assert response.status_code == 302
    # Read the deadline column as the result instead.
    page = client.get(response.url, {"column_2": "result"}).content.decode()
    assert "Семинар для директоров" in page
    response = client.post(response.url, {"action": "confirm", "column_2": "result"})
    activity = Activity.objects.get(title="Семинар для директоров")
    assert activity.deadline == "" and activity.result_name == "апрель"
    assert activity.executors_text == "ИМЦ"


def test_someone_elses_upload_is_not_found(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, cast, SEEDS / "000_7f9a2473aa5e70ca.xlsx")
    client.force_login(cast.users["admin"])
    assert client.get(response.url).status_code == 404


def bad_upload(client, cast, name, content):
    client.force_login(cast.users["specialist_a"])
    return client.post(
        reverse("import_start"),
        {"municipality": cast.a.municipality.pk, "file": SimpleUploadedFile(name, content)},
    )


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def test_bad_files_get_russian_messages_and_nothing_is_written(cast, client):
    cases = [
        ("карта.docx", b"PK\x03\x04broken zip"),
        ("картинка.xlsx", png_bytes()),
        ("защищённая.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("пустая.csv", "№;Мероприятие;Срок\n".encode()),
        ("письмо.txt", "Уважаемые коллеги! Просим направить отчёт.".encode()),
    ]
    for name, content in cases:
        response = bad_upload(client, cast, name, content)
        assert response.status_code == 400, name
        assert 'class="errorlist' in response.content.decode(), name
    assert Program.objects.count() == 2


def test_cp1251_csv_is_read(cast, client):
    text = "№;Мероприятия;Сроки;Ответственный\n1;Совещание директоров;май;ИМЦ\n"
    response = bad_upload(client, cast, "карта.csv", text.encode("cp1251"))
    assert response.status_code == 302
    assert "Совещание директоров" in client.get(response.url).content.decode()


def test_oversized_file_is_refused(cast, client, settings):
    response = bad_upload(client, cast, "огромная.xlsx", b"x" * (20 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "Файл больше 20 МБ" in response.content.decode()


def test_nothing_given_is_refused(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.post(reverse("import_start"), {"municipality": cast.a.municipality.pk})
    assert "Загрузите файл или вставьте таблицу." in response.content.decode()


def test_completed_program_cannot_be_replaced(cast, client):
    client.force_login(cast.users["specialist_a"])
    draft = cast.a.program
    Program.objects.filter(pk=draft.pk).update(status=Program.Status.COMPLETED)
    response = upload(client, cast, SEEDS / "000_7f9a2473aa5e70ca.xlsx", program=draft.pk)
    assert response.status_code == 400  # only drafts and approved programs are offered
    assert draft.sections.count() == 1


def test_period_is_confirmed_on_the_preview(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = upload(client, cast, SEEDS / "003_2a58b5d9a61d506f.docx")
    preview = response.url
    bad = client.post(preview, {"action": "confirm", "start_year": "2019", "end_year": "2018"})
    assert bad.status_code == 400
    assert "Год окончания не может быть раньше года начала." in bad.content.decode()
    assert client.post(preview, {"action": "confirm", "start_year": "x"}).status_code == 400
    assert Program.objects.count() == 2
    response = client.post(
        preview,
        {"action": "confirm", "title": "Хлевенский", "start_year": "2018", "end_year": "2018"},
    )
    program = Program.objects.get(title="Хлевенский")
    assert (program.start_year, program.end_year) == (2018, 2018)


def test_document_of_another_editable_municipality_can_go_there(cast, client):
    """An admin edits both sides: the district named in the document is offered."""
    client.force_login(cast.users["admin"])
    text = (
        f"План мероприятий {cast.b.municipality.name.replace('ский район', 'ского района')}\n"
        "№\tМероприятия\tСроки\tОтветственный\n1.\tСеминар\tапрель\tИМЦ\n"
    )
    response = client.post(
        reverse("import_start"), {"municipality": cast.a.municipality.pk, "text": text}
    )
    page = client.get(response.url).content.decode()
    assert "как указано в документе" in page
    response = client.post(response.url, {"action": "confirm", "municipality_choice": "document"})
    assert response.status_code == 302
    assert Program.objects.get(title__startswith="План").municipality == cast.b.municipality


def test_preview_shows_nested_headings_under_their_parents(cast, client):
    client.force_login(cast.users["specialist_a"])
    text = (
        "№\tМероприятия\tСроки\tОтветственный\n"
        "Подпрограмма 1. Поддержка школ\t\t\t\n"
        "Задача 1.1. Кадры\t\t\t\n"
        "1.1.1.\tКурсы\tмай\tИМЦ\n"
    )
    response = client.post(
        reverse("import_start"), {"municipality": cast.a.municipality.pk, "text": text}
    )
    page = client.get(response.url).content.decode()
    assert '<th colspan="6">Подпрограмма 1. Поддержка школ</th>' in page
    assert "↳ </span>Задача 1.1. Кадры</th>" in page
