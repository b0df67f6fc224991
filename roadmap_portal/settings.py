"""Settings of the roadmap portal.

Everything that differs between a laptop and production comes from environment variables
(documented in `.env.example`). With none set, the portal runs on the embedded default: an SQLite
file in the project folder and Celery tasks executed in-process.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from import_export.formats.base_formats import CSV, XLSX

from roadmap_portal.spreadsheets import FORMULA_SAFE_FORMATS

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is tolerated only while DEBUG is on: a production start without a real key
# must fail at once instead of signing sessions with a key that is published in this repository.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY не задан: укажите его в окружении (см. .env.example)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "accounts",
    "schools",
    "programs",
    "monitoring",
    "reports",
    "imports",
    "outbox",
    "display",  # how years, numbers, dates, people and executors are shown (templatetags)
    "results",
    "risks",
    "people",  # staff directory, responsible persons, school curators (issue 12)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped (a 1,000-activity roadmap: 2.8 MB of HTML, a tenth of it compressed).
    # Below WhiteNoise, which serves static files precompressed itself; above everything that
    # reads or writes the body. Django pads the gzip header randomly against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "roadmap_portal.middleware.strip_nul_characters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: says «поставлено в очередь» when the broker was down (outbox).
    "outbox.middleware.deferred_orders",
    "accounts.middleware.ReadOnlyRolesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it answers a locked-out login before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "roadmap_portal.urls"
WSGI_APPLICATION = "roadmap_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "accounts.context_processors.active_role",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A worker keeps its database connection between requests: opening one (a new PostgreSQL
# process, authentication, session setup) cost more than a cached page itself. Checked before
# reuse, so a restarted database costs one failed-over connection, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "auth.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------------------
# Behind TLS in production; plain HTTP only while DEBUG is on (the embedded default).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Login lockout (django-axes) --------------------------------------------------------------
# Lock by username and IP together: behind a proxy every user shares one IP, and locking by IP
# alone would let one mistyped password lock out a whole department.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind proxies the client's address is taken from X-Forwarded-For, AXES_PROXY_COUNT entries
# from the right (accounts/lockout.py says why not django-ipware). Not named AXES_PROXY_COUNT:
# axes warns about that name (its old setting).
TRUSTED_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# On top of username + IP: this many failures from one address, whatever the usernames, lock
# that address.
AXES_HANDLER = "accounts.lockout.PortalAxesHandler"
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=30)
# Password reset (accounts/password_reset.py): requests per client IP, letters per address.
PASSWORD_RESET_WINDOW_MINUTES = env.int("PASSWORD_RESET_WINDOW_MINUTES", default=15)
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=5)
PASSWORD_RESET_PER_EMAIL = env.int("PASSWORD_RESET_PER_EMAIL", default=3)

# --- E-mail -----------------------------------------------------------------------------------
# Django 6.1 configures mail through MAILERS; the console backend prints letters by default.
EMAIL_BACKEND_PATH = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env.str("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "username": env.str("EMAIL_HOST_USER", default=""),
        "password": env.str("EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("EMAIL_USE_TLS", default=False),
        "timeout": 30,
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
# No broker means the embedded default: tasks run in-process, and their errors surface at once.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int(
    "CELERY_TASK_SOFT_TIME_LIMIT", default=CELERY_TASK_TIME_LIMIT - 60
)
# Longer than the longest task, or Redis hands a running task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# A child above this after a task is replaced by a fresh one (the task itself is not cut short).
# The largest PDF builds peak below 300 MB (bench/report.py): a child that stays above 400 MB
# holds memory it no longer uses.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_KB", default=400_000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "prepare-year-end-reports": {
        "task": "reports.tasks.prepare_year_end_reports_task",
        "schedule": crontab(hour=6, minute=0),
    },
}
# The day (MM-DD) on which beat queues the year-end справки of every running program.
REPORTS_YEAR_END_DATE = env.str("REPORTS_YEAR_END_DATE", default="12-25")

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Uploads waiting for confirmation (roadmap_portal/drafts.py): files of up to 20 MB, kept
    # on disk rather than in Redis, so that an upload works with Redis down.
    "import_drafts": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        # Beside MEDIA_ROOT, not inside it: media may be served, drafts must not be.
        "LOCATION": env.str(
            "IMPORT_DRAFTS_DIR", default=str(MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-import-drafts")
        ),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools narrate every step of a PDF at INFO.
    "loggers": {
        name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes.watch_login")
    },
}

# --- Admin spreadsheet import (django-import-export) ------------------------------------------
# One transaction per import: a file with a bad row writes nothing. No bulk mode: it would skip
# the audit trail.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_FORMATS = [CSV, XLSX]
# People's text never leaves as a live formula (roadmap_portal/spreadsheets.py).
EXPORT_FORMATS = FORMULA_SAFE_FORMATS
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# --- Portal -----------------------------------------------------------------------------------
PORTAL_TITLE = "Дорожные карты ШНОР и ШНСУ"

# --- School reports (monitoring) ---
# Evidence files: the largest upload, and for DOCX/XLSX/ODT (zip archives) the most their parts
# may unpack to and how much better than a document they may compress (zip bombs).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
EVIDENCE_MAX_UNCOMPRESSED_BYTES = env.int(
    "EVIDENCE_MAX_UNCOMPRESSED_BYTES", default=200 * 1024 * 1024
)
EVIDENCE_MAX_COMPRESSION_RATIO = env.int("EVIDENCE_MAX_COMPRESSION_RATIO", default=100)
# The daily digest: deadlines this many days ahead; reviews waiting longer go to the specialists.
DIGEST_DAYS_AHEAD = env.int("DIGEST_DAYS_AHEAD", default=7)
REVIEW_ESCALATION_DAYS = env.int("REVIEW_ESCALATION_DAYS", default=5)
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)
# Links in letters point here.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE["daily-digest"] = {
    "task": "monitoring.tasks.send_daily_digest_task",
    "schedule": crontab(hour=DIGEST_HOUR, minute=0),
}
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "monitoring.context_processors.school_reports_nav"
)

# --- Operations (ops/): health, backups, retention, production switches ------------------------
INSTALLED_APPS.append("ops")
MIDDLEWARE.insert(0, "ops.middleware.RequestIdMiddleware")
MIDDLEWARE.insert(2, "ops.middleware.PermissionsPolicyMiddleware")
# A pilot on a closed network without TLS: cookies travel without Secure, no HTTPS redirect and
# no HSTS. `check --deploy` keeps warning about it (ops.W001 and Django's own warnings).
PLAIN_HTTP_PILOT = env.bool("PLAIN_HTTP_PILOT", default=False)
if PLAIN_HTTP_PILOT:
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = False
# Health probes come over plain HTTP from the machine itself (systemd, monitoring).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default="camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()",
)
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(STATIC_ROOT)))
# What the processes keep between runs (beat's schedule, backups): never the project root.
STATE_DIR = Path(env.str("STATE_DIR", default=str(BASE_DIR / "var")))
STATE_DIR.mkdir(parents=True, exist_ok=True)
CELERY_BEAT_SCHEDULE_FILENAME = str(STATE_DIR / "celerybeat-schedule")
# Several portals (or test runs) may share one Redis: each sends to a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# A worker writes its heartbeat every INTERVAL seconds; /readyz fails after MAX_AGE of silence.
OPS_WORKER_HEARTBEAT_INTERVAL = env.int("WORKER_HEARTBEAT_INTERVAL", default=10)
OPS_WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=60)
# /readyz fails when the media folder's disk has less free space than this.
OPS_MEDIA_MIN_FREE_MB = env.int("MEDIA_MIN_FREE_MB", default=500)
# Backups (manage.py backup_portal) and how long backups and generated reports are kept
# (days; 0 keeps them forever). The newest backup is never removed.
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(STATE_DIR / "backups")))
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=14)
REPORTS_KEEP_DAYS = env.int("REPORTS_KEEP_DAYS", default=365)
# PDF reports are laid out in parts of at most this many characters of HTML, then joined: the
# memory of a build is that of one part (~0.5 KB per character), whatever the report's length.
REPORTS_PDF_PART_CHARS = env.int("REPORTS_PDF_PART_CHARS", default=150_000)
CELERY_BEAT_SCHEDULE["ops-cleanup"] = {
    "task": "ops.tasks.cleanup_task",
    "schedule": crontab(hour=3, minute=30),
}
# LOG_FORMAT=json: one JSON object a line, with the request id (also sent as X-Request-ID).
LOGGING["filters"] = {"request_id": {"()": "ops.logs.RequestIdFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]
if env.str("LOG_FORMAT", default="text") == "json":
    LOGGING["formatters"] = {"json": {"()": "ops.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
    # Workers and beat log through the same configuration instead of Celery's own format.
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# --- Nothing lost when the broker or a worker fails (outbox, sweepers) ----------------------
# With Redis down a publish must fail in a moment, not after kombu's ~20 s of retries: the write
# is committed already, its task order waits in the outbox (outbox/services.py). Outcomes live in
# the portal's own tables, so no task result is stored (a result backend that is down would
# otherwise block every publish).
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": env.int("CELERY_PUBLISH_MAX_RETRIES", default=2),
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
OUTBOX_SWEEP_BATCH = env.int("OUTBOX_SWEEP_BATCH", default=500)
# A report build writes a heartbeat this often; one silent for REPORTS_HEARTBEAT_STALE_SECONDS
# (its worker was killed) is marked failed, and an order queued for REPORTS_QUEUE_STALE_SECONDS
# without a worker taking it is handed to the broker again.
REPORTS_HEARTBEAT_SECONDS = env.int("REPORTS_HEARTBEAT_SECONDS", default=15)
REPORTS_HEARTBEAT_STALE_SECONDS = env.int("REPORTS_HEARTBEAT_STALE_SECONDS", default=120)
REPORTS_QUEUE_STALE_SECONDS = env.int("REPORTS_QUEUE_STALE_SECONDS", default=15 * 60)
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {
    "task": "outbox.tasks.sweep_outbox_task",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["letters-retry"] = {
    "task": "monitoring.tasks.requeue_unsent_letters_task",
    "schedule": 30 * 60.0,
}
CELERY_BEAT_SCHEDULE["reports-sweep"] = {
    "task": "reports.tasks.sweep_reports_task",
    "schedule": 60.0,
}
# Imported roadmaps (imports/limits.py): checked like evidence archives, with a lower unpacked
# size, and refused above these table sizes before any parsing.
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=60 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=10_000)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=200_000)
# A roadmap file larger than this is parsed by the worker, not inside the web request.
IMPORT_WORKER_THRESHOLD_BYTES = env.int("IMPORT_WORKER_THRESHOLD_BYTES", default=1024 * 1024)
