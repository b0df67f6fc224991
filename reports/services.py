"""Requesting and building reports. The same code runs in a Celery worker, in-process without a
broker, and in the build_report command."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import override

from accounts import access
from programs.models import Program
from reports.models import GeneratedReport, ReportText
from reports.selectors import (
    municipality_spravka_data,
    official_roadmap_data,
    school_spravka_data,
    spravka_data,
)

logger = logging.getLogger(__name__)


def builder_for(kind: str, fmt: str):
    """The builder function of a report kind and format.

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
        return ["Неизвестный формат: выберите PDF или XLSX."]
    return []


def _queue(**fields) -> GeneratedReport:
    """Archive the request and build it once the request is committed."""
    from reports.tasks import build_report_task

    report = GeneratedReport.objects.create(stage="В очереди", **fields)
    transaction.on_commit(lambda: build_report_task.delay(report.pk))
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


def request_scope_report(*, user, municipality, school=None, fmt, year, years, conclusions=""):
    """A справка across the municipality's programs, or of one school's part in them.

    `years` are the years the programs in that scope run: a справка for another year would
    be empty.
    """
    errors = _format_errors(fmt)
    if year not in years:
        labels = ", ".join(str(y) for y in sorted(years)) or "программ нет"
        errors.append(f"Отчётный год должен быть одним из лет программ: {labels}.")
    if errors:
        raise ValidationError(errors)
    return _queue(
        scope=GeneratedReport.Scope.SCHOOL if school else GeneratedReport.Scope.MUNICIPALITY,
        municipality=municipality,
        school=school,
        year=year,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=fmt,
        requested_by=user,
        conclusions=conclusions,
    )


def _set_progress(report_id, **fields):
    # Saved at once, outside any transaction, so that the page polling the report sees it.
    GeneratedReport.objects.filter(pk=report_id).update(**fields)


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
        access.visible_programs(user) if user is not None else Program.objects.all()
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
        text = ReportText.objects.filter(program=report.program, year=report.year).first()
        data = spravka_data(report.program, report.year, text)
    elif report.scope == GeneratedReport.Scope.SCHOOL:
        if user is not None:
            access.school_for(user, report.school_id)
        programs = scope_programs(user, report.municipality, report.school)
        data = school_spravka_data(report.school, programs, report.year)
    else:
        if user is not None and not access.can_read_reports(user, report.municipality):
            raise Http404
        programs = scope_programs(user, report.municipality)
        data = municipality_spravka_data(report.municipality, programs, report.year)
    data.conclusions = report.conclusions
    return data


def build_report(report_id: int) -> GeneratedReport:
    """Build the file of an archived request. Idempotent: a finished report is left as it is, a
    report whose worker died half-way is simply built again."""
    report = GeneratedReport.objects.select_related("program__municipality", "requested_by").get(
        pk=report_id
    )
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
        with override("ru"):
            data = report_data(report)
            builder = builder_for(report.kind, report.format)
            content = builder(data, on_stage=ProgressReporter(report.pk))
    except Http404:
        return _fail(report, "У заказчика отчёта больше нет доступа к этой программе.")
    except ReportBuildError as error:
        return _fail(report, str(error))
    _set_progress(report.pk, stage="Сохранение файла", progress=95)
    report.refresh_from_db()
    report.file.save(report.download_name, ContentFile(content), save=False)
    report.size = len(content)
    report.checksum = hashlib.sha256(content).hexdigest()
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


def retry_report(report: GeneratedReport):
    from reports.tasks import build_report_task

    _set_progress(
        report.pk,
        status=GeneratedReport.Status.QUEUED,
        stage="В очереди (повтор)",
        progress=0,
        error="",
        finished_at=None,
    )
    transaction.on_commit(lambda: build_report_task.delay(report.pk))


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
