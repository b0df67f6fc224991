"""What the daily digest tells a responsible person: their activities overdue or due soon."""

from datetime import date, timedelta

from programs.models import Activity, ActivityYear, Program
from programs.schedule import annotate_schedule
from programs.status import CLOSED_STATUSES

REPORTING_STATUSES = (Program.Status.APPROVED, Program.Status.COMPLETED)


def responsible_digest_lines(today: date, days_ahead: int) -> list[tuple[set[int], str]]:
    """(user ids, line) for responsible persons who have a login, in two queries."""
    activities = list(
        Activity.objects.filter(
            responsible__user__isnull=False, section__program__status__in=REPORTING_STATUSES
        ).select_related("responsible", "section__program")
    )
    cells = {}
    for cell in ActivityYear.objects.filter(activity__in=activities).order_by("year"):
        cells.setdefault(cell.activity_id, []).append(cell)
    soon = today + timedelta(days=days_ahead)
    lines = []
    for activity in activities:
        program = activity.section.program
        years = cells.get(activity.pk, [])
        annotate_schedule(activity, years, school_year=program.school_year, today=today)
        label = " ".join(part for part in (activity.number, activity.title[:120]) if part)
        for cell in years:
            due = cell.due.final
            if not cell.is_due or due is None or cell.status in CLOSED_STATUSES:
                continue
            if cell.is_overdue:
                text = f"Вы ответственный: просрочено (срок {due:%d.%m.%Y}): {label}"
            elif due <= soon:
                text = f"Вы ответственный: срок {due:%d.%m.%Y}: {label}"
            else:
                continue
            lines.append(({activity.responsible.user_id}, f"{text} — {program.title[:80]}"))
    return lines
