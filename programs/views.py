from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts import access
from accounts.audit import history_entries
from accounts.models import Role
from accounts.roles import active_membership
from monitoring.models import ReportStatus, SchoolReport
from monitoring.public_evidence import public_evidence_by_activity
from programs.editing import (
    DeleteRefusedError,
    PeriodShrinkError,
    YearClosedError,
    create_section,
    delete_activity,
    delete_section,
    edit_section,
    move_in_order,
    renumber_section,
    save_activity,
    save_activity_year,
    save_program,
)
from programs.filters import ProgramFilter
from programs.fingerprint import cached_part, markup_digest
from programs.forms import (
    ActivityForm,
    ActivityYearForm,
    ConflictError,
    ProgramForm,
    SectionForm,
)
from programs.models import Activity, ActivityYear, Program, Section
from programs.numbering import renumbered
from programs.rows import attach_row_html
from programs.schedule import annotate_schedule
from programs.selectors import (
    RoadmapFilter,
    activities_with_plan,
    dashboard_fingerprint,
    dashboard_of,
    edition_state,
    program_money,
    public_programs,
    roadmap_fingerprint,
    roadmap_of,
)
from programs.status import ExecutionStatus
from roadmap_portal.params import int_or_none
from schools.models import Municipality, Party, School

PROGRAMS_PER_PAGE = 50
PAGE_MARKUP = markup_digest("programs/program_detail.html", "programs/_progress.html")
DASHBOARD_MARKUP = markup_digest(
    "programs/dashboard.html", "programs/_progress.html", "includes/bar_chart.svg"
)
OVERDUE_SHOWN = 100


def home(request):
    if not request.user.is_authenticated:
        return _public_home(request)
    active, _memberships = active_membership(request)
    programs = access.programs_in_role(request.user, active).select_related("municipality")
    role = active.role if active else (Role.ADMIN if request.user.is_superuser else None)
    context = {
        "role": role,
        "dashboards": Municipality.objects.visible_to(request.user).filter(
            pk__in=programs.values("municipality")
        )
        if role != Role.HEAD
        else [],
        "programs": programs.order_by("-start_year", "title")[:20],
        "drafts": programs.filter(status=Program.Status.DRAFT).count(),
        # The observer's own report: the region's municipalities side by side.
        "observer_region": active.region if role == Role.OBSERVER else None,
    }
    if access.can_use_review_queue(request.user):
        context["reports_waiting"] = (
            SchoolReport.objects.visible_to(request.user)
            .filter(status=ReportStatus.SUBMITTED)
            .count()
        )
    if active and active.role == Role.HEAD:
        context["returned_reports"] = (
            SchoolReport.objects.visible_to(request.user)
            .filter(school=active.school, status=ReportStatus.RETURNED)
            .count()
        )
        context["school_activities"] = (
            Activity.objects.visible_to(request.user)
            .filter(schools=active.school)
            .select_related("section__program")
            .order_by("section__program", "section__position", "position")[:50]
        )
    return render(request, "programs/home.html", context)


@login_required
def program_list(request):
    visible = Program.objects.visible_to(request.user).select_related("municipality")
    programs = ProgramFilter(request.GET, queryset=visible).qs
    page = Paginator(programs.order_by("-start_year", "title"), PROGRAMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "programs/program_list.html",
        {
            "page": page,
            "query": request.GET.get("q", "").strip(),
            "status": request.GET.get("status", ""),
            "municipality": request.GET.get("municipality", ""),
            "year": request.GET.get("year", ""),
            "statuses": Program.Status.choices,
            "municipalities": Municipality.objects.visible_to(request.user),
            "can_create": access.editable_municipalities(request.user).exists(),
        },
    )


def roadmap_filter_from(query) -> RoadmapFilter:
    """The roadmap filter from the page's query string; values that make no sense are ignored."""
    status = query.get("status", "")
    return RoadmapFilter(
        year=int_or_none(query.get("year")),
        status=status if status in ExecutionStatus.values else "",
        party_id=int_or_none(query.get("executor")),
        school_id=int_or_none(query.get("school")),
        overdue_only=query.get("overdue") == "1",
        text=query.get("q", "").strip()[:200],
    )


