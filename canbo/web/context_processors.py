"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def as_of(request: HttpRequest) -> dict[str, Any]:
    """The date the page shows records as of, and whether it is today."""
    return {
        "as_of": getattr(request, "as_of", None),
        "as_of_is_today": getattr(request, "as_of_is_today", True),
    }
