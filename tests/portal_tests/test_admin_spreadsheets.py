"""Admin import of schools and parties from spreadsheets: dry run first, row errors in Russian."""

from django.urls import reverse

from schools.models import Party, School


def test_school_import_previews_then_writes(cast, client):
    client.force_login(cast.users["admin"])
    csv = (
        "Муниципалитет,Наименование,Краткое наименование,Базовая школа,Руководитель,Адрес,"
        "Телефон,Электронная почта\n"
        "Ремонтненский район,МБОУ Новая СОШ,Новая СОШ,,Петров П. П.,,,\n"
    )
    preview = client.post(
        reverse("admin:schools_school_import"),
        {"resource": 0, "format": 0, "import_file": _upload("schools.csv", csv)},
    )
    assert preview.status_code == 200
    assert "МБОУ Новая СОШ" in preview.content.decode()
    assert not School.objects.filter(name="МБОУ Новая СОШ").exists()  # nothing before confirm
    form = preview.context["confirm_form"]
    confirmed = client.post(reverse("admin:schools_school_process_import"), form.initial)
    assert confirmed.status_code == 302
    school = School.objects.get(name="МБОУ Новая СОШ")
    assert school.municipality == cast.a.municipality
    assert school.history.latest().history_user == cast.users["admin"]


def test_unknown_municipality_is_a_row_error_and_nothing_is_written(cast, client):
    client.force_login(cast.users["admin"])
    csv = (
        "Муниципалитет,Наименование,Краткое наименование,Вид,Другие написания\n"
        "Ремонтненский район,Центр развития образования,ЦРО,методический центр,\n"
        "Несуществующий район,ИМЦ,ИМЦ,методический центр,\n"
    )
    response = client.post(
        reverse("admin:schools_party_import"),
        {"resource": 0, "format": 0, "import_file": _upload("parties.csv", csv)},
    )
    page = response.content.decode()
    assert "Не найден объект «муниципалитет»: «Несуществующий район»" in page
    assert response.context["result"].has_errors()
    assert not Party.objects.filter(name="Центр развития образования").exists()


def _upload(name, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")