def pk_url_builder(name):
    """A fast stand-in for reverse(name, args=[pk]) in long tables.

    reverse() costs tens of microseconds; a 1,000-row roadmap needs ten thousand links, so the
    pattern is reversed once and the id substituted.
    """
    sentinel = "2147483647"
    template = reverse(name, args=[sentinel])
    return lambda pk: template.replace(sentinel, str(pk))


def with_row_links(roadmap):
    """Give every row and year cell of the roadmap the links the table shows."""
    detail, edit, delete, move, year_edit = (
        pk_url_builder(name)
        for name in (
            "activity_detail",
            "activity_edit",
            "activity_delete",
            "activity_move",
            "activity_year_edit",
        )
    )
    for row in roadmap.sections:
        # Moved rows keep their numbers (3.1, 3.3, 3.2): the section offers to renumber them.
        row.out_of_order = renumbered([activity.number for activity in row.activities]) is not None
        for activity in row.activities:
            activity.detail_url = detail(activity.pk)
            activity.edit_url = edit(activity.pk)
            activity.delete_url = delete(activity.pk)
            activity.move_url = move(activity.pk)
            for activity_year in activity.year_cells:
                activity_year.edit_url = year_edit(activity_year.pk)
    return roadmap


@dataclass
class RoadmapPart:
    """What the program page shows of its roadmap, rendered: cached under the roadmap's
    fingerprint, so a visit with nothing changed reads no activity."""

    table: str
    progress: str
    shown: int
    total: int
    overdue: int
    edition_label: str
    has_unapproved_changes: bool
    money: object  # programs.money.money_table
    is_public: bool
    parties: list  # the filter's choices
    schools: list


def roadmap_part(program, roadmap_filter, *, today, can_edit, can_mark) -> RoadmapPart:
    roadmap = with_row_links(roadmap_of(program, roadmap_filter, today=today))
    attach_row_html(
        [activity for row in roadmap.sections for activity in row.activities],
        can_edit=can_edit,
        can_mark=can_mark,
    )
    edition = edition_state(program, roadmap)
    context = {
        "program": program,
        "roadmap": roadmap,
        "filter": roadmap_filter,
        "can_edit": can_edit,
        "can_mark": can_mark,
    }
    return RoadmapPart(
        table=render_to_string("programs/program_detail.html#roadmap_table", context),
        progress=render_to_string("programs/program_detail.html#progress_block", context),
        shown=roadmap.shown,
        total=roadmap.total,
        overdue=len(roadmap.overdue),
        edition_label=edition.label,
        has_unapproved_changes=edition.has_unapproved_changes,
        money=program_money(program),
        is_public=public_programs().filter(pk=program.pk).exists(),
        parties=list(Party.objects.filter(municipality=program.municipality_id)),
        schools=list(School.objects.filter(municipality=program.municipality_id)),
    )


@login_required
def program_detail(request, pk):
    program = access.program_for(request.user, pk)
    roadmap_filter = roadmap_filter_from(request.GET)
    can_edit = access.can_edit_program(request.user, program)
    can_mark = access.can_mark_execution(request.user, program)
    today = timezone.localdate()
    shown = (roadmap_fingerprint(program), today, roadmap_filter, can_edit, can_mark, PAGE_MARKUP)
    roadmap = cached_part(
        "roadmap",
        shown,
        partial(
            roadmap_part, program, roadmap_filter, today=today, can_edit=can_edit, can_mark=can_mark
        ),
    )
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "roadmap": roadmap,
            "money": roadmap.money,
            "filter": roadmap_filter,
            "statuses": ExecutionStatus.choices,
            "parties": roadmap.parties,
            "schools": roadmap.schools,
            "can_edit": can_edit,
            "can_mark": can_mark,
            "is_public": roadmap.is_public,
            "can_read_reports": access.can_read_reports(request.user, program.municipality),
            "can_read_history": access.can_read_history(request.user, program.municipality),
        },
    )


@login_required
def program_history(request, pk):
    program = access.program_for(request.user, pk)
    access.require(access.can_read_history(request.user, program.municipality))
    entries = history_entries(
        Program.history.filter(id=program.pk),
        Section.history.filter(program_id=program.pk),
        Activity.history.filter(section__program=program),
        ActivityYear.history.filter(activity__section__program=program),
    )
    return render(
        request, "programs/program_history.html", {"program": program, "entries": entries}
    )


