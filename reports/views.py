from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import access
from monitoring.periods import selected_year
from reports import services
from reports.drafts import section_drafts
from reports.forms import (
    DepartmentRequisitesForm,
    ReportRequestForm,
    ReportTextForm,
    ScopeReportForm,
)
from reports.models import DepartmentRequisites, GeneratedReport, ReportText
from reports.official import program_spravka
from reports.selectors import region_programs
from roadmap_portal.params import int_or_none
from schools.models import Municipality

REPORTS_PER_PAGE = 50


@login_required
def program_generated_reports(request, pk):
    program = access.program_for(request.user, pk)
    access.require(access.can_read_reports(request.user, program.municipality))
    can_generate = access.can_generate_reports(request.user, program.municipality)
    asked = int_or_none(request.POST.get("year") or request.GET.get("year"))
    year = selected_year(program, asked, timezone.localdate())
    text = ReportText.objects.filter(program=program, year=year).first() or ReportText(
        program=program, year=year
    )
    request_form = ReportRequestForm(program=program, initial={"year": year})
    # The drafts come from the справка's own data: only those who build справки need them.
    drafts = section_drafts(program_spravka(program, year)) if can_generate else {}
    text_form = ReportTextForm(instance=text, drafts=drafts)
    if request.method == "POST":
        access.require(can_generate)
        if request.POST.get("action") == "text":
            text_form = ReportTextForm(request.POST, instance=text, drafts=drafts)
            if text_form.is_valid():
                saved = text_form.save(commit=False)
                saved.updated_by = request.user
                saved.save()
                messages.success(request, "Тексты справки сохранены.")
                return redirect(f"{request.path}?year={year}")
        else:
            request_form = ReportRequestForm(request.POST, program=program)
            if request_form.is_valid():
                data = request_form.cleaned_data
                try:
                    report = services.request_report(
                        user=request.user,
                        program=program,
                        kind=data["kind"],
                        fmt=data["format"],
                        year=data["year"],
                    )
                except ValidationError as error:
                    for message in error.messages:
                        request_form.add_error(None, message)
                else:
                    return redirect("generated_report_detail", pk=report.pk)
    archive = GeneratedReport.objects.visible_to(request.user).filter(program=program)
    return render(
        request,
        "reports/program_reports.html",
        {
            "program": program,
            "year": year,
            "request_form": request_form,
            "text_form": text_form,
            "can_generate": can_generate,
            "archive": archive.select_related("requested_by")[:50],
        },
        status=400 if request_form.errors or text_form.errors else 200,
    )


@login_required
def generated_report_detail(request, pk):
    report = access.generated_report_for(request.user, pk)
    template = (
        "reports/generated_report_detail.html#status"
        if request.htmx
        else "reports/generated_report_detail.html"
    )
    return render(
        request,
        template,
        {
            "report": report,
            "can_generate": access.can_manage_generated_report(request.user, report),
        },
    )


@login_required
def generated_report_download(request, pk):
    report = access.generated_report_for(request.user, pk)
    if report.status != GeneratedReport.Status.DONE or not report.file:
        raise Http404("Файл отчёта ещё не готов.")
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.download_name)


@login_required
@require_POST
def generated_report_retry(request, pk):
    report = access.generated_report_for(request.user, pk, to_manage=True)
    if report.can_be_retried:
        services.retry_report(report)
        messages.success(request, "Отчёт поставлен в очередь ещё раз.")
    return redirect("generated_report_detail", pk=report.pk)


@login_required
def generated_report_archive(request):
    reports = GeneratedReport.objects.visible_to(request.user).select_related(
        "program", "school", "municipality", "requested_by"
    )
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    if kind in GeneratedReport.Kind.values:
        reports = reports.filter(kind=kind)
    if status in GeneratedReport.Status.values:
        reports = reports.filter(status=status)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/archive.html",
        {
            "page": page,
            "kind": kind,
            "status": status,
            "kinds": GeneratedReport.Kind.choices,
            "statuses": GeneratedReport.Status.choices,
        },
    )


def _program_years(programs) -> set[int]:
    return {program_year.year for program in programs for program_year in program.years}


def _scope_reports_page(request, municipality, school=None):
    """Справки across a municipality's programs, or of one school's part in them."""
    access.require(access.can_read_reports(request.user, municipality))
    scope = GeneratedReport.Scope.SCHOOL if school else GeneratedReport.Scope.MUNICIPALITY
    return _order_page(
        request,
        years=_program_years(services.scope_programs(request.user, municipality, school)),
        can_generate=access.can_generate_reports(request.user, municipality),
        archive=GeneratedReport.objects.visible_to(request.user).filter(
            scope=scope, municipality=municipality, school=school
        ),
        municipality=municipality,
        school=school,
    )


def _order_page(request, *, years, can_generate, archive, **place):
    """The page that orders a справка of a place (a municipality, a school, a region) for one of
    `years` and lists the place's archive."""
    form = ScopeReportForm(
        request.POST or None, years=years, initial={"year": max(years, default=None)}
    )
    if request.method == "POST":
        access.require(can_generate)
        if form.is_valid():
            report = services.request_scope_report(
                user=request.user,
                fmt=form.cleaned_data["format"],
                year=form.cleaned_data["year"],
                years=years,
                conclusions=form.cleaned_data["conclusions"],
                **place,
            )
            return redirect("generated_report_detail", pk=report.pk)
    return render(
        request,
        "reports/scope_reports.html",
        {
            **place,
            "form": form,
            "can_generate": can_generate,
            "archive": archive.select_related("requested_by")[:50],
        },
        status=400 if form.errors else 200,
    )


@login_required
def municipality_generated_reports(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    return _scope_reports_page(request, municipality)


@login_required
def region_generated_reports(request, pk):
    """The regional справка: the region's municipalities side by side, ordered by its observers
    (and administrators); a POST here only queues a file of what they may read."""
    region = access.region_for(request.user, pk)
    return _order_page(
        request,
        years=_program_years(region_programs(region)),
        can_generate=True,
        archive=GeneratedReport.objects.visible_to(request.user).filter(
            scope=GeneratedReport.Scope.REGION, region=region
        ),
        region=region,
    )


@login_required
def school_generated_reports(request, pk):
    school = access.school_for(request.user, pk)
    return _scope_reports_page(request, school.municipality, school)


@login_required
def department_requisites(request, pk):
    """The head of the department's справки: its name as on the letterhead and the addressee."""
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    access.require(access.can_generate_reports(request.user, municipality))
    requisites = DepartmentRequisites.objects.filter(municipality=municipality).first()
    form = DepartmentRequisitesForm(
        request.POST or None,
        instance=requisites or DepartmentRequisites(municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Реквизиты справок сохранены.")
        return redirect("municipality_generated_reports", pk=municipality.pk)
    return render(
        request,
        "reports/department_requisites.html",
        {"municipality": municipality, "form": form},
        status=400 if form.errors else 200,
    )
