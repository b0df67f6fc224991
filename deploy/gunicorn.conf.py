"""gunicorn settings of the portal: `gunicorn -c deploy/gunicorn.conf.py roadmap_portal.wsgi`.

Listens on loopback behind nginx (deploy/nginx-roadmap-portal.conf). Overridable from the
environment (the systemd unit reads /etc/roadmap-portal/env).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are rendered by Python: about two processes per core; reports are built by the workers.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
# A few threads per process: while one request waits for the database another uses the core
# (bench/load.py: 20 people at once on 2 processes). Each thread keeps a database connection.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A slow page is cut off before nginx gives up (proxy_read_timeout 120 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "90"))
graceful_timeout = 30
keepalive = 5
# Recycle processes now and then: memory of a long-lived process only grows. Not too often: a
# new process imports the portal and compiles its templates again, and under bench/load.py
# (20 people at once, 100 requests/s on 2 processes) 2,000 requests came every 20 seconds.
max_requests = 20000
max_requests_jitter = 2000
# Only the local nginx may tell us the original scheme and address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# Access lines carry nginx's request id (X-Request-ID), the same one the portal's logs carry.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus request_id=%({x-request-id}o)s'
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
