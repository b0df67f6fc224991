"""The production path end to end, as an operator starts it: gunicorn with deploy's config, a
Celery worker and beat, DEBUG=0, PostgreSQL and Redis, all on loopback. A coordinator logs in
and orders a справка; the worker is stopped and the order page says so; it comes back and the
file is built. Runs in a database and a queue of its own."""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg2
import pytest
import redis
from django.conf import settings

from tests.ops_tests.test_backup_drill import admin_sql, postgres_server
from tests.worker import WorkerProcess, redis_url

pytestmark = pytest.mark.worker

NO_WORKER = "Сейчас не работает обработчик задач"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Service(WorkerProcess):
    """gunicorn, a worker or beat as systemd would run them, with their output collected."""

    def __init__(self, name, command, environment):
        self.name = name
        self.output = []
        self._spawn(command, environment)

    def wait_for_line(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.output):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"{self.name} не запустился:\n" + "".join(self.output[-40:]))


class Browser:
    """Cookies and CSRF like a browser, over plain HTTP (the pilot setting)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read(), response.geturl(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.url, error.headers

    def post(self, path, data):
        _status, page, _url, _headers = self.get(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.decode()}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode(), response.geturl()


def wait_for_page(browser, path, text, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = browser.get(path)[1].decode()
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"на {path} так и не появилось «{text}»:\n{page[-2000:]}")


def test_gunicorn_worker_and_beat_build_a_spravka_and_report_a_missing_worker(tmp_path):
    server = postgres_server()
    broker = redis_url()
    name = f"portal_smoke_{os.getpid()}"
    queue = f"portal-smoke-{os.getpid()}"
    port = free_port()
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "roadmap_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "smoke-x7!Qp2@Lm9#Rv4$Tz8%Wb1^Yc6&Hn3*Jk5(Ds0)Fg-Ua_Ie=Ob+Mh",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PLAIN_HTTP_PILOT": "1",
        "DATABASE_URL": f"{server}/{name}",
        "REDIS_URL": broker,
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATE_DIR": str(tmp_path / "state"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "WORKER_HEARTBEAT_INTERVAL": "1",
        "WORKER_HEARTBEAT_MAX_AGE": "5",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LOG_FORMAT": "json",
    }

    def manage(*args):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def succeeded(*commands):
        for command in commands:
            output, _ = command.communicate(timeout=300)
            assert command.returncode == 0, output

    def worker():
        command = [sys.executable, "-m", "celery", "-A", "roadmap_portal", "worker"]
        command += ["--loglevel", "INFO", "--concurrency", "1", "--hostname", f"{queue}@%h"]
        return Service("worker", command, environment)

    admin_sql(server, "DROP DATABASE IF EXISTS {}", name)
    admin_sql(server, "CREATE DATABASE {}", name)
    services = []
    try:
        # Static files are collected while the database is migrated.
        static = manage("collectstatic", "--noinput", "-v0")
        succeeded(manage("migrate", "--noinput", "-v0"))
        succeeded(manage("load_demo", "--allow-production"), static)
        db = psycopg2.connect(f"{server}/{name}")
        try:
            with db.cursor() as cursor:
                cursor.execute("SELECT id FROM programs_program ORDER BY id LIMIT 1")
                program = cursor.fetchone()[0]
        finally:
            db.close()

        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
        web = Service("gunicorn", [*gunicorn, "roadmap_portal.wsgi"], environment)
        services.append(web)
        first_worker = worker()
        services.append(first_worker)
        beat_command = [sys.executable, "-m", "celery", "-A", "roadmap_portal", "beat"]
        beat = Service("beat", [*beat_command, "--loglevel", "INFO"], environment)
        services.append(beat)
        web.wait_for_line("Booting worker")
        first_worker.wait_for_line(" ready.")
        beat.wait_for_line("beat: Starting")

        browser = Browser(f"http://127.0.0.1:{port}")
        status, _page, url = browser.post(
            "/accounts/login/", {"username": "coordinator", "password": "demo"}
        )
        assert status == 200 and not url.endswith("/accounts/login/"), url
        reports_page = f"/reports/program/{program}/"
        order = {"action": "request", "kind": "spravka", "format": "pdf", "year": "2021"}
        _status, _page, report_url = browser.post(reports_page, order)
        report_path = urllib.parse.urlparse(report_url).path
        assert re.fullmatch(r"/reports/\d+/", report_path), report_url
        wait_for_page(browser, report_path, "Скачать файл")

        status, body, _url, headers = browser.get("/readyz")
        assert status == 200, body
        assert b'"status": "ok"' in body
        assert "camera=()" in headers["Permissions-Policy"]
        assert (tmp_path / "state" / "celerybeat-schedule").exists() or any(
            (tmp_path / "state").glob("celerybeat-schedule*")
        )

        first_worker.stop()
        _status, _page, waiting_url = browser.post(reports_page, order)
        waiting_path = urllib.parse.urlparse(waiting_url).path
        page = wait_for_page(browser, waiting_path, NO_WORKER, timeout=10)
        assert "Заказ сохранён и будет выполнен" in page
        assert browser.get("/readyz")[0] == 503
        # The refusal is logged as one JSON line carrying the id the response carried.
        request_id = browser.get("/readyz")[3]["X-Request-ID"]
        lines = [line for line in web.output if request_id in line]
        logged = [json.loads(line) for line in lines if line.startswith("{")]
        assert logged and logged[0]["message"] == "Service Unavailable: /readyz", lines
        # gunicorn's access line names the same request; gunicorn writes it after the response.
        access_line = f"request_id={request_id}"
        deadline = time.monotonic() + 10
        while not any(access_line in line for line in web.output) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any(access_line in line for line in web.output), web.output[-20:]

        services.append(worker())
        built = wait_for_page(browser, waiting_path, "Скачать файл")
        download = re.search(r'href="(/reports/\d+/download/)"', built).group(1)
        status, pdf, _url, _headers = browser.get(download)
        assert status == 200 and pdf.startswith(b"%PDF")
        assert browser.get("/readyz")[0] == 200
    finally:
        for service in reversed(services):
            service.stop()
        client = redis.Redis.from_url(broker)
        client.delete(queue, f"portal:workers:{queue}")
        admin_sql(server, "DROP DATABASE IF EXISTS {}", name)
