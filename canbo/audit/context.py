"""Where the current change comes from (web, import, API, command), set once per request or job."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    """The channel, client address and source document of the changes being made."""

    source: str = "system"
    client_ip: str | None = None
    reference: str = ""


_current: ContextVar[AuditContext | None] = ContextVar("canbo_audit_context", default=None)


def current() -> AuditContext:
    """The context of the change being made now."""
    return _current.get() or AuditContext()


@contextlib.contextmanager
def audit_context(*, source: str, client_ip: str | None = None, reference: str = "") -> Iterator[None]:
    """Attribute the changes made inside the block to a channel, client and source document."""
    token = _current.set(AuditContext(source=source, client_ip=client_ip, reference=reference))
    try:
        yield
    finally:
        _current.reset(token)
