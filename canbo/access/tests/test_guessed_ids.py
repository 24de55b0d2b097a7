"""Guessed identifiers (issue 5, "What bad input gets"): an id that names nothing answers 404 exactly like a
record of another unit, a write posted to it changes nothing, and the write pages record the attempt."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from canbo.audit.models import AuditAction, AuditEvent

from .conftest import client_for, fingerprint
from .test_every_page import PAGES, WRITE_PAGES

pytestmark = pytest.mark.django_db
GUESS = 987654321


class _Nowhere(dict[str, Any]):
    """A side whose every record has an id that exists nowhere, including the records that the URL builders
    of test_every_page make on first use (a rating, a planning entry, a rules record…): every key is present,
    so no builder tries to create a row for a person that does not exist."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> SimpleNamespace:
        return SimpleNamespace(pk=GUESS)


def guessed(world: dict[str, Any]) -> dict[str, Any]:
    """The world with a side "g" whose every record has an id that exists nowhere."""
    return {**world, "g": _Nowhere()}


@pytest.mark.parametrize("name", sorted(WRITE_PAGES))
def test_guessed_ids_are_not_found_and_writes_to_them_are_recorded(name: str, world: dict[str, Any]) -> None:
    officer = world["officer_a"]
    url = PAGES[name].url(guessed(world), "g")
    assert str(GUESS) in url
    client = client_for(officer)
    assert client.get(url).status_code == 404
    before = fingerprint(world)
    assert client.post(url, {"full_name": "Đổi tên"}).status_code == 404
    assert fingerprint(world) == before
    denied = AuditEvent.objects.filter(actor=officer, action=AuditAction.DENIED).get()
    assert denied.object_repr == url and denied.changes["reason"] == "not found"
    assert str(GUESS) in str(denied.changes["kwargs"])
