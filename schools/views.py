from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render

from accounts import access
from accounts.audit import history_entries
from programs.models import Program
from schools.models import Municipality, Party, School, SchoolStatus
from schools.parties import school_link_suggestions

SCHOOLS_PER_PAGE = 50


@login_required
def school_list(request):
    schools = School.objects.visible_to(request.user).select_related("municipality", "base_school")
    query = request.GET.get("q", "").strip()
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    page = Paginator(schools.order_by("municipality__name", "name"), SCHOOLS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "schools/school_list.html", {"page": page, "query": query})


@login_required
def school_detail(request, pk):
    school = access.school_for(request.user, pk)
    return render(
        request,
        "schools/school_detail.html",
        {
            "school": school,
            "statuses": school.statuses.order_by("-year"),
            "partnerships": school.partnerships.select_related("partner"),
            "programs": Program.objects.visible_to(request.user).filter(target_schools=school),
            "can_read_reports": access.can_read_reports(request.user, school.municipality),
            "entries": history_entries(
                School.history.filter(id=school.pk),
                SchoolStatus.history.filter(school_id=school.pk),
            )
            if access.can_read_history(request.user, school.municipality)
            else None,
        },
    )


@login_required
def party_school_links(request, pk):
    """Parties that are schools, matched to the school records by name; the specialist confirms
    which links to make (a linked party makes its school a participant of its activities)."""
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    can_edit = access.can_edit_municipality_content(request.user, municipality.pk)
    parties = list(Party.objects.filter(municipality=municipality).order_by("name"))
    schools = list(School.objects.filter(municipality=municipality).order_by("name"))
    suggestions = school_link_suggestions(parties, schools)
    if request.method == "POST":
        access.require(can_edit)
        chosen = set(request.POST.getlist("link"))
        confirmed = [(p, s) for p, s in suggestions if f"{p.pk}:{s.pk}" in chosen]
        with transaction.atomic():
            for party, school in confirmed:
                party.school, party.kind = school, Party.Kind.SCHOOL
                party.save()
        messages.success(request, f"Связано исполнителей со школами: {len(confirmed)}.")
        return redirect("party_school_links", pk=municipality.pk)
    return render(
        request,
        "schools/party_links.html",
        {
            "municipality": municipality,
            "suggestions": suggestions,
            "linked": [party for party in parties if party.school_id],
            "can_edit": can_edit,
        },
    )
