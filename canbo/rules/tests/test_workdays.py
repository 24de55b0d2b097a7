"""Working days across Tết, statutory holidays and the Government's swaps."""

import datetime as dt

import pytest

from canbo.rules.models import CalendarException
from canbo.rules.workdays import add_working_days, is_working_day, working_calendar, working_days_between

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (D(2026, 2, 9), D(2026, 2, 27), 10),  # Tết Bính Ngọ: 16–20/02/2026 off
        (D(2025, 1, 20), D(2025, 2, 7), 10),  # Tết Ất Tỵ: 27–31/01/2025 off
        (D(2021, 2, 8), D(2021, 2, 19), 5),  # Tết Tân Sửu: 10–16/02/2021 off
        (D(2026, 1, 1), D(2026, 1, 11), 6),  # 01/01 holiday, 02/01 swapped off, Saturday 10/01 worked
        (D(2024, 4, 27), D(2024, 5, 5), 3),  # 29/04 swapped off, Saturday 04/05 worked
        (D(2025, 4, 26), D(2025, 5, 4), 3),  # Saturday 26/04 worked, 30/04–02/05 off
        (D(2026, 8, 22), D(2026, 9, 4), 8),  # Saturday 22/08 worked, 31/08–02/09 off
        (D(2023, 4, 28), D(2023, 5, 5), 3),  # Hùng Kings on Saturday 29/04: 02/05 and 03/05 off in lieu
        (D(2022, 1, 1), D(2022, 1, 7), 4),  # New Year on Saturday: Monday 03/01 off in lieu
        (D(2026, 3, 2), D(2026, 3, 1), 0),  # an empty period
    ],
)
def test_working_days_between(shipped, start, end, count):
    assert working_days_between(start, end) == count


def test_adding_and_subtracting_working_days(shipped):
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)  # back over Tết
    assert add_working_days(D(2026, 1, 5), -1) == D(2025, 12, 31)  # back over New Year and its swap
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)  # the make-up Saturday counts
    assert add_working_days(D(2026, 5, 4), 0) == D(2026, 5, 4)
    due = add_working_days(D(2026, 6, 30), -90)
    assert is_working_day(due)
    assert working_days_between(due, D(2026, 6, 29)) == 90


def test_exceptions_are_data(shipped):
    assert not is_working_day(D(2026, 1, 2))
    CalendarException.objects.filter(day=D(2026, 1, 2)).delete()
    assert is_working_day(D(2026, 1, 2))
    calendar = working_calendar()
    assert calendar.is_working_day(D(2026, 1, 10)) and not calendar.is_working_day(D(2026, 1, 17))
