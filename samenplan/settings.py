"""Samenplan settings: one module, configured by environment variables.

Every variable is documented in docs/configuration.md. The defaults are safe for
production (DEBUG off, secure cookies); `make run` sets DEBUG=1 for local use.
"""

import hashlib
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not os.environ.get("SAMENPLAN_ALLOW_INSECURE_KEY"):
        raise RuntimeError("Set SECRET_KEY (see docs/configuration.md).")
    # Only with DEBUG or SAMENPLAN_ALLOW_INSECURE_KEY (tests): production refuses to start.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # nosec B105

# The key of the audit log's hash chain (NEN 7513). Keep it apart from the database: whoever
# has both could rewrite the log unseen. Without it, a key derived from SECRET_KEY is used.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY") or hashlib.sha256(
    f"samenplan-audit:{SECRET_KEY}".encode()).hexdigest()
AUDIT_RETENTION_YEARS = float(os.environ.get("AUDIT_RETENTION_YEARS", "5"))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_ratelimit",
    "simple_history",
    "oauth2_provider",
    "samenplan.accounts",
    "samenplan.audit",
    "samenplan.plans",
    "samenplan.health",
    "samenplan.booklet",
    "samenplan.fhirapi",
    "samenplan.reminders",
    "samenplan.practice",
    "samenplan.plantemplates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samenplan.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samenplan.accounts.middleware.ProviderIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "samenplan.audit.middleware.RefusalAuditMiddleware",
    # Last, so that it turns a rate limit into its own page (429) before the others see it.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "samenplan.urls"
WSGI_APPLICATION = "samenplan.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'samenplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock at its start, so that two requests at
    # once cannot both add the next link of the audit chain; the other one waits.
    # WAL with synchronous NORMAL: no disk flush on every commit (every page view writes
    # an audit event), and readers do not wait for the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every app process shares: a table in the database (`manage.py
