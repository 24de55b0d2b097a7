"""Security headers and the production cookie flags."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from canbo.core.testing import make_user
from canbo.security.middleware import INLINE_SCRIPT_HASHES

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2]


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_CROSS_ORIGIN_OPENER_POLICY="same-origin",
    SECURE_REFERRER_POLICY="same-origin",
    X_FRAME_OPTIONS="DENY",
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    CSRF_COOKIE_HTTPONLY=True,
)
def test_it_sends_the_security_headers() -> None:
    make_user("nguoidung")
    client = Client()
    page = client.get(reverse("login"), secure=True)
    csp = page["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    # Alpine's standard build needs eval; the inline scripts are allowed by hash only.
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-eval'" in csp
    assert "script-src 'self' 'unsafe-inline'" not in csp
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "camera=()" in page["Permissions-Policy"]
    response = client.post(
        reverse("login"), {"username": "nguoidung", "password": "mat-khau-thu-nghiem"}, secure=True
    )
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert page.cookies["csrftoken"]["secure"] and page.cookies["csrftoken"]["httponly"]


def test_the_csp_allows_every_inline_script_of_the_templates() -> None:
    """A new inline <script> must have its hash listed, or the browser will block it in production."""
    found = set()
    for template in TEMPLATES.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", text, re.S):
            if "json" in match.group(1):
                continue
            assert "{{" not in match.group(2) and "{%" not in match.group(2), template
            digest = base64.b64encode(hashlib.sha256(match.group(2).encode()).digest()).decode()
            found.add(f"sha256-{digest}")
    assert found <= set(INLINE_SCRIPT_HASHES)


def test_csrf_is_enforced_on_login() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
