"""Login lockout, idle timeout and the administrators' second factor."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.core.testing import make_user
from canbo.security.middleware import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_it_locks_out_after_five_failures() -> None:
    make_user("nguoidung")
    make_user("dongnghiep")
    client = Client()
    for _ in range(4):
        assert _login(client, "nguoidung", "sai-mat-khau").status_code == 200
    locked = _login(client, "nguoidung", "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "30 phút" in locked.content.decode()
    # Even the right password is refused from this address during the cool-off.
    assert _login(client, "nguoidung", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # Others (another username from the same address, the same username elsewhere) still log in.
    assert _login(Client(), "dongnghiep", PASSWORD).status_code == 302
    assert _login(Client(), "nguoidung", PASSWORD, ip="10.0.0.2").status_code == 302
    assert Client().get(reverse("login")).status_code == 200


@override_settings(AXES_ENABLED=True)
def test_a_successful_login_resets_the_failures() -> None:
    make_user("nguoidung")
    client = Client()
    for _ in range(4):
        _login(client, "nguoidung", "sai-mat-khau")
    assert _login(client, "nguoidung", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "nguoidung", "sai-mat-khau").status_code == 200


@override_settings(CANBO_IDLE_TIMEOUT=600)
def test_an_idle_session_is_logged_out() -> None:
    make_user("nguoidung")
    client = Client()
    assert _login(client, "nguoidung", PASSWORD).status_code == 302
    home = reverse("web:home")
    assert client.get(home).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 601
    session.save()
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    # The login page does not render messages: the notice shows on the first page after logging in again.
    _login(client, "nguoidung", PASSWORD)
    assert "không thao tác trong 10 phút" in client.get(home).content.decode()


@override_settings(CANBO_IDLE_TIMEOUT=600)
def test_an_active_session_stays_and_htmx_gets_a_redirect_header() -> None:
    make_user("nguoidung")
    client = Client()
    _login(client, "nguoidung", PASSWORD)
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 599
    session.save()
    assert client.get(reverse("web:home")).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 700
    session.save()
    response = client.get(reverse("web:home"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))


def _superuser() -> Any:
    return get_user_model().objects.create_superuser("quantri", "quantri@canbo.invalid", PASSWORD)


@override_settings(CANBO_REQUIRE_OTP_FOR_ADMINS=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_it_requires_a_second_factor_for_superusers() -> None:
    _superuser()
    client = Client()
    assert _login(client, "quantri", PASSWORD).status_code == 302
    home = reverse("web:home")
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:otp_enrol"))
    assert client.get(reverse("admin:index")).status_code == 302
    # Enrolment shows the secret and a QR code, then a correct code confirms the device.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="quantri")
    assert not device.confirmed
    wrong_token = "000000" if _token(device) != "000000" else "111111"
    wrong = client.post(reverse("security:otp_enrol"), {"token": wrong_token})
    assert wrong.status_code == 200 and "không đúng" in wrong.content.decode()
    ok = client.post(reverse("security:otp_enrol"), {"token": _token(device), "next": home})
    assert ok.status_code == 302 and ok["Location"] == home
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(home).status_code == 200


@override_settings(CANBO_REQUIRE_OTP_FOR_ADMINS=True)
def test_an_enrolled_superuser_must_verify_after_the_password() -> None:
    user = _superuser()
    device = TOTPDevice.objects.create(user=user, name="canbo", confirmed=True)
    client = Client()
    _login(client, "quantri", PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("security:otp_verify"))
    # The enrol page does not let a password alone replace the device.
    assert client.get(reverse("security:otp_enrol"))["Location"].startswith(reverse("security:otp_verify"))
    bad = client.post(reverse("security:otp_verify"), {"token": "12345"})
    assert bad.status_code == 200
    ok = client.post(
        reverse("security:otp_verify"), {"token": _token(device), "next": reverse("admin:index")}
    )
    assert ok.status_code == 302 and ok["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


@override_settings(CANBO_REQUIRE_OTP_FOR_ADMINS=True)
def test_it_does_not_require_a_second_factor_from_ordinary_users() -> None:
    make_user("nguoidung")
    client = Client()
    _login(client, "nguoidung", PASSWORD)
    assert client.get(reverse("web:home")).status_code == 200


@override_settings(CANBO_REQUIRE_OTP_FOR_ADMINS=False)
def test_it_leaves_the_demo_login_in_one_step_when_off() -> None:
    _superuser()
    client = Client()
    _login(client, "quantri", PASSWORD)
    assert client.get(reverse("web:home")).status_code == 200


def test_next_is_not_an_open_redirect() -> None:
    user = _superuser()
    device = TOTPDevice.objects.create(user=user, name="canbo", confirmed=True)
    client = Client()
    _login(client, "quantri", PASSWORD)
    ok = client.post(
        reverse("security:otp_verify"), {"token": _token(device), "next": "https://evil.example/"}
    )
    assert ok["Location"] == reverse("web:home")
