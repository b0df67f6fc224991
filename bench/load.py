"""The portal under load: 20 logged-in people at once for 60 s against gunicorn (2 workers, as
deploy/gunicorn.conf.py runs it) on a free loopback port: half the coordinator of a generated
municipality opening its largest program page (about 150 activities), half heads of its schools
opening «Мои мероприятия». Region from `generate_region` (--scale of issue 17's, 0.1 by default:
programs and schools keep their real size). Prints requests per second and p50/p95 of each
page; ratio = overall p95 / 300 ms.

PostgreSQL when DATABASE_URL is set (a fresh test_<name>_load database, dropped at the end),
else SQLite. Run from the project root:
    python bench/load.py [--seconds 60] [--clients 20] [--scale 0.1]"""

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

P95_BUDGET_MS = 300
TARGET = 1.0


def sessions(clients: int, scale: float) -> dict:
    """{path: [session cookies]}: half the people open the largest program page of a generated
    municipality as its coordinator, half «Мои мероприятия» as heads of its schools."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role

    municipality, program = common.generated_region(scale)
    heads = common.members(municipality, Role.HEAD, count=clients)
    coordinator = common.members(municipality, Role.COORDINATOR)[0]
    program_page = reverse("program_detail", args=[program.pk])
    print(f"program page: {program.size} activities; heads of {len(heads)} schools")
    people = {program_page: [], reverse("my_activities"): []}
    for number in range(clients):
        user, path = (
            (heads[number // 2 % len(heads)], reverse("my_activities"))
            if number % 2
            else (coordinator, program_page)
        )
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
    parser.add_argument("--scale", type=float, default=0.1, help="of the issue 17 region")
    options = parser.parse_args()
    teardown = common.setup("load")
    server = None
    try:
        people = sessions(options.clients, options.scale)
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
