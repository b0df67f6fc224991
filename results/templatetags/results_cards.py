"""Results blocks that other apps' pages include with one tag: the school card and the
municipality dashboard read the results app without depending on it in their views."""

from django import template

from results.charts import compare_chart
from results.computed import WEIGHTED, combine, school_values
from results.models import Assessment, AssessmentResult
from results.selectors import list_history, result_rows_by_year
from schools.models import SchoolStatus

register = template.Library()

LABELS = dict(Assessment.choices)


def _assessments_of(schools):
    return list(
        AssessmentResult.objects.filter(school__in=schools)
        .order_by("assessment")
        .values_list("assessment", flat=True)
        .distinct()
    )


def _years(rows_by_year):
    return sorted(rows_by_year)[-6:]


@register.inclusion_tag("results/includes/school_results.html")
def school_results(school):
    """The school's share of «2» per assessment and year against the municipality's average,
    and its entries into and exits from the target list."""
    municipality_schools = school.municipality.schools.all()
    charts = []
    for assessment in _assessments_of([school]):
        rows = result_rows_by_year(
            municipality_schools,
            assessment=assessment,
            measure="share_low",
            years=range(2000, 2101),
        )
        years = _years(rows)
        own = {
            y: (v.value if (v := school_values(rows[y]).get(school.pk)) else None) for y in years
        }
        average = {y: combine(rows[y], WEIGHTED).value for y in years}
        charts.append(
            (LABELS[assessment], compare_chart(years, own, average, ("школа", "муниципалитет")))
        )
    return {"charts": charts, "entries": list_history(school)}


@register.inclusion_tag("results/includes/municipality_results.html")
def municipality_results(municipality):
    """Target schools (ШНОР or ШНСУ in that year) against the rest, share of «2» per year."""
    schools = municipality.schools.all()
    target = set(
        SchoolStatus.objects.filter(school__municipality=municipality)
        .exclude(is_shnor=False, is_shnsu=False)
        .values_list("school_id", "year")
    )
    charts = []
    for assessment in _assessments_of(schools):
        rows = result_rows_by_year(
            schools, assessment=assessment, measure="share_low", years=range(2000, 2101)
        )
        years = _years(rows)
        groups = {
            y: (
                [r for r in rows[y] if (r.school_id, y) in target],
                [r for r in rows[y] if (r.school_id, y) not in target],
            )
            for y in years
        }
        targets = {y: combine(groups[y][0], WEIGHTED).value for y in years}
        rest = {y: combine(groups[y][1], WEIGHTED).value for y in years}
        charts.append(
            (
                LABELS[assessment],
                compare_chart(years, targets, rest, ("целевые школы", "остальные")),
            )
        )
    return {"charts": charts, "municipality": municipality}
