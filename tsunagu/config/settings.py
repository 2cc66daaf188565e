"""Settings, read from environment variables only (see README.md, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from tsunagu.config import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(env.get("TSUNAGU_DATA_DIR", str(BASE_DIR / "var")))

# Demo mode: the published demo secret is accepted and two-factor is relaxed. Nothing else.
DEMO = env.get_bool("TSUNAGU_DEMO")
DEMO_SECRET_KEY = "tsunagu-demo-secret-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
DEBUG = env.get_bool("TSUNAGU_DEBUG")

SECRET_KEY = env.get("TSUNAGU_SECRET_KEY") or (DEMO_SECRET_KEY if DEMO else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "TSUNAGU_SECRET_KEY (or TSUNAGU_SECRET_KEY_FILE) is not set. Generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, or set TSUNAGU_DEMO=1 "
        "to run the demo."
    )
if SECRET_KEY == DEMO_SECRET_KEY and not DEMO:
    raise ImproperlyConfigured(
        "The demo secret key is only accepted with TSUNAGU_DEMO=1. Set TSUNAGU_SECRET_KEY."
    )

ALLOWED_HOSTS = env.get_list("TSUNAGU_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.get_list("TSUNAGU_CSRF_TRUSTED_ORIGINS")
MUNICIPALITY_NAME = env.get("TSUNAGU_MUNICIPALITY_NAME", "つなぐ町（デモ）" if DEMO else "")
#: 全国地方公共団体コード (6 digits), written into the open data this town publishes.
LOCAL_GOVERNMENT_CODE = env.get("TSUNAGU_LOCAL_GOVERNMENT_CODE", "")
#: The public pages alone (/public/ and its feeds, no sign-in, no staff pages): for a
#: read-only site in front of the internet, on its own host, with a read-only database user.
PUBLIC_ONLY = env.get_bool("TSUNAGU_PUBLIC_ONLY")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    # django-ninja's own templates and static files: the API docs page loads Swagger UI from
    # this installation, not a CDN (LGWAN has no internet).
    "ninja",
    "django_tasks_db",
    "tsunagu.core",
    "tsunagu.accounts",
    "tsunagu.audit",
    "tsunagu.people",
    "tsunagu.intake",
    "tsunagu.cases",
    "tsunagu.plans",
    "tsunagu.search",
    "tsunagu.sharing",
    "tsunagu.resources",
    "tsunagu.referrals",
    "tsunagu.meetings",
    "tsunagu.insights",
    "tsunagu.outreach",
    "tsunagu.participation",
    "tsunagu.community",
    "tsunagu.notifications",
    "tsunagu.demo",
]

MIDDLEWARE = [
    "tsunagu.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tsunagu.core.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tsunagu.core.middleware.BadInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tsunagu.accounts.middleware.TwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tsunagu.config.public_urls" if PUBLIC_ONLY else "tsunagu.config.urls"
WSGI_APPLICATION = "tsunagu.config.wsgi.application"
ASGI_APPLICATION = "tsunagu.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tsunagu.core.context_processors.tsunagu",
            ],
            "builtins": ["tsunagu.core.templatetags.tsunagu"],
        },
    }
]

# Forms render with the project's templates, so that tsunagu/templates/django/forms/ can
# override a widget (the select, written without a sub-template per option).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# -- Database: SQLite under var/ for a town; PostgreSQL through TSUNAGU_DATABASE_URL for a city.
DATABASE_URL = env.get("TSUNAGU_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'tsunagu.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the task worker writes; IMMEDIATE avoids
        # "database is locked" on write transactions that start with a read.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Form choices and exports iterate querysets; a server-side cursor costs extra round trips
    # (and breaks behind a transaction-pooling PgBouncer).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Parameters bound by the server, so that psycopg prepares a query the fifth time a
    # connection runs it: each page's queries are then not planned again (1.5-2 ms a page in
    # make bench). Behind a transaction-pooling PgBouncer older than 1.21 (or without
    # max_prepared_statements), set TSUNAGU_DATABASE_PREPARE=0.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": 5 if env.get_bool("TSUNAGU_DATABASE_PREPARE", True) else None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- Accounts and security baseline
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tsunagu.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor (TOTP) for every role that can read case data; relaxed only when asked (the demo).
REQUIRE_TWO_FACTOR = env.get_bool("TSUNAGU_REQUIRE_2FA", not DEMO)
OTP_TOTP_ISSUER = env.get("TSUNAGU_OTP_ISSUER", "Tsunagu")

# Lock an account (not an IP: a whole city hall shares one) after repeated failures.
AXES_FAILURE_LIMIT = env.get_int("TSUNAGU_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("TSUNAGU_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "tsunagu.accounts.services.lockout_key"
AXES_LOCKOUT_CALLABLE = "tsunagu.accounts.views.locked_out"
AXES_VERBOSE = False

# Idle expiry: use renews the session (at most once a minute, IdleSessionMiddleware); 30 minutes
# of silence ends it.
SESSION_COOKIE_AGE = env.get_int("TSUNAGU_SESSION_IDLE_MINUTES", 30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

HTTPS = env.get_bool("TSUNAGU_HTTPS", not (DEMO or DEBUG))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.get_bool("TSUNAGU_SSL_REDIRECT", False)
if env.get_bool("TSUNAGU_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0  # sent only over HTTPS
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "tsunagu.accounts.views.csrf_failure"

# Content-Security-Policy: our own files only; no inline script, nothing from the internet.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# -- Language and time: Japanese first, English available
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

# -- Static files, served by WhiteNoise straight from the apps (no CDN, no collectstatic needed)
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "media"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# -- Background tasks: Django's tasks framework, stored in the database; `tsunagu worker` runs them
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if env.get_bool("TSUNAGU_TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# E-mail (notifications): SMTP when TSUNAGU_EMAIL_HOST is set, else written to the log.
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.get("TSUNAGU_EMAIL_HOST"),
                "port": env.get_int("TSUNAGU_EMAIL_PORT", 25),
            },
        }
        if env.get("TSUNAGU_EMAIL_HOST")
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env.get("TSUNAGU_FROM_EMAIL", "tsunagu@localhost")
NOTIFY_BY_EMAIL = bool(env.get("TSUNAGU_EMAIL_HOST"))
# The address staff open Tsunagu at, for the links in e-mails.
SITE_URL = env.get("TSUNAGU_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("TSUNAGU_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Lockout is per account on purpose (see AXES_LOCKOUT_PARAMETERS): a city hall's staff share one
# address through its proxy, and locking that address would lock out the whole office.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
