"""A real Celery worker on Redis for the tests that are about tasks.

The worker is a separate process with the test settings, the test database and the same media
folder; tests using it need `transaction=True` so that the worker sees their data.
"""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import redis
from django.conf import settings
from django.db import connection

DEFAULT_REDIS = "redis://127.0.0.1:6379/1"


def redis_url():
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, но Redis недоступен ({url}): {error}")
        pytest.skip(f"Redis недоступен ({url}): тесты с настоящим обработчиком пропущены")
    return url


def test_database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, broker, **environment):
        self.broker = broker
        self.extra_environment = environment  # settings of this worker only (time limits)
        self.queue = settings.CELERY_TASK_DEFAULT_QUEUE
        self.output = []
        self.process = None

    def start(self, timeout=60):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": self.broker,
            "CELERY_BROKER_URL": self.broker,
            **self.extra_environment,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "roadmap_portal", "worker",
            "--loglevel", "INFO", "--concurrency", "1", "--pool", "prefork",
            "--queues", self.queue, "--hostname", f"{self.queue}-{time.monotonic_ns()}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        self._spawn(command, environment)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(" ready." in line for line in self.output):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("Обработчик Celery не запустился:\n" + "".join(self.output[-40:]))

    def _spawn(self, command, environment):
        """Start the process; its output lines gather in self.output."""
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self):
        for line in self.process.stdout:
            self.output.append(line)

    def pool_children(self):
        result = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in result.stdout.split()]

    def kill(self):
        """SIGKILL the whole worker, main process and pool, as an out-of-memory killer would."""
        for pid in [*self.pool_children(), self.process.pid]:
            os.kill(pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _forget_connections(app):
    """Celery keeps its connection and producer pools per broker once opened (an eager
    .delay() opens them too): drop them, or tasks would go to the broker of an earlier test."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start a worker; tasks queued by the test go to it instead of running in-process."""
    from roadmap_portal.celery import app

    broker = redis_url()
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    _forget_connections(app)
    redis.Redis.from_url(broker).delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    worker = WorkerProcess(broker).start()
    yield worker
    worker.stop()
    app.conf.task_always_eager, app.conf.broker_url = previous
    _forget_connections(app)
