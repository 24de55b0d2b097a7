"""The shared tail of a write to a record that belongs to one person (a qualification, a seat, …).

Each public service (`qualification_create`, `membership_update`, …) keeps its own name, signature,
docstring, `@scoped_write` transaction and validation function; it declares once, in a `RecordSpec`,
the fields it accepts, its own rules and its normalisation, and hands the repeated rest here: the scope
check on the person, the row lock, applying and validating the input, claiming the next version and the
audit row with before/after values and the person's id.

It lives in `audit` beside `versions.py` because what it guarantees is the audit row and the version
claim of such writes; it reaches up to `access` only for `require_person_in_scope` (access imports audit
lazily, so there is no import cycle). Services that check more than the person (a unit as well, a check
after the save, another row locked first, the person in the input) keep their own code.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models

from canbo.access.scopes import require_person_in_scope
from canbo.core.bulk import (
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    bulk_field_errors,
)
from canbo.core.services import apply_fields, full_clean_with

from .bulk import bulk_save
from .models import AuditAction
from .services import record, snapshot
from .versions import claim_version

R = TypeVar("R", bound=models.Model)


@dataclass(frozen=True)
class RecordSpec(Generic[R]):
    """What a service lets in and checks for one kind of person record, declared once beside its rules.

    `fields`: the input fields it accepts; `errors`: its own rules, returning {field: [messages]}, run
    after `prepare`, the normalisation (spaces, derived values) done before validation.
    """

    fields: Collection[str]
    errors: Callable[[R], dict[str, list[str]]] | None = None
    prepare: Callable[[R], None] | None = None

    def apply(self, instance: R, data: Mapping[str, Any]) -> None:
        """Copy the allowed input onto the row, normalise it, and validate it (one ValidationError)."""
        apply_fields(instance, data, self.fields)
        if self.prepare is not None:
            self.prepare(instance)
        full_clean_with(instance, self.errors(instance) if self.errors is not None else None)


def _person_id(instance: models.Model) -> int:
    """The id of the person a record belongs to."""
    return instance.person_id  # type: ignore[attr-defined]  # every person record has `person`


def _audit(actor: Any, action: str, instance: models.Model, *, before: Any = None, after: Any = None) -> None:
    """The write's audit row, with the person's id so that it shows on the person's trail."""
    person_id = _person_id(instance)
    record(actor=actor, action=action, instance=instance, before=before, after=after, person_id=person_id)


def create_person_record(*, actor: Any, instance: R, data: Mapping[str, Any], spec: RecordSpec[R]) -> R:
    """Save a new record of a person (built unsaved with its person) and write its CREATE audit row."""
    require_person_in_scope(actor, _person_id(instance))
    spec.apply(instance, data)
    instance.save()
    _audit(actor, AuditAction.CREATE, instance, after=snapshot(instance))
    return instance


def update_person_record(
    *, actor: Any, instance: R, data: Mapping[str, Any], spec: RecordSpec[R], version: int | None = None
) -> R:
    """Change a person's record under a row lock, claiming its next version (StaleVersion over a newer one).

    `version` is the one the editor loaded (None: take the next). Returns the locked, saved row, a fresh
    instance rather than the one passed in.
    """
    require_person_in_scope(actor, _person_id(instance))
    instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = snapshot(instance)
    spec.apply(instance, data)
    claim_version(instance, version)
    instance.save()
    _audit(actor, AuditAction.UPDATE, instance, before=before, after=snapshot(instance))
    return instance


def delete_person_record(*, actor: Any, instance: models.Model, version: int | None = None) -> None:
    """Delete a person's record and write its DELETE audit row.

    `version` is the one the confirmation page showed: when given, a row saved since is refused
    (StaleVersion) and nothing is deleted.
    """
    require_person_in_scope(actor, _person_id(instance))
    if version is not None:
        claim_version(instance, version)
    _audit(actor, AuditAction.DELETE, instance, before=snapshot(instance))
    instance.delete()


def upsert_person_records(
    *,
    actor: Any,
    model: type[R],
    rows: Sequence[tuple[R | None, Any, Mapping[str, Any]]],
    spec: RecordSpec[R],
    relations: tuple[str, ...],
    write: bool = True,
) -> BulkResult[R]:
    """Record or correct many person records (an import's sheet) with the single services' checks.

    Each row is (the stored record or None, its person, the input). Every row gets the spec's rules and
    Django's field checks (one message per field: the rule's own when it has one) and a status; nothing
    is written while any row is invalid; then all are saved in bulk with their audit rows, a changed record
    taking its next version (`bulk_save`). The caller has checked each person (and any unit) against its
    scope and the uploader's grants.
    """
    result: BulkResult[R] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    for index, (existing, person, data) in enumerate(rows):
        item = existing if existing is not None else model(person=person)
        before = snapshot(item) if existing is not None else None
        apply_fields(item, data, spec.fields)
        if spec.prepare is not None:
            spec.prepare(item)
        errors = spec.errors(item) if spec.errors is not None else {}
        for name, messages in bulk_field_errors(item, relations=relations).items():
            errors.setdefault(name, messages)
        result.instances.append(item)
        befores.append(before)
        if errors:
            result.statuses.append(BULK_INVALID)
            result.errors[index] = errors
        elif before is None:
            result.statuses.append(BULK_CREATED)
        else:
            result.statuses.append(BULK_UPDATED if snapshot(item) != before else BULK_UNCHANGED)
    if write and not result.errors:
        bulk_save(actor=actor, model=model, result=result, befores=befores, person_of=_person_id)
    return result
