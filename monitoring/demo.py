"""Demo school reports of the demo login `head` (МБОУ Кормовская СОШ), reviewed by
`coordinator`: an accepted report with a file, a returned one with recommendations and one
waiting for review. Running it again adds nothing; it needs programs.demo.load_demo() first."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from monitoring import services
from monitoring.models import EvidenceKind, Notification, SchoolReport
from monitoring.owed import owed_refreshed_at_end
from monitoring.targets import report_target
from monitoring.uploads import check_upload
from programs.models import Activity

# A one-page PDF: enough for the content check and for a viewer to open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class DemoReport:
    activity_number: str
    year: int
    text: str
    actual_value: int | None
    done_on: date
    decision: str | None  # None: left on review
    comment: str = ""
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, kind)


DEMO_REPORTS = [
    DemoReport(
        "4.1.",
        2021,
        "Разработаны и утверждены показатели эффективности деятельности педагогов; "
        "заключены эффективные контракты с 14 педагогами.",
        1,
        date(2021, 11, 25),
        services.Decision.ACCEPT,
        files=[("Приказ об эффективном контракте.pdf", EvidenceKind.ORDER)],
    ),
    DemoReport(
        "2.4.",
        2022,
        "Педагоги школы выступили на муниципальной конференции с опытом работы по программе.",
        1,
        date(2022, 10, 14),
        services.Decision.RETURN,
        comment="Приложите протокол конференции с подписью председателя и список выступивших.",
    ),
    DemoReport(
        "4.1.",
        2022,
        "Показатели эффективности пересмотрены по итогам года; эффективные контракты — "
        "с 15 педагогами.",
        1,
        date(2022, 12, 12),
        None,
        files=[("Протокол педсовета № 3.pdf", EvidenceKind.MINUTES)],
    ),
]


def _users():
    users = get_user_model().objects.filter(username__in=["head", "coordinator"])
    return {user.username: user for user in users}


@transaction.atomic
@owed_refreshed_at_end()  # the reports owed recomputed once, not after each report
def load_demo_reports() -> int:
    """Add the demo reports that are missing; returns how many were added.

    Their notifications stay in the portal only: set-up sends no letters (they are marked sent
    before the letter tasks, queued for after the commit, look at them).
    """
    started = timezone.now()
    added = _add_demo_reports()
    Notification.objects.filter(created_at__gte=started, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    return added


def _add_demo_reports() -> int:
    users = _users()
    if set(users) != {"head", "coordinator"}:
        return 0
    head, coordinator = users["head"], users["coordinator"]
    school = head.memberships.get(role=Role.HEAD).school
    today = timezone.localdate()
    added = 0
    for demo in DEMO_REPORTS:
        activity = (
            Activity.objects.filter(schools=school, number=demo.activity_number)
            .select_related("section__program")
            .first()
        )
        if activity is None:
            continue
        try:
            target = report_target(activity, school, demo.year, None, today)
        except ValidationError:  # a closed year, or a roadmap changed since: nothing to add
            continue
        if SchoolReport.objects.filter(
            school=school, activity=activity, year=demo.year, period_end=target.period.end
        ).exists():
            continue
        uploads = [
            (check_upload(SimpleUploadedFile(name, DEMO_PDF, "application/pdf")), kind)
            for name, kind in demo.files
        ]
        report = services.create_report(
            user=head,
            target=target,
            fields={"text": demo.text, "actual_value": demo.actual_value, "done_on": demo.done_on},
            uploads=uploads,
            submit=True,
        )
        if demo.decision:
            services.review_report(
                user=coordinator,
                report_id=report.pk,
                version=report.version,
                decision=demo.decision,
                comment=demo.comment,
            )
        added += 1
    return added
