from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import access
from accounts.audit import history_entries
from monitoring.hand_in import review_response, save_response
from monitoring.uploads import check_upload, download_response
from risks import selectors, services
from risks.exports import matrix_workbook
from risks.forms import (
    YEAR_BOUNDS,
    ActivityFactorsForm,
    DocumentForm,
    DocumentReviewForm,
    DocumentUploadForm,
    ProfileForm,
    ProfileImportForm,
)
from risks.imports import ProfileImport, read_profiles
from risks.levels import level_label
from risks.models import (
    DocumentFile,
    DocumentStatus,
    FactorLevel,
    RiskFactor,
    RiskProfile,
    SchoolDocument,
)
from risks.services import DocumentConflict
from schools.models import Municipality, School

# A profile changes ten levels at once: the page shows the latest changes, not all of them.
HISTORY_LIMIT = 40
IMPORT_SESSION_KEY = "risk_profile_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year_from(request, schools) -> int:
    """The year asked for; else the latest year with profiles of these schools; else this year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year and YEAR_BOUNDS[0] <= year <= YEAR_BOUNDS[1]:
        return year
    latest = RiskProfile.objects.filter(school__in=schools).aggregate(year=Max("year"))["year"]
    return latest or timezone.localdate().year


def _years_around(year: int, schools) -> list[int]:
    years = set(
        RiskProfile.objects.filter(school__in=schools).values_list("year", flat=True).distinct()
    )
    return sorted(years | {year})


# --- A school's risks -------------------------------------------------------------------------


@login_required
def school_risks(request, pk):
    """A school's risk profile of a year (beside the year before), its documents, its gaps."""
    school = access.school_for(request.user, pk)
    one = School.objects.filter(pk=school.pk)
    year = _year_from(request, one)
    matrix = selectors.risk_matrix(one, year)
    row = matrix.rows[0] if matrix.rows else None
    previous = selectors.profiles_of([school.pk], year - 1).get(school.pk)
    lines = []
    for factor in matrix.factors:
        cell = next((c for c in row.cells if c.factor == factor), None) if row else None
        before = previous.level_of.get(factor.pk, "") if previous else ""
        lines.append(
            {
                "factor": factor,
                "cell": cell,
                "label": cell.label if cell else level_label(""),
                "before": level_label(before) if previous else "",
                "trend": _trend(before, cell.level if cell else ""),
            }
        )
    return render(
        request,
        "risks/school_risks.html",
        {
            "school": school,
            "year": year,
            "years": _years_around(year, one),
            "row": row,
            "lines": lines,
            "previous": previous,
            "gaps": matrix.gaps,
            "documents": selectors.school_documents(school),
            "can_edit_profile": access.can_edit_risk_profile(request.user, school),
            "can_write": access.can_write_school_documents(request.user, school.pk),
            "can_read_matrix": access.can_read_reports(request.user, school.municipality),
            "entries": history_entries(
                RiskProfile.history.filter(school_id=school.pk),
                FactorLevel.history.filter(profile__school_id=school.pk),
                limit=HISTORY_LIMIT,
            ),
        },
    )


LEVEL_RANK = {"high": 3, "medium": 2, "low": 1, "not_relevant": 0}


def _trend(before: str, now: str) -> str:
    if not before or not now or before == now:
        return ""
    return "снизился" if LEVEL_RANK[now] < LEVEL_RANK[before] else "вырос"


