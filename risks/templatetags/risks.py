"""Risk blocks shown on other apps' pages (school, municipality dashboard, «Мои мероприятия»,
activity) with one line in their templates: each block reads through the access module."""

from django import template

from accounts import access
from risks import selectors
from risks.models import RiskFactor, RiskProfile
from schools.models import School

register = template.Library()


def _latest_year(schools) -> int | None:
    return (
        RiskProfile.objects.filter(school__in=schools)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


@register.inclusion_tag("risks/_school_block.html", takes_context=True)
def school_risk_block(context, school):
    """On the school page: the latest profile's gaps and the way to the profile and documents."""
    one = School.objects.filter(pk=school.pk)
    year = _latest_year(one)
    matrix = selectors.risk_matrix(one, year) if year else None
    return {"school": school, "year": year, "gaps": matrix.gaps if matrix else []}


@register.inclusion_tag("risks/_municipality_block.html", takes_context=True)
def municipality_risk_block(context, municipality):
    """On the municipality dashboard: coverage gaps of the latest year with profiles."""
    user = context["request"].user
    if not access.can_read_reports(user, municipality):
        return {"shown": False}
    schools = School.objects.filter(municipality=municipality)
    year = _latest_year(schools)
    matrix = selectors.risk_matrix(schools, year) if year else None
    return {
        "shown": True,
        "municipality": municipality,
        "region_wide": access.can_read_region(user, municipality.region_id),
        "year": year,
        "gaps": matrix.gaps if matrix else [],
    }


@register.inclusion_tag("risks/_my_schools_block.html", takes_context=True)
def my_school_risks(context):
    """On «Мои мероприятия»: each headed school's profile, documents and what is due."""
    head_schools = access.scope_of(context["request"].user).head_schools
    schools = School.objects.filter(pk__in=head_schools)
    items = []
    for school in schools:
        one = School.objects.filter(pk=school.pk)
        year = _latest_year(one)
        row = None
        if year:
            matrix = selectors.risk_matrix(one, year)
            row = matrix.rows[0] if matrix.rows else None
        items.append(
            {
                "school": school,
                "year": year,
                "row": row,
                "duties": selectors.duties_of(row) if row else [],
                "documents": selectors.school_documents(school),
            }
        )
    return {"items": items}


@register.inclusion_tag("risks/_activity_block.html", takes_context=True)
def activity_risk_block(context, activity):
    """On the activity page: the risk factors the activity answers."""
    user = context["request"].user
    return {
        "activity": activity,
        "factors": RiskFactor.objects.filter(activities=activity),
        "can_tag": access.can_tag_activity_risks(user, activity),
    }
