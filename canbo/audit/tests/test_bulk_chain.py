"""audit_bulk: the changes are hashed and stored as one canonical text, and the chain still verifies."""

import datetime as dt
import decimal

import pytest
from django.db import transaction

from canbo.audit.bulk import audit_bulk
from canbo.audit.chain import _content_with, content, digest, link, verify
from canbo.audit.context import audit_context
from canbo.audit.models import AuditEvent
from canbo.core import testing as make

pytestmark = pytest.mark.django_db

ODD_CHANGES = [
    {},
    {"full_name": [None, "Nguyễn Thị Hằng"], "birth_date": [None, "1980-05-03"], "version": [1, 2]},
    {"score": [None, decimal.Decimal("85.50")], "on": [dt.date(2020, 1, 1), None], "flag": [False, True]},
    {"nested": [{"b": 1, "a": [1.5, "x"]}, {"ö": "ừ"}], "tuple": [(1, 2), None], "nan": [float("nan"), 0]},
    {"mixed": [{1: "one", 2: "two"}, None]},  # int keys: normalised to text keys
    {"mixed_types": [{1: "one", "b": "two"}, None]},  # keys of two types: the slow path
]


@pytest.mark.parametrize("changes", ODD_CHANGES)
def test_linked_events_hash_what_content_gives(changes):
    make.person()
    event = AuditEvent(
        action="update",
        object_type="people.person",
        object_id="1",
        object_repr='Nguyễn "Hằng"\n\t\\ \u2028 \x00',
        person_id=7,
        reference="import:1:tệp.xlsx",
        client_ip="2001:db8::1",
    )
    event.changes = changes
    with transaction.atomic():
        texts = link([event])
    assert event.hash and texts[0]
    # The fast path's text is the canonical text of the normalised changes, and its hash what verify recomputes.
    assert _content_with(event, texts[0]) == content(event)
    assert digest(event.prev_hash, event) == event.hash


def test_audit_bulk_rows_verify_and_read_back():
    user = make.make_user("nhap-lieu")
    make.person()
    people = [make.person(f"Người thứ {i}") for i in range(3)]
    entries = [
        (
            "create",
            person,
            None,
            {"full_name": person.full_name, "notes": "", "code": None, "n": 0},
            person.pk,
        )
        for person in people
    ]
    entries.append(
        ("update", people[0], {"full_name": "Cũ", "n": 1}, {"full_name": "Mới", "n": 1}, people[0].pk)
    )
    before = AuditEvent.objects.count()
    with audit_context(source="import", reference="import:test", client_ip="10.0.0.7"), transaction.atomic():
        assert audit_bulk(actor=user, entries=entries) == 4
    rows = list(AuditEvent.objects.order_by("id")[before:])
    assert [row.changes for row in rows] == [
        {"full_name": [None, "Người thứ 0"], "n": [None, 0]},
        {"full_name": [None, "Người thứ 1"], "n": [None, 0]},
        {"full_name": [None, "Người thứ 2"], "n": [None, 0]},
        {"full_name": ["Cũ", "Mới"]},
    ]
    assert {row.client_ip for row in rows} == {"10.0.0.7"}
    assert {row.actor_id for row in rows} == {user.pk}
    assert list(verify()) == []
