"""Editions approved by orders: the change list as a pure function, approving the draft with an
order, what pages and exports say about the edition in force."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from programs.editions import Change, ChangeKind, FieldChange, diff_snapshots
from programs.models import Edition
from reports.selectors import spravka_data


def row(id_, **fields):
    base = {
        "id": id_,
        "section": "1. Организация",
        "number": f"1.{id_}",
        "title": f"Мероприятие {id_}",
        "deadline": "",
        "executors": "",
        "responsible": "",
        "result": "",
        "planned_value": "",
        "indicator": "",
        "plan": {"2021": "", "2022": ""},
    }
    return base | fields


def snap(*rows):
    return {"version": 1, "activities": list(rows)}


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(snap(row(1)), snap(row(1)), [], id="nothing changed"),
        pytest.param(
            snap(row(1, deadline="апрель")),
            snap(row(1, deadline="май", executors="ИМЦ")),
            [
                Change(
                    ChangeKind.CHANGED,
                    "1.1",
                    "Мероприятие 1",
                    [
                        FieldChange("срок", "апрель", "май"),
                        FieldChange("исполнители", "", "ИМЦ"),
                    ],
                )
            ],
            id="two fields changed, in table order",
        ),
        pytest.param(
            snap(row(1, plan={"2021": "+", "2022": ""})),
            snap(row(1, plan={"2021": "+", "2022": "3"})),
            [
                Change(
                    ChangeKind.CHANGED,
                    "1.1",
                    "Мероприятие 1",
                    [FieldChange("план на 2022", "", "3")],
                )
            ],
            id="a year's plan",
        ),
        pytest.param(
            snap(row(1)),
            snap(row(1), row(2, deadline="2022")),
            [
                Change(
                    ChangeKind.ADDED,
                    "1.2",
                    "Мероприятие 2",
                    [
                        FieldChange("раздел", "", "1. Организация"),
                        FieldChange("номер", "", "1.2"),
                        FieldChange("наименование", "", "Мероприятие 2"),
                        FieldChange("срок", "", "2022"),
                    ],
                )
            ],
            id="added",
        ),
        pytest.param(
            snap(row(1), row(2)),
            snap(row(2)),
            [
                Change(
                    ChangeKind.REMOVED,
                    "1.1",
                    "Мероприятие 1",
                    [
                        FieldChange("раздел", "1. Организация", ""),
                        FieldChange("номер", "1.1", ""),
                        FieldChange("наименование", "Мероприятие 1", ""),
                    ],
                )
            ],
            id="removed",
        ),
        pytest.param(
            snap(row(1, number="1.1")),
            snap(row(1, number="2.1", section="2. Кадры")),
            [
                Change(
                    ChangeKind.CHANGED,
                    "2.1",
                    "Мероприятие 1",
                    [
                        FieldChange("раздел", "1. Организация", "2. Кадры"),
                        FieldChange("номер", "1.1", "2.1"),
                    ],
                )
            ],
            id="moved and renumbered is a change, not remove + add",
        ),
        pytest.param(
            None,
            snap(row(1, title="Т")),
            [
                Change(
                    ChangeKind.ADDED,
                    "1.1",
                    "Т",
                    [
                        FieldChange("раздел", "", "1. Организация"),
                        FieldChange("номер", "", "1.1"),
                        FieldChange("наименование", "", "Т"),
                    ],
                )
            ],
            id="first edition: everything added",
        ),
    ],
)
def test_diff_snapshots(before, after, expected):
    assert diff_snapshots(before, after) == expected


def approve(client, program, **fields):
    data = {
        "order_organ": "Отдел образования",
        "order_number": "41",
        "order_date": "2022-03-12",
        "order_signer": "И. О. Фамилия",
        "note": "",
    } | fields
    return client.post(reverse("program_editions", args=[program.pk]), data)


def test_approval_without_number_or_with_future_date_is_refused(cast, client):
    client.force_login(cast.users["specialist_a"])
    program = cast.a.program
    no_number = approve(client, program, order_number=" № ")
    assert no_number.status_code == 400
    assert "Укажите номер приказа." in no_number.content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = approve(client, program, order_date=tomorrow.isoformat())
    assert future.status_code == 400
    assert f"Дата приказа {tomorrow:%d.%m.%Y} ещё не наступила" in future.content.decode()
    assert not Edition.objects.exists()


def test_edit_after_approval_is_a_draft_until_a_new_order(cast, client):
    program = cast.a.program
    client.force_login(cast.users["specialist_a"])
    assert approve(client, program, order_number="12", order_date="2021-02-15").status_code == 302
    page = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "в редакции приказа от 15.02.2021 № 12" in page
    assert "есть неутверждённые изменения" not in page
    # Nothing changed: a second approval has nothing to approve.
    same = approve(client, program, order_number="13", order_date="2021-03-01")
    assert same.status_code == 400
    assert "утверждать нечего" in same.content.decode()

    activity = cast.a.activity
    activity.deadline = "декабрь"
    activity.save()
    page = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "есть неутверждённые изменения" in page
    changes = client.get(reverse("edition_changes", args=[program.pk])).content.decode()
    assert "изменено" in changes and "декабрь" in changes

    earlier = approve(client, program, order_date="2021-01-10")
    assert earlier.status_code == 400
    assert "Приказ не может быть раньше приказа действующей редакции (15.02.2021)" in (
        earlier.content.decode()
    )
    assert approve(client, program).status_code == 302
    second = Edition.objects.get(program=program, number=2)
    assert second.order_label == "в редакции приказа от 12.03.2022 № 41"
    page = client.get(reverse("program_detail", args=[program.pk])).content.decode()
    assert "в редакции приказа от 12.03.2022 № 41" in page
    assert "есть неутверждённые изменения" not in page

    # A past year's справка names the edition in force at its end, the later one the newer.
    program.order_number, program.order_date = "12", date(2021, 2, 15)
    program.save()
    assert spravka_data(program, 2021).title.order == "Приказ № 12 от 15.02.2021"
    assert spravka_data(program, 2022).title.order == (
        "Приказ № 12 от 15.02.2021 (в редакции приказа от 12.03.2022 № 41)"
    )

    url = reverse("edition_changes_export", args=[program.pk, "xlsx"]) + "?from=1&to=2"
    sheet = load_workbook(BytesIO(client.get(url).content)).active
    values = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    assert ("1.1", "Мероприятие", "изменено", "срок", None, "декабрь") in [
        tuple(r[:6]) for r in values
    ]
    url = reverse("edition_changes_export", args=[program.pk, "docx"]) + "?from=1&to=2"
    document = Document(BytesIO(client.get(url).content))
    cells = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert cells[1] == ["1.1", "Мероприятие", "изменено", "срок", "", "декабрь"]
    assert round(document.sections[0].page_width.cm, 1) == 29.7


def test_coordinator_reads_editions_but_cannot_approve(cast, client):
    client.force_login(cast.users["coordinator_a"])
    assert client.get(reverse("program_editions", args=[cast.a.program.pk])).status_code == 200
    assert approve(client, cast.a.program).status_code == 403
    assert not Edition.objects.exists()


def test_roadmap_export_names_the_edition_in_force(cast, client):
    program = cast.a.program
    program.order_number, program.order_date = "12", date(2021, 2, 15)
    program.save()
    client.force_login(cast.users["specialist_a"])
    assert approve(client, program, order_number="12", order_date="2021-02-15").status_code == 302
    cast.a.activity.deadline = "декабрь"
    cast.a.activity.save()
    assert approve(client, program).status_code == 302
    response = client.get(reverse("program_export", args=[program.pk, "docx"]))
    paragraphs = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    # The approval block at the top right: the approving order, then the edition in force.
    assert paragraphs[:4] == [
        "УТВЕРЖДЕНА",
        "приказом отдела образования",
        "от 15.02.2021 № 12",
        "(в редакции приказа от 12.03.2022 № 41)",
    ]
