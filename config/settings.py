"""Settings, read from the environment (see README: DATABASE_URL, SECRET_KEY, DJANGO_DEBUG, ALLOWED_HOSTS)."""
import datetime as dt
import os
from pathlib import Path

import dj_database_url
import plotly
from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", False)
# A development key only while debugging: a production start without SECRET_KEY must fail.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # whitenoise serves static files in development too
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_tasks",
    "django_tasks_db",
    "simple_history",  # the audit trail of documents and observations
    "rules",
    "axes",  # sign-in throttling (see "Sign-in throttling" below)
    "csp",  # the Content-Security-Policy header (see "Content-Security-Policy" below)
    "indicators",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # the HTML of a province page shrinks about tenfold
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # a page's changes are recorded as its user's
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
            ],
        },
    },
]

# SQLite under var/ is the embedded default so a newcomer needs nothing installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers never wait for a writer (WAL), a writer waits its turn instead of failing with
    # "database is locked" (busy timeout), and a transaction that will write takes the lock at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    })
    # The tests' database is a file too, not memory: the browser tests' server, the background worker and
    # the test itself then each have their own connection, as they do in production. One per test run
    # (by process id), so two runs on one machine never share it; the run deletes it when it ends.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:upload"  # editors sign in to upload and check reports
LOGOUT_REDIRECT_URL = "indicators:home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.min.js ships inside the plotly package: served from here, never from a CDN.
    ("plotly", Path(plotly.__file__).parent / "package_data"),
]
# Once collectstatic has run (`make run` runs it) the collected, pre-compressed files are served;
# before that, straight from the apps' and plotly's folders.
WHITENOISE_USE_FINDERS = not (STATIC_ROOT / "plotly" / "plotly.min.js").exists()
WHITENOISE_AUTOREFRESH = False
# `make run` collects static files compressed: plotly.min.js travels as 1,4 MB instead of 4,6 MB.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploaded reports are read in memory up to this size and refused beyond REPORT_MAX_BYTES.
REPORT_MAX_BYTES = 20 * 1024 * 1024
# An upload's body beyond the report itself: the form's other fields and the multipart boundaries. The
# upload view refuses a body declaring more than REPORT_MAX_BYTES + this before reading any of it.
UPLOAD_OVERHEAD_BYTES = 64 * 1024
# What is accepted is held in memory, never spooled to a temporary file on disk: no TemporaryFileUploadHandler.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = REPORT_MAX_BYTES + UPLOAD_OVERHEAD_BYTES
# The form fields other than files (and any non-multipart body): Django's default, 2,5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# One document's budget (reports/budget.py): decoding and extraction run in a child process that is
# stopped past this time or this much memory of its own, and the ingest then ends with a message,
# nothing written. 55 s, so that the answer, with the command's start and the rollback, comes within a minute.
REPORT_INGEST_SECONDS = env_float("REPORT_INGEST_SECONDS", 55.0)
REPORT_INGEST_MEMORY_BYTES = env_int("REPORT_INGEST_MEMORY_MB", 1024) * 1024 * 1024

# Uploads are ingested in the background (reports/tasks.py) by a worker reading this database:
# `manage.py db_worker`, which `make run` starts beside the web server. No broker: an intranet has
# only the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Security: sign-in throttling, Content-Security-Policy, HTTPS (docs/DEPLOYMENT.md) ---

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, from any
# address, it is refused for LOGIN_COOLOFF_MINUTES, the right password too; every attempt during the lock
# starts the wait anew. Per account, not per address: guesses spread over many addresses (or all coming
# through one proxy) still lock it. The price, a stranger can keep an editor out a while, is the choice.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account before any password is checked
    "django.contrib.auth.backends.ModelBackend",
    "rules.permissions.ObjectPermissionBackend",  # a province's editors: reports/permissions.py
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the address is not among them, against attackers who rotate user agents or cookies;
# those do not change the account name this lock counts by, and an address would lock out everyone
# behind one proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True  # the limit counts the wrong passwords since the last sign-in
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

# Content-Security-Policy (django-csp): scripts only from the site's own files, never inline (the
# figures travel as json_script data, which is not run); styles inline too, since plotly.js writes
# its chart styles into the page; images from the site and data: URLs (the favicon, plotly's).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# HTTPS: on unless debugging. `make run` (DJANGO_DEBUG=1) serves plain HTTP on localhost; production
# gets secure cookies, a redirect to HTTPS and HSTS without setting anything. DJANGO_HTTPS=0 is for a
# server that really has no TLS (check --deploy then says so).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
# A browser that saw HSTS refuses plain HTTP to the host for this long: a year by default.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
# Behind a proxy that ends TLS, the request reaches Django as HTTP: the proxy's X-Forwarded-Proto says
# whether the reader used HTTPS. Only behind such a proxy, which must set (never pass on) the header.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Origins other than the site's own host whose forms may post here, e.g. "https://chitieu.example.vn".
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
