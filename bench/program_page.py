"""Program page speed: the portal's roadmap page against the same rows read by one plain query
into the same table template.

A 1,000-activity × 3-year program (tests/programs_tests/big_program.py: document-length titles,
varied deadlines, executors, schools, marks), seen by its specialist (the most markup per row).
The baseline reads every year cell with its activity and section in one query, without prefetch,
schedule, progress or access checks, and renders the page's own `roadmap_table` partial with it.
The portal is timed twice: a repeat visit (the page's parts come from the cache under its
fingerprint) and a visit after one activity was saved (a new fingerprint: the page is built
again, its unchanged rows from the row cache); the ratio is the slower of the two against the
baseline. All run under production settings (DEBUG off, cached templates, gzip), alternately;
PostgreSQL when DATABASE_URL is set (a fresh test_<name>_program_page database), else SQLite.
Run from the project root:
    python bench/program_page.py
"""

import statistics
import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # the bench directory is not a package

ACTIVITIES = 1000
RUNS = 15
TARGET = 1.5
PLAIN_DUE = types.SimpleNamespace(recognised=True)


def bare_roadmap(request, pk):
    """The same table from one plain query: year cells with their activity and section."""
    from types import SimpleNamespace

    from django.shortcuts import render
    from django.urls import reverse

    from programs.models import ActivityYear, Program
    from programs.status import STATUS_LABELS

    program = Program.objects.get(pk=pk)
    links = {
        name: reverse(name, args=[0]).replace("/0/", "/{}/")
        for name in ("activity_detail", "activity_edit", "activity_delete", "activity_move")
    }
    links["activity_year_edit"] = reverse("activity_year_edit", args=[0]).replace("/0/", "/{}/")
    cells = ActivityYear.objects.filter(activity__section__program_id=pk).select_related(
        "activity__section"
    )
    sections, activities = {}, {}
    for cell in cells.order_by(
        "activity__section__position", "activity__position", "activity_id", "year"
    ):
        activity = activities.get(cell.activity_id)
        if activity is None:
            activity = activities[cell.activity_id] = cell.activity
            activity.year_cells, activity.executor_list = [], []
            for name in ("detail", "edit", "delete", "move"):
                setattr(activity, f"{name}_url", links[f"activity_{name}"].format(activity.pk))
            section = activity.section
            row = sections.setdefault(
                section.pk,
                SimpleNamespace(section=section, activities=[], progress=[], out_of_order=False),
            )
            row.activities.append(activity)
        # What the cell template reads, as plain values: the deadline as written, nothing parsed.
        cell.is_due, cell.due, cell.due_text = True, PLAIN_DUE, activity.deadline
        cell.is_overdue, cell.carry_label = False, ""
        cell.status_label = STATUS_LABELS[cell.status]
        cell.edit_url = links["activity_year_edit"].format(cell.pk)
        activity.year_cells.append(cell)
    return render(
        request,
        "programs/program_detail.html#roadmap_table",
        {
            "program": program,
            "roadmap": {"sections": list(sections.values())},
            "can_edit": True,
            "can_mark": True,
        },
    )


def install_bench_urls():
    from django.conf import settings
    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bare/<int:pk>/", bare_roadmap),
        path("", include("roadmap_portal.urls")),
    ]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"


def build():
    from accounts.models import Role
    from schools.models import Municipality, Region
    from tests.cast import make_user
    from tests.programs_tests.big_program import build_big_program

    municipality = Municipality.objects.create(
        region=Region.objects.create(name="Регион"), name="Район"
    )
    program = build_big_program(municipality, activities=ACTIVITIES)
    user = make_user("bench", role=Role.SPECIALIST, municipality=municipality)
    return program, user


def main():
    teardown = common.setup("program_page")
    try:
        install_bench_urls()
        from programs.models import Activity

        program, user = build()
        client = common.logged_in_client(user)
        portal_url, bare_url = f"/programs/{program.pk}/", f"/bare/{program.pk}/"
        sizes = {url: len(client.get(url).content) for url in (portal_url, bare_url)}
        activities = iter(list(Activity.objects.filter(section__program=program)) * (RUNS + 1))

        def after_an_edit():
            next(activities).save()  # its revision moves: the page's fingerprint changes
            return common.timed_get(client, portal_url)

        timings = common.alternate(
            {
                "portal": lambda: common.timed_get(client, portal_url),
                "edited": after_an_edit,
                "bare": lambda: common.timed_get(client, bare_url),
            },
            RUNS,
        )
    finally:
        teardown()
    from django.db import connection

    portal, edited, bare = (
        statistics.median(timings[name]) for name in ("portal", "edited", "bare")
    )
    print(f"database: {connection.vendor}; {ACTIVITIES} activities × 3 years; runs: {RUNS}")
    print(f"portal program page: {common.summary(timings['portal'])}, {sizes[portal_url]} B gz")
    print(f"portal, one activity saved before: {common.summary(timings['edited'])}")
    print(f"bare single query:   {common.summary(timings['bare'])}, {sizes[bare_url]} B gz")
    print(f"program_page: ratio={max(portal, edited) / bare:.2f} target<={TARGET}")


if __name__ == "__main__":
    main()
