"""Who reads the change history: department staff and observers do; a school head reads the
roadmap but not who on the staff changed what (README, «Кто что видит»)."""

import pytest
from django.urls import reverse


@pytest.fixture
def changed(cast):
    activity = cast.a.activity
    activity.title = "Мероприятие (уточнено специалистом)"
    activity.save()
    return cast


def pages(cast):
    return {
        "program": reverse("program_detail", args=[cast.a.program.pk]),
        "activity": reverse("activity_detail", args=[cast.a.activity.pk]),
        "school": reverse("school_detail", args=[cast.a.school.pk]),
    }


def test_head_reads_the_roadmap_without_the_staff_history(changed, client):
    client.force_login(changed.users["head_a"])
    for name, url in pages(changed).items():
        page = client.get(url)
        assert page.status_code == 200, name
        assert "История изменений" not in page.content.decode(), name
    history = client.get(reverse("program_history", args=[changed.a.program.pk]))
    assert history.status_code == 403


@pytest.mark.parametrize("role", ["specialist_a", "coordinator_a", "observer_a"])
def test_staff_and_observers_read_the_history(changed, client, role):
    client.force_login(changed.users[role])
    activity = client.get(pages(changed)["activity"]).content.decode()
    assert "История изменений" in activity and "уточнено специалистом" in activity
    program = client.get(pages(changed)["program"]).content.decode()
    assert reverse("program_history", args=[changed.a.program.pk]) in program
