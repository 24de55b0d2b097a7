"""Fixtures of the conduct tests: the shipped rule versions, loaded through the service."""

import pytest

from canbo.rules.services import rules_load


@pytest.fixture
def shipped(db):
    """The shipped rule versions (including rule_versions_conduct.json)."""
    return rules_load()
