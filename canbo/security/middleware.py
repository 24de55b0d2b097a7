"""Middleware: idle timeout, second factor for administrators, and the security response headers."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .otp import has_confirmed_device, is_verified

LAST_ACTIVITY_KEY = "canbo_last_activity"
# Whether the logged-in user has a confirmed device, cached in the session so pages cost no extra query.
OTP_ENROLLED_KEY = "canbo_otp_enrolled"
# Write the timestamp at most this often, so that every request does not rewrite the session row.
ACTIVITY_RESOLUTION_SECONDS = 30

DEFAULT_CSP = (
    "default-src 'self'; "
    # Alpine's standard build evaluates its attribute expressions with `new Function`: 'unsafe-eval'.
    "script-src 'self' 'unsafe-eval'; "
    # Templates use style="" attributes (widths, chart heights); scripts cannot be injected through them.
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
# The inline <script> blocks of our templates, allowed by hash (a test recomputes them from the templates).
INLINE_SCRIPT_HASHES = [
    "sha256-tisieWLb7sW590AcEFQG4sKwpm2P/3i7CHKVTbUdO50=",  # imports/job_list.html: upload size check
]


def _redirect_to_login(request: HttpRequest) -> HttpResponse:
    """Send the browser to the login page, also from an htmx request (which would swap the page in)."""
    url = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than CANBO_IDLE_TIMEOUT seconds (0 turns it off)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = int(getattr(settings, "CANBO_IDLE_TIMEOUT", 30 * 60))
        user = getattr(request, "user", None)
        if timeout > 0 and user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int) and now - last > timeout:
                logout(request)
                messages.warning(
                    request,
                    _(
                        "Phiên làm việc đã hết hạn do không thao tác trong %(minutes)d phút. Vui lòng đăng nhập lại."
                    )
                    % {"minutes": max(1, timeout // 60)},
                )
                return _redirect_to_login(request)
            if not isinstance(last, int) or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def _is_exempt(path: str) -> bool:
    """Paths a not-yet-verified user may reach: login, logout, the second-factor pages, static files."""
    prefixes = [
        reverse("login"),
        reverse("logout"),
        reverse("security:otp_enrol"),
        reverse("security:otp_verify"),
        settings.STATIC_URL or "/static/",
        "/i18n/",
    ]
    return any(path.startswith(prefix) for prefix in prefixes)


class OTPRequiredMiddleware:
    """Send a session that still owes its second factor to the verify page (or the enrol page).

    A user who has enrolled a device always owes it; staff and superusers owe one even before enrolling
    when CANBO_REQUIRE_OTP_FOR_ADMINS is on. Must come after django_otp's OTPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_verified(request) or _is_exempt(request.path):
            return self.get_response(request)
        enrolled = request.session.get(OTP_ENROLLED_KEY) if hasattr(request, "session") else None
        if not isinstance(enrolled, bool):
            enrolled = has_confirmed_device(user)
            if hasattr(request, "session"):
                request.session[OTP_ENROLLED_KEY] = enrolled
        required = enrolled or (
            getattr(settings, "CANBO_REQUIRE_OTP_FOR_ADMINS", False) and (user.is_staff or user.is_superuser)
        )
        if not required:
            return self.get_response(request)
        target = reverse("security:otp_verify" if enrolled else "security:otp_enrol")
        url = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


class SecurityHeadersMiddleware:
    """Add Content-Security-Policy, Permissions-Policy and (if Django did not) the COOP header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = getattr(settings, "CANBO_CSP", DEFAULT_CSP)
        if csp:
            hashes = " ".join(
                f"'{value}'" for value in getattr(settings, "CANBO_CSP_SCRIPT_HASHES", INLINE_SCRIPT_HASHES)
            )
            if hashes:
                csp = csp.replace("script-src 'self'", f"script-src 'self' {hashes}", 1)
            response.headers.setdefault("Content-Security-Policy", csp)
        policy = getattr(
            settings,
            "CANBO_PERMISSIONS_POLICY",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        )
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def session_start(*, request: HttpRequest | None, user: Any) -> None:
    """Stamp a new login's session (activity time, device state) so its first pages need no extra write."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_ACTIVITY_KEY] = int(time.time())
    request.session[OTP_ENROLLED_KEY] = has_confirmed_device(user)
