"""Writes of school reports: filing, reviewing, closing years, notifying, the daily digest.

Each write is one transaction. A refused write leaves nothing behind: no row, and no file on
disk (files saved before the refusal are deleted again).
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from monitoring.digest import digest_items
from monitoring.locks import is_year_closed
from monitoring.models import (
    DigestLog,
    EvidenceFile,
    Notification,
    ReportReview,
    ReportStatus,
    SchoolReport,
    YearClosure,
    generated_name,
)
from monitoring.periods import report_periods
from monitoring.recipients import heads_of, reviewers_of
from monitoring.rules import Execution, content_errors, execution_after_acceptance, review_errors
from monitoring.slots import activity_label
from monitoring.targets import closed_year_message, year_label
from monitoring.uploads import files_removed_on_failure
from outbox import services as outbox
from programs.models import ActivityYear
from programs.schedule import annotate_schedule


class ReportConflict(Exception):
    """Someone else changed the report after this page was opened: nothing was saved."""


REPORT_ALREADY_CREATED = (
    "Отчёт за этот период уже создан (возможно, в другой вкладке): откройте его на странице "
    "«Мои мероприятия». То, что вы ввели здесь, не сохранено — оно осталось в форме ниже, "
    "перенесите его в открытый отчёт."
)


@dataclass(frozen=True)
class FileDecision:
    review: str
    reject_reason: str = ""
    review_note: str = ""


class Decision:
    ACCEPT = "accept"
    RETURN = "return"
    FILES_ONLY = "files"


# --- Filing a report ------------------------------------------------------------------------


def _store_files(report, uploads, user, stored: list[str]):
    for checked, kind in uploads:
        evidence = EvidenceFile(
            report=report,
            kind=kind,
            original_name=checked.original_name,
            content_type=checked.format.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=user,
        )
        evidence.file.save(generated_name(checked.format.extension), checked.upload, save=False)
        stored.append(evidence.file.name)
        evidence.save()


def _refuse_empty(report, file_count: int, submit: bool):
    errors = content_errors(
        text=report.text, actual_value=report.actual_value, file_count=file_count, submitting=submit
    )
    if errors:
        raise ValidationError(errors)


def _report_link(report) -> str:
    return reverse("school_report_detail", args=[report.pk])


def _submit(report):
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.first_submitted_at = report.first_submitted_at or report.submitted_at
    notify(
        reviewers_of(report),
        f"Школа «{report.school}» отправила отчёт на проверку: "
        f"{activity_label(report.activity)[:150]}, {report.reporting_period_label}.",
        _report_link(report),
    )


def create_report(*, user, target, fields: dict, uploads, submit: bool) -> SchoolReport:
    """A new report for a checked target (report_target), with its files."""
    with files_removed_on_failure() as stored, transaction.atomic():
        report = SchoolReport(
            school=target.school,
            activity=target.activity,
            year=target.year,
            period_start=target.period.start,
            period_end=target.period.end,
            created_by=user,
            **fields,
        )
        _refuse_empty(report, len(uploads), submit)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            raise ReportConflict(REPORT_ALREADY_CREATED) from None
        _store_files(report, uploads, user, stored)
        if submit:
            _submit(report)
            report.save()
    return report


def _locked(report_id: int, seen_version: int) -> SchoolReport:
    """The report locked for the write; ReportConflict if it moved on since it was seen."""
    report = (
        SchoolReport.objects.select_for_update()
        .select_related("school", "activity__section__program")
        .get(pk=report_id)
    )
    if report.version != seen_version:
        latest = report.history.select_related("history_user").first()
        who = latest.history_user if latest else None
        by = f" ({who.get_full_name() or who.username})" if who else ""
        state = report.get_status_display()
        raise ReportConflict(
            f"Отчёт уже изменил другой пользователь{by}: сейчас он «{state}». "
            "Ваши изменения не сохранены — откройте отчёт заново и проверьте его."
        )
    return report


def _refuse_closed(report):
    program = report.activity.section.program
    if is_year_closed(program.pk, report.year):
        raise ValidationError(closed_year_message(program, report.year))


def _refuse_locked_for_school(report):
    if not report.is_editable:
        raise ValidationError(
            f"Отчёт «{report.get_status_display()}»: изменить его можно, только если координатор "
            "вернёт его на доработку."
        )


def update_report(
    *, user, report_id: int, version: int, fields: dict, uploads, submit: bool
) -> SchoolReport:
    """Save the school's changes (and new files) to a draft or returned report."""
    with files_removed_on_failure() as stored, transaction.atomic():
        report = _locked(report_id, version)
        _refuse_locked_for_school(report)
        _refuse_closed(report)
        for name, value in fields.items():
            setattr(report, name, value)
        _refuse_empty(report, report.files.count() + len(uploads), submit)
        report.version += 1
        _store_files(report, uploads, user, stored)
        if submit:
            _submit(report)
        report.save()
    return report


