"""Fixtures of the rules tests: the shipped rule versions and calendar, loaded through the service."""

import pytest

from canbo.rules.services import rules_load


@pytest.fixture
def shipped(db):
    """The shipped defaults (rule versions and calendar exceptions)."""
    return rules_load()
