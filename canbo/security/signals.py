"""Lockouts go into the audit trail, like logins (bookkeeping of access, not domain logic)."""

from __future__ import annotations

from typing import Any

from canbo.audit.models import AuditAction
from canbo.audit.services import record_auth


def on_locked_out(
    sender: Any, request: Any = None, username: Any = None, ip_address: Any = None, **kwargs: Any
) -> None:
    """django-axes locked a username out from an address: record the name tried and the address."""
    address = ip_address or (request.META.get("REMOTE_ADDR") if request is not None else None)
    record_auth(action=AuditAction.LOCKOUT, username=str(username or ""), client_ip=address or None)


def connect() -> None:
    """Connect the receiver (called once from SecurityConfig.ready)."""
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="canbo.security.lockout", weak=False)
