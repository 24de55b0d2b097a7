"""Fixtures for the geo tests: the official lists, loaded once per test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from canbo.geo.models import CodeSystem, Locality, LocalityLevel
from canbo.geo.services import localities_load


@pytest.fixture(scope="module")
def geo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    """Load the full lists once for the module, inside a transaction rolled back when the module ends.

    Each test still runs in its own savepoint, so tests may write freely; other modules, and other
    apps' tests in the same session, never see these rows.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        counts = localities_load()
    try:
        yield counts
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def old(level: str, code: str) -> Locality:
    """An old (QĐ 124/2004) unit by level and code."""
    return Locality.objects.select_related("parent__parent").get(
        code_system=CodeSystem.QD124_2004, level=level, code=code
    )


def new(level: str, code: str) -> Locality:
    """A new (QĐ 19/2025) unit by level and code."""
    return Locality.objects.select_related("parent__parent").get(
        code_system=CodeSystem.QD19_2025, level=level, code=code
    )


PROVINCE, DISTRICT, COMMUNE = LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE
