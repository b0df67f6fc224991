"""What the page benchmarks share: production settings, a database of their own, logged-in
clients, and timings of the portal and its bare baseline taken alternately in one run.

The database: PostgreSQL when DATABASE_URL is set (a fresh `test_<name>_<bench>` database beside
it, dropped at the end), else a SQLite file in a temporary directory.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-pages-"))


def production_settings(database_url: str | None = None) -> dict:
    """The environment of a production process (DEBUG off, cached templates, hashed static)."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="roadmap_portal.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        SECURE_SSL_REDIRECT="0",
        PLAIN_HTTP_PILOT="1",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        STATIC_ROOT=str(WORKDIR / "static"),
        DATABASE_URL=database_url
        or os.environ.get("DATABASE_URL")
        or f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
    )


def bench_database_name(name: str, bench: str) -> str:
    return f"test_{name}_{bench}"


def bench_database_url(bench: str) -> str:
    """Where the benchmark's own database lives (see the module docstring)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + bench_database_name(parts.path.lstrip("/"), bench)))


def setup(bench: str, *, fresh=True):
    """Django with production settings on the benchmark's database, migrated and static files
    collected; returns a function that drops the database (PostgreSQL) at the end."""
    os.environ.update(production_settings())
    os.environ.pop("REDIS_URL", None)  # the local-memory cache: nothing shared with other runs
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = bench_database_name(old_name, bench)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=not fresh)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=not fresh)


def generated_region(scale: float):
    """The first municipality of the region `generate_region` made in the database (making one
    now, `scale` × issue 17 sizes, if there is none) and its largest program."""
    from django.db.models import Count

    from ops.region import RegionSize, generate_region
    from schools.models import Region

    region = Region.objects.filter(name__startswith="Сгенерированная область").last()
    if region is None:
        summary = generate_region(size=RegionSize().scaled(scale), seed=17)
        print("region generated: " + ", ".join(summary.lines()))
        region = summary.region
    analyze_tables()
    municipality = region.municipalities.order_by("pk").first()
    program = (
        municipality.programs.annotate(size=Count("sections__activities")).order_by("-size").first()
    )
    return municipality, program


def analyze_tables():
    """Planner statistics as autovacuum keeps them in production (PostgreSQL): a region just
    generated has none, and a server may run with autovacuum off, so that the planner guesses
    sizes and picks plans no production database would."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def members(municipality, role, count=1) -> list:
    """Users of the role in the municipality (heads: of its schools; observers: of its region)."""
    from django.contrib.auth import get_user_model

    from accounts.models import Role

    place = {
        Role.HEAD: {"memberships__school__municipality": municipality},
        Role.OBSERVER: {"memberships__region": municipality.region_id},
    }.get(role, {"memberships__municipality": municipality})
    users = get_user_model().objects.filter(memberships__role=role, **place).order_by("pk")
    return list(users[:count])


def logged_in_client(user):
    from django.test import Client

    client = Client(headers={"accept-encoding": "gzip"})
    client.force_login(user)
    return client


def timed_get(client, url) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def alternate(measures: dict, runs: int) -> dict:
    """{name: [ms]} of each measure (a function returning ms), run in turn `runs` times after
    one warm-up each: both sides see the same machine load."""
    for measure in measures.values():
        measure()
    timings = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            timings[name].append(measure())
    return timings


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(values) -> str:
    return f"p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms"
