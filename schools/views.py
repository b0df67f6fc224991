from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from accounts import access
from accounts.audit import history_entries
from schools.models import School, SchoolStatus

SCHOOLS_PER_PAGE = 50


@login_required
def school_list(request):
    schools = access.visible_schools(request.user).select_related("municipality", "base_school")
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
            "programs": access.visible_programs(request.user).filter(target_schools=school),
            "can_read_reports": access.can_read_reports(request.user, school.municipality),
            "entries": history_entries(
                School.history.filter(id=school.pk),
                SchoolStatus.history.filter(school_id=school.pk),
            )
            if access.can_read_history(request.user, school.municipality)
            else None,
        },
    )
