"""Settings for ROS1 Companion, read from environment variables.

Defaults are safe for a developer's machine: SQLite in the project folder and
DEBUG on. With DEBUG off the site refuses to start without a real secret key.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", "1")

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "csp",
    "pwa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "education",
    "tracker",
    "accounts",
    "clinics",
    "reminders",
]

MIDDLEWARE = [
    # Outermost: every answer gets its headers, unknown methods get 405 (ros1site/headers.py).
    "ros1site.headers.SecurityHeadersMiddleware",
    # Next: nothing may read a body before its size is checked (ros1site/limits.py).
    "ros1site.limits.BodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here for phones on slow links (whitenoise already
    # serves static files pre-compressed). Django adds random padding against
    # BREACH, and no journal data is ever in a page's HTML.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # ros1site.token_api.*: the same middleware, passed by for bearer-token API
    # calls, which provably do not need it (each reason is in that module).
    "ros1site.token_api.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the idle limit, so that it sees the sign-out that limit makes.
    "accounts.middleware.SignInMiddleware",
    "ros1site.token_api.StaffSessionTimeoutMiddleware",
    "ros1site.token_api.SecondFactorMiddleware",
    "ros1site.token_api.MessageMiddleware",
    "ros1site.api_errors.DomainErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ros1site.headers.CSPMiddleware",
    "ros1site.token_api.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ros1site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ros1site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "ros1site.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
        # Off: the check is a SELECT 1 before every request's first query (a
        # fifth of a trivial API call's time). A connection that broke anyway
        # fails that request's query, Django drops it when the request ends,
        # and the next request connects afresh; the failed request is
        # answered as any database fault is, and the client retries it.
        conn_health_checks=envbool("DATABASE_CONN_HEALTH_CHECKS", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one device writes; IMMEDIATE takes the write
    # lock at BEGIN so that two writers queue on the busy timeout instead of
    # failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT_SECONDS", "20"),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASE_TRANSACTION_POOLING = envbool("DATABASE_TRANSACTION_POOLING", "0")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not (
    DATABASE_TRANSACTION_POOLING
):
    # Lets psycopg prepare statements on a connection of our own. Only
    # ros1site/prepared_sql.py asks for it: Django's own cursors bind on the
    # client, and those never prepare anything.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
if DATABASE_TRANSACTION_POOLING:
    # Behind PgBouncer in transaction mode (deploy/) each transaction may run
    # on another server connection, so a cursor that outlives its transaction
    # cannot work. Django's psycopg 3 backend prepares no statements
    # (prepare_threshold None) and the app takes no session-level locks or
    # settings; the server's timezone is UTC, so Django sets none either.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# Django's cache holds the password-reset throttle (accounts.services), which
# must count across every app server: with REDIS_URL set (e.g.
# redis://10.0.0.5:6379/0) it lives in Redis, shared; unset, it stays in each
# process's memory, which is right only for one process (scripts/serve.sh on
# SQLite counts per gunicorn worker). Sessions and axes' sign-in records are
# in the database, shared already.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or test runs) may share one Redis.
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "ros1"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Django's own cap on a body read whole (request.body, forms): the largest any
# address accepts, a push's 2 MiB. ros1site.limits.BodyLimitMiddleware gives
# each address its own, smaller limit before this one is ever reached.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# DJANGO_STATIC_ROOT lets a test server collect into a folder of its own.
STATIC_ROOT = Path(os.getenv("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "ros1site.storage.StaticFilesStorage"},
}
if envbool("DJANGO_PLAIN_STATIC", "0"):
    # For tests that run without collectstatic.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Patients sign in inside the journal, which works offline too.
LOGIN_URL = "/journal/"


# Mail (staff invitations, password resets): through SMTP when EMAIL_HOST is
# set, printed to the console otherwise. The DJANGO_EMAIL_* names of earlier
# releases are still read.
def _email_env(name: str, default: str = "") -> str:
    return os.getenv(name) or os.getenv(f"DJANGO_{name}", default)


EMAIL_HOST = _email_env("EMAIL_HOST")
EMAIL_BACKEND = os.getenv(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(_email_env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = _email_env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _email_env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _email_env("EMAIL_USE_TLS", "0").strip().lower() in {"1", "true", "yes", "on"}
EMAIL_USE_SSL = _email_env("EMAIL_USE_SSL", "0").strip().lower() in {"1", "true", "yes", "on"}
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
DEFAULT_FROM_EMAIL = _email_env("DEFAULT_FROM_EMAIL", "ROS1 Companion <noreply@localhost>")
# A password-reset link works for one hour, and once (it dies with the old password).
PASSWORD_RESET_TIMEOUT = 60 * 60

# Sessions: patients stay signed in on their own phone for a long time; staff
# sessions are cut short by StaffSessionTimeoutMiddleware.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(60 * 60 * 24 * 60))
STAFF_SESSION_IDLE_SECONDS = envint("STAFF_SESSION_IDLE_SECONDS", str(30 * 60))
# Content whose newest source or check is older than this many months is listed
# for the reviewers under "Needs checking".
CONTENT_CHECK_MONTHS = envint("CONTENT_CHECK_MONTHS", "12")
# Sync history retention (docs/sync-protocol.md §4): stored replies to applied
# mutations and tombstones older than this many days are pruned by
# `manage.py prune_sync_history`; a device silent for longer pulls afresh.
SYNC_RETENTION_DAYS = envint("SYNC_RETENTION_DAYS", "30")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Production hardening; all on when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", "1")
    CSRF_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", "1")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", "1")
if os.getenv("DJANGO_SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO" when behind a TLS-terminating proxy.
    SECURE_PROXY_SSL_HEADER = (os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"], "https")

# Content Security Policy: no inline scripts, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# django-axes: throttle failed sign-ins per account, and per account and address
# together; never per address alone, since behind a proxy (or a clinic's NAT)
# one address is every user's, and guesses at one account would lock out all.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
# A success clears only the account's own failures (accounts.authentication),
# never the address's: axes' reset would clear both.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
# Behind a proxy, name the one header it sets (e.g. HTTP_X_FORWARDED_FOR);
# otherwise only REMOTE_ADDR is trusted. With DEBUG off and none named, the
# check accounts.W001 warns: set REMOTE_ADDR when no proxy stands in front.
CLIENT_IP_HEADERS = envlist("DJANGO_CLIENT_IP_HEADER", "")
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(CLIENT_IP_HEADERS + ["REMOTE_ADDR"])
# django-ipware is not installed, so axes would read REMOTE_ADDR only; this
# callable reads the order above (the trusted header's right-most entry).
AXES_CLIENT_IP_CALLABLE = "accounts.authentication.client_ip_address"
# API callers get the contract's JSON 429 (too_many_attempts).
AXES_LOCKOUT_CALLABLE = "accounts.authentication.lockout_response"
# Cuts absurdly long usernames, which axes could not store, to Django's limit.
AXES_USERNAME_CALLABLE = "accounts.authentication.client_username"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Signed in, and not staff: staff have their own sign-in with its second factor.
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.IsPatient"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ros1site.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ROS1 Companion API",
    "DESCRIPTION": "Journal sync protocol version 1 and the public catalogue.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# django-pwa: manifest and meta tags only; the service worker is our own view.
PWA_APP_NAME = "ROS1 Companion"
PWA_APP_SHORT_NAME = "ROS1"
PWA_APP_DESCRIPTION = "Treatment information and a private journal for ROS1-positive lung cancer."
PWA_APP_THEME_COLOR = "#1d4e89"
PWA_APP_BACKGROUND_COLOR = "#ffffff"
PWA_APP_DISPLAY = "standalone"
PWA_APP_SCOPE = "/"
PWA_APP_START_URL = "/"
PWA_APP_ORIENTATION = "any"
PWA_APP_STATUS_BAR_COLOR = "default"
PWA_APP_DIR = "ltr"
PWA_APP_LANG = "en"
PWA_APP_ICONS = [
    {"src": "/static/img/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "/static/img/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {
        "src": "/static/img/icon-maskable-512.png",
        "sizes": "512x512",
        "type": "image/png",
        "purpose": "maskable",
    },
]
PWA_APP_ICONS_APPLE = [{"src": "/static/img/icon-192.png", "sizes": "192x192"}]
PWA_APP_SPLASH_SCREEN: list[dict] = []
PWA_SERVICE_WORKER_PATH = BASE_DIR / "static" / "js" / "sw-placeholder.js"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("DJANGO_LOG_LEVEL", "WARNING")},
}

if os.getenv("DJANGO_FAST_PASSWORD_HASHER"):
    # Tests only: hashing is not what they test.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Web Push reminders (reminders/push.py). The VAPID private key, base64url
# (`manage.py webpush_keys` makes one); unset, the server offers no push.
WEBPUSH_VAPID_PRIVATE_KEY = os.environ.get("WEBPUSH_VAPID_PRIVATE_KEY", "")
# Who the push services may contact about our pushes (RFC 8292 `sub`).
WEBPUSH_VAPID_SUBJECT = os.environ.get("WEBPUSH_VAPID_SUBJECT", "mailto:noreply@localhost")
# The push services' hosts a subscription may name (and their subdomains): the
# server posts reminders to these alone. Chrome/Edge (FCM), Firefox (Mozilla),
# Safari and iOS/iPadOS home-screen apps (Apple), Windows (WNS).
WEBPUSH_ENDPOINT_HOSTS = envlist(
    "WEBPUSH_ENDPOINT_HOSTS",
    "fcm.googleapis.com,push.services.mozilla.com,push.apple.com,notify.windows.com",
)
