"""Date helpers for the generator: random days in a range, statutory retirement, and the demo's fixed dates."""

from __future__ import annotations

import calendar
import datetime as dt
import random

BASELINE = dt.date(2020, 12, 11)
"""The date of Đề án 18-ĐA/TU: the figures of the demo province are tuned for this day."""

SEEDS_LAST_DAY = dt.date(2021, 1, 1)
"""The Hà Giang resolution's baseline day (its date is not printed); between the two seeds' days nobody
leaves, so the posts each seed counts are the ones filled on BASELINE."""

REFORM_DAY = dt.date(2025, 7, 1)
"""Two-tier local government starts: district units end the day before."""

LAST_OLD_DAY = dt.date(2025, 6, 30)
PROVINCE_FOUNDED = dt.date(1991, 10, 1)
"""Lào Cai and Hà Giang were re-established on 01/10/1991; no demo unit or post starts earlier."""

HORIZON = dt.date(2030, 12, 31)
"""The simulation always runs to this day, so the random stream never depends on the real date."""

ONE_DAY = dt.timedelta(days=1)


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniformly random day in [start, end] (start when the range is empty)."""
    span = (end - start).days
    if span <= 0:
        return start
    return start + dt.timedelta(days=rng.randint(0, span))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day some years later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day some months later, clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _statutory_age_months(year: int, female: bool) -> int:
    """Retirement age in months in force in a calendar year (BLLĐ 2019 Art 169; NĐ 135/2020 Art 4)."""
    if year < 2021:
        return 55 * 12 if female else 60 * 12
    steps = year - 2020
    if female:
        return min(55 * 12 + 4 * steps, 60 * 12)
    return min(60 * 12 + 3 * steps, 62 * 12)


def retirement_date(birth: dt.date, female: bool) -> dt.date:
    """The last day of work: the end of the month in which the statutory age (of that year) is reached."""
    born = birth.year * 12 + birth.month - 1
    year = birth.year + 50
    while True:
        month_index = born + _statutory_age_months(year, female)
        if month_index // 12 <= year:
            break
        year += 1
    y, m = divmod(month_index, 12)
    return dt.date(y, m + 1, calendar.monthrange(y, m + 1)[1])