@login_required
def risk_profile_edit(request, pk, year):
    school = access.school_for(request.user, pk)
    access.require(access.can_edit_risk_profile(request.user, school))
    if not YEAR_BOUNDS[0] <= year <= YEAR_BOUNDS[1]:
        raise Http404(f"Профиль рисков ведётся за {YEAR_BOUNDS[0]}–{YEAR_BOUNDS[1]} годы.")
    factors = selectors.factors_of(year)
    profile = selectors.profiles_of([school.pk], year).get(school.pk)
    form = ProfileForm(request.POST or None, factors=factors, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(
                user=request.user,
                school=school,
                year=year,
                source=form.cleaned_data["source"],
                levels=form.levels,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Профиль рисков на {year:d} год сохранён.")
            return redirect(f"{reverse('school_risks', args=[school.pk])}?year={year:d}")
    return render(
        request,
        "risks/profile_form.html",
        {"school": school, "year": year, "form": form},
        status=400 if form.errors else 200,
    )


# --- School documents ---------------------------------------------------------------------------


def _document_form_page(request, form, uploads, *, school, document=None, conflict="", status=200):
    return render(
        request,
        "risks/document_form.html",
        {
            "school": school,
            "document": document,
            "form": form,
            "uploads": uploads,
            "files": list(document.files.all()) if document else [],
            "latest_review": document.reviews.first() if document else None,
            "conflict": conflict,
        },
        status=status,
    )


def _document_saved(request, document):
    if document.status == DocumentStatus.ON_REVIEW:
        messages.success(request, "Документ отправлен на экспертизу координатору.")
    else:
        messages.success(request, "Документ сохранён. Отправьте его на экспертизу, когда он готов.")
    return redirect("risk_document_detail", pk=document.pk)


@login_required
def risk_document_create(request, pk):
    school = access.school_for(request.user, pk)
    access.require(access.can_write_school_documents(request.user, school.pk))
    initial = {"kind": request.GET.get("kind"), "factor": request.GET.get("factor")}
    form = DocumentForm(request.POST or None, initial=initial)
    uploads = DocumentUploadForm(request.POST or None, request.FILES or None)
    return save_response(
        request,
        form,
        uploads,
        save=lambda **hand_in: services.create_document(
            user=request.user, school=school, fields=form.document_fields, **hand_in
        ),
        conflict=DocumentConflict,
        page=partial(_document_form_page, request, form, uploads, school=school),
        saved=partial(_document_saved, request),
    )


@login_required
def risk_document_edit(request, pk):
    document = access.risk_document_for(request.user, pk, to_edit=True)
    if not document.is_editable_by_school and request.method != "POST":
        messages.warning(
            request, f"Документ «{document.get_status_display()}»: изменить его сейчас нельзя."
        )
        return redirect("risk_document_detail", pk=document.pk)
    form = DocumentForm(request.POST or None, instance=document)
    uploads = DocumentUploadForm(request.POST or None, request.FILES or None)

    def page(conflict="", status=200):
        if conflict:
            document.refresh_from_db()
            fresh = DocumentForm(instance=document)
            return _document_form_page(
                request,
                fresh,
                DocumentUploadForm(),
                school=document.school,
                document=document,
                conflict=conflict,
                status=status,
            )
        return _document_form_page(
            request, form, uploads, school=document.school, document=document, status=status
        )

    def save(**hand_in):
        return services.update_document(
            user=request.user,
            document_id=document.pk,
            version=form.cleaned_data["version"],
            fields=form.document_fields,
            **hand_in,
        )

    return save_response(
        request,
        form,
        uploads,
        save=save,
        conflict=DocumentConflict,
        page=page,
        saved=partial(_document_saved, request),
    )


def _document_page(request, document, *, review_form=None, status=200):
    reviewing = document.status == DocumentStatus.ON_REVIEW and access.can_review_school_document(
        request.user, document
    )
    return render(
        request,
        "risks/document_detail.html",
        {
            "document": document,
            "school": document.school,
            "files": list(document.files.select_related("uploaded_by")),
            "reviews": document.reviews.select_related("reviewer"),
            "reviewing": reviewing,
            "can_edit": document.is_editable_by_school
            and access.can_write_school_documents(request.user, document.school_id),
            "review_form": review_form or DocumentReviewForm(initial={"version": document.version}),
            "entries": history_entries(
                SchoolDocument.history.filter(id=document.pk),
                DocumentFile.history.filter(document_id=document.pk),
            ),
        },
        status=status,
    )


@login_required
def risk_document_detail(request, pk):
    return _document_page(request, access.risk_document_for(request.user, pk))


@login_required
@require_POST
def risk_document_review(request, pk):
    document = access.risk_document_for(request.user, pk, to_review=True)

    def decide(data):
        return services.review_document(
            user=request.user,
            document_id=document.pk,
            version=data["version"],
            decision=data["decision"],
            comment=data["comment"],
        )

    return review_response(
        request,
        document,
        DocumentReviewForm(request.POST),
        decide=decide,
        conflict=DocumentConflict,
        page=partial(_document_page, request),
        done=lambda document: (
            "Документ утверждён по итогам экспертизы."
            if document.status == DocumentStatus.APPROVED
            else "Документ возвращён на доработку с вашими рекомендациями."
        ),
        detail_url="risk_document_detail",
    )


@login_required
def risk_document_file(request, pk):
    """Only through this check: files are stored outside static/ and never served directly."""
    return download_response(access.risk_document_file_for(request.user, pk))


@login_required
@require_POST
def risk_document_file_delete(request, pk):
    stored_file = access.risk_document_file_for(request.user, pk, to_edit=True)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.delete_document_file(stored_file=stored_file, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except DocumentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Файл «{stored_file.original_name}» удалён из документа.")
    return redirect("risk_document_edit", pk=stored_file.document_id)


# --- The matrix ---------------------------------------------------------------------------------


def _municipality_matrix(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    access.require(access.can_read_reports(request.user, municipality))
    schools = School.objects.filter(municipality=municipality)
    year = _year_from(request, schools)
    return municipality, schools, selectors.risk_matrix(schools, year)


def _region_matrix(request, pk):
    region = access.region_for(request.user, pk)
    schools = School.objects.filter(municipality__region=region)
    year = _year_from(request, schools)
    return region, schools, selectors.risk_matrix(schools, year)


def _matrix_page(request, place, schools, matrix, *, xlsx_url, is_region):
    return render(
        request,
        "risks/matrix.html",
        {
            "place": place,
            "is_region": is_region,
            "matrix": matrix,
            "years": _years_around(matrix.year, schools),
            "xlsx_url": f"{xlsx_url}?year={matrix.year:d}",
            "can_import": not is_region
            and access.can_edit_municipality_content(request.user, place.pk),
        },
    )


def _xlsx(matrix, title, name):
    response = HttpResponse(matrix_workbook(matrix, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{matrix.year:d}.xlsx"'
    return response


@login_required
def risk_matrix(request, pk):
    """Schools × factors of a municipality: levels, programmes, documents and gaps."""
    municipality, schools, matrix = _municipality_matrix(request, pk)
    return _matrix_page(
        request,
        municipality,
        schools,
        matrix,
        xlsx_url=reverse("risk_matrix_xlsx", args=[municipality.pk]),
        is_region=False,
    )


@login_required
def risk_matrix_xlsx(request, pk):
    municipality, _schools, matrix = _municipality_matrix(request, pk)
    return _xlsx(matrix, f"Профили рисков школ: {municipality}", f"riski-{municipality.pk}")


@login_required
def risk_region_matrix(request, pk):
    region, schools, matrix = _region_matrix(request, pk)
    return _matrix_page(
        request,
        region,
        schools,
        matrix,
        xlsx_url=reverse("risk_region_matrix_xlsx", args=[region.pk]),
        is_region=True,
    )


@login_required
def risk_region_matrix_xlsx(request, pk):
    region, _schools, matrix = _region_matrix(request, pk)
    return _xlsx(matrix, f"Профили рисков школ: {region}", f"riski-region-{region.pk}")


# --- Import of profiles ---------------------------------------------------------------------


@login_required
def risk_import(request, pk):
    """Upload → preview (nothing saved) → confirm (all rows, or none on any error)."""
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    access.require(access.can_edit_municipality_content(request.user, municipality.pk))
    schools = School.objects.filter(municipality=municipality).exclude(code="")
    form = ProfileImportForm(request.POST or None, request.FILES or None)
    context = {"municipality": municipality, "form": form}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm_import(request, municipality, schools)
    if request.method == "POST" and form.is_valid():
        year, source = form.cleaned_data["year"], form.cleaned_data["source"]
        result = _read_upload(form, year, schools)
        context.update(result=result, year=year)
        request.session.pop(IMPORT_SESSION_KEY, None)  # an older preview is never saved instead
        if not result.errors:
            request.session[IMPORT_SESSION_KEY] = {
                "municipality": municipality.pk,
                "year": year,
                "source": source,
                "rows": [[row.school.pk, row.levels] for row in result.rows],
            }
            context["source_label"] = dict(form.fields["source"].choices)[source]
            context["preview"] = [
                (row, [level_label(row.levels.get(f.pk, "")) for f in result.factor_columns])
                for row in result.rows
            ]
    refused = form.errors or (context.get("result") and context["result"].errors)
    status = 400 if request.method == "POST" and refused else 200
    return render(request, "risks/import.html", context, status=status)


def _read_upload(form, year, schools):
    upload = form.cleaned_data["file"]
    try:
        checked = check_upload(upload)
    except ValidationError as error:
        return ProfileImport(errors=error.messages)
    if checked.format.extension != "xlsx":
        return ProfileImport(errors=["Профили загружаются из таблицы Excel (.xlsx)."])
    upload.seek(0)
    return read_profiles(
        upload.read(),
        factors=selectors.factors_of(year),
        schools_by_code={school.code: school for school in schools},
    )


def _confirm_import(request, municipality, schools):
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending["municipality"] != municipality.pk:
        messages.error(request, "Нечего сохранять: загрузите файл снова.")
        return redirect("risk_import", pk=municipality.pk)
    by_id = schools.in_bulk([school_id for school_id, _levels in pending["rows"]])
    rows = [
        (by_id[school_id], {int(factor): level for factor, level in levels.items()})
        for school_id, levels in pending["rows"]
        if school_id in by_id
    ]
    if len(rows) != len(pending["rows"]):
        messages.error(request, "Школы муниципалитета изменились с загрузки: загрузите файл снова.")
        return redirect("risk_import", pk=municipality.pk)
    try:
        count = services.import_profiles(
            user=request.user, year=pending["year"], source=pending["source"], rows=rows
        )
    except ValidationError as error:
        messages.error(request, f"Ничего не сохранено: {' '.join(error.messages)}")
        return redirect("risk_import", pk=municipality.pk)
    del request.session[IMPORT_SESSION_KEY]
    messages.success(request, f"Профили рисков сохранены: школ — {count}.")
    return redirect(f"{reverse('risk_matrix', args=[municipality.pk])}?year={pending['year']:d}")


# --- Tagging activities -----------------------------------------------------------------------


@login_required
def activity_risk_factors(request, pk):
    activity = access.activity_for(request.user, pk)
    access.require(access.can_tag_activity_risks(request.user, activity))
    current = list(RiskFactor.objects.filter(activities=activity))
    form = ActivityFactorsForm(request.POST or None, initial={"factors": current})
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["factors"])
        for factor in chosen - set(current):
            factor.activities.add(activity)
        for factor in set(current) - chosen:
            factor.activities.remove(activity)
        messages.success(request, "Факторы риска мероприятия сохранены.")
        return redirect("activity_detail", pk=activity.pk)
    return render(
        request,
        "risks/activity_factors.html",
        {"activity": activity, "form": form},
        status=400 if form.errors else 200,
    )
