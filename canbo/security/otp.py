"""Second-factor helpers on top of django-otp's TOTP devices."""

from __future__ import annotations

import base64
from typing import Any

from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "canbo"


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has passed its second factor (django-otp's middleware sets is_verified)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified()) if callable(verified) else False


def has_confirmed_device(user: Any) -> bool:
    """Whether the user has finished enrolling a second-factor device."""
    return bool(user_has_device(user, confirmed=True))


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The user's unconfirmed TOTP device being enrolled, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret an authenticator app asks for when the QR code cannot be scanned."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_data_uri(text: str) -> str | None:
    """An SVG QR code of the text as a data: URI, or None when segno is not installed."""
    try:
        import segno
    except ImportError:  # pragma: no cover - segno is a declared dependency
        return None
    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=2))
