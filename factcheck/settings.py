"""Settings for the fact-check workbench, read from the environment.

With no variables set you get a working local setup: SQLite (WAL, immediate
transactions) and an embedded Celery broker on the filesystem. Every variable
is listed in `.env.example` and in the README.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------
DEBUG = env_bool("DEBUG", True)
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "factcheck.api.problems.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "factcheck.apps.FactcheckConfig",
    "history",
    "accounts",
    "claims",
    "sources",
    "publishing.apps.PublishingConfig",
    "webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "factcheck.lib.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the cookie set by the
    # switcher, else the browser's Accept-Language, else LANGUAGE_CODE (French).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "history.middleware.HistoryActorMiddleware",
    "factcheck.api.idempotency.IdempotencyMiddleware",
    "factcheck.api.problems.ApiProblemMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
# Persistent connections (DB_CONN_MAX_AGE > 0) are checked before reuse, so a restarted
# PostgreSQL costs one failed query, not a worker full of broken connections.
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue on the busy timeout instead of
    # failing half-way with "database is locked".
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # A file (not :memory:) so a worker subprocess started by a test can open it.
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes counts failed sign-ins (UI and admin, both go through authenticate()) and locks the account.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
# Hours until a locked account unlocks by itself; 0 means only an editor/admin unlocks it.
_axes_cooloff = env_float("AXES_COOLOFF_HOURS", 1.0)
AXES_COOLOFF_TIME = _axes_cooloff or None
# Each entry counts on its own: an account is locked after N failures from anywhere, an address after N on any account.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- I18N / static / media ----------------------------------------------------
# French first (the first newsroom is French); English when the browser prefers it or
# the reviewer picks it in the switcher (remembered in the language cookie).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "archive")))
MEDIA_URL = "/media/"  # never served publicly: archives go through a view
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

# --- Security (production values when DEBUG is off) ---------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- REST framework -----------------------------------------------------------
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200)
# Nesting beyond this is refused with a 400 (json.loads would hit the recursion limit near 1,000).
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 64)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so an unauthenticated request gets 401 with `WWW-Authenticate: Token`.
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["factcheck.lib.permissions.HasWorkbenchRole"],
    "DEFAULT_PAGINATION_CLASS": "factcheck.api.pagination.ApiCursorPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    # JSON only: the API has no file uploads, and one body format keeps the schema exact.
    "DEFAULT_PARSER_CLASSES": ["factcheck.api.parsers.BoundedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.api.throttling.TokenRateThrottle",
        "factcheck.api.throttling.UserRateThrottle",
        "factcheck.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_THROTTLE_TOKEN", "600/min"),
        "user": env_str("API_THROTTLE_USER", "1200/min"),
        "anon": env_str("API_THROTTLE_ANON", "60/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.problems.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check workbench API",
    "DESCRIPTION": (
        "REST API for newsroom tools. Authenticate with `Authorization: Token <secret>` (create one on your "
        "profile page, with `POST /api/v1/tokens/` or `manage.py create_api_token`). Errors are RFC 9457 "
        "problem details (`application/problem+json`). Lists use cursor pagination (`page_size` ≤ "
        f"{API_MAX_PAGE_SIZE}). Send `Idempotency-Key` on POSTs to retry safely; updates need `If-Match`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "SnapshotStatusEnum": "sources.models.Snapshot.Status",
        "ArticleExtractionStatusEnum": "claims.models.Article.ExtractionStatus",
        "SubscriptionStatusEnum": "webhooks.models.Subscription.Status",
        "DeliveryStatusEnum": "webhooks.models.Delivery.Status",
        "WebhookEventEnum": "factcheck.lib.events.EVENTS",
    },
    # Every operation documents the problems any API view can return (one place, not per view).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.api.schema.document_problems",
    ],
}
# Throttle counters: Redis when configured (shared by every web worker), else per-process memory.
if env_str("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}}

# --- Celery -----------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
BROKER_DIR = Path(env_str("CELERY_BROKER_DIR", str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Embedded broker: messages are files in a folder the web server and the
    # worker share. No server to run; fine for one machine, not for a fleet.
    for _sub in ("queue", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # The worker polls the folder, and also sleeps this long whenever its prefetch is full, i.e. after every
        # task (kombu's default 1 s made a 40 ms capture take ~1 s per pool child). An empty-folder listdir every
        # 20 ms costs next to nothing.
        "polling_interval": env_float("CELERY_BROKER_POLLING_INTERVAL", 0.02),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        # Look for messages of dead workers every 10 s (kombu's default scans only every 10th time, ~100 s).
        "unacked_restore_throttle": 1,
    }
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
# Claim extraction has a queue of its own: a worker started without -Q consumes both in turn, so a pasted article
# waits at most for a capture already running, not behind a whole import of links (2.6-2.9 s behind 20 slow captures
# in one queue, see /work/paste-report.md); `-Q <this queue>` gives pasting a worker of its own. Set it to
# CELERY_QUEUE for one queue.
CELERY_EXTRACTION_QUEUE = env_str("CELERY_EXTRACTION_QUEUE") or f"{CELERY_TASK_DEFAULT_QUEUE}.extraction"
CELERY_TASK_QUEUES = [Queue(name) for name in dict.fromkeys([CELERY_TASK_DEFAULT_QUEUE, CELERY_EXTRACTION_QUEUE])]
CELERY_TASK_ROUTES = {"claims.extract_article": {"queue": CELERY_EXTRACTION_QUEUE}}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Messages each pool child reserves ahead. On Redis 1: a long capture holds nothing back (acks_late), and reserving
# more measured no faster. The embedded broker polls its folder and waits a polling interval whenever the reserve is
# full, so with 1 a pool child sat idle between two captures: 2 archived 42-46 pages/s against 31-40 with 1 (`make
# bench-archive`, 2 cores; 4 gave no more), and a pasted article waits behind at most one more reserved capture.
CELERY_WORKER_PREFETCH_MULTIPLIER = env_int(
    "CELERY_WORKER_PREFETCH_MULTIPLIER", 2 if CELERY_BROKER_URL.startswith("filesystem://") else 1
)
# A pool child keeps its database connection for this many tasks (0: Celery closes it after every task, and each
# archived page paid a new connection). Checked before each task as Django checks it before each request.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 100) or None
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# How often the sweep re-enqueues work stuck in pending/fetching (seconds).
SWEEP_INTERVAL = env_int("SWEEP_INTERVAL", 60)
# Page watch: how often the periodic task looks for cited pages due for a new capture (seconds), and the
# default interval between two captures of one source (hours; a source may set its own).
PAGE_WATCH_INTERVAL = env_int("PAGE_WATCH_INTERVAL", 3600)
PAGE_WATCH_DEFAULT_HOURS = env_int("PAGE_WATCH_DEFAULT_HOURS", 24)
PAGE_WATCH_BATCH = env_int("PAGE_WATCH_BATCH", 50)

# --- Fetching and archiving -----------------------------------------------------
# host:port pairs that may be reached even though they are private (tests,
# intranet deployments). Empty by default: nothing else bypasses the guard.
FETCH_ALLOWLIST = env_list("FETCH_ALLOWLIST")
FETCH_ALLOWED_PORTS = [int(p) for p in env_list("FETCH_ALLOWED_PORTS", "80,443")]
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 20 * 1024 * 1024)
FETCH_CONNECT_TIMEOUT = env_float("FETCH_CONNECT_TIMEOUT", 10.0)
FETCH_READ_TIMEOUT = env_float("FETCH_READ_TIMEOUT", 20.0)
FETCH_DEADLINE = env_float("FETCH_DEADLINE", 60.0)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 10)
FETCH_MAX_ATTEMPTS = env_int("FETCH_MAX_ATTEMPTS", 5)
FETCH_PER_HOST_DELAY = env_float("FETCH_PER_HOST_DELAY", 1.0)
FETCH_PER_HOST_CONCURRENCY = env_int("FETCH_PER_HOST_CONCURRENCY", 1)
FETCH_USER_AGENT = env_str("FETCH_USER_AGENT", "FactcheckWorkbench/1.0 (+archiving evidence for fact-checks)")
FETCH_RESPECT_ROBOTS = env_bool("FETCH_RESPECT_ROBOTS", False)
FETCH_CA_BUNDLE = env_str("FETCH_CA_BUNDLE")
EXTRACTION_TIME_LIMIT = env_float("EXTRACTION_TIME_LIMIT", 20.0)

# --- Claim extraction ---------------------------------------------------------------
ARTICLE_MAX_CHARS = env_int("ARTICLE_MAX_CHARS", 2_000_000)
# The learned English check-worthiness model, trained at setup (`make model`); without it the rules score.
CHECKWORTHY_MODEL = Path(env_str("CHECKWORTHY_MODEL", str(VAR_DIR / "models" / "checkworthy-en.json")))
CHECKWORTHY_DATA_DIR = Path(env_str("CHECKWORTHY_DATA_DIR", str(BASE_DIR.parent / "shared" / "data" / "claims")))
# A 2 MB article takes about a minute on one core; give extraction its own, longer limits.
EXTRACTION_TASK_SOFT_TIME_LIMIT = env_int("EXTRACTION_TASK_SOFT_TIME_LIMIT", 540)
EXTRACTION_TASK_TIME_LIMIT = env_int("EXTRACTION_TASK_TIME_LIMIT", 600)
# A pasted 2 MB article is up to ~6 MB once form-encoded (accents become %C3%A9).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 16 * 1024 * 1024)

# --- Publishing -----------------------------------------------------------------------
# Public pages and ClaimReview need absolute URLs and the name of the organisation that publishes.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ORGANIZATION_NAME = env_str("ORGANIZATION_NAME", "Fact-check workbench")
ORGANIZATION_URL = env_str("ORGANIZATION_URL", PUBLIC_BASE_URL + "/")
PUBLISH_MIN_SOURCES = env_int("PUBLISH_MIN_SOURCES", 1)
# --- Webhooks -------------------------------------------------------------------------
WEBHOOK_RETRY_BASE = env_float("WEBHOOK_RETRY_BASE", 30.0)  # first retry after ~30 s, then doubling
WEBHOOK_RETRY_CAP = env_float("WEBHOOK_RETRY_CAP", 3600.0)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 40)
WEBHOOK_PAUSE_AFTER = env_int("WEBHOOK_PAUSE_AFTER", 86400)  # seconds of failing before a subscription is paused
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