# createcachetable`). Its incr() is atomic, so the rate limits below count every try.
CACHES = {
    "default": {
        "BACKEND": "samenplan.accounts.cache.DatabaseCache",
        "LOCATION": "samenplan_cache",
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sessions expire after a period without activity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
PROVIDER_IDLE_SECONDS = int(os.environ.get("PROVIDER_IDLE_SECONDS", str(15 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Forms send the CSRF token in a hidden field, and no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy (django-csp) on every page: only our own scripts,
# styles and images, nothing inline, no plugins, no framing. Images may also be data:
# URLs (the QR code for the authenticator app). A chart's SVG sets a policy of its own
# (samenplan/lib/charts.py); django-csp leaves a policy that is already there alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# django-axes: lock an e-mail address + IP after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Axes' log lines name the IP address and the page, not the e-mail address; the
# database (axes' access attempts) still has it.
AXES_CLIENT_STR_CALLABLE = "samenplan.accounts.reporting.login_client_str"

# Rate limits (django-ratelimit), in the shared cache above. Each is a number of tries
# per RATELIMIT_MINUTES; past it the person sees a page that says when to try again.
RATELIMIT_MINUTES = int(os.environ.get("RATELIMIT_MINUTES", "15"))
RATELIMIT_PASSWORD_RESET_PER_IP = int(os.environ.get("RATELIMIT_PASSWORD_RESET_PER_IP", "10"))
RATELIMIT_PASSWORD_RESET_PER_EMAIL = int(
    os.environ.get("RATELIMIT_PASSWORD_RESET_PER_EMAIL", "3"))
RATELIMIT_WRONG_CODES_PER_USER = int(os.environ.get("RATELIMIT_WRONG_CODES_PER_USER", "5"))
RATELIMIT_INVITATION_PER_IP = int(os.environ.get("RATELIMIT_INVITATION_PER_IP", "20"))
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "samenplan.accounts.views.rate_limited"
# Behind a proxy every request comes from the proxy's address: name the header in which
# the proxy puts the client's address (it must overwrite, not add to, what came in). The
# rate limits, the lock-out and the audit log's source address all read it.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER") or None
RATELIMIT_IP_META_KEY = CLIENT_ADDRESS_HEADER
AXES_IPWARE_META_PRECEDENCE_ORDER = [h for h in (CLIENT_ADDRESS_HEADER, "REMOTE_ADDR") if h]
SILENCED_SYSTEM_CHECKS = [
    # "Not officially supported": our DatabaseCache has the atomic incr() that
    # django-ratelimit needs (samenplan/accounts/cache.py, tested in test_cache.py).
    "django_ratelimit.W001",
    # "http redirect URIs are allowed": only to 127.0.0.1, ::1 and localhost, for apps on
    # the person's own computer (RFC 8252, which RFC 9700 allows); the validator
    # (samenplan/fhirapi/oauth.py) refuses http to any other host, tested in test_oauth.py.
    "oauth2_provider.W008",
]

OTP_TOTP_ISSUER = "Samenplan"

# OAuth2 for the FHIR API (django-oauth-toolkit): apps get access to one plan through the
# authorization code flow with PKCE, after the patient (or a naaste who may act for them)
# says yes on the consent screen (samenplan/fhirapi/access_views.py). Tokens live short;
# a refresh token is replaced at every use, and using an old one again stops the app's
# access altogether. Every gate of RFC 9700 (the OAuth security best practice) is on:
# no implicit or password grant, PKCE with S256 only, no token in a URL, the `iss`
# parameter in the answer, and tokens stored as hashes only.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "patient/*.read": _("Het plan lezen: alles wat u zelf ook mag zien."),
        "patient/*.write": _("Het plan ook veranderen: alles wat u zelf ook mag invullen."),
    },
    "DEFAULT_SCOPES": ["patient/*.read"],
    "OAUTH2_VALIDATOR_CLASS": "samenplan.fhirapi.oauth.PlanGrantValidator",
    "PKCE_REQUIRED": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("OAUTH_ACCESS_TOKEN_SECONDS",
                                                      str(30 * 60))),
    "REFRESH_TOKEN_EXPIRE_SECONDS": int(os.environ.get("OAUTH_REFRESH_TOKEN_DAYS", "30"))
    * 24 * 60 * 60,
    # Names of settings, not secrets (bandit reads "TOKEN" as a password).
    "ROTATE_REFRESH_TOKEN": True,  # nosec B105
    "REFRESH_TOKEN_REUSE_PROTECTION": True,  # nosec B105
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,  # nosec B105
    # Always ask: an app never gets access again without the consent screen.
    "REQUEST_APPROVAL_PROMPT": "force",
    # https, and http only back to the person's own computer (127.0.0.1, ::1, localhost),
    # for apps on the desktop (RFC 8252); the validator refuses http to any other host.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"],
    "ALLOW_LOCALHOST_LOOPBACK": True,
    "ALLOW_URI_WILDCARDS": False,
    "OIDC_ENABLED": False,
    # The issuer in the `iss` parameter of the answer (RFC 9207): the public address.
    "OIDC_ISS_ENDPOINT": SITE_URL,
    "OAUTH2_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OAUTH2_GRANT_TYPES_SUPPORTED": ["authorization_code", "refresh_token"],
    # The RFC 9700 gates, all on (the redirect scheme gate aside: see W008 above).
    **dict.fromkeys([f"COMPLIANT_BCP_RFC9700_{gate}" for gate in (
        "IMPLICIT_GRANT", "PASSWORD_GRANT", "PKCE_METHOD", "ACCESS_TOKEN_TRANSPORT",
        "AUTHZ_RESPONSE_ISS", "TOKEN_STORAGE", "REFRESH_TOKEN", "REDIRECT_URI_MATCHING",
        "PKCE_REQUIRED")], True),
}
# django-oauth-toolkit's own models (not swapped). Named here because samenplan.fhirapi's
# models link to them, and Django's migrations look these settings up for such links.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # nosec B105 (a model)

# The largest FHIR Bundle the import reads (POST /fhir/ and the import page). A request
# body is also held to Django's DATA_UPLOAD_MAX_MEMORY_SIZE, which is set to match.
FHIR_MAX_BODY_BYTES = int(os.environ.get("FHIR_MAX_BODY_BYTES", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = max(FHIR_MAX_BODY_BYTES, 2_621_440)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("utrecht", PROJECT_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
]

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samenplan <noreply@example.org>")

INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

# No patient data in logs or error reports. Error reports (the debug page, and any
# handler that renders one) leave out everything that was posted and every local
# variable, and name the user by number. Errors are logged to the console with their
# traceback only, and nobody gets them by e-mail (no ADMINS, no mail handler on Django's
# loggers). SQL with its parameters is never logged, whatever LOG_LEVEL says.
DEFAULT_EXCEPTION_REPORTER = "samenplan.accounts.reporting.NoPatientDataReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "samenplan.accounts.reporting.NoPatientDataFilter"
ADMINS = []
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own set-up of this logger, which mails errors to ADMINS.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.db.backends": {"level": "INFO"},
    },
}

FORM_RENDERER = "samenplan.lib.forms.SamenplanRenderer"
