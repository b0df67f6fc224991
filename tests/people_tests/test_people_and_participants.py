"""People and schools: the staff directory, the responsible person of an activity, curators of
target schools, parties linked to school records, «ОО» expanded to the target schools."""

import pytest
from django.urls import reverse

from people.models import SchoolCurator, StaffMember, initials_name
from programs.models import ActivityExecutor
from programs.participants import names_all_schools
from programs.selectors import roadmap_rows
from reports.selectors import school_spravka_data, spravka_data
from schools.models import Party, School
from schools.parties import school_link_suggestions
from tests.cast import make_activity


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Иванова Елена Петровна", "Е. П. Иванова"),
        ("Петренко Ольга", "О. Петренко"),
        ("Кузнецов", "Кузнецов"),
    ],
)
def test_initials(name, expected):
    assert initials_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ОО", True),
        ("Образовательные организации", True),
        ("образовательные организации района", True),
        ("ОО (по согласованию)", True),
        ("Руководители ОО", True),
        ("МБОУ «Знаменская СОШ»", False),
        ("ИМЦ", False),
        ("Отдел образования", False),
    ],
)
def test_names_all_schools(name, expected):
    assert names_all_schools(name) is expected


def staff_data(**changes):
    return {
        "full_name": "Иванова Елена Петровна",
        "position": "главный специалист",
        "organisation": "Отдел образования",
        "phone": "8 (86379) 3-12-45",
        "email": "ivanova@example.ru",
    } | changes


def test_staff_directory_bad_input_and_who_edits(cast, client):
    url = reverse("staff_directory", args=[cast.a.municipality.pk])
    client.force_login(cast.users["specialist_a"])
    one_word = client.post(url, staff_data(full_name="Иванова"))
    assert one_word.status_code == 400
    assert "Укажите фамилию и имя" in one_word.content.decode()
    bad_mail = client.post(url, staff_data(email="не почта"))
    assert "Адрес электронной почты вида name@example.ru." in bad_mail.content.decode()
    assert not StaffMember.objects.exists()
    assert client.post(url, staff_data()).status_code == 302
    twice = client.post(url, staff_data())
    assert "уже есть в справочнике" in twice.content.decode()
    assert StaffMember.objects.count() == 1

    client.force_login(cast.users["coordinator_a"])
    assert client.post(url, staff_data(full_name="Петренко Ольга")).status_code == 403
    page = client.get(url).content.decode()
    assert "Иванова Елена Петровна" in page and "8 (86379) 3-12-45" in page
    assert StaffMember.objects.count() == 1


def test_responsible_person_in_activity_spravka_and_edition(cast, client):
    member = StaffMember.objects.create(
        municipality=cast.a.municipality, full_name="Иванова Елена Петровна", position="методист"
    )
    foreign = StaffMember.objects.create(municipality=cast.b.municipality, full_name="Чужой Иван")
    activity = cast.a.activity
    client.force_login(cast.users["specialist_a"])
    url = reverse("activity_edit", args=[activity.pk])
    data = {
        "section": cast.a.section.pk,
        "number": activity.number,
        "title": activity.title,
        "executors_text": "ОО",
        "schools": [cast.a.school.pk],
        "version": activity.version,
    }
    refused = client.post(url, data | {"responsible": foreign.pk})
    assert "Выберите сотрудника из справочника этого муниципалитета." in refused.content.decode()
    assert client.post(url, data | {"responsible": member.pk}).status_code == 302
    detail = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Иванова Елена Петровна, методист" in detail
    rows = spravka_data(cast.a.program, 2021).activities
    assert rows[0].executors == "ОО; отв. Е. П. Иванова, методист"
    assert roadmap_rows(cast.a.program)[0].responsible_label == "Е. П. Иванова, методист"


def test_curators_of_target_schools(cast, client):
    member = StaffMember.objects.create(
        municipality=cast.a.municipality, full_name="Петренко Ольга Ивановна"
    )
    url = reverse("program_curators", args=[cast.a.program.pk])
    client.force_login(cast.users["coordinator_a"])
    assert client.post(url, {f"school_{cast.a.school.pk}": member.pk}).status_code == 403
    client.force_login(cast.users["specialist_a"])
    assert client.post(url, {f"school_{cast.a.school.pk}": member.pk}).status_code == 302
    assert SchoolCurator.objects.get().curator == member
    client.force_login(cast.users["coordinator_a"])
    assert "О. И. Петренко" in client.get(url).content.decode()


