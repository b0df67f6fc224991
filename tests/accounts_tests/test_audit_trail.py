from django.urls import reverse

from programs.models import Activity, ActivityYear
from programs.status import ExecutionStatus


def test_roadmap_change_leaves_history_with_user_name(cast, client):
    user = cast.users["admin"]
    user.first_name, user.last_name = "Анна", "Смирнова"
    user.save()
    client.force_login(user)
    activity = cast.a.activity
    url = reverse("admin:programs_activity_change", args=[activity.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "section": activity.section_id,
        "position": 0,
        "number": "1.1",
        "title": "Новое наименование мероприятия",
        "deadline": "апрель",
        "executor_links-TOTAL_FORMS": 0,
        "executor_links-INITIAL_FORMS": 0,
        "years-TOTAL_FORMS": 0,
        "years-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = activity.history.latest()
    assert record.history_user == user
    assert record.title == "Новое наименование мероприятия"

    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Анна Смирнова" in page
    assert "Новое наименование мероприятия" in page
    assert "Мероприятие → Новое наименование мероприятия" in page


def test_status_change_shows_old_and_new_value(cast, client):
    year = cast.a.activity_year
    year.status = ExecutionStatus.DONE
    year.save()
    client.force_login(cast.users["coordinator_a"])
    page = client.get(reverse("program_history", args=[cast.a.program.pk])).content.decode()
    assert "не начато → выполнено" in page


def test_deleted_activity_keeps_its_history(cast, client):
    activity_id = cast.a.activity.pk
    cast.a.activity.delete()
    assert not Activity.objects.filter(pk=activity_id).exists()
    assert Activity.history.filter(id=activity_id, history_type="-").exists()
    assert ActivityYear.history.filter(activity_id=activity_id, history_type="-").exists()
    client.force_login(cast.users["specialist_a"])
    page = client.get(reverse("program_history", args=[cast.a.program.pk])).content.decode()
    assert "удаление" in page
