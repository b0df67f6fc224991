"""Closing a year locks its plans, marks and reports: deleting an activity or a section that holds
them is refused as editing is, until the coordinator reopens the year with a reason."""

from django.urls import reverse

from monitoring.models import YearClosure
from monitoring.services import set_year_closed
from programs.models import Activity, ActivityYear, Section
from tests.cast import make_activity

REFUSAL = "в закрытых координатором годах программы (2021) есть план, исполнение или отчёты школ"


def close_2021(cast):
    set_year_closed(user=cast.users["coordinator_a"], program=cast.a.program, year=2021, close=True)


def test_an_activity_with_a_closed_year_mark_is_not_deleted(cast, client):
    close_2021(cast)
    client.force_login(cast.users["specialist_a"])
    url = reverse("activity_delete", args=[cast.a.activity.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Нельзя удалить мероприятие: " + REFUSAL + " по нему." in page
    assert ActivityYear.objects.filter(activity=cast.a.activity).count() == 3


def test_a_section_with_closed_year_marks_is_not_deleted(cast, client):
    close_2021(cast)
    client.force_login(cast.users["specialist_a"])
    page = client.post(reverse("section_delete", args=[cast.a.section.pk]), follow=True)
    assert "Нельзя удалить раздел: " + REFUSAL + " по его мероприятиям." in page.content.decode()
    assert Section.objects.filter(pk=cast.a.section.pk).exists()
    assert Activity.objects.filter(pk=cast.a.activity.pk).exists()


def test_after_reopening_with_a_reason_the_activity_is_deleted(cast, client):
    close_2021(cast)
    set_year_closed(
        user=cast.users["coordinator_a"],
        program=cast.a.program,
        year=2021,
        close=False,
        reason="Мероприятие внесено по ошибке",
    )
    client.force_login(cast.users["specialist_a"])
    client.post(reverse("activity_delete", args=[cast.a.activity.pk]))
    assert not Activity.objects.filter(pk=cast.a.activity.pk).exists()
    assert YearClosure.objects.get().history.first().reason == "Мероприятие внесено по ошибке"


def test_an_activity_with_nothing_in_the_closed_year_is_deleted(cast, client):
    empty_in_2021 = make_activity(cast.a.section, number="1.2", position=1, cells={2022: "+"})
    close_2021(cast)
    client.force_login(cast.users["specialist_a"])
    client.post(reverse("activity_delete", args=[empty_in_2021.pk]))
    assert not Activity.objects.filter(pk=empty_in_2021.pk).exists()
    assert Activity.objects.filter(pk=cast.a.activity.pk).exists()


def test_an_activity_with_a_school_report_in_the_closed_year_is_not_deleted(cast, client):
    from datetime import date

    from monitoring.models import SchoolReport

    reported = make_activity(cast.a.section, number="1.2", position=1, cells={2022: "+"})
    SchoolReport.objects.create(
        school=cast.a.school,
        activity=reported,
        year=2021,
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        text="Проведено по своей инициативе",
        status="accepted",
    )
    close_2021(cast)
    client.force_login(cast.users["specialist_a"])
    page = client.post(reverse("activity_delete", args=[reported.pk]), follow=True)
    assert "Нельзя удалить мероприятие: " + REFUSAL + " по нему." in page.content.decode()
    assert SchoolReport.objects.filter(activity=reported).count() == 1
