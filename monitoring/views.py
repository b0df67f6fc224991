from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from simple_history.utils import bulk_update_with_history

from accounts import access
from accounts.audit import history_entries
from monitoring import matrix as matrices
from monitoring import services
from monitoring.exports import matrix_workbook
from monitoring.forms import (
    EvidenceReviewForm,
    EvidenceUploadForm,
    ReportForm,
    ReviewForm,
    YearClosureForm,
)
from monitoring.hand_in import review_response, save_response
from monitoring.locks import is_year_closed
from monitoring.models import (
    EvidenceFile,
    Notification,
    ReportStatus,
    SchoolReport,
    YearClosure,
)
from monitoring.periods import program_year_bounds, selected_year
from monitoring.queue import QUEUE_TABS, QueueFilter, missing_reports, queue_choices, queue_reports
from monitoring.rounds import school_rounds
from monitoring.services import REPORT_ALREADY_CREATED, ReportConflict
from monitoring.slots import REPORTING_PROGRAM_STATUSES
from monitoring.targets import report_target, year_label
from monitoring.uploads import download_response
from monitoring.workload import (
    school_workload,
    workload_fingerprint,
    workload_years,
    year_under_way,
)
from programs.fingerprint import cached_part, markup_digest
from programs.models import ActivityYear
from programs.selectors import public_programs
from roadmap_portal.params import int_or_none
from schools.models import School

PER_PAGE = 50
WORKLOAD_MARKUP = markup_digest("monitoring/my_activities.html")