def delete_evidence(*, evidence: EvidenceFile, version: int):
    """Remove a file from a report the school may still change; the file leaves the disk too."""
    with transaction.atomic():
        report = _locked(evidence.report_id, version)
        _refuse_locked_for_school(report)
        _refuse_closed(report)
        name = evidence.file.name
        evidence.delete()
        report.version += 1
        report.save(update_fields=["version", "updated_at"])
        transaction.on_commit(partial(default_storage.delete, name))


def set_evidence_public(*, evidence: EvidenceFile, version: int | None, public: bool):
    """Show a file of an accepted report on the program's open page, or take it off.

    Locked and version-checked like the other writes to a report, so a page opened before the
    report changed cannot publish what it no longer shows. A closed year does not stop it:
    publishing changes what the open page shows, not the report or its decision.
    """
    with transaction.atomic():
        report = _locked(evidence.report_id, version)
        if report.status != ReportStatus.ACCEPTED:
            raise ValidationError("Публиковать можно только файлы принятого отчёта.")
        evidence.is_public = public
        evidence.save(update_fields=["is_public"])
        report.version += 1
        report.save(update_fields=["version", "updated_at"])


# --- Reviewing ------------------------------------------------------------------------------


def _apply_file_decisions(files, decisions: dict[int, FileDecision]):
    for evidence in files:
        decision = decisions.get(evidence.pk)
        if decision is None:
            continue
        changed = (evidence.review, evidence.reject_reason, evidence.review_note) != (
            decision.review,
            decision.reject_reason,
            decision.review_note,
        )
        if changed:
            evidence.review = decision.review
            evidence.reject_reason = decision.reject_reason
            evidence.review_note = decision.review_note
            evidence.save()


def review_report(
    *,
    user,
    report_id: int,
    version: int,
    decision: str,
    comment: str = "",
    file_decisions: dict[int, FileDecision] | None = None,
) -> SchoolReport:
    """Accept or return a report on review, or only mark its files; see rules for the checks."""
    with transaction.atomic():
        report = _locked(report_id, version)
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(
                f"Отчёт не ждёт проверки: сейчас он «{report.get_status_display()}»."
            )
        _refuse_closed(report)
        files = list(report.files.all())
        _apply_file_decisions(files, file_decisions or {})
        rejected = any(evidence.review == EvidenceFile.Review.REJECTED for evidence in files)
        errors = review_errors(decision=decision, comment=comment, has_rejected_files=rejected)
        if errors:
            raise ValidationError(errors)
        report.version += 1
        if decision == Decision.FILES_ONLY:
            report.save()
            return report
        if decision == Decision.ACCEPT:
            # Accepting the report accepts the files the coordinator did not mark one by one.
            for evidence in files:
                if evidence.review == EvidenceFile.Review.PENDING:
                    evidence.review = EvidenceFile.Review.ACCEPTED
                    evidence.save()
            report.status = ReportStatus.ACCEPTED
        else:
            report.status = ReportStatus.RETURNED
        report.reviewed_by = user
        report.reviewed_at = timezone.now()
        report.save()
        ReportReview.objects.create(
            report=report, decision=report.status, comment=comment.strip(), reviewer=user
        )
        if report.status == ReportStatus.ACCEPTED:
            record_execution(report.activity, report.year, user)
        _notify_school(report, comment.strip())
    return report


def _notify_school(report, comment: str):
    what = f"{activity_label(report.activity)[:150]}, {report.reporting_period_label}"
    if report.status == ReportStatus.ACCEPTED:
        text = f"Отчёт принят: {what}."
    else:
        text = f"Отчёт возвращён на доработку: {what}. Рекомендации координатора: {comment}"
    notify(heads_of(report.school_id), text, _report_link(report))


def accept_reports(*, user, reports_with_versions) -> tuple[int, list[str]]:
    """Accept several reports, each in its own transaction: one refusal does not undo others.

    Returns how many were accepted and a Russian message for each one that was not.
    """
    accepted, refused = 0, []
    for report, version in reports_with_versions:
        try:
            review_report(user=user, report_id=report.pk, version=version, decision=Decision.ACCEPT)
        except (ReportConflict, ValidationError) as error:
            reason = (
                error.args[0] if isinstance(error, ReportConflict) else " ".join(error.messages)
            )
            refused.append(f"«{report}»: {reason}")
        else:
            accepted += 1
    return accepted, refused


def record_execution(activity, year: int, user):
    """Set the activity's year from its accepted reports (rules.execution_after_acceptance).

    Written through ActivityYear.save(), so that the roadmap's history shows who and when.
    """
    program = activity.section.program
    activity_year = ActivityYear.objects.select_for_update().get(activity=activity, year=year)
    cells = list(activity.years.order_by("year"))
    annotate_schedule(activity, cells, school_year=program.school_year, today=timezone.localdate())
    cell = next(cell for cell in cells if cell.year == year)
    periods = report_periods(cell.due, year, school_year=program.school_year) if cell.is_due else []
    involved = set(activity.schools.values_list("pk", flat=True))
    owed = {(school_id, period.key) for school_id in involved for period in periods}
    accepted = {
        (school_id, period_end.isoformat()): value
        for school_id, period_end, value in SchoolReport.objects.filter(
            activity=activity, year=year, status=ReportStatus.ACCEPTED, school_id__in=involved
        ).values_list("school_id", "period_end", "actual_value")
    }
    current = Execution(activity_year.status, activity_year.actual_value)
    outcome = execution_after_acceptance(current, owed, accepted)
    if outcome != current:
        activity_year.status = outcome.status
        activity_year.actual_value = outcome.actual_value
        activity_year.updated_by = user
        activity_year.save()


