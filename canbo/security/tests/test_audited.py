"""Lockouts and second-factor device changes go into the audit trail, never with a key or a code."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.audit.models import AuditAction, AuditEvent
from canbo.core.testing import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.7") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _secrets_absent(event: AuditEvent, *secrets: str) -> None:
    text = str(event.changes)
    assert not any(secret and secret in text for secret in secrets)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_lockout_is_recorded_with_the_name_tried_and_the_address() -> None:
    make_user("nguoidung")
    client = Client()
    for _ in range(2):
        _login(client, "nguoidung", "sai-mat-khau")
    assert not AuditEvent.objects.filter(action=AuditAction.LOCKOUT).exists()
    assert _login(client, "nguoidung", "sai-mat-khau").status_code == 429
    event = AuditEvent.objects.get(action=AuditAction.LOCKOUT)
    assert event.object_repr == "nguoidung" and event.changes == {"username": [None, "nguoidung"]}
    assert event.client_ip == "10.0.0.7" and event.actor is None
    # A username that does not exist is locked out and recorded the same way.
    for _ in range(3):
        _login(Client(), "khong-co-ai", "sai", ip="10.0.0.8")
    other = AuditEvent.objects.filter(action=AuditAction.LOCKOUT).exclude(pk=event.pk).get()
    assert other.object_repr == "khong-co-ai" and other.client_ip == "10.0.0.8"


@override_settings(
    CANBO_REQUIRE_OTP_FOR_ADMINS=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0
)
def test_enrolment_backup_codes_and_their_use_are_recorded() -> None:
    user = get_user_model().objects.create_superuser("quantri", "quantri@canbo.invalid", PASSWORD)
    client = Client()
    _login(client, "quantri", PASSWORD)
    client.get(reverse("security:otp_enrol"))
    device = TOTPDevice.objects.get(user=user)
    # A wrong first code enrols nothing and records nothing.
    wrong = "000000" if _code(device) != "000000" else "111111"
    client.post(reverse("security:otp_enrol"), {"token": wrong})
    assert not AuditEvent.objects.filter(object_type="otp_totp.totpdevice").exists()
    assert client.post(reverse("security:otp_enrol"), {"token": _code(device)}).status_code == 302
    enrolled = AuditEvent.objects.get(object_type="otp_totp.totpdevice")
    assert enrolled.action == AuditAction.CREATE and enrolled.actor == user
    assert enrolled.changes["kind"] == [None, "totp"] and enrolled.changes["confirmed"] == [None, True]
    _secrets_absent(enrolled, device.key)

    codes = list(client.post(reverse("security:backup_codes")).context["codes"])
    issued = AuditEvent.objects.get(object_type="otp_static.staticdevice", action=AuditAction.CREATE)
    _secrets_absent(issued, *codes)

    other = Client()
    _login(other, "quantri", PASSWORD)
    assert other.post(reverse("security:otp_verify"), {"token": codes[0]}).status_code == 302
    used = AuditEvent.objects.get(object_type="otp_static.staticdevice", action=AuditAction.UPDATE)
    assert used.actor == user and used.changes == {"unused_codes": [len(codes), len(codes) - 1]}
    _secrets_absent(used, *codes)
    # The app's own code is not a backup code: no further row.
    third = Client()
    _login(third, "quantri", PASSWORD)
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    assert third.post(reverse("security:otp_verify"), {"token": _code(device)}).status_code == 302
    assert (
        AuditEvent.objects.filter(object_type="otp_static.staticdevice", action=AuditAction.UPDATE).count()
        == 1
    )


@override_settings(CANBO_REQUIRE_OTP_FOR_ADMINS=False)
def test_removing_a_device_in_the_admin_site_is_recorded() -> None:
    admin = get_user_model().objects.create_superuser("quantri", "quantri@canbo.invalid", PASSWORD)
    lost = make_user("mat-dien-thoai")
    device = TOTPDevice.objects.create(user=lost, name="canbo", confirmed=True)
    codes = StaticDevice.objects.create(user=lost, name="backup", confirmed=True)
    codes.token_set.create(token="abcd1234")
    client = Client()
    client.force_login(admin)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    removed = AuditEvent.objects.get(object_type="otp_totp.totpdevice", action=AuditAction.DELETE)
    assert removed.actor == admin and removed.object_id == str(device.pk)
    assert removed.changes["user"] == ["mat-dien-thoai", None] and removed.changes["kind"] == ["totp", None]
    _secrets_absent(removed, device.key)
    changelist = reverse("admin:otp_static_staticdevice_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [codes.pk], "post": "yes"}
    )
    assert response.status_code == 302 and not StaticDevice.objects.exists()
    gone = AuditEvent.objects.get(object_type="otp_static.staticdevice", action=AuditAction.DELETE)
    assert gone.changes["unused_codes"] == [1, None]
    _secrets_absent(gone, "abcd1234")
