"""Template filters for Vietnamese formats; loaded as builtins in every template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone

from canbo.core import formatting
from canbo.core.dates import DatePrecision, format_partial

register = template.Library()


@register.filter
def vndate(value: dt.date | dt.datetime | None) -> str:
    """Render a date as dd/mm/yyyy (a date-time in local time, with hh:mm)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_date(value)


@register.filter
def vnpartial(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """Render a partial date at its precision (dd/mm/yyyy, mm/yyyy or yyyy)."""
    return format_partial(value, precision)


@register.filter
def vnnum(value: Any, decimals: int = 0) -> str:
    """Render a number with Vietnamese separators: 30.483."""
    if value in (None, ""):
        return ""
    return formatting.format_number(Decimal(str(value)), int(decimals))


@register.filter
def vnpct(value: Any, decimals: int = 2) -> str:
    """Render a percentage: 2,57%."""
    if value in (None, ""):
        return ""
    return formatting.format_percent(Decimal(str(value)), int(decimals))


@register.simple_tag(takes_context=True)
def querystring_with(context: template.Context, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