# --- Closing a program year -----------------------------------------------------------------


def set_year_closed(*, user, program, year: int, close: bool, reason: str = "") -> YearClosure:
    """Close a program year (nothing may wait for review) or reopen it (a reason is required)."""
    label = year_label(program, year)
    if year not in {py.year for py in program.years}:
        raise ValidationError(f"В программе нет {year} года.")
    reason = reason.strip()
    with transaction.atomic():
        closure = YearClosure.objects.select_for_update().filter(
            program=program, year=year
        ).first() or YearClosure(program=program, year=year, is_closed=False)
        if close and closure.is_closed:
            raise ValidationError(f"{label} год уже закрыт.")
        if not close and not closure.is_closed:
            raise ValidationError(f"{label} год не закрыт.")
        if close:
            waiting = SchoolReport.objects.filter(
                activity__section__program=program, year=year, status=ReportStatus.SUBMITTED
            ).count()
            if waiting:
                raise ValidationError(
                    f"Нельзя закрыть {label} год: отчётов на проверке — {waiting}. "
                    "Примите их или верните на доработку."
                )
        elif not reason:
            raise ValidationError(
                "Укажите причину, по которой год открывается снова: она сохраняется в истории."
            )
        closure.is_closed = close
        closure.reason = reason
        closure.changed_by = user
        closure.save()
    return closure


# --- Notifications and the daily digest -----------------------------------------------------


def notify(users, text: str, link: str):
    """An in-portal notification for each person, and a letter once the write is committed."""
    from monitoring.tasks import send_notification_email_task

    for user in users:
        notification = Notification.objects.create(user=user, text=text, link=link)
        # Through the outbox: with the broker down the letter waits, it is not lost.
        outbox.enqueue(send_notification_email_task, notification.pk)


# A letter whose task gave up (the mail server was away longer than the task's retries) is
# ordered again after LETTER_RETRY_AFTER, for LETTER_RETRY_FOR.
LETTER_RETRY_AFTER = timedelta(minutes=30)
LETTER_RETRY_FOR = timedelta(days=3)


def requeue_unsent_letters(now=None) -> int:
    """Order again the letters of notifications not yet e-mailed; returns how many."""
    from monitoring.tasks import send_notification_email_task

    now = now or timezone.now()
    unsent = Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__lt=now - LETTER_RETRY_AFTER,
        created_at__gte=now - LETTER_RETRY_FOR,
        user__is_active=True,
    ).exclude(user__email="")
    ids = list(unsent.values_list("pk", flat=True)[:500])
    for notification_id in ids:
        outbox.enqueue(send_notification_email_task, notification_id)
    return len(ids)


def _absolute(link: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{link}"


def email_notification(notification_id: int):
    """Send the letter of one notification, once: a retried task finds it already sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.user.email:
            return
        body = notification.text
        if notification.link:
            body += f"\n\nОткрыть в портале: {_absolute(notification.link)}"
        send_mail(
            f"{settings.PORTAL_TITLE}: уведомление",
            body,
            None,
            [notification.user.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])


MOST_DIGEST_LINES = 30


def digest_text(user, day, lines: list[str]) -> str:
    shown = lines[:MOST_DIGEST_LINES]
    more = len(lines) - len(shown)
    parts = [
        f"Здравствуйте, {user.get_full_name() or user.username}!",
        "",
        f"Сводка портала «{settings.PORTAL_TITLE}» на {day:%d.%m.%Y}:",
        "",
        *(f"— {line}" for line in shown),
    ]
    if more:
        parts.append(f"… и ещё {more}.")
    parts += ["", f"Открыть портал: {_absolute('/')}"]
    return "\n".join(parts)


def send_digest(user, day, lines: list[str]) -> bool:
    """One letter a person a day: False when today's digest was already sent to them."""
    if DigestLog.objects.filter(user=user, day=day).exists():
        return False
    text = digest_text(user, day, lines)
    try:
        with transaction.atomic():
            DigestLog.objects.create(user=user, day=day, items=len(lines), text=text)
            if user.email:
                send_mail(
                    f"{settings.PORTAL_TITLE}: сводка на {day:%d.%m.%Y}", text, None, [user.email]
                )
    except IntegrityError:  # a run in parallel sent it a moment ago
        return False
    return True


def send_daily_digests(day) -> int:
    """The daily digest for everyone who has something in it; returns how many were sent."""
    items = digest_items(
        day, days_ahead=settings.DIGEST_DAYS_AHEAD, escalation_days=settings.REVIEW_ESCALATION_DAYS
    )
    users = get_user_model().objects.filter(is_active=True).in_bulk(list(items.lines))
    return sum(
        send_digest(users[user_id], day, lines)
        for user_id, lines in items.lines.items()
        if user_id in users
    )
