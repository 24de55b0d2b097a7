"""Fixtures for the demo tests: one small demo province built per module and rolled back afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from canbo.demo.generator import DemoSummary, build_demo

SCALE = 0.02
TINY = 0.005
"""For builds that only compare themselves with another build (every post exists at any scale)."""
SEED = 7
TODAY = dt.date(2026, 6, 30)
"""A fixed "today" after the 2025 reform and the 2026 council elections, so results do not follow the clock."""


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """Build the demo at a small scale once for these tests, inside a transaction rolled back at the end.

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
