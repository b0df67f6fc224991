"""Requesting and building reports. The same code runs in a Celery worker, in-process without a
broker, and in the build_report command."""

import hashlib
import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import override

from accounts import access
from outbox import services as outbox
from programs.models import Program
from reports.models import GeneratedReport, ReportText
from reports.official import program_spravka, with_scope_details
from reports.selectors import (
    municipality_spravka_data,
    official_roadmap_data,
    regional_spravka_data,
    school_spravka_data,
)

logger = logging.getLogger(__name__)


def builder_for(kind: str, fmt: str):
    """The builder function of a report kind ("spravka", "roadmap", "regional") and format.

    Imported on use: WeasyPrint takes half a second to import, and web processes that only
    queue reports never need it.
    """
    from reports import builders

    return getattr(builders, f"{kind}_{fmt}")


def validate_request(program: Program, kind: str, fmt: str, year: int | None) -> list[str]:
    """Russian messages for a report request that cannot be built; empty when it can."""
    errors = _format_errors(fmt)
    if kind not in GeneratedReport.Kind.values:
        errors.append("Неизвестный вид отчёта: выберите справку или дорожную карту.")
    if kind == GeneratedReport.Kind.SPRAVKA:
        years = {py.year for py in program.years}
        if year not in years:
            labels = ", ".join(py.label for py in program.years)
            errors.append(f"Отчётный год должен быть одним из лет программы: {labels}.")
    return errors


def _format_errors(fmt):
    if fmt not in GeneratedReport.Format.values:
        return [f"Неизвестный формат: выберите {', '.join(GeneratedReport.Format.labels)}."]
    return []


def _queue(**fields) -> GeneratedReport:
    """Archive the request and build it once the request is committed (through the outbox: a
    broker that is down delays the build, never loses it)."""
    from reports.tasks import build_report_task

    report = GeneratedReport.objects.create(
        stage="В очереди", heartbeat_at=timezone.now(), **fields
    )
    outbox.enqueue(build_report_task, report.pk)
    return report


def request_report(*, user, program: Program, kind: str, fmt: str, year: int | None):
    """A справка or the official roadmap of one program."""
    errors = validate_request(program, kind, fmt, year)
    if errors:
        raise ValidationError(errors)
    is_spravka = kind == GeneratedReport.Kind.SPRAVKA
    text = ReportText.objects.filter(program=program, year=year).first() if is_spravka else None
    return _queue(
        scope=GeneratedReport.Scope.PROGRAM,
        municipality_id=program.municipality_id,
        program=program,
        year=year if is_spravka else None,
        kind=kind,
        format=fmt,
        requested_by=user,
        conclusions=text.conclusions if text else "",
    )


def request_scope_report(
    *, user, municipality=None, school=None, region=None, fmt, year, years, conclusions=""
):
    """A справка across the municipality's programs, of one school's part in them, or of the
    region's municipalities side by side (`region`, without a municipality).

    `years` are the years the programs in that scope run: a справка for another year would
    be empty.
    """
    errors = _format_errors(fmt)
    if year not in years:
        labels = ", ".join(str(y) for y in sorted(years)) or "программ нет"
        errors.append(f"Отчётный год должен быть одним из лет программ: {labels}.")
    if errors:
        raise ValidationError(errors)
    if region is not None:
        scope = GeneratedReport.Scope.REGION
    else:
        scope = GeneratedReport.Scope.SCHOOL if school else GeneratedReport.Scope.MUNICIPALITY
    return _queue(
        scope=scope,
        municipality=municipality,
        school=school,
        region=region,
        year=year,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=fmt,
        requested_by=user,
        conclusions=conclusions,
    )


def _set_progress(report_id, **fields):
    # Saved at once, outside any transaction, so that the page polling the report sees it.
    GeneratedReport.objects.filter(pk=report_id).update(heartbeat_at=timezone.now(), **fields)


