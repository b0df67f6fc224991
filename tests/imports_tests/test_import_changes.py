"""Importing into an existing program: the preview shows what will change before anything is
saved."""

from __future__ import annotations

from django.urls import reverse

from imports.changes import roadmap_changes
from imports.parsing import parse_roadmap_text
from imports.services import import_roadmap
from programs.models import Activity

from .builders import tab_text

HEADER = ["№", "Мероприятие", "Срок", "2024", "Ответственные"]


def rows(*activities, section="Организация") -> dict:
    keys = ("number", "title", "deadline", "responsible")
    return {
        "sections": [
            {
                "number": "1.",
                "title": section,
                "activities": [dict(zip(keys, activity, strict=True)) for activity in activities],
            }
        ]
    }


def test_changes_match_by_number_then_by_title():
    current = rows(
        ("1.1", "Совещание", "май", "ОО"),
        ("1.2", "Семинар", "июнь", "ИМЦ"),
        ("", "Заседание рабочей группы", "ежеквартально", "ОО"),
        ("1.3", "Отчёт", "декабрь", "ОО"),
    )
    incoming = rows(
        ("1.1", "Совещание директоров", "май", "ОО"),  # same number: changed title
        ("1.2", "Семинар", "июнь", "ИМЦ"),
        ("", "заседание рабочей группы.", "ежемесячно", "ОО"),  # same title: changed deadline
        ("1.4", "Курсы", "2024", "ИМЦ"),
    )
    changes = roadmap_changes(current, incoming)

    assert [(a.number, a.title) for a in changes.added] == [("1.4", "Курсы")]
    assert [(a.number, a.title) for a in changes.removed] == [("1.3", "Отчёт")]
    assert [(a.number, [(f.label, f.old, f.new) for f in a.fields]) for a in changes.changed] == [
        ("1.1", [("наименование", "Совещание", "Совещание директоров")]),
        (
            "",
            [
                ("наименование", "Заседание рабочей группы", "заседание рабочей группы."),
                ("срок", "ежеквартально", "ежемесячно"),
            ],
        ),
    ]
    assert changes.unchanged == 1
    assert roadmap_changes(current, current).any is False


def test_preview_of_a_replacement_lists_changes_and_saves_nothing(cast, client):
    original = tab_text(
        HEADER,
        ["1.", "Совещание", "май", "+", "Отдел образования"],
        ["2.", "Семинар", "июнь", "", "Отдел образования"],
    )
    program = import_roadmap(
        parse_roadmap_text(original), municipality=cast.a.municipality, title="Черновик"
    ).program
    client.force_login(cast.users["specialist_a"])
    changed = tab_text(
        HEADER,
        ["1.", "Совещание", "сентябрь", "+", "Отдел образования"],
        ["3.", "Курсы", "2024", "5", "Отдел образования"],
    )
    response = client.post(
        reverse("import_start"),
        {"municipality": cast.a.municipality.pk, "program": program.pk, "text": changed},
    )
    page = client.get(response.url).content.decode()

    assert "Что изменится в дорожной карте программы" in page
    assert "Добавится: 1, удалится: 1, изменится: 1, без изменений: 0." in page
    assert "срок: «май» → «сентябрь»" in page
    assert "2. Семинар" in page and "3. Курсы" in page
    titles = Activity.objects.filter(section__program=program).values_list("title", flat=True)
    assert sorted(titles) == ["Семинар", "Совещание"]  # nothing saved by the preview


def test_new_program_preview_shows_no_changes_block(cast, client):
    client.force_login(cast.users["specialist_a"])
    text = tab_text(HEADER, ["1.", "Совещание", "май", "+", "ОО"])
    response = client.post(
        reverse("import_start"), {"municipality": cast.a.municipality.pk, "text": text}
    )
    assert "Что изменится" not in client.get(response.url).content.decode()


def test_preview_queries_do_not_grow_with_the_roadmap(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.users["specialist_a"])

    def preview_queries(size: int) -> int:
        lines = [
            [f"{n}.", f"Мероприятие {n}", "май", "+", "Отдел образования; ИМЦ"]
            for n in range(1, size + 1)
        ]
        program = import_roadmap(
            parse_roadmap_text(tab_text(HEADER, *lines)), municipality=cast.a.municipality
        ).program
        response = client.post(
            reverse("import_start"),
            {
                "municipality": cast.a.municipality.pk,
                "program": program.pk,
                "text": tab_text(HEADER, *lines[1:]),
            },
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(response.url).status_code == 200
        return len(queries)

    assert preview_queries(3) == preview_queries(30)
