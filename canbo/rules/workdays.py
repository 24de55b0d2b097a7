"""Working days in the Vietnamese public sector.

A day is a working day when it is Monday to Friday and not a public holiday, unless the Government
moved it: the statutory holidays (BLLĐ 2019 Art 112, Tết included, with the days off in lieu) come from
the `holidays` package; the days the Government swaps or adds for civil servants are data
(CalendarException rows, shipped for 2020–2026 in data/calendar_exceptions.json) and win over both the
weekday and the package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

from .choices import DayKind

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> frozenset[dt.date]:
    """The public holidays of a year under the Labour Code, with the days off in lieu."""
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def holiday_names(year: int) -> dict[dt.date, str]:
    """The statutory holidays of a year with their Vietnamese names."""
    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekdays minus statutory holidays, corrected by the Government's swaps (days_off / working)."""

    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    working: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether civil servants work on that day."""
        if day in self.working:
            return True
        if day in self.days_off or day.weekday() >= 5:
            return False
        return day not in statutory_holidays(day.year)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days from start to end, both included (0 when end is before start)."""
        count = 0
        day = start
        while day <= end:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The count-th working day after day (before it when count is negative); day itself never counts.

        add_working_days(term_end, -90) is the last date on which a notice still comes "no later than 90
        working days before" the term ends.
        """
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        current = day
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current


def working_calendar() -> WorkingCalendar:
    """The calendar with every recorded exception (one query); pass it along for bulk work."""
    from .models import CalendarException

    off: set[dt.date] = set()
    working: set[dt.date] = set()
    for day, kind in CalendarException.objects.values_list("day", "kind"):
        (working if kind == DayKind.WORKING_DAY else off).add(day)
    return WorkingCalendar(days_off=frozenset(off), working=frozenset(working))


def is_working_day(day: dt.date, *, calendar: WorkingCalendar | None = None) -> bool:
    """Whether civil servants work on that day."""
    return (calendar or working_calendar()).is_working_day(day)


def working_days_between(start: dt.date, end: dt.date, *, calendar: WorkingCalendar | None = None) -> int:
    """The number of working days from start to end, both included."""
    return (calendar or working_calendar()).working_days_between(start, end)


def add_working_days(day: dt.date, count: int, *, calendar: WorkingCalendar | None = None) -> dt.date:
    """The count-th working day after (or, negative, before) day."""
    return (calendar or working_calendar()).add_working_days(day, count)