@contextmanager
def _heartbeat(report_id):
    """While the build runs, a thread marks the report alive every REPORTS_HEARTBEAT_SECONDS:
    a build whose worker was killed falls silent, and the sweeper marks it failed."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.REPORTS_HEARTBEAT_SECONDS):
                GeneratedReport.objects.filter(
                    pk=report_id, status=GeneratedReport.Status.RUNNING
                ).update(heartbeat_at=timezone.now())
        finally:
            connections.close_all()  # the thread's own connection

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


class ProgressReporter:
    """Turns the builder's stage names into a growing percentage on the archive row."""

    def __init__(self, report_id):
        self.report_id = report_id
        self.percent = 10

    def __call__(self, stage: str):
        self.percent = min(self.percent + 15, 90)
        _set_progress(self.report_id, stage=stage, progress=self.percent)


def scope_programs(user, municipality, school=None):
    """The programs a municipality or school справка covers, as the person who asked sees them
    (a scheduled report, asked by nobody, covers all of them)."""
    programs = (
        Program.objects.visible_to(user) if user is not None else Program.objects.all()
    ).filter(municipality=municipality)
    if school is not None:
        programs = programs.filter(pk__in=access.programs_involving([school.pk]))
    return list(programs.exclude(status=Program.Status.ARCHIVED).order_by("title"))


def report_data(report: GeneratedReport):
    """The plain data of the report, gathered with the scope of the person who asked for it."""
    user = report.requested_by
    if report.scope == GeneratedReport.Scope.PROGRAM:
        if user is not None:
            access.program_for(user, report.program_id)  # raises Http404 out of scope
        if report.kind == GeneratedReport.Kind.ROADMAP:
            return official_roadmap_data(report.program)
        data = program_spravka(report.program, report.year)
    elif report.scope == GeneratedReport.Scope.REGION:
        if user is not None and not access.can_read_region(user, report.region_id):
            raise Http404
        data = regional_spravka_data(report.region, report.year)
    elif report.scope == GeneratedReport.Scope.SCHOOL:
        if user is not None:
            access.school_for(user, report.school_id)
        programs = scope_programs(user, report.municipality, report.school)
        data = school_spravka_data(report.school, programs, report.year)
        with_scope_details(data, report.municipality, programs, report.year, report.school)
    else:
        if user is not None and not access.can_read_reports(user, report.municipality):
            raise Http404
        programs = scope_programs(user, report.municipality)
        data = municipality_spravka_data(report.municipality, programs, report.year)
        with_scope_details(data, report.municipality, programs, report.year)
    data.conclusions = report.conclusions
    return data


def build_report(report_id: int) -> GeneratedReport:
    """Build the file of an archived request. Idempotent: a finished report is left as it is, a
    report whose worker died half-way is simply built again."""
    report = GeneratedReport.objects.select_related(
        "program__municipality", "region", "requested_by"
    ).get(pk=report_id)
    if report.status == GeneratedReport.Status.DONE:
        return report
    _set_progress(
        report.pk,
        status=GeneratedReport.Status.RUNNING,
        started_at=timezone.now(),
        attempts=report.attempts + 1,
        stage="Сбор данных",
        progress=5,
        error="",
    )
    from reports.builders import ReportBuildError

    try:
        with override("ru"), _heartbeat(report.pk):
            data = report_data(report)
            kind = "regional" if report.scope == GeneratedReport.Scope.REGION else report.kind
            builder = builder_for(kind, report.format)
            content = builder(data, on_stage=ProgressReporter(report.pk))
    except Http404:
        return _fail(report, "У заказчика отчёта больше нет доступа к этой программе.")
    except ReportBuildError as error:
        return _fail(report, str(error))
    except SoftTimeLimitExceeded:
        return _fail(report, TIME_LIMIT_MESSAGE)
    except Exception:
        # Whatever else went wrong, the order must not stay «формируется» forever; the task
        # may still retry it (a database that was away).
        logger.exception("Отчёт %s: непредвиденная ошибка построения", report.pk)
        _fail(report, UNEXPECTED_MESSAGE)
        raise
    _set_progress(report.pk, stage="Сохранение файла", progress=95)
    report.refresh_from_db()
    report.file.save(report.download_name, ContentFile(content), save=False)
    report.size = len(content)
    report.checksum = hashlib.sha256(content).hexdigest()
    # Only a справка with conclusions is final; without them it was built as a «ПРОЕКТ».
    report.is_draft = report.kind == GeneratedReport.Kind.SPRAVKA and not data.conclusions.strip()
    report.status = GeneratedReport.Status.DONE
    report.stage = "Готово"
    report.progress = 100
    report.finished_at = timezone.now()
    report.save()
    return report


