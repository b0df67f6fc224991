from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from accounts import access
from accounts.audit import history_entries
from accounts.models import Role
from accounts.roles import active_membership
from programs.models import Activity, ActivityYear, Program, Section
from programs.selectors import activities_with_plan, roadmap_of

PROGRAMS_PER_PAGE = 50


@login_required
def home(request):
    active, _memberships = active_membership(request)
    programs = access.visible_programs(request.user).select_related("municipality")
    role = active.role if active else (Role.ADMIN if request.user.is_superuser else None)
    if active and active.role in (Role.SPECIALIST, Role.COORDINATOR):
        programs = programs.filter(municipality=active.municipality)
    elif active and active.role == Role.OBSERVER:
        programs = programs.filter(municipality__region=active.region)
    elif active and active.role == Role.HEAD:
        programs = programs.filter(
            Q(target_schools=active.school) | Q(sections__activities__schools=active.school)
        ).distinct()
    context = {
        "role": role,
        "programs": programs.order_by("-start_year", "title")[:20],
        "drafts": programs.filter(status=Program.Status.DRAFT).count(),
    }
    if active and active.role == Role.HEAD:
        context["school_activities"] = (
            access.visible_activities(request.user)
            .filter(schools=active.school)
            .select_related("section__program")
            .order_by("section__program", "section__position", "position")[:50]
        )
    return render(request, "programs/home.html", context)


@login_required
def program_list(request):
    programs = access.visible_programs(request.user).select_related("municipality")
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    municipality = request.GET.get("municipality", "")
    if query:
        programs = programs.filter(Q(title__icontains=query) | Q(roadmap_title__icontains=query))
    if status in Program.Status.values:
        programs = programs.filter(status=status)
    if municipality.isdigit():
        programs = programs.filter(municipality_id=int(municipality))
    page = Paginator(programs.order_by("-start_year", "title"), PROGRAMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "programs/program_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "municipality": municipality,
            "statuses": Program.Status.choices,
            "municipalities": access.visible_municipalities(request.user),
        },
    )


@login_required
def program_detail(request, pk):
    program = access.program_for(request.user, pk)
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "roadmap": roadmap_of(program),
            "can_edit": access.can_edit_program(request.user, program),
            "can_mark": access.can_mark_execution(request.user, program),
        },
    )


@login_required
def program_history(request, pk):
    program = access.program_for(request.user, pk)
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
    entries = history_entries(
        Activity.history.filter(id=activity.pk),
        ActivityYear.history.filter(activity_id=activity.pk),
    )
    return render(
        request,
        "programs/activity_detail.html",
        {
            "activity": activity,
            "program": activity.section.program,
            "indicators": activity.indicators.prefetch_related("values"),
            "entries": entries,
        },
    )
