"""Settings for Thi đua GPMB: one module, read strictly from the environment.

With no environment at all a checkout runs on SQLite with Celery tasks executed in-process.
"""

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
_DEV_SECRET = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "units",
    "campaign",
    "awards",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "units.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: it refuses a login while the username or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "units.context_processors.navigation",
            ],
        },
    },
]

# --- Database: DATABASE_URL, or a SQLite file in the checkout -------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        # A restarted PostgreSQL leaves dead persistent connections: check before reuse.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- Language, time, formats ----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "var" / "staticfiles")
# Uploaded files never sit under the web root: they are served by permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
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
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua-gpmb@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: REDIS_URL, or tasks run in-process -----------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# A dashboard table with more rows than this is written by a worker, not during the request.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 1000)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL

# One cache shared by every process when Redis is there (rate limits, figures versions); a
# Redis outage makes it a cache that forgets (units/cache.py), never an error page.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "units.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "thidua"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
# Above the longest job, so Redis never hands a running job to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    # A request that sends a job while Redis is down (refused) or hung (accepts, never answers)
    # must not hang the page: connecting and every command give up after a second. The job
    # waits in the database (its outbox) and is sent again by the sweep or the polling page.
    # The worker's BRPOP runs in its event loop, where this timeout does not apply.
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    # Connecting to send: two tries, no pause (kombu's default waits 2 s between them).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# No publish retries: each costs another timeout on a hung Redis, and every job sent from the
# portal is kept in the database and sent again (redis-py reconnects a stale connection itself).
CELERY_TASK_PUBLISH_RETRY = False
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_SOFT_TIME_LIMIT must be below CELERY_TASK_TIME_LIMIT.")
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be above CELERY_TASK_TIME_LIMIT (the longest job)."
    )
# Workers are recycled after N tasks or M KiB, whichever comes first (WeasyPrint peaks high).
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 600_000)  # KiB
CELERY_TIMEZONE = TIME_ZONE
# Seconds between two runs of the report reaper and of the e-mail outbox sweep (Celery beat).
REPORT_REAP_EVERY = env_int("REPORT_REAP_EVERY", 60)
OUTBOX_SWEEP_EVERY = env_int("OUTBOX_SWEEP_EVERY", 60)
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {
        "task": "campaign.tasks.send_due_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "purge-table-exports": {
        "task": "campaign.tasks.purge_table_exports",
        "schedule": crontab(hour=2, minute=30),
    },
    # Also sends the jobs a Redis outage kept from the workers.
    "reap-stale-report-jobs": {
        "task": "reports.tasks.reap_stale_jobs",
        "schedule": datetime.timedelta(seconds=REPORT_REAP_EVERY),
    },
    # E-mails whose delivery after the commit was lost (crash, broker down) or failed.
    "deliver-outbox-email": {
        "task": "units.tasks.deliver_pending_email",
        "schedule": datetime.timedelta(seconds=OUTBOX_SWEEP_EVERY),
    },
    # Daily in December; a campaign gets one draft per month (the task checks).
    "annual-report-drafts": {
        "task": "reports.tasks.create_annual_drafts",
        "schedule": crontab(hour=6, minute=0, month_of_year=12),
    },
    # Daily; a campaign gets its final report once, in its final review quarter.
    "final-report-drafts": {
        "task": "reports.tasks.create_final_drafts",
        "schedule": crontab(hour=6, minute=15),
    },
}

# --- Report jobs ----------------------------------------------------------------------------
# A running job whose heartbeat is older than this is taken for dead (its worker was killed).
REPORT_HEARTBEAT_STALE = env_int("REPORT_HEARTBEAT_STALE", 90)
# How often a running job writes its heartbeat (a thread beside the builder), in seconds.
REPORT_HEARTBEAT_INTERVAL = env_int("REPORT_HEARTBEAT_INTERVAL", 15)
# Automatic attempts before a job whose worker keeps dying is marked failed.
REPORT_MAX_ATTEMPTS = env_int("REPORT_MAX_ATTEMPTS", 3)
# A job still waiting after this many seconds is enqueued again (its message was lost).
REPORT_REQUEUE_AFTER = env_int("REPORT_REQUEUE_AFTER", 120)
# Extra builder modules imported after reports.builders.* (tests install fakes this way).
REPORT_BUILDER_MODULES = env_list("REPORT_BUILDER_MODULES", [])
if REPORT_HEARTBEAT_STALE <= 2 * REPORT_HEARTBEAT_INTERVAL:
    raise ImproperlyConfigured(
        "REPORT_HEARTBEAT_STALE must be more than twice REPORT_HEARTBEAT_INTERVAL."
    )

# --- E-mail outbox (units/outbox.py) --------------------------------------------------------
# Attempts before an e-mail is given up (kept with its last error, visible in the admin); the
# wait before attempt n+1 is OUTBOX_BACKOFF[n-1] seconds (the last value repeats).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6)
try:
    OUTBOX_BACKOFF = tuple(int(s) for s in env_list("OUTBOX_BACKOFF", ["60", "300", "900", "3600"]))
except ValueError:
    OUTBOX_BACKOFF = ()
if OUTBOX_MAX_ATTEMPTS < 1 or not OUTBOX_BACKOFF or min(OUTBOX_BACKOFF) < 0:
    raise ImproperlyConfigured(
        "OUTBOX_MAX_ATTEMPTS must be at least 1 and OUTBOX_BACKOFF a list of seconds."
    )

# --- Reporting ------------------------------------------------------------------------------
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
# Reminders go N days before the due date, on it, and once after it (first matching day).
REMINDER_DAYS_BEFORE = env_int("REMINDER_DAYS_BEFORE", 3)
REMINDER_OVERDUE_DAYS = tuple(int(d) for d in env_list("REMINDER_OVERDUE_DAYS", ["1", "7"]))

# --- Awards ---------------------------------------------------------------------------------
# Prize money is rounded up to this many VND (10000 was the 2017 rule; 0 = no rounding).
AWARDS_PRIZE_ROUNDING = env_int("AWARDS_PRIZE_ROUNDING", 0)
# Public comments a visitor may post per hour on posted nominations.
AWARDS_COMMENTS_PER_HOUR = env_int("AWARDS_COMMENTS_PER_HOUR", 5)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: everything from this site, no inline script anywhere (charts read
# their data from json_script blocks, which are not executed). Inline styles stay allowed for
# Bootstrap's style attributes (progress bar widths).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is locked out for AXES_COOLOFF_TIME hours; every lockout is audited.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; failures and lockouts (WARNING) are what matter.
    "loggers": {"axes": {"level": "WARNING"}},
}