def _fail(report, message):
    logger.warning("Отчёт %s не построен: %s", report.pk, message)
    _set_progress(
        report.pk,
        status=GeneratedReport.Status.FAILED,
        error=message,
        stage="Ошибка",
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def retry_report(report: GeneratedReport, stage="В очереди (повтор)"):
    from reports.tasks import build_report_task

    _set_progress(
        report.pk,
        status=GeneratedReport.Status.QUEUED,
        stage=stage,
        progress=0,
        error="",
        finished_at=None,
    )
    outbox.enqueue(build_report_task, report.pk)


TIME_LIMIT_MESSAGE = (
    "построение заняло больше отведённого времени и остановлено. Нажмите «Повторить»; если "
    "ошибка повторится, закажите отчёт меньшего охвата."
)
UNEXPECTED_MESSAGE = "непредвиденная ошибка при построении. Нажмите «Повторить»."
STOPPED_MESSAGE = (
    "построение прервалось: обработчик задач остановился или превысил отведённое время. "
    "Нажмите «Повторить»."
)


def sweep_reports(now=None) -> tuple[int, int]:
    """Run every minute by beat. Orders queued too long without a worker taking them are handed
    to the broker again; builds whose heartbeat stopped (the worker was killed or hit the hard
    time limit) are marked failed, ready for «Повторить». Returns (requeued, failed)."""
    now = now or timezone.now()
    Status = GeneratedReport.Status
    queued_before = now - timedelta(seconds=settings.REPORTS_QUEUE_STALE_SECONDS)
    silent_before = now - timedelta(seconds=settings.REPORTS_HEARTBEAT_STALE_SECONDS)
    stuck = GeneratedReport.objects.filter(status=Status.QUEUED).filter(
        Q(heartbeat_at__lt=queued_before)
        | Q(heartbeat_at__isnull=True, requested_at__lt=queued_before)
    )
    requeued = 0
    for report in stuck:
        with transaction.atomic():
            retry_report(report, stage="В очереди (поставлен повторно)")
        requeued += 1
    dead = GeneratedReport.objects.filter(status=Status.RUNNING).filter(
        Q(heartbeat_at__lt=silent_before)
        | Q(heartbeat_at__isnull=True, started_at__lt=silent_before)
    )
    failed = dead.update(
        status=Status.FAILED, stage="Ошибка", error=STOPPED_MESSAGE, finished_at=now
    )
    if requeued or failed:
        logger.warning("Отчёты: повторно в очереди %s, прерванных %s", requeued, failed)
    return requeued, failed


def prepare_year_end_reports(today=None) -> list[GeneratedReport]:
    """Queue the справка of the current year for every approved program running this year,
    once per program year."""
    today = today or timezone.localdate()
    reports = []
    programs = Program.objects.filter(
        status=Program.Status.APPROVED, start_year__lte=today.year, end_year__gte=today.year
    )
    for program in programs:
        year = next((py.year for py in program.years if py.year == today.year), None)
        # Once per program year: a re-run of beat (or of this function) adds nothing.
        already = (
            GeneratedReport.objects.filter(
                program=program, year=year, kind=GeneratedReport.Kind.SPRAVKA, requested_by=None
            )
            .exclude(status=GeneratedReport.Status.FAILED)
            .exists()
        )
        if year is None or already:
            continue
        with transaction.atomic():
            reports.append(
                request_report(
                    user=None,
                    program=program,
                    kind=GeneratedReport.Kind.SPRAVKA,
                    fmt=GeneratedReport.Format.PDF,
                    year=year,
                )
            )
    return reports
