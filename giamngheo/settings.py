"""Settings read from the environment (12-factor).

Defaults give a working local instance on SQLite; production sets DATABASE_URL,
SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The default key only serves local runs; `check --deploy` flags it in production.
SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-local-only-change-me-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "giamngheo.core.refusals.csrf_failure"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web read while a background import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    # Connections are reused for CONN_MAX_AGE seconds and checked before reuse. Each gunicorn
    # sync worker holds at most one, so a machine uses at most GUNICORN_WORKERS connections.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PgBouncer in transaction mode cannot keep server-side cursors across statements.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DISABLE_SERVER_SIDE_CURSORS", default=False
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# The project's apps come first: their Vietnamese catalogues then take precedence over
# Django's own for shared strings ("Log out" is "Đăng xuất" here, not admin's "Thoát").
INSTALLED_APPS = [
    "giamngheo.core",
    "giamngheo.geo",
    "giamngheo.accounts",
    "giamngheo.households",
    "giamngheo.reviews",
    "giamngheo.assistance",
    "giamngheo.collaborators",
    "giamngheo.groups",
    "giamngheo.inspections",
    "giamngheo.outreach",
    "giamngheo.clubs",
    "giamngheo.reports",
    "giamngheo.api",
    "giamngheo.site",
    "giamngheo.field",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "csp",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON only: the browsable HTML renderer needs inline styles, which the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "giamngheo API",
    "DESCRIPTION": "Poverty-reduction register, scoped to the caller's area.",
    "VERSION": "1",
    # status and previous_status share the PovertyStatus choices: one name in the schema.
    "ENUM_NAME_OVERRIDES": {"PovertyStatusEnum": "giamngheo.households.models.PovertyStatus"},
    # The schema describes the register's fields and filters: for signed-in callers only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# The field app's offline copy (api/ban-sao): at most this many households in one copy, and
# the phone wipes it after this many days without signing in (README: what stays on a phone).
OFFLINE_COPY_MAX_HOUSEHOLDS = env.int("OFFLINE_COPY_MAX_HOUSEHOLDS", default=10_000)
OFFLINE_COPY_WIPE_AFTER_DAYS = env.int("OFFLINE_COPY_WIPE_AFTER_DAYS", default=14)

# Long jobs (imports) go to a database-backed queue: the web answers at once and a worker
# (`manage.py db_worker`, started by `make run`) can run on this or another machine.
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}

# A collaborator's monthly report can be handed in from this day of the month (collaborators
# keep working to the month's end; later entries show to the office as an addendum).
COLLABORATOR_REPORT_OPENS_DAY = env.int("COLLABORATOR_REPORT_OPENS_DAY", default=25)

# Uploads that are parsed are measured first (core.uploads): file size, the size an .xlsx
# unpacks to, and the last row/column its sheets reach. One set of limits per kind of upload.
MB = 1024 * 1024
UPLOAD_LIMITS = {
    "households": {
        "max_bytes": env.int("IMPORT_HOUSEHOLDS_MAX_MB", default=40) * MB,
        "max_uncompressed_bytes": env.int("IMPORT_HOUSEHOLDS_MAX_UNPACKED_MB", default=300) * MB,
        "max_rows": env.int("IMPORT_HOUSEHOLDS_MAX_ROWS", default=200_000),
        "max_columns": env.int("IMPORT_HOUSEHOLDS_MAX_COLUMNS", default=100),
    },
    # Collaborator rosters (import_roster, the Kon Tum 2018 demo list): a province's thousands.
    "collaborators": {
        "max_bytes": env.int("IMPORT_COLLABORATORS_MAX_MB", default=5) * MB,
        "max_uncompressed_bytes": env.int("IMPORT_COLLABORATORS_MAX_UNPACKED_MB", default=50) * MB,
        "max_rows": env.int("IMPORT_COLLABORATORS_MAX_ROWS", default=20_000),
        "max_columns": env.int("IMPORT_COLLABORATORS_MAX_COLUMNS", default=50),
    },
    "villages": {
        "max_bytes": env.int("IMPORT_VILLAGES_MAX_MB", default=1) * MB,
        "max_uncompressed_bytes": env.int("IMPORT_VILLAGES_MAX_UNPACKED_MB", default=10) * MB,
        "max_rows": env.int("IMPORT_VILLAGES_MAX_ROWS", default=2_000),
        "max_columns": env.int("IMPORT_VILLAGES_MAX_COLUMNS", default=20),
    },
}
# Row-level import errors quote citizen IDs and names: they are kept this many days after
# the import finished, then cleared (`manage.py purge_import_errors`, also run by the worker).
IMPORT_ERRORS_RETENTION_DAYS = env.int("IMPORT_ERRORS_RETENTION_DAYS", default=30)
# The worker writes a heartbeat; a running task whose worker has been silent this long (or
# whose process is gone, on the same machine) is marked failed so the queue never stalls.
TASKS_WORKER_HEARTBEAT_SECONDS = env.int("TASKS_WORKER_HEARTBEAT_SECONDS", default=10)
TASKS_WORKER_LOST_AFTER_SECONDS = env.int("TASKS_WORKER_LOST_AFTER_SECONDS", default=300)

MIDDLEWARE = [
    "giamngheo.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "giamngheo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "giamngheo.field.middleware.ClearSiteDataOnLogoutMiddleware",
    "giamngheo.core.middleware.RejectNullCharactersMiddleware",
    "giamngheo.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "giamngheo.urls"
WSGI_APPLICATION = "giamngheo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "giamngheo.accounts.context_processors.user_roles",
                "giamngheo.site.context_processors.navigation",
                "giamngheo.assistance.context_processors.reminders",
                "giamngheo.core.todos.todos",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out: 5 failed logins for the same user name from the same address lock it for 30 min.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Each app keeps its own catalogue in <app>/locale, so apps are translated independently.
LOCALE_PATHS = []
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Not on: it grouped every integer, years included ("2.026"). Money is grouped by the
# `dong` filter and the money field; counts that need grouping say so (`|so`).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["giamngheo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"
# Uploaded files and exports on S3-compatible storage (django-storages) when a bucket is set,
# so web servers and workers on several machines share them. They are never public: the app
# streams them to the user after checking who asks.
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "region_name": env.str("S3_REGION", default=None),
            # "path" for servers without a name per bucket (MinIO on an address, moto).
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# The cache is shared by every web process and the worker: the dashboard's figures and the
# versions that invalidate them (core.area_cache) must be the same for all. With REDIS_URL it
# is Redis; otherwise a table of the database (created by core's migration 0002).
# Sessions live in the database, so any web server behind the proxy can answer any request;
# with Redis they are read from the cache first (cached_db: written to both, so a Redis
# restart signs nobody out).
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            # Several instances (provinces) may share one Redis: one prefix each.
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="giamngheo"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "giamngheo_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long area figures (the dashboard) are kept at most; a status change refreshes them at once.
AREA_FIGURES_SECONDS = env.int("AREA_FIGURES_SECONDS", default=600)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# X-Forwarded-Proto is trusted only when a proxy that sets it is known to sit in front:
# otherwise any client could claim "https" and pass the secure-request checks.
# TRUSTED_PROXY=1 (deploy/giamngheo.env.example, Caddy in front) implies it.
TRUSTED_PROXY = env.bool("TRUSTED_PROXY", default=False)
if env.bool("USE_X_FORWARDED_PROTO", default=TRUSTED_PROXY):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check answers plain HTTP too (a load balancer probing gunicorn directly).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if TRUSTED_PROXY:
    # Behind Caddy every request comes from 127.0.0.1: the lock-out counts per real client
    # address, which the proxy puts last in X-Forwarded-For.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from our own static files, no
# inline code, so injected markup cannot run. Pages keep their CSS and JS in static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Logs go to stderr (journald under systemd). LOG_FORMAT=json writes one JSON object per line
# with the request id, for a log collector; the plain format suits a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "giamngheo.core.observability.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
if env.str("SENTRY_DSN", default=""):
    from giamngheo.core.observability import init_error_reporting

    init_error_reporting(
        env.str("SENTRY_DSN"), env.str("SENTRY_ENVIRONMENT", default="production"), "0.1.0"
    )

# Operations: /healthz reports a worker silent this long (heartbeats: TASKS_WORKER_HEARTBEAT_SECONDS),
# background exports, backups.
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=120)
EXPORT_RETENTION_HOURS = env.int("EXPORT_RETENTION_HOURS", default=72)
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# django-simple-history: the audit trail records the acting user from the request.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True
