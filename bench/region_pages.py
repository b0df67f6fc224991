"""The pages at the size of a region: the slowest of the review queue (observer, region-wide, tabs
«Ждут проверки» and «Не сданы»), a program's history, the municipality dashboard, the head's
«Мои мероприятия» and the largest program page, against a bare page of the same 50 rows the
queue shows (one query: submitted reports with their school and activity, in a plain table in
the portal's layout). Region from `generate_region` (issue 17 sizes unless --scale), pages and
baseline alternately, under production settings; each page's p50/p95 and query count printed.

PostgreSQL when DATABASE_URL is set (test_<name>_region_pages beside it; --keep leaves it, with
the region, for the next run), else SQLite. Run from the project root:
    python bench/region_pages.py [--scale 1.0] [--runs 9] [--keep]
"""

import argparse
import statistics
import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # the bench directory is not a package

TARGET = 3.0
ROWS = 50
HISTORY_CHANGES = 60

BARE_TEMPLATE = """{% extends "base.html" %}{% block content %}<table class="table">
<thead><tr><th>Школа</th><th>Мероприятие</th><th>Год</th><th>Период</th><th>Сдан</th></tr></thead>
<tbody>{% for r in reports %}<tr><td>{{ r.school.name }}</td>
<td><a href="{% url 'school_report_detail' r.pk %}">{{ r.activity.number }}
{{ r.activity.title }}</a></td><td>{{ r.year }}</td>
<td>{{ r.period_start }}–{{ r.period_end }}</td><td>{{ r.submitted_at }}</td></tr>{% endfor %}
</tbody></table>{% endblock %}"""


def bare_queue(request):
    from django.http import HttpResponse
    from django.template import engines

    from monitoring.models import SchoolReport

    reports = SchoolReport.objects.filter(status="submitted").select_related("school", "activity")
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"reports": reports.order_by("-id")[:ROWS]}, request))


def install_bench_urls():
    from django.conf import settings
    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bare/", bare_queue), path("", include("roadmap_portal.urls"))]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"


def with_history(program):
    """A program edited in the portal: HISTORY_CHANGES activities renamed, their years marked."""
    from programs.models import Activity

    if Activity.history.filter(section__program=program).exists():
        return
    for activity in Activity.objects.filter(section__program=program)[:HISTORY_CHANGES]:
        activity.title += " (уточнено)"
        activity.save()
        for cell in activity.years.all()[:1]:
            cell.comment = "Отмечено на совещании"
            cell.save()


def counted(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        common.timed_get(client, url)
    return len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    teardown = common.setup("region_pages", fresh=not options.keep)
    try:
        install_bench_urls()
        from django.urls import reverse

        from accounts.models import Role

        municipality, program = common.generated_region(options.scale)
        with_history(program)
        as_observer, as_coordinator, as_head = (
            common.logged_in_client(common.members(municipality, role)[0])
            for role in (Role.OBSERVER, Role.COORDINATOR, Role.HEAD)
        )
        queue = reverse("review_queue")
        pages = {
            "queue «Ждут проверки»": (as_observer, f"{queue}?tab=submitted"),
            "queue «Не сданы»": (as_observer, f"{queue}?tab=missing"),
            "program history": (as_coordinator, reverse("program_history", args=[program.pk])),
            "dashboard": (
                as_coordinator,
                reverse("municipality_dashboard", args=[municipality.pk]),
            ),
            "head's page": (as_head, reverse("my_activities")),
            "program page": (as_coordinator, reverse("program_detail", args=[program.pk])),
        }
        queries = {name: counted(client, url) for name, (client, url) in pages.items()}
        measures = {"bare": lambda: common.timed_get(as_observer, "/bare/")}
        for name, (client, url) in pages.items():
            measures[name] = lambda client=client, url=url: common.timed_get(client, url)
        timings = common.alternate(measures, options.runs)
    finally:
        teardown()
    from django.db import connection

    print(f"database: {connection.vendor}; scale {options.scale:g}; runs: {options.runs}")
    print(f"program: {program.title} ({program.size} activities)")
    for name in pages:
        print(f"{name}: {common.summary(timings[name])}, {queries[name]} queries")
    print(f"bare {ROWS} rows: {common.summary(timings['bare'])}")
    slowest = max(pages, key=lambda name: statistics.median(timings[name]))
    ratio = statistics.median(timings[slowest]) / statistics.median(timings["bare"])
    print(f"slowest: {slowest}")
    print(f"region_pages: ratio={ratio:.2f} target<={TARGET}")


if __name__ == "__main__":
    main()
