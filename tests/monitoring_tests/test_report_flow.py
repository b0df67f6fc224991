"""The whole loop with the demo users: `head` reports with evidence, `coordinator` returns it
with recommendations, `head` corrects and resubmits, `coordinator` accepts; the roadmap follows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import EvidenceFile, Notification, ReportReview, SchoolReport
from programs.models import ActivityYear
from programs.status import ExecutionStatus
from tests.monitoring_tests import files
from tests.monitoring_tests.conftest import report_data, review_data, stored_files


def test_head_sees_the_activities_of_the_school_with_due_dates(world, client):
    client.force_login(world.head)
    page = client.get(reverse("my_activities")).content.decode()
    # One program year at a time: the year under way (the programs are over: their last one).
    assert 'aria-current="page" class="button primary">2023</a>' in page
    assert "МБОУ Кормовская СОШ" in page
    assert world.contracts.title[:40] in page and world.conference.title[:40] in page
    assert world.documents.title[:40] not in page  # 1.1 involves no school
    assert "до 31.12.2021" not in page
    page = client.get(reverse("my_activities"), {"year": "2021"}).content.decode()
    assert world.conference.title[:40] not in page  # due 2022 and 2023 only
    assert "до 31.12.2021" in page and "⚠ просрочено" in page
    assert world.start_url(period="2021-12-31") in page


def test_the_whole_loop_of_one_report(
    world, client, media_root, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(world.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            world.start_url(),
            report_data(
                text="Заключены эффективные контракты с 14 педагогами.",
                value="14",
                done_on="2021-11-25",
                files=[(files.pdf(), "order"), (files.png(), "photo")],
            ),
        )
    report = SchoolReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("school_report_detail", args=[report.pk])
    assert report.status == "submitted" and report.actual_value == Decimal("14")
    stored = {evidence.original_name: evidence for evidence in report.files.all()}
    assert set(stored) == {"Приказ № 12 от 01.09.2021.pdf", "Фото.png"}
    # Stored under generated names, inside MEDIA_ROOT, never under the person's name.
    assert len(stored_files(media_root)) == 2
    assert all("Приказ" not in path.name for path in stored_files(media_root))
    assert Notification.objects.filter(user=world.coordinator, link__contains=str(report.pk))
    assert [letter.to for letter in mailoutbox] == [[world.coordinator.email]]

    client.force_login(world.coordinator)
    queue = client.get(reverse("review_queue")).content.decode()
    assert "МБОУ Кормовская СОШ" in queue and world.contracts.title[:30] in queue
    order = stored["Приказ № 12 от 01.09.2021.pdf"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("school_report_review", args=[report.pk]),
            review_data(
                report,
                "return",
                "Приложите приказ с подписью директора и печатью школы.",
                files={order.pk: ("rejected", "unsigned", "")},
            ),
        )
    assert response.status_code == 302
    report.refresh_from_db()
    order.refresh_from_db()
    assert report.status == "returned"
    assert (order.review, order.reject_reason) == ("rejected", "unsigned")
    assert ReportReview.objects.get().comment.startswith("Приложите приказ")
    assert Notification.objects.filter(user=world.head, text__contains="Приложите приказ")

    client.force_login(world.head)
    page = client.get(reverse("my_activities")).content.decode()
    assert ">2021 (↩ возвращено: 1)</a>" in page  # shown while the year under way is open
    page = client.get(reverse("my_activities"), {"year": "2021"}).content.decode()
    assert "Приложите приказ с подписью директора" in page and "Исправить" in page
    edit_url = reverse("school_report_edit", args=[report.pk])
    assert "нет подписи/печати" in client.get(edit_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evidence_delete", args=[order.pk]), {"version": report.version}
        )
    assert response.status_code == 302
    assert not EvidenceFile.objects.filter(pk=order.pk).exists()
    assert len(stored_files(media_root)) == 1
    report.refresh_from_db()
    response = client.post(
        edit_url,
        report_data(
            text="Заключены эффективные контракты с 14 педагогами; приказ подписан.",
            value="14",
            done_on="2021-11-25",
            files=[(files.pdf("Приказ с подписью.pdf"), "order")],
            version=report.version,
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.files.count() == 2

    client.force_login(world.coordinator)
    response = client.post(
        reverse("school_report_review", args=[report.pk]), review_data(report, "accept")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted"
    assert set(report.files.values_list("review", flat=True)) == {"accepted"}
    # One of the four involved schools accepted: in progress, with its value.
    activity_year = ActivityYear.objects.get(activity=world.contracts, year=2021)
    assert activity_year.status == ExecutionStatus.IN_PROGRESS
    assert activity_year.actual_value == Decimal("14")
    assert activity_year.updated_by == world.coordinator
    assert activity_year.history.first().history_user == world.coordinator

    # Accepted is locked for the school.
    client.force_login(world.head)
    assert client.get(edit_url).status_code == 302
    response = client.post(edit_url, report_data(text="Поздняя правка", version=report.version))
    assert response.status_code == 400
    assert "изменить его можно, только если координатор" in response.content.decode()
    report.refresh_from_db()
    assert report.text.endswith("приказ подписан.")

    client.force_login(world.coordinator)
    matrix = client.get(reverse("school_report_matrix", args=[world.program.pk]) + "?year=2021")
    assert "✔</span> принят" in matrix.content.decode()


@pytest.mark.parametrize(
    "make", [files.pdf, files.png, files.jpg, files.docx, files.xlsx, files.odt]
)
def test_every_accepted_kind_of_file_is_taken(world, client, make):
    client.force_login(world.head)
    upload = make()
    response = client.post(
        world.start_url(), report_data(text="Проведено", files=[(upload, "other")])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SchoolReport.objects.get().files.get().original_name == upload.name


def test_every_involved_school_accepted_makes_the_year_done(cast, client, media_root):
    """The cast's activity involves one school: its accepted report completes the year."""
    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2022])
    client.post(url, report_data(text="Проведены 3 заседания", value="3"))
    report = SchoolReport.objects.get()
    client.force_login(cast.users["coordinator_a"])
    client.post(reverse("school_report_review", args=[report.pk]), review_data(report, "accept"))
    activity_year = ActivityYear.objects.get(activity=cast.a.activity, year=2022)
    assert activity_year.status == ExecutionStatus.DONE
    assert activity_year.actual_value == Decimal("3")


def test_a_draft_is_saved_and_sent_later(world, client):
    client.force_login(world.head)
    notifications_before = Notification.objects.count()
    response = client.post(world.start_url(), report_data(text="Черновик", action="draft"))
    report = SchoolReport.objects.get()
    assert response.status_code == 302 and report.status == "draft"
    assert Notification.objects.count() == notifications_before
    # Opening the start link again goes to the draft instead of a second report.
    assert client.get(world.start_url()).url == reverse("school_report_edit", args=[report.pk])
    client.post(
        reverse("school_report_edit", args=[report.pk]),
        report_data(text="Готово", version=report.version),
    )
    report.refresh_from_db()
    assert report.status == "submitted" and report.text == "Готово"
