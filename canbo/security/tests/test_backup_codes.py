"""One-time backup codes for the second factor: issued on the security page after the app's code, each
passes the second-factor step once, a new batch replaces the old one, and the trail records the issue."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.audit.models import AuditAction, AuditEvent
from canbo.security.otp import BACKUP_CODE_COUNT, backup_codes_left

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("otp_required"),
]
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def otp_required() -> Any:
    with override_settings(
        CANBO_REQUIRE_OTP_FOR_ADMINS=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0
    ):
        yield


@pytest.fixture
def admin() -> tuple[Any, TOTPDevice]:
    user = get_user_model().objects.create_superuser("quantri", "quantri@canbo.invalid", PASSWORD)
    return user, TOTPDevice.objects.create(user=user, name="canbo", confirmed=True)


def signed_in(username: str = "quantri") -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


def app_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def verified(admin: tuple[Any, TOTPDevice]) -> Client:
    """A session of the administrator that passed the app's code (each code is accepted once)."""
    client = signed_in()
    assert client.post(reverse("security:otp_verify"), {"token": app_code(admin[1])}).status_code == 302
    return client


def issue(client: Client) -> list[str]:
    """Issue a batch of backup codes on the security page."""
    response = client.post(reverse("security:backup_codes"))
    assert response.status_code == 200
    return list(response.context["codes"])


def test_the_page_needs_the_apps_code_first(admin: tuple[Any, TOTPDevice]) -> None:
    client = signed_in()
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("security:backup_codes"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("security:otp_verify"))
    assert backup_codes_left(admin[0]) == 0


def test_each_backup_code_passes_the_second_factor_once(admin: tuple[Any, TOTPDevice]) -> None:
    codes = issue(verified(admin))
    assert len(codes) == len(set(codes)) == BACKUP_CODE_COUNT
    # Typed in capitals with a space, as people copy them from paper.
    first = f"{codes[0][:4]} {codes[0][4:]}".upper()
    client = signed_in()
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("security:otp_verify"))
    ok = client.post(reverse("security:otp_verify"), {"token": first, "next": reverse("admin:index")})
    assert ok.status_code == 302 and ok["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    assert backup_codes_left(admin[0]) == BACKUP_CODE_COUNT - 1
    # The same code a second time is refused, with the message; another unused code still works (static
    # devices also slow down guessing after a failure: off here, like the TOTP throttle in test_auth).
    again = signed_in().post(reverse("security:otp_verify"), {"token": codes[0]})
    assert again.status_code == 200 and again.context["form"].errors["token"]
    assert signed_in().post(reverse("security:otp_verify"), {"token": codes[1]}).status_code == 302


def test_a_new_batch_replaces_the_old_and_is_recorded_without_the_codes(
    admin: tuple[Any, TOTPDevice],
) -> None:
    client = verified(admin)
    old = issue(client)
    new = issue(client)
    assert set(old).isdisjoint(new) and backup_codes_left(admin[0]) == BACKUP_CODE_COUNT
    assert signed_in().post(reverse("security:otp_verify"), {"token": old[0]}).status_code == 200
    rows = AuditEvent.objects.filter(object_type="otp_static.staticdevice", action=AuditAction.CREATE)
    assert [row.changes for row in rows.order_by("pk")] == [
        {"codes": [None, BACKUP_CODE_COUNT], "replaced_unused": [None, 0]},
        {"codes": [None, BACKUP_CODE_COUNT], "replaced_unused": [None, BACKUP_CODE_COUNT]},
    ]
    assert {row.actor for row in rows} == {admin[0]}
    assert all(code not in str(row.changes) for row in rows for code in old + new)


@pytest.mark.parametrize("token", ["1234567", "abcdefg1", "'; DROP TABLE otp_static_statictoken; --", ""])
def test_malformed_codes_get_a_message_and_pass_nothing(admin: tuple[Any, TOTPDevice], token: str) -> None:
    issue(verified(admin))
    client = signed_in()
    response = client.post(reverse("security:otp_verify"), {"token": token})
    assert response.status_code == 200 and response.context["form"].errors["token"]
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("security:otp_verify"))
    assert backup_codes_left(admin[0]) == BACKUP_CODE_COUNT
