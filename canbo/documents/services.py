"""Writes of the documents app: the audit rows that record who exported which records, when, as of when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from canbo.audit.context import current
from canbo.audit.models import AuditAction, AuditEvent
from canbo.audit.services import record
from canbo.people.models import Person

LIST_OBJECT_TYPE = "people.person"
LIST_OBJECT_ID = "list"


def form2c_export_record(*, actor: Any, persons: Sequence[Person], as_of: dt.date, fmt: str) -> AuditEvent:
    """Record one export of form 2C; its object is the person (the first one of a selection)."""
    first = persons[0]
    after: dict[str, Any] = {"document": "2C-BNV/2008", "format": fmt, "as_of": as_of.isoformat()}
    if len(persons) > 1:
        after["count"] = len(persons)
        after["person_ids"] = [person.pk for person in persons]
    return record(actor=actor, action=AuditAction.EXPORT, instance=first, after=after, person_id=first.pk)


def person_list_export_record(
    *, actor: Any, as_of: dt.date, filters: dict[str, Any], count: int, fmt: str = "xlsx"
) -> AuditEvent:
    """Record one export of a filtered list of people (object "people.person" / "list", filters in changes).

    `record()` names its object by a model instance and a list has none, so the row is written here with
    the same fields and the same {key: [old, new]} shape of `changes` that `record()` writes for a creation.
    """
    context = current()
    after = {"format": fmt, "as_of": as_of.isoformat(), "filters": filters, "count": count}
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=AuditAction.EXPORT,
        object_type=LIST_OBJECT_TYPE,
        object_id=LIST_OBJECT_ID,
        object_repr=f"Danh sách cán bộ ({count})",
        person_id=None,
        changes={key: [None, value] for key, value in after.items()},
        source=context.source,
        reference=context.reference[:255],
        client_ip=context.client_ip,
    )