def _date_or_none(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _errors_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- The school head's side -----------------------------------------------------------------


@dataclass
class Workload:
    """The rounds, year tabs and rendered reports of «Мои мероприятия»: cached under the
    schools' fingerprint, so a visit with nothing changed reads no activity or report."""

    rounds: list
    years: list
    year: int | None
    work: str


def workload_part(schools, today, asked_year) -> Workload:
    # One year at a time: all years of all programs made a page that grew every year.
    years = workload_years(schools)
    numbers = [tab.year for tab in years]
    year = asked_year if asked_year in numbers else year_under_way(numbers, today)
    work = school_workload(schools, today, years=[year])
    return Workload(
        rounds=school_rounds(schools, today),
        years=years,
        year=year,
        work=render_to_string("monitoring/my_activities.html#work", {"work": work}),
    )


@login_required
def my_activities(request):
    """Мои мероприятия: what each school the person heads owes, by program and year."""
    schools = list(School.objects.filter(pk__in=access.scope_of(request.user).head_schools))
    today = timezone.localdate()
    asked_year = int_or_none(request.GET.get("year"))
    shown = (
        workload_fingerprint([school.pk for school in schools]),
        [(school.pk, str(school)) for school in schools],
        today,
        asked_year,
        WORKLOAD_MARKUP,
    )
    return render(
        request,
        "monitoring/my_activities.html",
        {
            "workload": cached_part(
                "workload", shown, partial(workload_part, schools, today, asked_year)
            ),
            "today": today,
        },
    )


def _refused(request, errors, status=400):
    return render(request, "monitoring/refused.html", {"errors": errors}, status=status)


def _report_form_page(request, form, uploads, *, target=None, report=None, conflict="", status=200):
    """The report form, for a new report (a target) or an existing one."""
    place = target or report
    return render(
        request,
        "monitoring/school_report_form.html",
        {
            "conflict": conflict,
            "form": form,
            "uploads": uploads,
            "target": target,
            "report": report,
            "activity": place.activity,
            "school": place.school,
            "program": place.activity.section.program,
            "reporting_period_label": target.period.label
            if target
            else report.reporting_period_label,
            "plan": target.activity_year.planned_text
            if target
            else _plan_of(report.activity, report.year),
            "due": target.period.due if target else None,
            "files": list(report.files.all()) if report else [],
            "latest_review": report.reviews.first() if report else None,
            "max_size": settings.EVIDENCE_MAX_BYTES,
        },
        status=status,
    )


def _plan_of(activity, year) -> str:
    """The plan of the activity's year as written, shown beside the fact being reported."""
    return (
        ActivityYear.objects.filter(activity=activity, year=year)
        .values_list("planned_text", flat=True)
        .first()
        or ""
    )


@login_required
def school_report_start(request, activity_pk, school_pk, year):
    """A new report of a school for an activity's period; an existing one opens instead."""
    activity = access.activity_for(request.user, activity_pk)
    school = access.school_for(request.user, school_pk)
    access.require(access.can_report_for_school(request.user, school.pk))
    today = timezone.localdate()
    period_key = request.POST.get("period") or request.GET.get("period")
    try:
        target = report_target(activity, school, year, period_key, today)
    except ValidationError as error:
        return _refused(request, error.messages)
    existing = SchoolReport.objects.filter(
        school=school, activity=activity, year=year, period_end=target.period.end
    ).first()
    form, uploads = _report_forms(
        request.POST or None, request.FILES or None, target.program, year, today
    )
    if existing is not None and request.method == "POST":
        # A second tab sent a report another tab already created: keep what was typed in view.
        form.is_valid()
        return _report_form_page(
            request, form, uploads, target=target, conflict=REPORT_ALREADY_CREATED, status=409
        )
    if existing is not None:
        view = "school_report_edit" if existing.is_editable else "school_report_detail"
        return redirect(view, pk=existing.pk)
    return save_response(
        request,
        form,
        uploads,
        save=lambda **hand_in: services.create_report(
            user=request.user, target=target, fields=form.report_fields, **hand_in
        ),
        conflict=ReportConflict,
        page=partial(_report_form_page, request, form, uploads, target=target),
        saved=partial(_saved, request),
    )


def _report_forms(data, files, program, year, today, instance=None):
    first_day, _last = program_year_bounds(year, school_year=program.school_year)
    form = ReportForm(data, instance=instance, first_day=first_day, today=today)
    return form, EvidenceUploadForm(data, files)


def _saved(request, report):
    if report.status == ReportStatus.SUBMITTED:
        messages.success(request, "Отчёт отправлен на проверку координатору.")
    else:
        messages.success(
            request, "Черновик отчёта сохранён. Отправьте его на проверку, когда он готов."
        )
    return redirect("school_report_detail", pk=report.pk)


@login_required
def school_report_edit(request, pk):
    report = access.school_report_for(request.user, pk, to_edit=True)
    if not report.is_editable and request.method != "POST":
        messages.warning(
            request, f"Отчёт «{report.get_status_display()}»: изменить его сейчас нельзя."
        )
        return redirect("school_report_detail", pk=report.pk)
    program, today = report.activity.section.program, timezone.localdate()
    form, uploads = _report_forms(
        request.POST or None, request.FILES or None, program, report.year, today, report
    )

    def page(conflict="", status=200):
        if conflict:  # the other save stands: the form shows it, and why this one was not kept
            report.refresh_from_db()
            fresh_form, fresh_uploads = _report_forms(
                None, None, program, report.year, today, report
            )
            return _report_form_page(
                request, fresh_form, fresh_uploads, report=report, conflict=conflict, status=status
            )
        return _report_form_page(request, form, uploads, report=report, status=status)

    def save(**hand_in):
        data = form.cleaned_data  # read once the form is valid
        return services.update_report(
            user=request.user,
            report_id=report.pk,
            version=data["version"],
            fields=form.report_fields,
            **hand_in,
        )

    return save_response(
        request,
        form,
        uploads,
        save=save,
        conflict=ReportConflict,
        page=page,
        saved=partial(_saved, request),
    )


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = access.evidence_file_for(request.user, pk, to_edit=True)
    try:
        services.delete_evidence(
            evidence=evidence, version=int_or_none(request.POST.get("version"))
        )
    except ValidationError as error:
        messages.error(request, _errors_of(error))
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Файл «{evidence.original_name}» удалён из отчёта.")
    return redirect("school_report_edit", pk=evidence.report_id)


@login_required
def evidence_download(request, pk):
    """Only through this check: files are stored outside static/ and never served directly."""
    return download_response(access.evidence_file_for(request.user, pk))


# --- A report and its review ------------------------------------------------------------------


def _report_page(request, report, *, review_form=None, file_forms=None, status=200):
    program = report.activity.section.program
    is_closed = is_year_closed(program.pk, report.year)
    files = list(report.files.select_related("uploaded_by"))
    reviewing = (
        access.can_review(request.user, report)
        and report.status == ReportStatus.SUBMITTED
        and not is_closed
    )
    if reviewing and file_forms is None:
        file_forms = [EvidenceReviewForm(evidence=evidence) for evidence in files]
    return render(
        request,
        "monitoring/school_report_detail.html",
        {
            "report": report,
            "program": program,
            "plan": _plan_of(report.activity, report.year),
            "files": files,
            "reviews": report.reviews.select_related("reviewer"),
            "is_closed": is_closed,
            "can_edit": report.is_editable
            and not is_closed
            and access.can_edit_school_report(request.user, report),
            "reviewing": reviewing,
            "can_publish": report.status == ReportStatus.ACCEPTED
            and access.can_review(request.user, report),
            "review_form": review_form or ReviewForm(initial={"version": report.version}),
            "file_forms": file_forms or [],
            "entries": history_entries(
                SchoolReport.history.filter(id=report.pk),
                EvidenceFile.history.filter(report_id=report.pk),
            ),
        },
        status=status,
    )


@login_required
def school_report_detail(request, pk):
    return _report_page(request, access.school_report_for(request.user, pk))


REVIEW_DONE = {
    ReportStatus.ACCEPTED: "Отчёт принят; исполнение мероприятия обновлено.",
    ReportStatus.RETURNED: "Отчёт возвращён на доработку с вашими рекомендациями.",
}


@login_required
@require_POST
def school_report_review(request, pk):
    report = access.school_report_for(request.user, pk, to_review=True)
    file_forms = [
        EvidenceReviewForm(request.POST, evidence=evidence) for evidence in report.files.all()
    ]

    def page(report, *, review_form=None, status):
        # A refused form keeps the file marks typed; a conflict shows the report as it stands.
        marks = file_forms if review_form else None
        return _report_page(
            request, report, review_form=review_form, file_forms=marks, status=status
        )

    def decide(data):
        return services.review_report(
            user=request.user,
            report_id=report.pk,
            version=data["version"],
            decision=data["decision"],
            comment=data["comment"],
            file_decisions={f.evidence.pk: f.decision for f in file_forms},
        )

    return review_response(
        request,
        report,
        ReviewForm(request.POST),
        extra_forms=file_forms,
        decide=decide,
        conflict=ReportConflict,
        page=page,
        done=lambda report: REVIEW_DONE.get(report.status, "Отметки по файлам сохранены."),
        detail_url="school_report_detail",
    )


# --- The coordinator's side ---------------------------------------------------------------------


def queue_filter_from(query) -> QueueFilter:
    """The queue filter from the query string; values that make no sense are ignored."""
    return QueueFilter(
        program_id=int_or_none(query.get("program")),
        school_id=int_or_none(query.get("school")),
        activity_id=int_or_none(query.get("activity")),
        year=int_or_none(query.get("year")),
        period_end=_date_or_none(query.get("period")),
    )


@login_required
def review_queue(request):
    access.require(access.can_use_review_queue(request.user))
    tab = request.GET.get("tab", "")
    tab = tab if tab in QUEUE_TABS else "submitted"
    queue_filter = queue_filter_from(request.GET)
    today = timezone.localdate()
    _title, status = QUEUE_TABS[tab]
    if status is None:
        number = max(int_or_none(request.GET.get("page")) or 1, 1)
        shown = slice((number - 1) * PER_PAGE, number * PER_PAGE)
        rows = missing_reports(request.user, queue_filter, today, page=shown)
    else:
        rows = queue_reports(request.user, status, queue_filter)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    if tab == "submitted":
        for report in page:
            report.can_accept = access.can_review(request.user, report)
    counts = dict(
        queue_filter.apply(SchoolReport.objects.visible_to(request.user))
        .filter(activity__section__program__status__in=REPORTING_PROGRAM_STATUSES)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return render(
        request,
        "monitoring/review_queue.html",
        {
            "tab": tab,
            "tabs": [
                (key, title, counts.get(tab_status, 0) if tab_status else None)
                for key, (title, tab_status) in QUEUE_TABS.items()
            ],
            "page": page,
            # An observer reads the queue but accepts nothing: no checkboxes, no button.
            "can_accept_any": any(getattr(report, "can_accept", False) for report in page),
            "filter": queue_filter,
            "choices": queue_choices(request.user, queue_filter),
            "today": today,
        },
    )


def _back_to_queue(request):
    back = request.POST.get("back", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("review_queue")


@login_required
@require_POST
def bulk_accept(request):
    """Accept the ticked reports; each is checked against the person's scope and its version."""
    access.require(access.can_use_review_queue(request.user))
    ids = [pk for pk in map(int_or_none, request.POST.getlist("report")) if pk]
    if not ids:
        messages.error(request, "Отметьте отчёты, которые нужно принять.")
        return _back_to_queue(request)
    found = SchoolReport.objects.visible_to(request.user).select_related(
        "school", "activity__section__program"
    )
    found = {report.pk: report for report in found.filter(pk__in=ids)}
    items, refused = [], []
    for pk in ids:
        report = found.get(pk)
        if report is None or not access.can_review(request.user, report):
            refused.append(f"Отчёт № {pk} не найден или его проверяет другой координатор.")
        else:
            items.append((report, int_or_none(request.POST.get(f"version-{pk}"))))
    accepted, not_accepted = services.accept_reports(user=request.user, reports_with_versions=items)
    if accepted:
        messages.success(request, f"Принято отчётов: {accepted}.")
    for message in refused + not_accepted:
        messages.error(request, f"Не принят: {message}")
    return _back_to_queue(request)


def _matrix_of(request, pk):
    program = access.program_for(request.user, pk)
    access.require(access.can_read_reports(request.user, program.municipality))
    today = timezone.localdate()
    asked = int_or_none(request.GET.get("year"))
    year = selected_year(program, asked, today)
    if asked is None:
        # Opened without a year: the year under way, or the latest one before it with reports
        # owed when it has none (looked up first, so that one matrix is built).
        year = matrices.latest_year_with_slots(request.user, program, before=year + 1) or year
    return matrices.report_matrix(request.user, program, year, today)


@login_required
def school_report_matrix(request, pk):
    """Школы × мероприятия: who reported what in a program year; closing the year."""
    matrix = _matrix_of(request, pk)
    program = matrix.program
    return render(
        request,
        "monitoring/school_report_matrix.html",
        {
            "matrix": matrix,
            "program": program,
            "year_label": year_label(program, matrix.year),
            "can_close": access.can_close_year(request.user, program),
            "closure_form": YearClosureForm(),
            "entries": history_entries(
                YearClosure.history.filter(program_id=program.pk, year=matrix.year)
            ),
        },
    )


@login_required
def school_report_matrix_xlsx(request, pk):
    matrix = _matrix_of(request, pk)
    response = HttpResponse(
        matrix_workbook(matrix),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"otchety-shkol-{matrix.program.pk}-{matrix.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def year_closure(request, pk, year):
    program = access.program_for(request.user, pk)
    access.require(access.can_close_year(request.user, program))
    form = YearClosureForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите действие: закрыть год или открыть его снова.")
    else:
        close = form.cleaned_data["action"] == "close"
        try:
            services.set_year_closed(
                user=request.user,
                program=program,
                year=year,
                close=close,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, _errors_of(error))
        else:
            messages.success(
                request,
                "Год закрыт: отчёты и исполнение за него больше не меняются."
                if close
                else "Год открыт снова; причина сохранена в истории.",
            )
    return redirect(f"{reverse('school_report_matrix', args=[program.pk])}?year={year}")


# --- Notifications ------------------------------------------------------------------------------


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "monitoring/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_mark_read(request):
    unread = list(Notification.objects.filter(user=request.user, is_read=False))
    for notification in unread:
        notification.is_read = True
    bulk_update_with_history(unread, Notification, ["is_read"])
    messages.success(request, "Все уведомления отмечены прочитанными.")
    return redirect("notification_list")


@login_required
@require_POST
def evidence_publish(request, pk):
    """Show an accepted file on the program's open page, or take it off."""
    evidence = access.evidence_file_for(request.user, pk)
    access.require(access.can_review(request.user, evidence.report))
    public = request.POST.get("public") == "1"
    try:
        services.set_evidence_public(
            evidence=evidence, version=int_or_none(request.POST.get("version")), public=public
        )
    except ValidationError as error:
        messages.error(request, _errors_of(error))
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Файл показан на открытой странице программы."
            if public
            else "Файл убран с открытой страницы.",
        )
    return redirect("school_report_detail", pk=evidence.report_id)


def public_evidence_download(request, pk):
    """A file a coordinator published, from the open page of a published program; no login."""
    evidence = access.get_or_404(
        EvidenceFile.objects.filter(
            is_public=True,
            report__status=ReportStatus.ACCEPTED,
            report__activity__section__program__in=public_programs(),
        ),
        pk=pk,
    )
    return download_response(evidence)
