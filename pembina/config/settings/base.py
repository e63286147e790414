"""Settings shared by every environment; values come from the environment (12-factor)."""

from pathlib import Path

import dj_database_url
import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
APPS_DIR = BASE_DIR / "pembina"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks_db",
    # ours
    "pembina.core",
    "pembina.accounts",
    "pembina.org",
    "pembina.performance",
    "pembina.learning",
    "pembina.evaluation",
    "pembina.public_services",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pembina.core.locale.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pembina.core.audit.middleware.AuditContextMiddleware",
    "pembina.accounts.middleware.RequireMFAForAdminsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pembina.config.urls"
WSGI_APPLICATION = "pembina.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pembina.accounts.context_processors.roles",
            ],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
SQLITE_PATH = env("PEMBINA_SQLITE_PATH", default=str(BASE_DIR / "var" / "pembina.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: login with NIP (the username of an ASN) or an admin's username; no self sign-up.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "pembina.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {"login": "pembina.accounts.forms.LoginForm"}  # accepts a NIP typed with spaces
# django-axes owns password lockout (DB-backed, shared by every worker; the adapter skips allauth's
# counter for passwords); allauth's "login_failed" limit then only guards the 2FA code step.
# "login" counts every login POST per IP: raise it when a whole office signs in from behind one NAT address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "login": env("PEMBINA_LOGIN_RATE_PER_IP", default="30/m/ip"),
}
MFA_ADAPTER = "pembina.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pembina"

AXES_FAILURE_LIMIT = env.int("PEMBINA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("PEMBINA_LOGIN_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "pembina.accounts.login.axes_username"  # NIP with or without spaces: one counter
AXES_CLIENT_IP_CALLABLE = "pembina.accounts.login.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of the app (0: trust REMOTE_ADDR only).
PEMBINA_TRUSTED_PROXY_COUNT = env.int("PEMBINA_TRUSTED_PROXY_COUNT", default=0)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("PEMBINA_STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("PEMBINA_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pembina_cache",
    },
    # per-process memory for rendered pieces that depend only on who asks (the main menu): no query to read
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pembina-local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Background jobs: Django's Tasks API with the database backend (no broker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "pembina.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pembina.core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1200/min"},
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pembina API",
    "DESCRIPTION": "API Pembina — pembinaan ASN berbasis kinerja. Every list is scoped to the caller.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name need explicit component names (else --fail-on-warn fails).
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "pembina.org.choices.UnitKind",
        "AssignmentKindEnum": "pembina.org.choices.AssignmentKind",
        "EmploymentStateEnum": "pembina.org.choices.EmploymentState",
        "JobLevelEnum": "pembina.org.choices.JobLevel",
        "JobStatusEnum": "pembina.core.models.jobs.JobStatus",
        "YearStateEnum": "pembina.performance.choices.YearState",
        "GoalLevelEnum": "pembina.performance.choices.GoalLevel",
        "PlanStatusEnum": "pembina.performance.choices.PlanStatus",
        "ResultKindEnum": "pembina.performance.choices.ResultKind",
        "PlanEventKindEnum": "pembina.performance.choices.PlanEventKind",
        "CoachingKindEnum": "pembina.performance.choices.CoachingKind",
        "CoachingStatusEnum": "pembina.performance.choices.CoachingStatus",
        "NotificationKindEnum": "pembina.performance.choices.NotificationKind",
        "HolidayKindEnum": "pembina.public_services.choices.HolidayKind",
        "RequestStatusEnum": "pembina.public_services.choices.RequestStatus",
        "RequestChannelEnum": "pembina.public_services.choices.RequestChannel",
        "ComplaintStatusEnum": "pembina.public_services.choices.ComplaintStatus",
        "ComplaintChannelEnum": "pembina.public_services.choices.ComplaintChannel",
        "ComplaintTierEnum": "pembina.public_services.choices.ComplaintTier",
    },
}

# Content Security Policy (Django 6 built-in): everything is served from this origin.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("PEMBINA_SESSION_SECONDS", default=8 * 3600)

# Uploads: imports up to PEMBINA_IMPORT_MAX_MB; Django refuses larger request bodies early.
PEMBINA_IMPORT_MAX_MB = env.int("PEMBINA_IMPORT_MAX_MB", default=20)
PEMBINA_IMPORT_BACKGROUND_ROWS = env.int("PEMBINA_IMPORT_BACKGROUND_ROWS", default=2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Roles whose accounts must have a TOTP authenticator before they can use the system.
PEMBINA_MFA_REQUIRED_ROLES = env.list(
    "PEMBINA_MFA_REQUIRED_ROLES", default=["admin_bkpsdm", "admin_opd", "auditor"]
)
PEMBINA_INSTANSI_CODE = env("PEMBINA_INSTANSI_CODE", default="")
# Notification e-mails (performance early warnings): printed to the console unless configured.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
