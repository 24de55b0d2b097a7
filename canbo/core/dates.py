"""Dates: partial birth dates, validity periods and the as-of date of a request."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of a date is known; unknown parts are stored as 1 and never shown."""

    DAY = "d", _("Ngày/tháng/năm")
    MONTH = "m", _("Tháng/năm")
    YEAR = "y", _("Năm")


def today() -> dt.date:
    """Today's date in Vietnam."""
    return timezone.localdate()


def active_on(day: dt.date, prefix: str = "", *, open_start: bool = False) -> Q:
    """Q for rows whose validity [valid_from, valid_to] (end inclusive, null = open) contains day."""
    start = Q(**{f"{prefix}valid_from__lte": day})
    if open_start:
        start |= Q(**{f"{prefix}valid_from__isnull": True})
    end = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    return start & end


def overlapping(start: dt.date, end: dt.date | None, prefix: str = "") -> Q:
    """Q for rows whose validity period overlaps [start, end] (end inclusive, None = open)."""
    q = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    if end is not None:
        q &= Q(**{f"{prefix}valid_from__lte": end})
    return q


def format_partial(day: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """Format a (possibly partial) date the Vietnamese way: dd/mm/yyyy, mm/yyyy or yyyy."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{day.year}"
    if precision == DatePrecision.MONTH:
        return f"{day.month:02d}/{day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on day (a person turns N on their birthday)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_bounds_for_age(day: dt.date, min_age: int | None, max_age: int | None) -> Q:
    """Q on birth_date for people whose age on day lies in [min_age, max_age]."""
    q = Q()
    if max_age is not None:
        q &= Q(birth_date__gt=_years_before(day, max_age + 1))
    if min_age is not None:
        q &= Q(birth_date__lte=_years_before(day, min_age))
    return q


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
