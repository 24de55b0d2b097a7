"""System checks: production must not run with the demo password on any account."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

DEMO_PASSWORD = "canbo-demo-2025"
DEMO_USERNAME = "admin"
# Each check_password costs one argon2 hash (~0.1 s): look at every active account up to this many.
ALL_USERS_LIMIT = 500


@register(Tags.security)
def demo_password_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Fail in production when the superuser `admin` or any active account still has the demo password.

    It reads the database even without --database: a check that stays silent by default would not
    protect anyone. A database without tables yet (before migrate) passes.
    """
    if not getattr(settings, "CANBO_FORBID_DEMO_PASSWORD", False):
        return []
    user_model = get_user_model()
    errors: list[CheckMessage] = []
    try:
        admin = user_model._default_manager.filter(username=DEMO_USERNAME, is_superuser=True).first()
        if admin is not None and check_password(DEMO_PASSWORD, admin.password):
            errors.append(
                Error(
                    "Tài khoản quản trị “admin” vẫn dùng mật khẩu mẫu. "
                    "(The superuser 'admin' still has the demo password.)",
                    hint="canbo changepassword admin — hoặc xóa tài khoản mẫu.",
                    id="security.E001",
                )
            )
        active = user_model._default_manager.filter(is_active=True).exclude(password="").order_by("pk")
        total = active.count()
        # Administrators first: they matter most when there are too many accounts to hash them all.
        ordered = active.order_by("-is_superuser", "-is_staff", "pk")[:ALL_USERS_LIMIT]
        reported = {admin.pk} if errors and admin is not None else set()
        weak = [
            user.get_username()
            for user in ordered.only("pk", "password", user_model.USERNAME_FIELD)
            if user.pk not in reported and check_password(DEMO_PASSWORD, user.password)
        ]
    except DatabaseError:
        return errors
    if weak:
        errors.append(
            Error(
                f"Các tài khoản sau vẫn dùng mật khẩu mẫu: {', '.join(sorted(weak))}. "
                "(Active accounts with the demo password.)",
                hint="Đặt mật khẩu mới (canbo changepassword <tên>) hoặc khóa các tài khoản này.",
                id="security.E002",
            )
        )
    if total > ALL_USERS_LIMIT:
        errors.append(
            Warning(
                f"Chỉ kiểm tra {ALL_USERS_LIMIT}/{total} tài khoản đang hoạt động (ưu tiên quản trị). "
                "(Only the first accounts were checked for the demo password.)",
                id="security.W001",
            )
        )
    return errors
