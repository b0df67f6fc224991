"""In-portal notifications and letters: on submit to the school's coordinators, on return and
accept to the school's heads; the menu shows the unread ones."""

from django.urls import reverse

from accounts.models import Membership, Role
from monitoring.models import Notification, SchoolReport
from monitoring.services import email_notification
from tests.cast import make_user
from tests.monitoring_tests.conftest import report_data, review_data


def submit(client, cast, capture):
    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2021])
    with capture(execute=True):
        client.post(url, report_data(text="Проведено"))
    return SchoolReport.objects.get()


def test_submit_notifies_the_curators_of_the_school(
    cast, client, media_root, mailoutbox, django_capture_on_commit_callbacks
):
    other_curator = make_user("other_curator")
    Membership.objects.create(
        user=other_curator, role=Role.COORDINATOR, municipality=cast.a.municipality
    ).curated_schools.add(cast.a.other_school)
    report = submit(client, cast, django_capture_on_commit_callbacks)
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"coordinator_a"}  # not B, not the curator of another school
    (letter,) = mailoutbox
    assert letter.to == ["coordinator_a@example.org"]
    assert "отправила отчёт на проверку" in letter.body
    assert f"/monitoring/reports/{report.pk}/" in letter.body


def test_return_and_accept_notify_the_heads(
    cast, client, media_root, mailoutbox, django_capture_on_commit_callbacks
):
    report = submit(client, cast, django_capture_on_commit_callbacks)
    client.force_login(cast.users["coordinator_a"])
    url = reverse("school_report_review", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, review_data(report, "return", "Добавьте протокол заседания."))
    head_notes = Notification.objects.filter(user=cast.users["head_a"])
    assert "Добавьте протокол заседания." in head_notes.get().text
    assert mailoutbox[-1].to == ["head_a@example.org"]

    client.force_login(cast.users["head_a"])
    page = client.get(reverse("home")).content.decode()
    assert "Уведомления <b" in page and "(1)" in page
    assert (
        "Добавьте протокол заседания." in client.get(reverse("notification_list")).content.decode()
    )
    client.post(reverse("notifications_mark_read"))
    assert not Notification.objects.filter(user=cast.users["head_a"], is_read=False).exists()
    assert Notification.objects.get(user=cast.users["head_a"]).history.first().is_read

    report.refresh_from_db()
    client.post(
        reverse("school_report_edit", args=[report.pk]),
        report_data(text="Протокол приложен", version=report.version),
    )
    report.refresh_from_db()
    client.force_login(cast.users["coordinator_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, review_data(report, "accept"))
    assert head_notes.filter(text__startswith="Отчёт принят").exists()


def test_a_letter_is_sent_once_even_when_the_task_runs_again(cast, mailoutbox):
    notification = Notification.objects.create(
        user=cast.users["head_a"], text="Проверка", link="/monitoring/my/"
    )
    email_notification(notification.pk)
    email_notification(notification.pk)
    assert len(mailoutbox) == 1
    assert "http://127.0.0.1:8000/monitoring/my/" in mailoutbox[0].body


def test_menu_links_follow_the_roles(cast, client):
    links = {"Мои мероприятия": reverse("my_activities"), "Проверка": reverse("review_queue")}
    for user, expected in [
        ("head_a", {"Мои мероприятия"}),
        ("coordinator_a", {"Проверка"}),
        ("observer_a", {"Проверка"}),
        ("outsider", set()),
    ]:
        client.force_login(cast.users[user])
        page = client.get(reverse("home")).content.decode()
        shown = {label for label, url in links.items() if f'href="{url}"' in page}
        assert shown == expected, user
