"""Template helpers of the rules app: whether the user administers rules (for the menu)."""

from __future__ import annotations

from typing import Any

from django import template

from canbo.rules.selectors import is_rules_admin

register = template.Library()


@register.filter
def administers_rules(user: Any) -> bool:
    """Whether the user may open the rules administration page."""
    return is_rules_admin(user)
