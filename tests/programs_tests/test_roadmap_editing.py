from django.urls import reverse

from programs.models import Activity, ActivityYear
from programs.status import ExecutionStatus


def year_form_data(year, **changes):
    data = {
        "status": year.status,
        "actual_value": "",
        "comment": "",
        "seen_updated_at": year.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_coordinator_marks_a_year_and_progress_changes(cast, client):
    client.force_login(cast.users["coordinator_a"])
    page = client.get(reverse("program_detail", args=[cast.a.program.pk])).content.decode()
    assert "0 % (0 из 2)" in page  # both planned years of the activity are due, none done
    year = cast.a.activity_year
    response = client.post(
        reverse("activity_year_edit", args=[year.pk]),
        year_form_data(year, status=ExecutionStatus.DONE, actual_value="1,5", comment="Приказ № 5"),
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.status == ExecutionStatus.DONE
    assert str(year.actual_value) == "1.50"
    assert year.updated_by == cast.users["coordinator_a"]
    page = client.get(reverse("program_detail", args=[cast.a.program.pk])).content.decode()
    assert "50 % (1 из 2)" in page
    assert "факт: 1,5<" in page  # no trailing zeros: «3», not «3,00»


def test_year_edit_through_htmx_returns_the_cell_and_progress(cast, client):
    client.force_login(cast.users["specialist_a"])
    year = cast.a.activity_year
    url = reverse("activity_year_edit", args=[year.pk])
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.strip().startswith("<td") and "Сохранить" in form
    response = client.post(
        url, year_form_data(year, status=ExecutionStatus.DONE), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "✔" in body and "выполнено" in body
    assert 'id="progress" hx-swap-oob="true"' in body


def test_bad_actual_value_gets_russian_message_and_nothing_saved(cast, client):
    client.force_login(cast.users["coordinator_a"])
    year = cast.a.activity_year
    response = client.post(
        reverse("activity_year_edit", args=[year.pk]),
        year_form_data(year, status=ExecutionStatus.DONE, actual_value="много"),
    )
    assert response.status_code == 400
    assert "Фактическое значение должно быть числом" in response.content.decode()
    year.refresh_from_db()
    assert year.status == ExecutionStatus.NOT_STARTED


def test_second_save_of_the_same_year_is_refused_with_what_changed(cast, client):
    year = cast.a.activity_year
    opened = year_form_data(year)  # both people opened the form now
    client.force_login(cast.users["coordinator_a"])
    first = client.post(
        reverse("activity_year_edit", args=[year.pk]),
        {**opened, "status": ExecutionStatus.DONE},
    )
    assert first.status_code == 302
    client.force_login(cast.users["specialist_a"])
    second = client.post(
        reverse("activity_year_edit", args=[year.pk]),
        {**opened, "status": ExecutionStatus.NOT_DONE, "comment": "не успели"},
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "Запись уже изменил другой пользователь" in body
    assert "не начато → выполнено" in body
    year.refresh_from_db()
    assert year.status == ExecutionStatus.DONE and year.comment == ""


def activity_data(activity, **changes):
    data = {
        "section": activity.section_id,
        "number": activity.number,
        "title": activity.title,
        "deadline": activity.deadline,
        "result_name": "",
        "planned_value": "",
        "indicator_text": "",
        "executors_text": activity.executors_text,
        "version": activity.version,
    }
    return {**data, **changes}


def test_specialist_edits_activity_and_second_editor_is_refused(cast, client):
    activity = cast.a.activity
    opened = activity_data(activity)
    client.force_login(cast.users["specialist_a"])
    url = reverse("activity_edit", args=[activity.pk])
    assert client.post(url, {**opened, "deadline": "апрель"}).status_code == 302
    client.force_login(cast.users["admin"])
    response = client.post(url, {**opened, "title": "Чужая правка"})
    assert response.status_code == 409
    assert "Срок: — → апрель" in response.content.decode()
    activity.refresh_from_db()
    assert activity.deadline == "апрель" and activity.title == "Мероприятие"
    assert activity.version == 2


def test_second_section_editor_is_refused_with_what_changed(cast, client):
    section = cast.a.section
    url = reverse("section_edit", args=[section.pk])
    opened = {"number": section.number, "title": section.title, "version": section.version}
    client.force_login(cast.users["specialist_a"])
    assert client.post(url, {**opened, "title": "Кадры"}).status_code == 302
    client.force_login(cast.users["admin"])
    response = client.post(url, {**opened, "number": "9."})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Запись уже изменил другой пользователь" in page
    assert "Организация → Кадры" in page
    section.refresh_from_db()
    assert (section.number, section.title, section.version) == ("1.", "Кадры", 2)


def test_activity_form_requires_title_in_russian(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("activity_create", args=[cast.a.program.pk]),
        {"section": cast.a.section.pk, "title": "", "version": 1},
    )
    assert response.status_code == 400
    assert "Укажите наименование мероприятия." in response.content.decode()
    assert Activity.objects.count() == 2  # one per municipality in the cast


def test_add_activity_gets_a_year_per_program_year_and_executors(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("activity_create", args=[cast.a.program.pk]),
        {
            "section": cast.a.section.pk,
            "number": "1.2",
            "title": "Семинар для заместителей директоров",
            "executors": [cast.a.party.pk],
            "schools": [cast.a.other_school.pk],
            "version": 1,
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(number="1.2")
    assert activity.position == 1
    assert list(activity.years.values_list("year", flat=True)) == [2021, 2022, 2023]
    assert [link.party for link in activity.executor_links.all()] == [cast.a.party]
    page = client.get(reverse("program_detail", args=[cast.a.program.pk])).content.decode()
    assert "Семинар для заместителей директоров" in page


def test_section_of_another_program_is_refused(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("activity_create", args=[cast.a.program.pk]),
        {"section": cast.b.section.pk, "title": "Чужой раздел", "version": 1},
    )
    assert response.status_code == 400
    assert "Выберите раздел этой программы." in response.content.decode()


def test_delete_asks_first_then_keeps_history(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("activity_delete", args=[cast.a.activity.pk])
    assert "Удалить мероприятие?" in client.get(url).content.decode()
    assert Activity.objects.filter(pk=cast.a.activity.pk).exists()
    response = client.post(url, follow=True)
    assert "удалено" in response.content.decode()
    assert not Activity.objects.filter(pk=cast.a.activity.pk).exists()
    assert not ActivityYear.objects.filter(activity_id=cast.a.activity.pk).exists()
    assert Activity.history.filter(id=cast.a.activity.pk, history_type="-").exists()


def test_reorder_activities(cast, client):
    from tests.cast import make_activity

    second = make_activity(cast.a.section, number="1.2", position=1)
    client.force_login(cast.users["specialist_a"])
    client.post(reverse("activity_move", args=[second.pk]), {"direction": "up"})
    assert list(cast.a.section.activities.values_list("number", flat=True)) == ["1.2", "1.1"]
    client.post(reverse("activity_move", args=[second.pk]), {"direction": "up"})  # already first
    assert list(cast.a.section.activities.values_list("number", flat=True)) == ["1.2", "1.1"]


def test_head_and_observer_cannot_mark_execution(cast, client):
    year = cast.a.activity_year
    for user in ("head_a", "observer_a"):
        client.force_login(cast.users[user])
        response = client.post(
            reverse("activity_year_edit", args=[year.pk]),
            year_form_data(year, status=ExecutionStatus.DONE),
        )
        assert response.status_code == 403, user
    year.refresh_from_db()
    assert year.status == ExecutionStatus.NOT_STARTED


def test_sections_add_edit_reorder_delete(cast, client):
    client.force_login(cast.users["specialist_a"])
    program = cast.a.program
    response = client.post(
        reverse("section_create", args=[program.pk]), {"number": "", "title": "", "version": 1}
    )
    assert response.status_code == 400
    assert "Укажите номер или наименование раздела." in response.content.decode()
    client.post(
        reverse("section_create", args=[program.pk]),
        {"number": "2.", "title": "Кадры", "version": 1},
    )
    second = program.sections.get(number="2.")
    assert second.position == 1
    client.post(
        reverse("section_edit", args=[second.pk]),
        {"number": "2.", "title": "Кадры и ИМЦ", "version": 1},
    )
    client.post(reverse("section_move", args=[second.pk]), {"direction": "up"})
    assert list(program.sections.values_list("title", flat=True)) == ["Кадры и ИМЦ", "Организация"]
    page = client.get(reverse("section_delete", args=[cast.a.section.pk])).content.decode()
    assert "мероприятия (1)" in page
    client.post(reverse("section_delete", args=[cast.a.section.pk]))
    assert list(program.sections.values_list("title", flat=True)) == ["Кадры и ИМЦ"]
    assert not Activity.objects.filter(pk=cast.a.activity.pk).exists()


def test_public_page_needs_no_login_and_hides_personal_data(cast, client):
    program = cast.a.program
    program.responsible_name = "Иванова Елена Петровна"
    program.save()
    year = cast.a.activity_year
    year.status, year.comment = ExecutionStatus.DONE, "Звонила Петрова М. И., тел. 8-900"
    year.save()
    page = client.get(reverse("public_program", args=[program.pk])).content.decode()
    assert program.title in page and "выполнено" in page
    assert "Иванова" not in page and "Петрова" not in page
    program.is_public = False
    program.save()
    assert client.get(reverse("public_program", args=[program.pk])).status_code == 404
    program.is_public, program.status = True, program.Status.DRAFT
    program.save()
    assert client.get(reverse("public_program", args=[program.pk])).status_code == 404


def program_data(cast, **changes):
    data = {
        "municipality": cast.a.municipality.pk,
        "title": "Новая программа поддержки",
        "status": "draft",
        "start_year": 2024,
        "end_year": 2026,
        "is_public": "on",
    }
    return {**data, **changes}


def test_specialist_creates_program_in_own_municipality_only(cast, client):
    from programs.models import Program

    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("program_create"), program_data(cast, municipality=cast.b.municipality.pk)
    )
    assert response.status_code == 400
    assert "Выберите муниципалитет, программы которого вы ведёте." in response.content.decode()
    response = client.post(reverse("program_create"), program_data(cast, end_year=2020))
    assert "Год окончания не может быть раньше года начала." in response.content.decode()
    assert not Program.objects.filter(title="Новая программа поддержки").exists()
    response = client.post(reverse("program_create"), program_data(cast))
    assert response.status_code == 302
    program = Program.objects.get(title="Новая программа поддержки")
    assert program.municipality == cast.a.municipality
    assert [y.label for y in program.years] == ["2024", "2025", "2026"]


def test_longer_period_adds_year_cells_and_shrinking_keeps_marked_years(cast, client):
    program = cast.a.program
    client.force_login(cast.users["specialist_a"])
    url = reverse("program_edit", args=[program.pk])
    data = program_data(cast, title=program.title, status="approved", start_year=2021)
    assert client.post(url, {**data, "end_year": 2024}).status_code == 302
    assert sorted(cast.a.activity.years.values_list("year", flat=True)) == [
        2021,
        2022,
        2023,
        2024,
    ]
    response = client.post(url, {**data, "end_year": 2021})
    assert response.status_code == 400
    assert "В годах 2022 уже есть план" in response.content.decode()
    program.refresh_from_db()
    assert program.end_year == 2024
    assert client.post(url, {**data, "end_year": 2022}).status_code == 302
    assert sorted(cast.a.activity.years.values_list("year", flat=True)) == [2021, 2022]


def test_editor_panel_through_htmx(cast, client):
    """From the roadmap page, forms open in a panel; errors stay there, a save reloads."""
    client.force_login(cast.users["specialist_a"])
    htmx = {"HX-Request": "true"}
    url = reverse("activity_edit", args=[cast.a.activity.pk])
    panel = client.get(url, headers=htmx).content.decode()
    assert "<html" not in panel and 'hx-post="' in panel and "Изменение мероприятия" in panel
    refused = client.post(url, activity_data(cast.a.activity, title=""), headers=htmx)
    assert refused.status_code == 200  # htmx 2 swaps only 2xx answers
    assert "Укажите наименование мероприятия." in refused.content.decode()
    saved = client.post(url, activity_data(cast.a.activity, deadline="май"), headers=htmx)
    assert saved.headers["HX-Refresh"] == "true"
    cast.a.activity.refresh_from_db()
    assert cast.a.activity.deadline == "май"

    section_url = reverse("section_create", args=[cast.a.program.pk])
    refused = client.post(section_url, {"number": "", "title": "", "version": 1}, headers=htmx)
    assert "Укажите номер или наименование раздела." in refused.content.decode()
    saved = client.post(section_url, {"number": "2.", "title": "Кадры", "version": 1}, headers=htmx)
    assert saved.headers["HX-Refresh"] == "true"
