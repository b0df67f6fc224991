"""Who sees which school reports and files: out of scope is 404 by any URL, ids guessed or not."""

from django.urls import reverse

from accounts.models import Membership, Role
from monitoring.models import SchoolReport
from tests.cast import make_user
from tests.monitoring_tests import files
from tests.monitoring_tests.conftest import report_data


def filed_report(world, client):
    client.force_login(world.head)
    client.post(world.start_url(), report_data(text="Проведено", files=[(files.pdf(), "order")]))
    client.logout()
    return SchoolReport.objects.get()


def report_urls(report):
    evidence = report.files.get()
    return [
        reverse("school_report_detail", args=[report.pk]),
        reverse("school_report_edit", args=[report.pk]),
        reverse("evidence_download", args=[evidence.pk]),
    ]


def test_head2_cannot_see_heads_reports_or_files_by_any_url(world, client):
    report = filed_report(world, client)
    client.force_login(world.head2)
    for url in report_urls(report):
        assert client.get(url).status_code == 404, url
    post_urls = [
        reverse("school_report_edit", args=[report.pk]),
        reverse("school_report_review", args=[report.pk]),
        reverse("evidence_delete", args=[report.files.get().pk]),
    ]
    for url in post_urls:
        assert client.post(url, {"version": report.version}).status_code == 404, url
    # Guessing ids: every neighbouring id is "not found", never "forbidden".
    for pk in range(max(1, report.pk - 5), report.pk + 6):
        for name in ("school_report_detail", "evidence_download"):
            assert client.get(reverse(name, args=[pk])).status_code == 404
    assert "Кормовская" not in client.get(reverse("my_activities")).content.decode()
    # Nor can head2 report for head's school.
    assert client.get(world.start_url()).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted" and report.files.count() == 1


def test_a_download_is_an_attachment_with_the_original_name_and_nosniff(world, client):
    report = filed_report(world, client)
    evidence = report.files.get()
    for user in (world.head, world.coordinator, world.observer):
        client.force_login(user)
        response = client.get(reverse("evidence_download", args=[evidence.pk]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "filename*=utf-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in disposition
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_curator_limited_to_other_schools_sees_nothing_of_this_school(world, client):
    report = filed_report(world, client)
    curator = make_user("curator")
    membership = Membership.objects.create(
        user=curator, role=Role.COORDINATOR, municipality=world.school.municipality
    )
    membership.curated_schools.add(world.other_school)
    client.force_login(curator)
    for url in report_urls(report):
        assert client.get(url).status_code == 404, url
    queue = client.get(reverse("review_queue")).content.decode()
    assert "МБОУ Кормовская СОШ</td>" not in queue
    matrix = client.get(reverse("school_report_matrix", args=[world.program.pk]) + "?year=2021")
    page = matrix.content.decode()
    assert "МБОУ Денисовская СОШ" in page and "МБОУ Кормовская СОШ" not in page
    # Curating the school opens its reports.
    membership.curated_schools.add(world.school)
    client.force_login(curator)
    assert client.get(reverse("school_report_detail", args=[report.pk])).status_code == 200


def test_staff_read_but_cannot_write_the_schools_report(world, client):
    report = filed_report(world, client)
    for user in (world.coordinator, world.specialist):
        client.force_login(user)
        assert client.get(reverse("school_report_detail", args=[report.pk])).status_code == 200
        assert client.get(reverse("school_report_edit", args=[report.pk])).status_code == 403
        assert client.get(world.start_url(year=2022)).status_code == 403
    client.force_login(world.head)
    url = reverse("school_report_review", args=[report.pk])
    assert client.post(url, {"decision": "accept", "version": report.version}).status_code == 403
    client.force_login(world.observer)
    assert client.get(reverse("school_report_detail", args=[report.pk])).status_code == 200
    assert client.post(url, {"decision": "accept"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_head_of_two_schools_sees_each_school(world, client):
    Membership.objects.create(user=world.head, role=Role.HEAD, school=world.other_school)
    client.force_login(world.head)
    page = client.get(reverse("my_activities")).content.decode()
    assert "<h2>МБОУ Кормовская СОШ</h2>" in page and "<h2>МБОУ Денисовская СОШ</h2>" in page
    url = world.start_url(school=world.other_school)
    assert client.get(url).status_code == 200
