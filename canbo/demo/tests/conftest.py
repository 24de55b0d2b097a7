"""Fixtures for the demo tests: the demo built once for the whole package at a tiny scale, rolled back afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from canbo.demo.generator import DemoSummary, build_demo

SCALE = 0.005
"""The smallest useful scale: every post, seat and commune cadre exists at any scale; only the staff pools of
provincial and district units shrink (to about 180 people)."""
SEED = 7
TODAY = dt.date(2026, 6, 30)
"""A fixed "today" after the 2025 reform and the 2026 council elections, so results do not follow the clock."""


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """Build the demo at a tiny scale once for these tests, inside a transaction rolled back at the end.

    Each test runs in its own savepoint, so a test may clear and rebuild; other apps' tests never see the rows.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        summary = build_demo(seed=SEED, scale=SCALE, today=TODAY)
    try:
        yield summary
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
