"""Settings shared by every environment; values come from environment variables."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CANBO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("CANBO_SECRET_KEY", "")
DEBUG = env_bool("CANBO_DEBUG", False)
ALLOWED_HOSTS = env_list("CANBO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CANBO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "canbo.core",
    "canbo.audit",
    "canbo.access",
    "canbo.geo",
    "canbo.org",
    "canbo.posts",
    "canbo.people",
    "canbo.programmes",
    "canbo.imports",
    "canbo.documents",
    "canbo.rules",
    "canbo.conduct",
    "canbo.rotation",
    "canbo.worklists",
    "canbo.demo",
    "canbo.web",
    "canbo.security",
    "canbo.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "canbo.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "canbo.security.middleware.IdleTimeoutMiddleware",
    "canbo.security.middleware.OTPRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "canbo.web.middleware.AsOfMiddleware",
    # Last, as django-axes asks: it turns a lockout signalled by its backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "canbo.web.context_processors.as_of",
            ],
            "builtins": ["canbo.core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'canbo.sqlite3'}"),
        conn_max_age=int(os.environ.get("CANBO_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while the demo generator or an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "canbo" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("CANBO_SESSION_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Security (canbo.security; see docs/security.md).
# django-axes checks the lockout before the password: its backend must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CANBO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CANBO_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "canbo.security.views.lockout_response"
# Log out a session idle this many seconds (0: never); SESSION_COOKIE_AGE still bounds the whole session.
CANBO_IDLE_TIMEOUT = int(os.environ.get("CANBO_IDLE_TIMEOUT", str(30 * 60)))
# Staff and superusers must pass a TOTP second factor; prod turns it on, dev/demo and tests leave it off.
CANBO_REQUIRE_OTP_FOR_ADMINS = env_bool("CANBO_REQUIRE_OTP_FOR_ADMINS", False)
OTP_TOTP_ISSUER = "canbo"
# Production refuses to pass `manage.py check` while an account has the demo password.
CANBO_FORBID_DEMO_PASSWORD = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries come from the npm lockfile (package-lock.json), served locally: never a CDN.
STATICFILES_DIRS = [
    ("vendor/tabler", NODE_MODULES / "@tabler" / "core" / "dist"),
    ("vendor/tabler-icons", NODE_MODULES / "@tabler" / "icons-webfont" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/alpinejs", NODE_MODULES / "alpinejs" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CANBO_MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "canbo API",
    "VERSION": "0.1.0",
    "DESCRIPTION": "API chỉ đọc của hệ thống quản lý cán bộ (xác thực bằng token hoặc phiên đăng nhập).",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # Swagger UI and Redoc from the drf-spectacular-sidecar package, served locally: never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "canbo.org.choices.UnitKind",
        "QualificationKindEnum": "canbo.people.choices.QualificationKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CANBO_LOG_LEVEL", "WARNING")},
}

# The date the district level ended (two-tier local government, Luật 72/2025/QH15).
DISTRICT_LEVEL_ENDED_ON = "2025-07-01"

# The indicator engine's backend: "database" (ORM aggregates on this database, live) or "snapshot" (the
# same definitions in DuckDB over a columnar copy, refreshed on change; measured in bench/RESULTS.md).
CANBO_ANALYTICS_BACKEND = os.environ.get("CANBO_ANALYTICS_BACKEND", "database")
CANBO_ANALYTICS_PATH = Path(os.environ.get("CANBO_ANALYTICS_PATH", VAR_DIR / "analytics" / "snapshot.duckdb"))
# How a stale snapshot is refreshed: "background" (a thread; readers keep the previous snapshot meanwhile),
# "inline" (before answering) or "manual" (only `canbo analytics_refresh`).
CANBO_ANALYTICS_REFRESH = os.environ.get("CANBO_ANALYTICS_REFRESH", "background")
CANBO_ANALYTICS_THREADS = int(os.environ.get("CANBO_ANALYTICS_THREADS", "0")) or None
