"""Program page speed: the portal's roadmap page against a bare Django view of the same rows.

Builds a 1,000-activity × 3-year program in a fresh SQLite database, runs both pages through the
same production settings and middleware (DEBUG off, cached templates, hashed static files), and
prints the median time of each and their ratio. Run from the project root:
    python bench/program_page.py
"""

import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-program-page-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="roadmap_portal.settings",
    DEBUG="0",
    SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    SECURE_SSL_REDIRECT="0",
    ALLOWED_HOSTS="testserver",
    DATABASE_URL=f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
)
os.environ.pop("REDIS_URL", None)

ACTIVITIES = 1000
SECTIONS = 10
RUNS = 15
TARGET = 2.0

BARE_TEMPLATE = """<table>{% for a in activities %}<tr><td>{{ a.number }}</td><td>{{ a.title }}</td>
<td>{{ a.deadline }}</td><td>{{ a.executors_text }}</td><td>{{ a.result_name }}</td>
{% for y in a.years.all %}<td>{{ y.planned_text }} {{ y.get_status_display }}</td>{% endfor %}
</tr>{% endfor %}</table>"""


def bare_roadmap(request, pk):
    """The minimal page: the same rows and year cells, one query each, no portal logic."""
    from django.http import HttpResponse
    from django.template import engines

    from programs.models import Activity

    activities = (
        Activity.objects.filter(section__program_id=pk)
        .order_by("section__position", "position")
        .prefetch_related("years")
    )
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"activities": activities}, request))


def install_bench_urls():
    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bare/<int:pk>/", bare_roadmap),
        path("", include("roadmap_portal.urls")),
    ]
    sys.modules["bench_urls"] = module


def build_program():
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Role
    from programs.models import Activity, ActivityYear, Program, Section
    from schools.models import Municipality, Region

    region = Region.objects.create(name="Регион")
    municipality = Municipality.objects.create(region=region, name="Район")
    program = Program.objects.create(
        municipality=municipality, title="Бенчмарк", start_year=2021, end_year=2023
    )
    sections = Section.objects.bulk_create(
        Section(program=program, position=i, number=f"{i + 1}.", title=f"Задача {i + 1}")
        for i in range(SECTIONS)
    )
    Activity.objects.bulk_create(
        Activity(
            section=sections[i % SECTIONS],
            position=i,
            number=f"{i % SECTIONS + 1}.{i}",
            title=f"Мероприятие {i}: проведение семинара для педагогов школ",
            deadline=("апрель", "ежегодно", "2021-2023", "по заявке")[i % 4],
            result_name="Протокол заседания",
            executors_text="Отдел образования, ИМЦ",
        )
        for i in range(ACTIVITIES)
    )
    ActivityYear.objects.bulk_create(
        ActivityYear(activity=activity, year=year, planned_text=str(1 + activity.pk % 3))
        for activity in Activity.objects.all()
        for year in (2021, 2022, 2023)
    )
    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    Membership.objects.create(user=user, role=Role.SPECIALIST, municipality=municipality)
    return program, user


def median_ms(client, url):
    client.get(url)  # warm caches and the template loader
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.STATIC_ROOT = WORKDIR / "static"
    settings.ROOT_URLCONF = "bench_urls"
    install_bench_urls()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    program, user = build_program()
    client = Client()
    client.force_login(user)
    portal = median_ms(client, f"/programs/{program.pk}/")
    bare = median_ms(client, f"/bare/{program.pk}/")
    print(f"activities: {ACTIVITIES} × 3 years, runs: {RUNS}")
    print(f"portal program page: {portal:.1f} ms (median)")
    print(f"bare Django table:   {bare:.1f} ms (median)")
    print(f"program_page: ratio={portal / bare:.2f} target<={TARGET}")


if __name__ == "__main__":
    main()
