"""Production settings: refuse to start with a debug flag or a weak secret; secure cookies and headers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("CANBO_DEBUG phải tắt khi chạy thật. (CANBO_DEBUG must be off in production.)")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 10 or "demo" in SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "CANBO_SECRET_KEY phải là chuỗi ngẫu nhiên dài ít nhất 50 ký tự. "
        "(CANBO_SECRET_KEY must be a random value of at least 50 characters.)"
    )

SECURE_SSL_REDIRECT = env_bool("CANBO_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("CANBO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CANBO_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a commitment for the whole domain (gov.vn): the operator opts in, never by default.
SECURE_HSTS_PRELOAD = env_bool("CANBO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Second factor for staff and superusers; the demo password is refused by `manage.py check`.
CANBO_REQUIRE_OTP_FOR_ADMINS = env_bool("CANBO_REQUIRE_OTP_FOR_ADMINS", True)
CANBO_FORBID_DEMO_PASSWORD = True
# Photos and scans go only through the logged-in views of canbo.people, never the plain /media/ route.
SERVE_MEDIA = False
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
