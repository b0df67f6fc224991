"""The daily digest: what each person is told about deadlines, returns and waiting reviews."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Membership, Role
from monitoring.models import (
    ReportStatus,
    SchoolReport,
)
from monitoring.rounds import round_digest_lines
from monitoring.slots import (
    REPORTING_PROGRAM_STATUSES,
    Slot,
    activity_label,
    report_slots,
)
from people.digest import responsible_digest_lines
from programs.models import Activity


@dataclass
class DigestItems:
    """What each person's digest says, by user id; lines in the order they are found."""

    lines: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, user_ids, line: str):
        for user_id in user_ids:
            self.lines[user_id].append(line)


def _slot_text(slot: Slot) -> str:
    return f"{slot.school}: {slot.line_label[:120]} — {slot.program.title[:80]}"


def _report_text(report) -> str:
    return (
        f"{report.school}: {activity_label(report.activity)[:120]}, {report.reporting_period_label}"
    )


def digest_items(today: date, *, days_ahead: int, escalation_days: int) -> DigestItems:
    """Deadlines within `days_ahead` days and overdue reports for the heads of schools; reports
    waiting for review for the coordinators; reviews waiting longer than `escalation_days` for
    the department specialists of the municipality."""
    items = DigestItems()
    _add_school_deadlines(items, today, days_ahead)
    _add_waiting_reviews(items, today, escalation_days)
    # Reporting rounds and responsible persons (issue 12).
    for user_ids, line in [
        *round_digest_lines(today, days_ahead),
        *responsible_digest_lines(today, days_ahead),
    ]:
        items.add(user_ids, line)
    return items


def _add_school_deadlines(items: DigestItems, today: date, days_ahead: int):
    heads = defaultdict(set)
    for user_id, school_id in Membership.objects.filter(
        role=Role.HEAD, school__isnull=False
    ).values_list("user_id", "school_id"):
        heads[school_id].add(user_id)
    activities = Activity.objects.filter(
        schools__in=list(heads), section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    slots = report_slots(activities, school_ids=list(heads), today=today)
    for slot in sorted(slots, key=lambda slot: (slot.period.due or today, slot.school.pk)):
        if slot.is_closed:
            continue
        due = f"{slot.period.due:%d.%m.%Y}" if slot.period.due else ""
        if slot.is_returned:
            items.add(heads[slot.school.pk], f"Отчёт возвращён на доработку: {_slot_text(slot)}")
        elif slot.is_overdue:
            items.add(heads[slot.school.pk], f"Просрочен отчёт (срок {due}): {_slot_text(slot)}")
        elif slot.is_due_within(days_ahead):
            items.add(heads[slot.school.pk], f"Срок отчёта {due}: {_slot_text(slot)}")


def _add_waiting_reviews(items: DigestItems, today: date, escalation_days: int):
    coordinators, specialists = defaultdict(list), defaultdict(set)
    for membership in Membership.objects.filter(
        role__in=[Role.COORDINATOR, Role.SPECIALIST], municipality__isnull=False
    ).prefetch_related("curated_schools"):
        if membership.role == Role.COORDINATOR:
            curated = {school.pk for school in membership.curated_schools.all()}
            coordinators[membership.municipality_id].append((membership.user_id, curated))
        else:
            specialists[membership.municipality_id].add(membership.user_id)
    waiting = SchoolReport.objects.filter(
        status=ReportStatus.SUBMITTED,
        activity__section__program__status__in=REPORTING_PROGRAM_STATUSES,
    ).select_related("school", "activity__section__program")
    escalate_before = today - timedelta(days=escalation_days)
    for report in waiting.order_by("submitted_at", "id"):
        municipality_id = report.activity.section.program.municipality_id
        since = timezone.localdate(report.submitted_at) if report.submitted_at else today
        reviewers = {
            user_id
            for user_id, curated in coordinators[municipality_id]
            if not curated or report.school_id in curated
        }
        items.add(reviewers, f"Ждёт вашей проверки с {since:%d.%m.%Y}: {_report_text(report)}")
        if since <= escalate_before:
            items.add(
                specialists[municipality_id],
                f"Отчёт ждёт проверки дольше {escalation_days} дн. (с {since:%d.%m.%Y}): "
                f"{_report_text(report)}",
            )