@login_required
def activity_detail(request, pk):
    activity = access.activity_for(request.user, pk)
    activity = activities_with_plan(Activity.objects.filter(pk=activity.pk)).select_related(
        "section__program__municipality"
    )[0]
    years = list(activity.years.all())
    program = activity.section.program
    annotate_schedule(activity, years, school_year=program.school_year, today=timezone.localdate())
    entries = (
        history_entries(
            Activity.history.filter(id=activity.pk),
            ActivityYear.history.filter(activity_id=activity.pk),
        )
        if access.can_read_history(request.user, program.municipality)
        else None
    )
    return render(
        request,
        "programs/activity_detail.html",
        {
            "activity": activity,
            "program": program,
            "years": years,
            "indicators": activity.indicators.prefetch_related("years"),
            "entries": entries,
            "financing": activity.financing.all(),
            "can_edit": access.can_edit_program(request.user, program),
        },
    )


def _conflict_message(changes):
    if not changes:
        return (
            "Запись уже изменил другой пользователь. Проверьте текущие значения и сохраните снова."
        )
    details = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in changes)
    return (
        "Запись уже изменил другой пользователь, ваши изменения не сохранены. "
        f"Что изменилось: {details}. Проверьте значения и сохраните снова."
    )


@login_required
def activity_year_edit(request, pk):
    activity_year = access.activity_year_for(request.user, pk, to_mark=True)
    program = activity_year.activity.section.program
    form = ActivityYearForm(request.POST or None, instance=activity_year)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            activity_year = save_activity_year(
                form.instance, request.user, seen_updated_at=form.cleaned_data["seen_updated_at"]
            )
        except ConflictError as error:
            conflict = _conflict_message(error.args[0])
            activity_year.refresh_from_db()
            form = ActivityYearForm(instance=activity_year)
        except YearClosedError:
            conflict = (
                f"{activity_year.year} год программы закрыт координатором: исполнение менять "
                "нельзя. Чтобы внести изменения, координатор должен открыть год, указав причину."
            )
        else:
            if request.htmx and "carried_to_year" in form.changed_data:
                # A carry-over changes another year's cell too: reload the whole roadmap.
                return HttpResponseClientRefresh()
            if request.htmx:
                return render(
                    request,
                    "programs/program_detail.html#year_saved",
                    {
                        "y": _with_schedule(activity_year, program),
                        "activity": activity_year.activity,  # names the cell's «изменить» link
                        "program": program,
                        "roadmap": roadmap_of(program),
                        "can_mark": True,
                    },
                )
            messages.success(request, "Исполнение сохранено.")
            return redirect(_roadmap_anchor(program, activity_year.activity_id))
    template = (
        "programs/program_detail.html#year_form"
        if request.htmx
        else ("programs/activity_year_form.html")
    )
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        template,
        {"form": form, "y": activity_year, "program": program, "conflict": conflict},
        # htmx 2 swaps only 2xx answers: the cell shows its errors with 200.
        status=status if request.method == "POST" and not request.htmx else 200,
    )


def _with_schedule(activity_year, program):
    """The saved year cell with its due date, as the roadmap table shows it."""
    activity = activity_year.activity
    years = list(activity.years.order_by("year"))
    annotate_schedule(activity, years, school_year=program.school_year, today=timezone.localdate())
    saved = next(y for y in years if y.pk == activity_year.pk)
    saved.edit_url = reverse("activity_year_edit", args=[saved.pk])
    return saved


def _roadmap_anchor(program, activity_id):
    return f"{reverse('program_detail', args=[program.pk])}#activity-{activity_id}"


def _editor(request, template, context, *, refused_status):
    """A form as its own page, or as the editor panel of the roadmap page when HTMX asks.

    htmx 2 does not swap 4xx answers, so the panel gets its errors with 200.
    """
    if request.htmx:
        return render(request, f"{template}#form_card", context)
    return render(request, template, context, status=refused_status)


def _saved(request, url):
    """After a save: the roadmap page again. From the editor panel HTMX reloads the page the
    panel is on (a redirect to the same page with another #anchor would not reload it)."""
    return HttpResponseClientRefresh() if request.htmx else redirect(url)


