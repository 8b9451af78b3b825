"""One settings file, driven by environment variables (see README, "Production").

Defaults are safe for a developer's machine: SQLite, DEBUG off unless asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from brobygger.identity.config import socialaccount_providers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# Demo mode shows the demo logins on the login page. Never on in production.
DEMO_MODE = env_bool("BROBYGGER_DEMO")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or DEMO_MODE or env_bool("BROBYGGER_TESTING"):
        SECRET_KEY = "insecure-local-development-key-change-me-in-production-0123456789"
    else:
        raise RuntimeError("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "brobygger.core",
    "brobygger.accounts",
    "brobygger.organisations",
    "brobygger.programmes",
    "brobygger.enrolments",
    "brobygger.attendance",
    "brobygger.placements",
    "brobygger.assessments",
    "brobygger.completion",
    "brobygger.accesslog",
    "brobygger.privacy",
    "brobygger.employment",
    "brobygger.subsidy",
    "brobygger.followup",
    "brobygger.contacts",
    "brobygger.guidance",
    "brobygger.outcomes",
    "brobygger.diplomas",
    "brobygger.invitations",
    "brobygger.identity",
    "brobygger.jobs",
    "brobygger.notifications",
    "brobygger.calendarfeed",
    "brobygger.api",
    "brobygger.applications",
    "brobygger.languages",
    "brobygger.imports",
    "brobygger.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "brobygger.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "brobygger.languages.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "brobygger.identity.middleware.ProviderFormActionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Idle/absolute session timeouts, then "staff must have passed MFA" (ADR 0007).
    "brobygger.accounts.middleware.SessionLifetimeMiddleware",
    "brobygger.accounts.middleware.RequireMFAMiddleware",
    "brobygger.accounts.middleware.ReauthenticationGuardMiddleware",
    "brobygger.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "brobygger.urls"
WSGI_APPLICATION = "brobygger.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "brobygger" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "brobygger.core.context_processors.brobygger",
            ],
        },
    },
]

# SQLite by default so `make run` needs no server; PostgreSQL by DATABASE_URL.
# Connections are kept for DATABASE_CONN_MAX_AGE seconds (default 60; 0 in tests: a new one per
# request) and checked before reuse, so a database restart costs no failed request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'brobygger.sqlite3'}",
        conn_max_age=int(
            os.environ.get("DATABASE_CONN_MAX_AGE", "0" if env_bool("BROBYGGER_TESTING") else "60")
        ),
        conn_health_checks=True,
    )
}
# Two PostgreSQL roles (ADR 0013, core/dbroles.py): DATABASE_URL is the app's runtime role (owns
# nothing; only SELECT and INSERT on the logs); `migrate` connects as DATABASE_MIGRATE_URL's user
# (the schema owner) when it is set. Unset: DATABASE_URL's user does both.
DATABASE_MIGRATE_URL = os.environ.get("DATABASE_MIGRATE_URL", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    if env_bool("BROBYGGER_TESTING"):
        # A file, not memory, so a `run_worker` subprocess sees the test database (jobs/tests);
        # pytest-django adds a suffix per xdist worker (…_gw0), Django recreates it each run.
        # No fsync in tests: as fast as memory, and a killed process still loses nothing.
        # BROBYGGER_TEST_SQLITE: another file, for two test runs at once on one checkout.
        test_file = os.environ.get("BROBYGGER_TEST_SQLITE", "") or str(
            BASE_DIR / "var" / "test_brobygger.sqlite3"
        )
        DATABASES["default"]["TEST"] = {"NAME": test_file}
        DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the outcome figures' aggregates are estimated expensive enough to be compiled,
    # and compiling took longer (1.3 s at 100k participants) than running them (ADR 0026).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Django's rules with Norwegian messages (Django's bokmål catalogue lacks them).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "brobygger.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "brobygger.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "brobygger.accounts.validators.NorwegianCommonPasswordValidator"},
    {"NAME": "brobygger.accounts.validators.NumericPasswordValidator"},
    {"NAME": "brobygger.accounts.validators.CommonPatternPasswordValidator"},
]
if env_bool("BROBYGGER_TESTING"):
    # The real hasher is slow on purpose; the test suite creates and logs in many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "brobygger.accounts.adapter.AccountAdapter"
# Login, MFA and sessions: docs/adr/0007-login-mfa-and-sessions.md.
# Same answer for known and unknown usernames/emails; no mail to addresses we do not know.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# A password change ends every session of the user, the one that changed it included.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# Adding, removing or choosing an e-mail address needs the password (or an MFA code) typed
# again; a new address is mailed a link and gets reset links only once verified (ADR 0007).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Failed logins: 10 a minute and 30 an hour per client address, 5 per 5 minutes per account and
# address; 100 an hour per account from all addresses, after which the right password still
# leads to the MFA step of an account with an authenticator app (accounts.adapter, ADR 0007).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,30/h/ip,5/5m/key",
    "login_failed_account": "100/h/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}
# The client address for the per-address limits: with N proxies of ours in front, the entry N
# places from the right of X-Forwarded-For. 0 (default) ignores the header: the socket address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("BROBYGGER_TRUSTED_PROXY_COUNT", "0"))
# ID-porten (participants) and Entra ID (staff) through allauth's OpenID Connect provider,
# configured by BROBYGGER_OIDC_PROVIDERS (identity/config.py, ADR 0012). None by default.
SOCIALACCOUNT_PROVIDERS = socialaccount_providers(os.environ.get("BROBYGGER_OIDC_PROVIDERS", ""))
SOCIALACCOUNT_ADAPTER = "brobygger.invitations.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an e-mail claim never logs anyone in to a login
SOCIALACCOUNT_STORE_TOKENS = False  # tokens carry the pid; we need none after login
SOCIALACCOUNT_LOGIN_ON_GET = False  # starting a login is a POST (CSRF-protected)
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
# MFA: authenticator app (TOTP) and recovery codes; required for everyone but participants.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Brobygger"
# Accept the previous and next 30-second code too (RFC 6238 §5.2: clock drift, slow typing).
MFA_TOTP_TOLERANCE = 1
# TOTP keys and recovery-code seeds are encrypted at rest (accounts.mfa_adapter) with Fernet keys
# from BROBYGGER_MFA_KEY (comma-separated to rotate: the first encrypts). Without it the app
# refuses to start, except in debug/demo/tests, where a key is derived from SECRET_KEY.
MFA_ADAPTER = "brobygger.accounts.mfa_adapter.MFAAdapter"
BROBYGGER_MFA_KEYS = env_list("BROBYGGER_MFA_KEY")
if not BROBYGGER_MFA_KEYS and not (DEBUG or DEMO_MODE or env_bool("BROBYGGER_TESTING")):
    raise RuntimeError("Set BROBYGGER_MFA_KEY (a Fernet key) to encrypt MFA secrets.")
# Rate limits must be shared by every process: the database cache (its table is created by
# accounts/migrations/0003); LocMemCache would give each worker its own counters. (Used TOTP
# codes are kept in the authenticator's own row, accounts.totp.)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "brobygger_cache",
    }
}
# Sessions end after 30 minutes idle and 12 hours after login at most (accounts.middleware).
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "brobygger" / "locale", BASE_DIR / "brobygger" / "locale_allauth"]
# British dates for English (Django's "en" is American); nb and nn use Django's own.
FORMAT_MODULE_PATH = ["brobygger.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where `collectstatic` writes the hashed files that whitenoise serves.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "brobygger" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploaded assignments: outside the web root, never served by URL, only through a view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("BROBYGGER_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")),
            "base_url": None,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO_MODE or env_bool("BROBYGGER_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Debug and demo (`make run`, DEBUG off) need no collectstatic: whitenoise serves the files
# straight from the apps' static folders and picks up edits. Production serves STATIC_ROOT.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or DEMO_MODE
MEDIA_ROOT = BASE_DIR / "var" / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Stored assignments are readable by the app's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
ASSIGNMENT_MAX_BYTES = int(os.environ.get("BROBYGGER_ASSIGNMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# A DOCX/ODT's members together, unpacked (assessments/filetypes.py): refuses zip bombs.
ASSIGNMENT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024

# Security headers. Strict CSP: no inline scripts or styles anywhere (ADR 0004).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Not "no-referrer": browsers then send `Origin: null` on same-site form posts and Django's
# CSRF check would refuse them. "same-origin" still tells other sites nothing.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Templates put the token in the page (hx-headers); no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)
if not DEBUG and env_bool(
    "DJANGO_SECURE", default=not (DEMO_MODE or env_bool("BROBYGGER_TESTING"))
):
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Background jobs (brobygger/jobs, ADR 0015): queued in the database, run by `manage.py
# run_worker` (started beside the web server by `make run`, a systemd unit in production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
# A failed job is tried again after these many seconds (attempt 1, 2, ...; the last one repeats:
# the cap) until its `retries` are used up. Workers beat every JOBS_HEARTBEAT_SECONDS; a running
# job whose worker has not beaten for JOBS_STALE_AFTER_SECONDS is run again by another worker.
JOBS_RETRY_DELAYS = [30, 120, 480, 1920, 3600]
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("BROBYGGER_JOBS_HEARTBEAT_SECONDS", "5"))
JOBS_STALE_AFTER_SECONDS = float(os.environ.get("BROBYGGER_JOBS_STALE_AFTER_SECONDS", "60"))

# Logs: one JSON object per line in production (BROBYGGER_LOG_FORMAT=json, the default without
# debug/demo/tests), readable lines otherwise (=plain). Both carry the request id (core.logjson)
# and blank national id numbers, addresses and link secrets (core.logfilters).
LOG_FORMAT = os.environ.get(
    "BROBYGGER_LOG_FORMAT",
    "plain" if DEBUG or DEMO_MODE or env_bool("BROBYGGER_TESTING") else "json",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "brobygger.core.logjson.RequestIdFilter"}},
    "formatters": {
        # Blanks any 11-digit run (a national id number) from every line, tracebacks included.
        "plain": {
            "()": "brobygger.core.logfilters.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "brobygger.core.logjson.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # The PDF renderer narrates every step at INFO: a line per step and font, per download.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Error reports to Sentry (or a compatible service) only when SENTRY_DSN is set; never request
# bodies, cookies, headers, users or local variables (core/errorreporting.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from brobygger.core.errorreporting import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))

# Outgoing mail (invitations, password reset). DJANGO_EMAIL_BACKEND: "smtp" (with
# DJANGO_EMAIL_HOST), "off" (nothing is sent; the log says how many, never to whom or what) or a
# backend's dotted path. The console backend prints whole mails, reset links and addresses
# included, to the log: it is the default in debug/demo/tests and refused in production, which
# will not start until e-mail is configured or explicitly off (core/mail.py).
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "off": "brobygger.core.mail.DisabledEmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}
_email_backend = os.environ.get("DJANGO_EMAIL_BACKEND", "").strip()
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend.lower(), _email_backend)
if DEBUG or DEMO_MODE or env_bool("BROBYGGER_TESTING"):
    EMAIL_BACKEND = EMAIL_BACKEND or EMAIL_BACKENDS["console"]
elif not EMAIL_BACKEND:
    raise RuntimeError(
        "Set DJANGO_EMAIL_BACKEND: smtp (with DJANGO_EMAIL_HOST) to send invitations and "
        "password-reset mails, or off to run without e-mail."
    )
elif "." not in EMAIL_BACKEND:
    raise RuntimeError(
        f"DJANGO_EMAIL_BACKEND={_email_backend} is unknown: use smtp, off or a dotted path."
    )
elif EMAIL_BACKEND.rsplit(".", 2)[-2] in {"console", "filebased", "locmem"}:
    raise RuntimeError(
        f"DJANGO_EMAIL_BACKEND={_email_backend} delivers no mail and would put reset links and "
        "addresses in the log or on disk: use smtp, or off to run without e-mail."
    )
elif EMAIL_BACKEND.endswith(".smtp.EmailBackend") and not os.environ.get("DJANGO_EMAIL_HOST"):
    raise RuntimeError("Set DJANGO_EMAIL_HOST (the SMTP server) for DJANGO_EMAIL_BACKEND=smtp.")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "brobygger@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL")  # TLS from the start, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise RuntimeError("Set DJANGO_EMAIL_USE_TLS or DJANGO_EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = 10
# Links in mails sent by background jobs, which have no request to take the host from
# (notifications/mail.py); unset: the first of DJANGO_ALLOWED_HOSTS, https unless local.
BROBYGGER_BASE_URL = os.environ.get("BROBYGGER_BASE_URL", "").rstrip("/")

# Completion rules that are not per programme version.
HOURS_PER_FULL_WEEK = 37.5
BROBYGGER_RETENTION_YEARS = int(os.environ.get("BROBYGGER_RETENTION_YEARS", "5"))  # ADR 0008
