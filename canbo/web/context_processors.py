"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

# Which navbar section a page belongs to, by the prefix of its URL name.
_SECTIONS = (
    ("person", "people"),
    ("assignment", "people"),
    ("qualification", "people"),
    ("family", "people"),
    ("membership", "people"),
    ("nomination", "people"),
    ("programme", "programmes"),
    ("indicator", "programmes"),
    ("attachment", "people"),
    ("unit", "units"),
    ("codelist", "codelists"),
    ("audit", "audit"),
)


def as_of(request: HttpRequest) -> dict[str, Any]:
    """The date the page shows records as of, whether it is today, and the current navbar section."""
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if match else ""
    section = next((name for prefix, name in _SECTIONS if url_name.startswith(prefix)), "")
    return {
        "as_of": getattr(request, "as_of", None),
        "as_of_is_today": getattr(request, "as_of_is_today", True),
        "nav_section": section,
        "can_audit": _can_audit(request),
    }


def _can_audit(request: HttpRequest) -> bool:
    """Whether the user may open the audit trail (inspectors and administrators)."""
    from canbo.access.models import Action
    from canbo.access.scopes import user_scope

    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and not user_scope(user, Action.AUDIT).nothing)
