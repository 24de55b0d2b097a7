"""Settings for the test suite: fast hashing, in-memory files, the database from DATABASE_URL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "canbo-tests"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="canbo-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="canbo-static-"))
# Login lockout and the administrators' second factor stay off so that tests log in freely;
# canbo/security/tests turn them on with override_settings.
AXES_ENABLED = False
CANBO_REQUIRE_OTP_FOR_ADMINS = False
