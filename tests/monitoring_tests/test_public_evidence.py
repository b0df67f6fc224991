"""A coordinator may publish an accepted evidence file on the program's open page."""

from django.core.files.base import ContentFile
from django.urls import reverse

from monitoring.models import EvidenceFile, SchoolReport
from tests.monitoring_tests.conftest import make_report


def evidence_of(report):
    evidence = EvidenceFile(
        report=report,
        kind="protocol",
        original_name="Протокол педсовета.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )
    evidence.file.save("protocol.pdf", ContentFile(b"%PDF-1.7"), save=True)
    return evidence


def publish(client, evidence, public="1", version=None):
    """Publish as from the report page just opened, or from one opened at `version`."""
    if version is None:
        version = SchoolReport.objects.get(files=evidence).version
    data = {"public": public, "version": version}
    return client.post(reverse("evidence_publish", args=[evidence.pk]), data)


def test_published_file_appears_on_the_open_page(cast, client, media_root):
    evidence = evidence_of(make_report(cast.a.school, cast.a.activity, status="accepted"))
    public_url = reverse("public_program", args=[cast.a.program.pk])
    download_url = reverse("public_evidence_download", args=[evidence.pk])
    assert "Протокол педсовета.pdf" not in client.get(public_url).content.decode()
    assert client.get(download_url).status_code == 404

    client.force_login(cast.users["coordinator_a"])
    assert publish(client, evidence).status_code == 302
    client.logout()
    page = client.get(public_url).content.decode()
    assert "Протокол педсовета.pdf" in page and download_url in page
    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")

    client.force_login(cast.users["coordinator_a"])
    publish(client, evidence, public="0")
    client.logout()
    assert client.get(download_url).status_code == 404


def test_only_accepted_files_of_published_programs_go_public(cast, client, media_root):
    evidence = evidence_of(make_report(cast.a.school, cast.a.activity, status="submitted"))
    client.force_login(cast.users["coordinator_a"])
    response = publish(client, evidence)
    assert "только файлы принятого отчёта" in client.get(response.url).content.decode()
    evidence.refresh_from_db()
    assert not evidence.is_public

    accepted = evidence_of(
        make_report(cast.a.school, cast.a.activity, year=2022, status="accepted")
    )
    publish(client, accepted)
    cast.a.program.is_public = False
    cast.a.program.save()
    client.logout()
    assert client.get(reverse("public_evidence_download", args=[accepted.pk])).status_code == 404


def test_heads_cannot_publish(cast, client, media_root):
    evidence = evidence_of(make_report(cast.a.school, cast.a.activity, status="accepted"))
    client.force_login(cast.users["head_a"])
    assert publish(client, evidence).status_code == 403
    evidence.refresh_from_db()
    assert not evidence.is_public


def test_a_page_opened_before_the_report_changed_does_not_publish(cast, client, media_root):
    report = make_report(cast.a.school, cast.a.activity, status="accepted")
    evidence = evidence_of(report)
    client.force_login(cast.users["coordinator_a"])
    seen = report.version
    assert publish(client, evidence, version=seen).status_code == 302
    response = publish(client, evidence, public="0", version=seen)  # a second, older tab
    page = client.get(response.url).content.decode()
    assert "Отчёт уже изменил другой пользователь" in page
    evidence.refresh_from_db()
    assert evidence.is_public
    report.refresh_from_db()
    assert report.version == seen + 1
