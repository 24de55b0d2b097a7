"""Second-factor helpers on top of django-otp's TOTP devices."""

from __future__ import annotations

import base64
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.audit.models import AuditAction
from canbo.audit.services import record

DEVICE_NAME = "canbo"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has passed its second factor (django-otp's middleware sets is_verified)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified()) if callable(verified) else False


def has_confirmed_device(user: Any) -> bool:
    """Whether the user has finished enrolling a second-factor device."""
    return bool(user_has_device(user, confirmed=True))


def has_totp_device(user: Any) -> bool:
    """Whether the user has a confirmed authenticator app (backup codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user: Any) -> int:
    """How many of the user's one-time backup codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE_NAME).count()


def backup_codes_generate(*, actor: Any, user: Any) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODE_COUNT new one-time codes and return them.

    Each code passes the second-factor step once (django-otp's static device deletes a token when it is
    used). The old codes stop working. The audit row says that codes were issued and how many, never the
    codes themselves.
    """
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        unused = device.token_set.count()
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        # A batch is created each time: the row says how many codes it holds and how many it replaced.
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=device,
            after={"codes": len(codes), "replaced_unused": unused},
        )
    return codes


def device_facts(device: Device) -> dict[str, Any]:
    """What the audit trail says about a second-factor device: never its key or codes."""
    kind = "backup_codes" if isinstance(device, StaticDevice) else "totp"
    return {
        "user": device.user.get_username(),
        "kind": kind,
        "name": device.name,
        "confirmed": device.confirmed,
    }


def totp_device_confirm(*, actor: Any, device: TOTPDevice) -> None:
    """Finish enrolling an authenticator app (its first code was right) and record the enrolment."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=actor, action=AuditAction.CREATE, instance=device, after=device_facts(device))


def otp_device_delete(*, actor: Any, device: Device) -> None:
    """Remove a second-factor device (an authenticator app, or a user's backup codes) and record it."""
    with transaction.atomic():
        before = device_facts(device)
        if isinstance(device, StaticDevice):
            before["unused_codes"] = device.token_set.count()
        record(actor=actor, action=AuditAction.DELETE, instance=device, before=before)
        device.delete()


def otp_device_save(*, actor: Any, device: Device, created: bool, before: dict[str, Any] | None) -> None:
    """Save a device changed by hand (the admin site) and record the change without its key."""
    with transaction.atomic():
        device.save()
        after = device_facts(device)
        action = AuditAction.CREATE if created else AuditAction.UPDATE
        record(actor=actor, action=action, instance=device, before=before or {}, after=after)


def backup_code_used(*, user: Any, device: StaticDevice) -> None:
    """Record that a one-time backup code passed the second-factor step (the code itself is not kept)."""
    left = device.token_set.count()
    record(
        actor=user,
        action=AuditAction.UPDATE,
        instance=device,
        before={"unused_codes": left + 1},
        after={"unused_codes": left},
    )


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
