"""Evidence a coordinator published on the program's open page."""

from monitoring.models import (
    EvidenceFile,
    ReportStatus,
)
from programs.models import Program


def public_evidence_by_activity(program: Program) -> dict[int, list]:
    """Files a coordinator published from accepted reports of the program, by activity."""
    files = EvidenceFile.objects.filter(
        is_public=True,
        report__status=ReportStatus.ACCEPTED,
        report__activity__section__program=program,
    ).select_related("report__school")
    grouped = {}
    for evidence in files.order_by("report__activity_id", "pk"):
        grouped.setdefault(evidence.report.activity_id, []).append(evidence)
    return grouped
