"""Importing into an approved program: the document becomes the draft edition, approved with an
order through the editions page; kept activities keep their execution; closed years are safe."""

from django.urls import reverse

from monitoring.services import set_year_closed
from programs.models import Activity, ActivityYear, Edition, Program
from programs.status import ExecutionStatus

from .builders import tab_text

HEADER = ["№", "Мероприятие", "Срок", "2021", "2022", "2023", "Ответственные"]
KEPT = ["1.1", "Мероприятие", "декабрь", "+", "3", "", "ОО"]  # the cast's activity, new deadline
ADDED = ["1.2", "Курсы повышения квалификации", "2022", "", "5", "", "Отдел образования"]


def approve(client, program, number, on):
    data = {
        "order_organ": "Отдел образования",
        "order_number": number,
        "order_date": on,
        "order_signer": "И. О. Фамилия",
        "note": "",
    }
    return client.post(reverse("program_editions", args=[program.pk]), data)


def upload(client, cast, *rows):
    response = client.post(
        reverse("import_start"),
        {
            "municipality": cast.a.municipality.pk,
            "program": cast.a.program.pk,
            "text": tab_text(HEADER, *rows),
        },
    )
    assert response.status_code == 302, response.content.decode()
    return response.url


def test_document_becomes_the_draft_edition_of_an_approved_program(cast, client):
    program, activity = cast.a.program, cast.a.activity
    client.force_login(cast.users["specialist_a"])
    assert approve(client, program, "12", "2021-02-15").status_code == 302
    ActivityYear.objects.filter(activity=activity, year=2021).update(status=ExecutionStatus.DONE)
    start = client.get(reverse("import_start")).content.decode()
    assert f"{program.title} — утверждена: новая редакция" in start

    preview_url = upload(client, cast, ["1.", "Организация"], KEPT, ADDED)
    page = client.get(preview_url).content.decode()
    assert "после загрузки изменения станут неутверждённой редакцией" in page
    assert "Добавится: 1, удалится: 0, изменится: 1, без изменений: 0." in page
    assert "срок: «—» → «декабрь»" in page
    assert Activity.objects.filter(section__program=program).count() == 1  # nothing saved yet

    response = client.post(preview_url, {"action": "confirm"}, follow=True)
    assert "Изменения — неутверждённая редакция программы" in response.content.decode()
    program.refresh_from_db()
    assert program.status == Program.Status.APPROVED
    assert (program.start_year, program.end_year) == (2021, 2023)
    kept = Activity.objects.get(pk=activity.pk)  # the same activity, updated in place
    assert kept.deadline == "декабрь"
    assert kept.section_id == cast.a.section.pk  # «1. Организация» stays the same section
    assert kept.years.get(year=2021).status == ExecutionStatus.DONE
    added = Activity.objects.get(section__program=program, number="1.2")
    assert added.years.get(year=2022).planned_text == "5"
    assert [p.name for p in added.executors.all()] == ["Отдел образования"]

    detail = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "есть неутверждённые изменения" in detail
    changes = client.get(reverse("edition_changes", args=[program.pk])).content.decode()
    assert "добавлено" in changes and "Курсы повышения квалификации" in changes
    assert approve(client, program, "41", "2022-03-12").status_code == 302
    assert Edition.objects.get(program=program, number=2).snapshot["activities"][1]["title"] == (
        "Курсы повышения квалификации"
    )
    detail = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "есть неутверждённые изменения" not in detail


def test_removing_an_activity_with_closed_year_data_is_refused(cast, client):
    program, activity = cast.a.program, cast.a.activity
    set_year_closed(user=cast.users["coordinator_a"], program=program, year=2021, close=True)
    client.force_login(cast.users["specialist_a"])
    preview_url = upload(client, cast, ["1.", "Организация"], ADDED)
    assert "Удалятся" in client.get(preview_url).content.decode()

    response = client.post(preview_url, {"action": "confirm"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Нельзя удалить мероприятия, которых нет в документе: в закрытых координатором годах "
        "программы (2021) есть план, исполнение или отчёты школ по ним." in page
    )
    assert "Исключаемые мероприятия: 1.1 Мероприятие." in page
    assert list(Activity.objects.filter(section__program=program)) == [activity]


def test_rewriting_a_closed_year_plan_is_refused(cast, client):
    program = cast.a.program
    set_year_closed(user=cast.users["coordinator_a"], program=program, year=2021, close=True)
    client.force_login(cast.users["specialist_a"])
    rewritten = [*KEPT[:3], "", *KEPT[4:]]  # 2021: "+" → ""
    response = client.post(
        upload(client, cast, ["1.", "Организация"], rewritten), {"action": "confirm"}
    )
    assert response.status_code == 400
    assert "Документ меняет план закрытых координатором годов (2021)" in response.content.decode()
    assert cast.a.activity.years.get(year=2021).planned_text == "+"
    assert Activity.objects.get(pk=cast.a.activity.pk).deadline == ""


def test_a_completed_program_is_not_offered(cast, client):
    Program.objects.filter(pk=cast.a.program.pk).update(status=Program.Status.COMPLETED)
    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("import_start"),
        {"program": cast.a.program.pk, "text": tab_text(HEADER, KEPT)},
    )
    assert response.status_code == 400
    assert cast.a.program.title not in response.content.decode().split("<select")[-1]


def test_a_plan_outside_the_program_period_is_refused(cast, client):
    client.force_login(cast.users["specialist_a"])
    header = [*HEADER[:-1], "2024", HEADER[-1]]
    response = client.post(
        reverse("import_start"),
        {
            "program": cast.a.program.pk,
            "municipality": cast.a.municipality.pk,
            "text": tab_text(header, [*KEPT[:-1], "5", KEPT[-1]]),
        },
    )
    response = client.post(response.url, {"action": "confirm"})
    assert response.status_code == 400
    assert "В документе есть план на 2024 г., а программа рассчитана на 2021–2023 гг." in (
        response.content.decode()
    )
    assert Activity.objects.get(pk=cast.a.activity.pk).deadline == ""


def test_an_activity_the_document_lacks_is_removed_when_no_year_is_closed(cast, client):
    program = cast.a.program
    client.force_login(cast.users["specialist_a"])
    preview_url = upload(client, cast, ["1.", "Обучение"], ADDED)
    assert client.post(preview_url, {"action": "confirm"}).status_code == 302
    assert list(
        Activity.objects.filter(section__program=program).values_list("number", "section__title")
    ) == [("1.2", "Обучение")]
    assert [s.title for s in program.sections.all()] == ["Обучение"]  # the emptied one is gone
