"""Run inside `manage.py shell` by the backup drill against its own database: what the portal
holds, and what it serves to a person who logs in."""

import hashlib
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse

from monitoring.models import EvidenceFile
from ops.backup import media_checksums, table_counts
from programs.models import Program
from reports.models import GeneratedReport


def order_spravka():
    """A справка built in-process (no broker): a report file in the media folder."""
    from reports import services

    program = Program.objects.order_by("pk").first()
    coordinator = get_user_model().objects.get(username="coordinator")
    report = services.request_report(
        user=coordinator, program=program, kind="spravka", fmt="pdf", year=program.years[0].year
    )
    report.refresh_from_db()
    print(json.dumps({"report": report.pk, "status": report.status}))


def snapshot():
    print(json.dumps({"rows": table_counts(), "media": media_checksums(settings.MEDIA_ROOT)}))


def _sha(response):
    return hashlib.sha256(b"".join(response.streaming_content)).hexdigest()


def serve():
    setup_test_environment()
    client = Client()
    login = client.post(reverse("login"), {"username": "coordinator", "password": "demo"})
    program = Program.objects.order_by("pk").first()
    page = client.get(reverse("program_detail", args=[program.pk]))
    report = GeneratedReport.objects.get(status=GeneratedReport.Status.DONE)
    evidence = EvidenceFile.objects.order_by("pk").first()
    print(
        json.dumps(
            {
                "login": login.status_code,
                "program_page": page.status_code,
                "title_shown": program.title in page.content.decode(),
                "report_file": _sha(
                    client.get(reverse("generated_report_download", args=[report.pk]))
                ),
                "report_name": report.file.name,
                "evidence_file": _sha(client.get(reverse("evidence_download", args=[evidence.pk]))),
                "evidence_name": evidence.file.name,
            }
        )
    )
