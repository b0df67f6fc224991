"""Closing a program year locks its reports; reopening needs a reason that history keeps."""

from django.urls import reverse

from monitoring.locks import is_year_closed
from monitoring.models import SchoolReport, YearClosure
from tests.monitoring_tests import files
from tests.monitoring_tests.conftest import report_data, review_data


def close(client, world, year=2021, **data):
    url = reverse("year_closure", args=[world.program.pk, year])
    return client.post(url, {"action": "close", **data}, follow=True)


def reopen(client, world, reason, year=2021):
    url = reverse("year_closure", args=[world.program.pk, year])
    return client.post(url, {"action": "reopen", "reason": reason}, follow=True)


def test_close_and_reopen_with_a_reason_kept_in_history(world, client):
    client.force_login(world.coordinator)
    assert not is_year_closed(world.program.pk, 2021)
    page = close(client, world).content.decode()
    assert "Год закрыт" in page and "🔒 Год закрыт" in page
    assert is_year_closed(world.program.pk, 2021)
    assert not is_year_closed(world.program.pk, 2022)

    page = reopen(client, world, "  ").content.decode()
    assert "Укажите причину, по которой год открывается снова" in page
    assert is_year_closed(world.program.pk, 2021)
    reopen(client, world, "Школа прислала протокол после закрытия года")
    assert not is_year_closed(world.program.pk, 2021)
    closure = YearClosure.objects.get()
    reasons = [record.reason for record in closure.history.order_by("history_date")]
    assert reasons == ["", "Школа прислала протокол после закрытия года"]
    matrix = client.get(reverse("school_report_matrix", args=[world.program.pk]) + "?year=2021")
    assert "Школа прислала протокол после закрытия года" in matrix.content.decode()


def test_a_year_with_reports_on_review_cannot_be_closed(world, client):
    client.force_login(world.head)
    client.post(world.start_url(), report_data(text="Проведено", files=[(files.pdf(), "order")]))
    client.force_login(world.coordinator)
    page = close(client, world).content.decode()
    assert "Нельзя закрыть 2021 год: отчётов на проверке — 1" in page
    assert not is_year_closed(world.program.pk, 2021)


def test_a_closed_year_locks_reports_files_and_reviews(world, client):
    client.force_login(world.head)
    client.post(
        world.start_url(),
        report_data(text="Проведено", files=[(files.pdf(), "order")], action="draft"),
    )
    report = SchoolReport.objects.get()
    evidence = report.files.get()
    client.force_login(world.coordinator)
    close(client, world)

    client.force_login(world.head)
    edit = reverse("school_report_edit", args=[report.pk])
    response = client.post(edit, report_data(text="Изменено", version=report.version))
    assert response.status_code == 400
    assert "2021 год программы закрыт координатором" in response.content.decode()
    page = client.post(
        reverse("evidence_delete", args=[evidence.pk]), {"version": report.version}, follow=True
    ).content.decode()
    assert "закрыт координатором" in page
    assert report.files.exists()
    assert (
        "Отчитаться" not in client.get(reverse("my_activities")).content.decode().split("2022")[0]
    )
    report.refresh_from_db()
    assert report.text == "Проведено" and report.status == "draft"


def test_a_report_on_review_in_a_closed_year_cannot_be_decided(world, client):
    client.force_login(world.head)
    client.post(world.start_url(), report_data(text="Проведено"))
    report = SchoolReport.objects.get()
    # Closed in the database directly, as if closed before the review queue caught up.
    YearClosure.objects.create(program=world.program, year=2021, is_closed=True)
    client.force_login(world.coordinator)
    url = reverse("school_report_review", args=[report.pk])
    response = client.post(url, review_data(report, "accept"))
    assert response.status_code == 400
    assert "закрыт координатором" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"


def test_only_those_who_mark_execution_close_years(world, client):
    # The school's head is in scope but may not (403), the observer only reads (403), the head
    # of another municipality's school must not learn the program exists (404).
    for user, status in ((world.head, 403), (world.observer, 403), (world.head2, 404)):
        client.force_login(user)
        assert close(client, world).status_code == status, user.username
    assert not YearClosure.objects.exists()
    client.force_login(world.coordinator)
    page = close(client, world, year=2030).content.decode()
    assert "В программе нет 2030 года" in page
