"""Status and gap in people against each kind of target."""

from decimal import Decimal

import pytest

from canbo.programmes.choices import Comparison, Status
from canbo.programmes.engine import assess, target_text
from canbo.programmes.models import Target


def target(comparison, low=None, high=None):
    return Target(
        year=2025,
        comparison=comparison,
        low=Decimal(low) if low is not None else None,
        high=Decimal(high) if high is not None else None,
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "t", "expected"),
    [
        # 11/428 against 5–10%: 5% of 428 is 21.4, so 11 more people are needed.
        (11, 428, target(Comparison.RANGE, 5, 10), (Status.NOT_YET, 11)),
        (22, 428, target(Comparison.RANGE, 5, 10), (Status.ACHIEVED, 0)),
        (43, 428, target(Comparison.RANGE, 5, 10), (Status.NOT_YET, -1)),  # 10% of 428 = 42.8
        # 61/384 women against 17%: 0.17 × 384 = 65.28 → 66 needed, 5 more.
        (61, 384, target(Comparison.AT_LEAST, 17), (Status.NOT_YET, 5)),
        (66, 384, target(Comparison.AT_LEAST, 17), (Status.ACHIEVED, 0)),
        # More than 35% of 4495: 1573.25 → 1574 needed.
        (1460, 4495, target(Comparison.MORE_THAN, 35), (Status.NOT_YET, 114)),
        (35, 100, target(Comparison.MORE_THAN, 35), (Status.NOT_YET, 1)),
        (36, 100, target(Comparison.MORE_THAN, 35), (Status.ACHIEVED, 0)),
        (8, 9, target(Comparison.EXACTLY, 100), (Status.NOT_YET, 1)),
        (9, 9, target(Comparison.EXACTLY, 100), (Status.ACHIEVED, 0)),
        (5, 10, target(Comparison.MATCH_STRUCTURE), (Status.NO_TARGET, None)),
        (0, 0, target(Comparison.AT_LEAST, 10), (Status.NOT_YET, None)),
        (3, 10, None, (Status.NO_TARGET, None)),
    ],
)
def test_assess(numerator, denominator, t, expected):
    assert assess(numerator, denominator, t) == expected


def test_target_text():
    assert target_text(target(Comparison.RANGE, 5, 10)) == "5–10%"
    assert target_text(target(Comparison.AT_LEAST, 17)) == "≥ 17%"
    assert target_text(target(Comparison.MORE_THAN, 35)) == "> 35%"
    assert target_text(target(Comparison.EXACTLY, 100)) == "100%"
