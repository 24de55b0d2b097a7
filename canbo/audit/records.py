"""The shared tail of a write to a record that belongs to one person (a qualification, a seat, …).

Each public service (`qualification_create`, `membership_update`, …) keeps its own name, signature,
docstring, `@scoped_write` transaction and validation function, and hands the repeated rest here: the
scope check on the person, the row lock, applying the allowed fields, normalising, validating, claiming
the next version and the audit row with before/after values and the person's id.

It lives in `audit` beside `versions.py` because what it guarantees is the audit trail and the version
claim of such writes; it reaches up to `access` only for `require_person_in_scope` (access imports audit
lazily, so there is no import cycle). Services that check more than the person (a unit as well, a check
after the save, another row locked first) keep their own code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from canbo.access.scopes import require_person_in_scope
from canbo.core.services import apply_fields, full_clean_with

from .models import AuditAction
from .services import record, snapshot
from .versions import claim_version

R = TypeVar("R", bound=models.Model)
Errors = Callable[[R], dict[str, list[str]]]
Prepare = Callable[[R], None]


def _person_id(instance: models.Model) -> int:
    """The id of the person a record belongs to."""
    return instance.person_id  # type: ignore[attr-defined]  # every person record has `person`


def _validate(instance: R, errors: Errors[R] | None, prepare: Prepare[R] | None) -> None:
    """Normalise, then run the model's checks together with the service's own rules (one ValidationError)."""
    if prepare is not None:
        prepare(instance)
    full_clean_with(instance, errors(instance) if errors is not None else None)


def create_person_record(
    *,
    actor: Any,
    instance: R,
    data: Mapping[str, Any],
    fields: Iterable[str],
    errors: Errors[R] | None = None,
    prepare: Prepare[R] | None = None,
) -> R:
    """Save a new record of a person (built unsaved with its person) and write its CREATE audit row."""
    person_id = _person_id(instance)
    require_person_in_scope(actor, person_id)
    apply_fields(instance, data, fields)
    _validate(instance, errors, prepare)
    instance.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        after=snapshot(instance),
        person_id=person_id,
    )
    return instance


def update_person_record(
    *,
    actor: Any,
    instance: R,
    data: Mapping[str, Any],
    fields: Iterable[str],
    errors: Errors[R] | None = None,
    prepare: Prepare[R] | None = None,
    version: int | None = None,
) -> R:
    """Change a person's record under a row lock, claiming its next version (StaleVersion over a newer one).

    Returns the locked, saved row (a fresh instance, not the one passed in).
    """
    require_person_in_scope(actor, _person_id(instance))
    instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = snapshot(instance)
    apply_fields(instance, data, fields)
    _validate(instance, errors, prepare)
    claim_version(instance, version)
    instance.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        before=before,
        after=snapshot(instance),
        person_id=_person_id(instance),
    )
    return instance


def delete_person_record(*, actor: Any, instance: models.Model, version: int | None = None) -> None:
    """Delete a person's record and write its DELETE audit row.

    `version` is the one the confirmation page showed: when given, a row saved since is refused
    (StaleVersion) and nothing is deleted.
    """
    person_id = _person_id(instance)
    require_person_in_scope(actor, person_id)
    if version is not None:
        claim_version(instance, version)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=instance,
        before=snapshot(instance),
        person_id=person_id,
    )
    instance.delete()
