"""Vietnamese number and date formatting: 30.483, 2,57%, dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def format_number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """Format with '.' for thousands and ',' for decimals, rounding half up."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: float | Decimal | None, decimals: int = 2) -> str:
    """Format a percentage already multiplied by 100: 2.5701 → '2,57%'."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}%"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy (and hh:mm for date-times)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
