"""Partial dates from text, spreadsheet numbers and date objects; impossible and future dates refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from canbo.core.dates import DatePrecision
from canbo.reference.normalize import parse_partial_date

D = dt.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/03/1985", (D(1985, 3, 5), DAY)),
        ("5/3/85", (D(1985, 3, 5), DAY)),
        ("5/3/1985", (D(1985, 3, 5), DAY)),
        ("05-03-1985", (D(1985, 3, 5), DAY)),
        ("05.03.1985", (D(1985, 3, 5), DAY)),
        ("1985-03-05", (D(1985, 3, 5), DAY)),
        ("05/03/1985 00:00:00", (D(1985, 3, 5), DAY)),
        ("1985-03-05T08:30", (D(1985, 3, 5), DAY)),
        ("ngày 05 tháng 03 năm 1985", (D(1985, 3, 5), DAY)),
        ("03/1985", (D(1985, 3, 1), MONTH)),
        ("3/1985", (D(1985, 3, 1), MONTH)),
        ("1985-03", (D(1985, 3, 1), MONTH)),
        ("03/85", (D(1985, 3, 1), MONTH)),
        ("Tháng 3/1985", (D(1985, 3, 1), MONTH)),
        ("1985", (D(1985, 1, 1), YEAR)),
        ("  1985 ", (D(1985, 1, 1), YEAR)),
        ("Năm 1985", (D(1985, 1, 1), YEAR)),
        ("29/02/2000", (D(2000, 2, 29), DAY)),  # divisible by 400: leap
        ("29/02/2024", (D(2024, 2, 29), DAY)),
        ("29/02/1988", (D(1988, 2, 29), DAY)),
        ("31/12/1999", (D(1999, 12, 31), DAY)),
        (1985, (D(1985, 1, 1), YEAR)),  # a year typed into a number cell
        (1985.0, (D(1985, 1, 1), YEAR)),
        (31048, (D(1985, 1, 1), DAY)),  # Excel serial
        (31048.75, (D(1985, 1, 1), DAY)),  # serial with a time of day
        (Decimal("31110"), (D(1985, 3, 4), DAY)),
        (1, (D(1900, 1, 1), DAY)),
        (59, (D(1900, 2, 28), DAY)),
        (61, (D(1900, 3, 1), DAY)),
        (25569, (D(1970, 1, 1), DAY)),
        (D(1985, 3, 5), (D(1985, 3, 5), DAY)),
        (dt.datetime(1985, 3, 5, 23, 59), (D(1985, 3, 5), DAY)),
    ],
)
def test_it_reads_dates(value, expected):
    assert parse_partial_date(value) == expected


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("31/02/1990", "day", "chỉ có 28 ngày"),
        ("29/02/1991", "day", "chỉ có 28 ngày"),
        ("29/02/2023", "day", "chỉ có 28 ngày"),
        ("29/02/1900", "day", "chỉ có 28 ngày"),  # divisible by 100, not by 400: not leap
        ("31/04/1990", "day", "chỉ có 30 ngày"),
        ("00/01/1990", "day", "chỉ có 31 ngày"),
        ("15/13/1990", "month", "tháng 13"),
        ("00/1990", "month", "tháng 0"),
        ("05/03/0985", "year", "năm 985"),
        ("1700", "year", "1700"),
        ("hôm qua", "invalid", "hôm qua"),
        ("05031985", "invalid", "05031985"),
        ("5/3", "invalid", "5/3"),
        ("1/2/3/4", "invalid", "1/2/3/4"),
        ("", "required", "Chưa nhập"),
        ("   ", "required", "Chưa nhập"),
        (None, "required", "Chưa nhập"),
        (60, "day", "29/02/1900"),  # Excel's non-existent 29/02/1900
        (0, "invalid", "0"),
        (-5, "invalid", "-5"),
        (float("nan"), "invalid", "nan"),
        (float("inf"), "invalid", "inf"),
        (10**9, "invalid", "1000000000"),
        (True, "invalid", "True"),
        ([1985], "invalid", "1985"),
        ("01/01/2999", "future", "01/01/2999"),
        ("2999", "future", "2999"),
        (2999, "future", "2999"),
        ("12/2999", "future", "12/2999"),
    ],
)
def test_it_refuses_impossible_and_future_dates(value, code, fragment):
    with pytest.raises(ValidationError) as exc_info:
        parse_partial_date(value)
    assert exc_info.value.code == code
    assert fragment in " ".join(exc_info.value.messages)


def test_future_dates_may_be_allowed():
    assert parse_partial_date("01/01/2999", allow_future=True) == (D(2999, 1, 1), DAY)


def test_today_is_not_in_the_future():
    from canbo.core.dates import today

    now = today()
    assert parse_partial_date(f"{now:%d/%m/%Y}") == (now, DAY)
    assert parse_partial_date(f"{now:%m/%Y}") == (now.replace(day=1), MONTH)
    assert parse_partial_date(str(now.year)) == (now.replace(month=1, day=1), YEAR)
