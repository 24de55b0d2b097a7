"""The system check against the demo password in production."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from canbo.core.testing import make_user
from canbo.security.checks import DEMO_PASSWORD, demo_password_check

pytestmark = pytest.mark.django_db


@override_settings(CANBO_FORBID_DEMO_PASSWORD=True)
def test_it_fails_when_the_demo_superuser_keeps_the_demo_password() -> None:
    get_user_model().objects.create_superuser("admin", "admin@canbo.invalid", DEMO_PASSWORD)
    assert [error.id for error in demo_password_check()] == ["security.E001"]


@override_settings(CANBO_FORBID_DEMO_PASSWORD=True)
def test_it_fails_when_any_active_user_has_the_demo_password() -> None:
    user = make_user("chuyenvien")
    user.set_password(DEMO_PASSWORD)
    user.save()
    errors = demo_password_check()
    assert [error.id for error in errors] == ["security.E002"]
    assert "chuyenvien" in errors[0].msg
    user.is_active = False
    user.save()
    assert demo_password_check() == []


@override_settings(CANBO_FORBID_DEMO_PASSWORD=True)
def test_it_passes_with_real_passwords() -> None:
    make_user("chuyenvien")
    get_user_model().objects.create_superuser("admin", "admin@canbo.invalid", "mot-mat-khau-rieng-dai")
    assert demo_password_check() == []


@override_settings(CANBO_FORBID_DEMO_PASSWORD=False)
def test_it_allows_the_demo_password_outside_production() -> None:
    get_user_model().objects.create_superuser("admin", "admin@canbo.invalid", DEMO_PASSWORD)
    assert demo_password_check() == []
