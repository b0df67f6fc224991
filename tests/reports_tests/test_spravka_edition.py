"""A past year's справка reports the roadmap of the edition in force at the end of that year:
activities added later are not in it, renamed ones keep the approved name and plan."""

from datetime import date

from django.urls import reverse

from programs.models import ActivityYear
from programs.status import ExecutionStatus
from reports.selectors import spravka_data
from tests.cast import make_activity

TODAY = date(2024, 6, 1)


def approve(client, program, number, on):
    data = {
        "order_organ": "Отдел образования",
        "order_number": number,
        "order_date": on,
        "order_signer": "И. О. Фамилия",
        "note": "",
    }
    assert client.post(reverse("program_editions", args=[program.pk]), data).status_code == 302


def rows(program, year, today=TODAY):
    return [
        (r.number, r.title, r.planned) for r in spravka_data(program, year, today=today).activities
    ]


def test_past_year_spravka_follows_the_edition_in_force(cast, client):
    program, activity = cast.a.program, cast.a.activity
    client.force_login(cast.users["specialist_a"])
    approve(client, program, "12", "2021-02-15")
    ActivityYear.objects.filter(activity=activity, year=2021).update(status=ExecutionStatus.DONE)
    # After 2021: the activity renamed with another 2021 plan, and a new activity planned in 2021.
    activity.title = "Переименованное мероприятие"
    activity.save()
    ActivityYear.objects.filter(activity=activity, year=2021).update(planned_text="2")
    make_activity(
        cast.a.section, number="1.2", title="Курсы", position=1, cells={2021: "+", 2022: "+"}
    )
    approve(client, program, "41", "2022-03-12")

    assert rows(program, 2021) == [("1.1", "Мероприятие", "+")]
    assert spravka_data(program, 2021, today=TODAY).activities[0].status == ExecutionStatus.DONE
    assert rows(program, 2022) == [
        ("1.1", "Переименованное мероприятие", "3"),
        ("1.2", "Курсы", "+"),
    ]
    # The current year is reported by the roadmap as it stands.
    assert rows(program, 2021, today=date(2021, 11, 1)) == [
        ("1.1", "Переименованное мероприятие", "2"),
        ("1.2", "Курсы", "+"),
    ]