def _save_activity(form):
    data = form.cleaned_data
    return save_activity(
        form.instance,
        seen_version=data["version"],
        schools=data["schools"],
        executors=data["executors"],
        plans=form.plans(),
    )


def _activity_form_page(request, form, program, activity=None, conflict=None):
    return _editor(
        request,
        "programs/activity_form.html",
        {"form": form, "program": program, "activity": activity, "conflict": conflict},
        refused_status=409 if conflict else (400 if form.errors else 200),
    )


@login_required
def activity_edit(request, pk):
    activity = access.activity_for(request.user, pk, to_edit=True)
    program = activity.section.program
    form = ActivityForm(request.POST or None, instance=activity, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            _save_activity(form)
        except ConflictError as error:
            activity.refresh_from_db()
            fresh = ActivityForm(instance=activity, program=program)
            return _activity_form_page(
                request, fresh, program, activity, _conflict_message(error.args[0])
            )
        messages.success(request, "Мероприятие сохранено.")
        return _saved(request, _roadmap_anchor(program, activity.pk))
    return _activity_form_page(request, form, program, activity)


@login_required
def activity_create(request, pk):
    program = access.program_for(request.user, pk, to_edit=True)
    first_section = program.sections.order_by("position", "id").first()
    initial = {"version": 1, "section": request.GET.get("section") or first_section}
    form = ActivityForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = _save_activity(form)
        messages.success(request, "Мероприятие добавлено.")
        return _saved(request, _roadmap_anchor(program, activity.pk))
    return _activity_form_page(request, form, program)


@login_required
def activity_delete(request, pk):
    activity = access.activity_for(request.user, pk, to_edit=True)
    program = activity.section.program
    if request.method == "POST":
        label = str(activity)
        try:
            delete_activity(activity)
        except DeleteRefusedError as refusal:
            messages.error(request, refusal.args[0])
            return redirect(_roadmap_anchor(program, activity.pk))
        messages.success(
            request,
            f"Мероприятие «{label[:80]}» удалено. Его история сохранена в журнале изменений.",
        )
        return redirect("program_detail", pk=program.pk)
    return render(
        request, "programs/activity_confirm_delete.html", {"activity": activity, "program": program}
    )


def _offset(request):
    return -1 if request.POST.get("direction") == "up" else 1


@login_required
@require_POST
def activity_move(request, pk):
    activity = access.activity_for(request.user, pk, to_edit=True)
    move_in_order(activity, activity.section.activities.all(), _offset(request))
    return redirect(_roadmap_anchor(activity.section.program, activity.pk))


@login_required
@require_POST
def section_renumber(request, pk):
    section = access.section_for(request.user, pk, to_edit=True)
    if renumber_section(section):
        messages.success(request, f"Мероприятия раздела «{section}» перенумерованы по порядку.")
    else:
        messages.info(request, "Номера мероприятий раздела уже идут по порядку.")
    return redirect(reverse("program_detail", args=[section.program_id]))


def _section_form_page(request, form, program, section=None, conflict=None):
    return _editor(
        request,
        "programs/section_form.html",
        {"form": form, "program": program, "section": section, "conflict": conflict},
        refused_status=409 if conflict else (400 if form.errors else 200),
    )


@login_required
def section_create(request, pk):
    program = access.program_for(request.user, pk, to_edit=True)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        create_section(program, number=data["number"], title=data["title"])
        messages.success(request, "Раздел добавлен.")
        return _saved(request, reverse("program_detail", args=[program.pk]))
    return _section_form_page(request, form, program)


@login_required
def section_edit(request, pk):
    section = access.section_for(request.user, pk, to_edit=True)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edit_section(
                section, number=data["number"], title=data["title"], seen_version=data["version"]
            )
        except ConflictError as error:
            section.refresh_from_db()
            fresh = SectionForm(instance=section)
            return _section_form_page(
                request, fresh, section.program, section, _conflict_message(error.args[0])
            )
        messages.success(request, "Раздел сохранён.")
        return _saved(request, reverse("program_detail", args=[section.program_id]))
    return _section_form_page(request, form, section.program, section)


@login_required
def section_delete(request, pk):
    section = access.section_for(request.user, pk, to_edit=True)
    if request.method == "POST":
        try:
            delete_section(section)
        except DeleteRefusedError as refusal:
            messages.error(request, refusal.args[0])
            return redirect("program_detail", pk=section.program_id)
        messages.success(
            request,
            f"Раздел «{str(section)[:80]}» удалён вместе с мероприятиями. История сохранена.",
        )
        return redirect("program_detail", pk=section.program_id)
    return render(
        request,
        "programs/section_confirm_delete.html",
        {"section": section, "program": section.program, "activities": section.activities.count()},
    )


@login_required
@require_POST
def section_move(request, pk):
    section = access.section_for(request.user, pk, to_edit=True)
    move_in_order(section, section.program.sections.all(), _offset(request))
    return redirect("program_detail", pk=section.program_id)


def _public_home(request):
    """Anyone's first page: the programs published for the public, and the way in for staff."""
    programs = public_programs().select_related("municipality").order_by("-start_year", "title")
    return render(request, "programs/public_home.html", {"programs": programs})


def public_program(request, pk):
    """Информационная открытость: progress of a published program, without personal data."""
    program = access.get_or_404(public_programs().select_related("municipality"), pk=pk)
    roadmap = roadmap_of(program)
    published = public_evidence_by_activity(program)
    for row in roadmap.sections:
        for activity in row.activities:
            activity.public_files = published.get(activity.pk, [])
    return render(request, "programs/public_program.html", {"program": program, "roadmap": roadmap})


def dashboard_figures(programs, today) -> str:
    """The dashboard's progress of each program and its overdue activities, rendered."""
    dashboard = dashboard_of(programs, overdue_limit=OVERDUE_SHOWN, today=today)
    return render_to_string(
        "programs/dashboard.html#figures",
        {"summaries": dashboard.programs, "overdue": dashboard.overdue},
    )


@login_required
def municipality_dashboard(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    programs = (
        Program.objects.visible_to(request.user)
        .filter(municipality=municipality)
        .exclude(status=Program.Status.ARCHIVED)
    )
    can_read_reports = access.can_read_reports(request.user, municipality)
    today = timezone.localdate()
    # The programs one sees are in the fingerprint; the rights beside it, lest two people's
    # different programs ever sum alike (whoever reads the dashboard reads all of them today).
    shown = (
        municipality.pk,
        dashboard_fingerprint(programs),
        today,
        can_read_reports,
        DASHBOARD_MARKUP,
    )
    return render(
        request,
        "programs/dashboard.html",
        {
            "municipality": municipality,
            "can_read_reports": can_read_reports,
            "can_read_region": access.can_read_region(request.user, municipality.region_id),
            "figures": cached_part(
                "dashboard",
                shown,
                partial(dashboard_figures, programs, today),
            ),
        },
    )


def _program_form_page(request, form, program=None):
    return render(
        request,
        "programs/program_form.html",
        {"form": form, "program": program},
        status=400 if form.errors else 200,
    )


def _save_program_or_explain(request, form):
    try:
        return save_program(form.instance, target_schools=form.cleaned_data["target_schools"])
    except PeriodShrinkError as error:
        years = ", ".join(str(year) for year in error.args[0])
        form.add_error(
            "end_year",
            f"В годах {years} уже есть план, отметки исполнения или отчёты школ: сократить "
            "период нельзя. Сначала перенесите или очистите эти годы.",
        )
        return None


@login_required
def program_create(request):
    municipalities = access.editable_municipalities(request.user)
    access.require(municipalities.exists())
    form = ProgramForm(
        request.POST or None,
        municipalities=municipalities,
        initial={"municipality": municipalities.first()},
    )
    if request.method == "POST" and form.is_valid():
        program = _save_program_or_explain(request, form)
        if program:
            messages.success(request, "Программа создана. Добавьте разделы и мероприятия.")
            return redirect("program_detail", pk=program.pk)
    return _program_form_page(request, form)


@login_required
def program_edit(request, pk):
    program = access.program_for(request.user, pk, to_edit=True)
    form = ProgramForm(
        request.POST or None,
        instance=program,
        municipalities=access.editable_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid() and _save_program_or_explain(request, form):
        messages.success(request, "Программа сохранена.")
        return redirect("program_detail", pk=program.pk)
    return _program_form_page(request, form, program)
