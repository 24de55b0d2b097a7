"""Writing audit rows; every domain service calls record() inside its own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from .context import current
from .models import AuditAction, AuditEvent


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


_AS_IS = frozenset({str, int, bool, float, type(None)})


@functools.cache
def _snapshot_attnames(model: type[models.Model]) -> tuple[str, ...]:
    """The attribute names snapshot() reads for a model (imports take hundreds of thousands of them)."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if field.editable or field.name in ("valid_from", "valid_to")
    )


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete, editable field values of a row, by attribute name (foreign keys as ids)."""
    values: dict[str, Any] = {}
    for attname in _snapshot_attnames(type(instance)):
        value = getattr(instance, attname)
        values[attname] = value if value.__class__ in _AS_IS else _plain(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}."""
    keys = sorted(set(before) | set(after))
    return {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    person_id: int | None = None,
) -> AuditEvent:
    """Append an audit row for a change to instance, attributed to actor and the current context."""
    context = current()
    if action == AuditAction.CREATE:
        changes = {key: [None, value] for key, value in (after or {}).items() if value not in (None, "")}
    elif action == AuditAction.DELETE:
        changes = {key: [value, None] for key, value in (before or {}).items() if value not in (None, "")}
    else:
        changes = diff(before or {}, after or {})
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        person_id=person_id,
        changes=changes,
        source=context.source,
        reference=context.reference[:255],
        client_ip=context.client_ip,
    )


def record_denied(
    *,
    actor: Any,
    object_type: str,
    object_id: str,
    object_repr: str,
    person_id: int | None,
    reason: str,
    operation: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append the row of a refused attempt to read or write something outside the actor's scope.

    Written in a transaction of its own, after the refused write has been rolled back; `changes` holds
    the operation tried, the reason given to the user and what was asked for (e.g. the unit id sent).
    """
    from django.db import transaction

    context = current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    changes = {
        "operation": operation,
        "reason": str(reason),
        **{k: _plain(v) for k, v in (detail or {}).items()},
    }
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=user,
            action=AuditAction.DENIED,
            object_type=object_type[:60],
            object_id=str(object_id)[:40],
            object_repr=str(object_repr)[:255],
            person_id=person_id,
            changes=changes,
            source=context.source,
            reference=context.reference[:255],
            client_ip=context.client_ip,
        )


def record_read(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    person_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append the row of a sensitive read: a full dossier opened (VIEW) or records exported (EXPORT).

    `detail` says what was read (the person ids or the filter used, the row count, the format, the
    as-of date); it is stored as `changes` in the {key: [None, value]} shape of a creation.
    """
    from django.db import transaction

    context = current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(savepoint=False):
        return AuditEvent.objects.create(
            actor=user,
            action=action,
            object_type=object_type[:60],
            object_id=str(object_id)[:40],
            object_repr=str(object_repr)[:255],
            person_id=person_id,
            changes={key: [None, _plain(value)] for key, value in (detail or {}).items()},
            source=context.source,
            reference=context.reference[:255],
            client_ip=context.client_ip,
        )


def record_auth(
    *, action: str, user: Any = None, username: str = "", client_ip: str | None = None
) -> AuditEvent:
    """Append the row of a login, a failed login or a logout (the user is None for a failed login)."""
    from django.db import transaction

    actor = user if user is not None and getattr(user, "pk", None) is not None else None
    name = username or (actor.get_username() if actor is not None else "")
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=actor,
            action=action,
            object_type="auth.user",
            object_id=str(actor.pk) if actor is not None else "",
            object_repr=str(name)[:255],
            person_id=None,
            changes={"username": [None, str(name)[:150]]} if name else {},
            source="web",
            client_ip=client_ip,
        )
