"""Fixtures for the demo tests: the demo built once for the whole package at a tiny scale, rolled back afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction

from canbo.demo.generator import DemoSummary, build_demo

SCALE = 0.005
"""The smallest useful scale: every post, seat and commune cadre exists at any scale; only the staff pools of
provincial and district units shrink (to about 180 people)."""
SEED = 7
TODAY = dt.date(2026, 6, 30)
"""A fixed "today" after the 2025 reform and the 2026 council elections, so results do not follow the clock."""


@dataclass
class DemoRun:
    """The one build of the demo tests: what build_demo returned and what ``canbo demo`` printed."""

    summary: DemoSummary
    output: str


@pytest.fixture(scope="package")
def demo_run(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoRun]:
    """Build the demo once for these tests, through ``canbo demo`` at a tiny scale and on a fixed day,
    inside a transaction rolled back at the end.

    Each test runs in its own savepoint, so a test may clear and rebuild; other apps' tests never see the rows.
    """
    made: list[DemoSummary] = []

    def build(**options: Any) -> DemoSummary:
        made.append(build_demo(**{**options, "today": TODAY}))
        return made[-1]

    out = StringIO()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with mock.patch("canbo.demo.management.commands.demo.build_demo", build):
            call_command("demo", "--seed", str(SEED), "--scale", str(SCALE), stdout=out)
    try:
        yield DemoRun(made[0], out.getvalue())
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="package")
def demo(demo_run: DemoRun) -> DemoSummary:
    """What the package's one build made."""
    return demo_run.summary