def test_school_parties_are_suggested_confirmed_and_take_part(cast, client):
    a = cast.a
    School.objects.filter(pk=a.other_school.pk).update(short_name="МБОУ «Знаменская СОШ»")
    a.other_school.refresh_from_db()
    party = Party.objects.create(municipality=a.municipality, name="МБОУ Знаменская СОШ")
    unrelated = Party.objects.create(municipality=a.municipality, name="ИМЦ")
    suggestions = school_link_suggestions([party, unrelated, a.party], [a.school, a.other_school])
    assert suggestions == [(party, a.other_school)]

    # The activity names the school's party as its executor, not the school itself.
    activity = make_activity(a.section, number="1.2", position=1, cells={2021: "+"})
    ActivityExecutor.objects.create(activity=activity, party=party)
    report = school_spravka_data(a.other_school, [a.program], 2021)
    assert "1.2" not in [row.number for row in report.activities]

    url = reverse("party_school_links", args=[a.municipality.pk])
    client.force_login(cast.users["coordinator_a"])
    assert client.post(url, {"link": f"{party.pk}:{a.other_school.pk}"}).status_code == 403
    client.force_login(cast.users["specialist_a"])
    assert client.post(url, {"link": f"{party.pk}:{a.other_school.pk}"}).status_code == 302
    party.refresh_from_db()
    assert party.school == a.other_school and party.kind == Party.Kind.SCHOOL
    report = school_spravka_data(a.other_school, [a.program], 2021)
    assert "1.2" in [row.number for row in report.activities]


def test_oo_expands_to_the_program_target_schools(cast):
    a = cast.a
    a.program.target_schools.add(a.other_school)
    activity = make_activity(
        a.section, number="1.2", position=1, cells={2021: "+"}, executors_text="ИМЦ, ОО"
    )
    assert not activity.schools.exists()
    numbers = [
        row.number for row in school_spravka_data(a.other_school, [a.program], 2021).activities
    ]
    assert "1.2" in numbers
    # A department whose short name is «ОО» does not mean the schools.
    department = Party.objects.create(
        municipality=a.municipality,
        name="Отдел образования района",
        short_name="ОО",
        kind=Party.Kind.DEPARTMENT,
    )
    other = make_activity(
        a.section, number="1.3", position=2, cells={2021: "+"}, executors_text="ОО"
    )
    ActivityExecutor.objects.create(activity=other, party=department)
    numbers = [
        row.number for row in school_spravka_data(a.other_school, [a.program], 2021).activities
    ]
    assert "1.3" not in numbers


def test_digest_tells_the_responsible_person_about_their_overdue_activity(cast):
    from django.utils import timezone

    from monitoring.models import DigestLog
    from monitoring.services import send_daily_digests

    member = StaffMember.objects.create(
        municipality=cast.a.municipality,
        full_name="Иванова Елена Петровна",
        user=cast.users["specialist_a"],
    )
    cast.a.activity.responsible = member
    cast.a.activity.save()
    send_daily_digests(timezone.localdate())
    text = DigestLog.objects.get(user=cast.users["specialist_a"]).text
    # Planned for 2021 («+») and 2022 («3»), nothing done: both years are overdue.
    assert "Вы ответственный: просрочено (срок 31.12.2021): 1.1 Мероприятие" in text
    assert "Вы ответственный: просрочено (срок 31.12.2022): 1.1 Мероприятие" in text
    assert not DigestLog.objects.filter(
        user=cast.users["specialist_b"], text__contains="ответственный"
    )


def test_spravka_names_its_executor_from_the_staff_directory(cast):
    from io import BytesIO

    from openpyxl import load_workbook

    from reports.builders.xlsx_spravka import spravka_xlsx
    from reports.models import ReportText

    StaffMember.objects.create(
        municipality=cast.a.municipality,
        full_name="Петренко Ольга Викторовна",
        phone="8 (86379) 3-14-02",
        user=cast.users["coordinator_a"],
    )
    text = ReportText.objects.create(
        program=cast.a.program,
        year=2021,
        conclusions="Выводы",
        updated_by=cast.users["coordinator_a"],
    )
    data = spravka_data(cast.a.program, 2021, report_text=text)
    assert data.signature.executor == "Исполнитель: О. В. Петренко, тел. 8 (86379) 3-14-02"
    sheet = load_workbook(BytesIO(spravka_xlsx(data)))["Выводы"]
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert values[-1] == "Исполнитель: О. В. Петренко, тел. 8 (86379) 3-14-02"
    other = ReportText.objects.create(
        program=cast.a.program, year=2022, updated_by=cast.users["specialist_a"]
    )
    assert spravka_data(cast.a.program, 2022, report_text=other).signature.executor == ""
