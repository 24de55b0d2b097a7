"""Logins, failed logins and logouts go into the audit trail (bookkeeping of access, not domain logic)."""

from __future__ import annotations

from typing import Any

from .models import AuditAction
from .services import record_auth


def _client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def on_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    record_auth(action=AuditAction.LOGIN, user=user, client_ip=_client_ip(request))


def on_logout(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None:  # an anonymous visitor "logging out" reads nothing and changes nothing
        return
    record_auth(action=AuditAction.LOGOUT, user=user, client_ip=_client_ip(request))


def on_login_failed(sender: Any, credentials: Any = None, request: Any = None, **kwargs: Any) -> None:
    username = str((credentials or {}).get("username", ""))
    record_auth(action=AuditAction.LOGIN_FAILED, username=username, client_ip=_client_ip(request))


def connect() -> None:
    """Connect the three receivers (called once from AuditConfig.ready)."""
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(on_login, dispatch_uid="canbo.audit.login", weak=False)
    user_logged_out.connect(on_logout, dispatch_uid="canbo.audit.logout", weak=False)
    user_login_failed.connect(on_login_failed, dispatch_uid="canbo.audit.login_failed", weak=False)
