"""Fixtures for the reference tests: the shipped code lists loaded into the test database."""

from __future__ import annotations

import pytest

from canbo.reference.loader import reference_load


@pytest.fixture
def loaded(db: None) -> dict[str, int]:
    """Load every shipped code list and return the loader's counts."""
    return reference_load()
