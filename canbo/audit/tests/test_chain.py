"""The audit trail is append-only and chained: tampering anywhere is detected."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from canbo.audit.chain import GENESIS, verify
from canbo.audit.models import AuditEvent
from canbo.core import testing as make

pytestmark = pytest.mark.django_db


def test_every_write_extends_the_chain():
    make.person("Nguyễn Thị Hằng")
    make.person("Trần Văn An")
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) == 2
    assert events[0].prev_hash == GENESIS
    assert events[1].prev_hash == events[0].hash
    assert list(verify()) == []
    call_command("audit_verify")


def test_rows_cannot_be_changed_or_deleted_through_the_orm():
    make.person()
    event = AuditEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(source="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize("column", ["object_repr", "changes", "actor_id"])
def test_a_tampered_row_breaks_the_chain(column):
    make.person("Nguyễn Thị Hằng")
    make.person("Trần Văn An")
    make.person("Lê Văn Bình")
    target = AuditEvent.objects.order_by("id")[1]
    value = {"object_repr": "'Người khác'", "changes": "'{}'", "actor_id": "NULL"}[column]
    if column == "actor_id":
        user = make.make_user("ke-gian")
        value = str(user.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE audit_auditevent SET {column} = {value} WHERE id = %s", [target.pk])
    breaks = list(verify())
    assert [b.event_id for b in breaks] == [target.pk]
    with pytest.raises(CommandError) as err:
        call_command("audit_verify")
    assert f"#{target.pk}" in str(err.value)


def test_a_deleted_row_breaks_the_chain():
    for name in ("Nguyễn Thị Hằng", "Trần Văn An", "Lê Văn Bình"):
        make.person(name)
    middle = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [middle.pk])
    breaks = list(verify())
    assert breaks and breaks[0].reason == "prev_hash"


def test_bulk_appends_are_chained_too():
    make.person()
    first = AuditEvent.objects.get()
    AuditEvent.objects.bulk_create(
        AuditEvent(action="create", object_type="x.y", object_id=str(i), object_repr=f"#{i}")
        for i in range(3)
    )
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[1].prev_hash == first.hash and rows[3].prev_hash == rows[2].hash
    assert list(verify()) == []
