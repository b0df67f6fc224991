"""The Celery worker heartbeat: how the portal knows a worker is there to build its reports.

Each worker's main process writes the time into a Redis sorted set on the broker, every
OPS_WORKER_HEARTBEAT_INTERVAL seconds, under the queue the portal sends its tasks to; a worker
that stops cleanly removes itself, a killed one simply grows old. Independent of Celery events
and of beat, so it works with `--without-heartbeat` and with beat stopped.
"""

import contextlib
import socket
import threading
import time
from dataclasses import dataclass

import redis
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from roadmap_portal.celery import app

_stop = threading.Event()


def _key() -> str:
    return f"portal:workers:{app.conf.task_default_queue}"


def broker():
    """A client of the broker the portal's tasks go to, quick to give up."""
    return redis.Redis.from_url(
        app.conf.broker_url,
        socket_connect_timeout=1,
        socket_timeout=1,
        retry=Retry(NoBackoff(), 0),  # a probe answers now, it does not wait for Redis
    )


def workers_needed() -> bool:
    """Without a broker tasks run inside the web process: no worker to wait for."""
    return bool(app.conf.broker_url) and not app.conf.task_always_eager


@dataclass(frozen=True)
class WorkerStatus:
    needed: bool
    alive: int = 0  # workers seen within OPS_WORKER_HEARTBEAT_MAX_AGE
    last_seen_seconds: float | None = None  # since the freshest heartbeat, None if never
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.needed or self.alive > 0


def worker_status() -> WorkerStatus:
    """One Redis call; a broker that does not answer counts as no worker."""
    if not workers_needed():
        return WorkerStatus(needed=False)
    try:
        beats = broker().zrange(_key(), 0, -1, withscores=True)
    except redis.RedisError as error:
        return WorkerStatus(needed=True, error=f"Redis недоступен: {error.__class__.__name__}")
    now = time.time()
    ages = [now - seen for _name, seen in beats]
    max_age = settings.OPS_WORKER_HEARTBEAT_MAX_AGE
    return WorkerStatus(
        needed=True,
        alive=sum(age <= max_age for age in ages),
        last_seen_seconds=round(min(ages), 1) if ages else None,
    )


def _member(sender) -> str:
    return getattr(sender, "hostname", None) or f"{socket.gethostname()}:{id(sender)}"


def _beat_forever(member: str):
    client = broker()
    key = _key()
    forget_after = 24 * 60 * 60
    while not _stop.is_set():
        now = time.time()
        try:
            with client.pipeline() as pipe:
                pipe.zadd(key, {member: now})
                pipe.zremrangebyscore(key, 0, now - forget_after)
                pipe.expire(key, forget_after)
                pipe.execute()
        except redis.RedisError:
            pass  # the broker is down: the worker cannot work either, readyz will say so
        _stop.wait(settings.OPS_WORKER_HEARTBEAT_INTERVAL)


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs):
    _stop.clear()
    member = _member(sender)
    threading.Thread(target=_beat_forever, args=(member,), daemon=True, name="heartbeat").start()


@worker_shutdown.connect
def stop_heartbeat(sender=None, **kwargs):
    _stop.set()
    with contextlib.suppress(redis.RedisError):
        broker().zrem(_key(), _member(sender))
