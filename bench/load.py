"""The portal under load: 20 logged-in people at once for 60 s against gunicorn (2 workers, as
deploy/gunicorn.conf.py runs it) on a free loopback port, half of them specialists opening a
150-activity program page, half school heads opening «Мои мероприятия» of a school in 10 such
programs. Prints requests per second and p50/p95 of each page; ratio = overall p95 / 300 ms.

PostgreSQL when DATABASE_URL is set (a fresh test_<name>_load database, dropped at the end),
else SQLite. Run from the project root:
    python bench/load.py [--seconds 60] [--clients 20]
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # the bench directory is not a package

PROGRAMS = 10
ACTIVITIES = 150
P95_BUDGET_MS = 300
TARGET = 1.0


def build(clients: int) -> dict:
    """{path: [session cookies]}: who opens which page."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role
    from programs.models import Activity
    from schools.models import Municipality, Region
    from tests.cast import make_user
    from tests.programs_tests.big_program import build_big_program

    municipality = Municipality.objects.create(
        region=Region.objects.create(name="Регион"), name="Район"
    )
    programs = [
        build_big_program(municipality, activities=ACTIVITIES, schools=3) for _ in range(PROGRAMS)
    ]
    school = programs[0].municipality.schools.order_by("pk").first()
    school.activities.add(*Activity.objects.filter(section__program__in=programs))
    program_page = reverse("program_detail", args=[programs[0].pk])
    people = {program_page: [], reverse("my_activities"): []}
    for number in range(clients):
        if number % 2:
            user = make_user(f"head{number}", role=Role.HEAD, school=school)
            path = reverse("my_activities")
        else:
            user = make_user(f"spec{number}", role=Role.SPECIALIST, municipality=municipality)
            path = program_page
        client = Client()
        client.force_login(user)
        people[path].append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return people


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = common.production_settings(common.bench_database_url("load"))
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "roadmap_portal.wsgi"],
        cwd=common.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start in 60 s")


def person(port, path, session, stop_at, timings, errors):
    """One person: requests the page again as soon as it arrives, over a kept-alive connection."""
    from django.conf import settings

    headers = {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "Accept-Encoding": "gzip",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors.append(path)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        if response.status != 200:
            errors.append(f"{path}: {response.status}")
            continue
        timings[path].append((time.perf_counter() - started) * 1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    options = parser.parse_args()
    teardown = common.setup("load")
    server = None
    try:
        people = build(options.clients)
        port = free_port()
        server = start_gunicorn(port)
        timings = {path: [] for path in people}
        errors = []
        stop_at = time.monotonic() + options.seconds
        threads = [
            threading.Thread(target=person, args=(port, path, session, stop_at, timings, errors))
            for path, sessions in people.items()
            for session in sessions
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        teardown()
    from django.db import connection

    if errors or not all(timings.values()):
        raise SystemExit(f"failed requests: {len(errors)}, e.g. {sorted(set(errors))[:5]}")
    everything = [ms for values in timings.values() for ms in values]
    print(f"database: {connection.vendor}; {options.clients} clients, {options.seconds:g} s")
    for path, values in timings.items():
        print(f"{path}: {len(values)} requests, {common.summary(values)}")
    overall = common.percentile(everything, 0.95)
    print(f"requests/s: {len(everything) / options.seconds:.1f}; overall p95 {overall:.0f} ms")
    print(f"p50 {statistics.median(everything):.0f} ms")
    print(f"load: ratio={overall / P95_BUDGET_MS:.2f} target<={TARGET}")


if __name__ == "__main__":
    os.chdir(common.ROOT)
    main()
