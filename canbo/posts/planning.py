"""Writes to the planning (quy hoạch): a person planned for a title in a unit, dated, audited, in scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, require_unit_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.records import RecordSpec, upsert_person_records
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.bulk import (
    BulkResult,
)
from canbo.core.dates import today
from canbo.core.services import apply_fields, full_clean_with
from canbo.core.text import normalize_spaces
from canbo.people.models import Person

from .models import PlanningEntry

PLANNING_FIELDS = {
    "title",
    "title_id",
    "unit",
    "unit_id",
    "term_label",
    "approved_by",
    "decision_number",
    "decision_date",
    "expertise_field",
    "deep_expertise",
    "valid_from",
    "valid_to",
}


def _planning_errors(entry: PlanningEntry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if entry.decision_date and entry.decision_date > today():
        errors["decision_date"] = [_("Ngày quyết định quy hoạch không được sau ngày hôm nay.")]
    if entry.valid_from and entry.valid_to and entry.valid_to < entry.valid_from:
        errors["valid_to"] = [_("Ngày kết thúc không được trước ngày bắt đầu.")]
    if entry.deep_expertise and not entry.expertise_field:
        errors["expertise_field"] = [_("Quy hoạch thuộc lĩnh vực chuyên sâu phải ghi rõ lĩnh vực.")]
    if entry.title_id and not entry.title.is_active:
        errors["title"] = [_("Chức danh “%(t)s” không còn dùng.") % {"t": entry.title.name}]
    return errors


def _check_scope(actor: Any, entry: PlanningEntry, *, after: bool = False) -> None:
    """The person and the unit of the planned post must both lie in the actor's scope."""
    if entry.unit_id:
        require_unit_in_scope(actor, entry.unit, person_id=entry.person_id)
    require_person_in_scope(actor, entry.person_id, after=after)


def _normalise(entry: PlanningEntry) -> None:
    """Normalise the spaces of the entry's texts."""
    entry.term_label = normalize_spaces(entry.term_label)
    entry.approved_by = normalize_spaces(entry.approved_by)
    entry.decision_number = normalize_spaces(entry.decision_number)


# What the import's bulk upsert lets in and checks (the single services run _clean with the same rules).
_PLANNING_RECORD = RecordSpec(fields=PLANNING_FIELDS, errors=_planning_errors, prepare=_normalise)


def _clean(entry: PlanningEntry) -> None:
    _normalise(entry)
    full_clean_with(entry, _planning_errors(entry))


@scoped_write
def planning_entry_create(*, actor: Any, person: Person, data: dict[str, Any]) -> PlanningEntry:
    """Place a person in the planning for a title."""
    require_person_in_scope(actor, person.pk)
    entry = PlanningEntry(person=person)
    apply_fields(entry, data, PLANNING_FIELDS)
    _clean(entry)
    entry.save()
    _check_scope(actor, entry, after=True)
    record(actor=actor, action=AuditAction.CREATE, instance=entry, after=snapshot(entry), person_id=person.pk)
    return entry


@scoped_write
def planning_entry_update(
    *, actor: Any, entry: PlanningEntry, data: dict[str, Any], version: int | None = None
) -> PlanningEntry:
    """Correct a planning entry or end it (valid_to) (StaleVersion over a newer version than loaded)."""
    entry = PlanningEntry.objects.select_for_update().get(pk=entry.pk)
    _check_scope(actor, entry)
    before = snapshot(entry)
    apply_fields(entry, data, PLANNING_FIELDS)
    _clean(entry)
    claim_version(entry, version)
    entry.save()
    _check_scope(actor, entry, after=True)
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=entry,
        before=before,
        after=snapshot(entry),
        person_id=entry.person_id,
    )
    return entry


@scoped_write
def planning_entry_delete(*, actor: Any, entry: PlanningEntry, version: int | None = None) -> None:
    """Remove a planning entry recorded in error."""
    _check_scope(actor, entry)
    if version is not None:  # the confirmation page's version: refuse if saved since
        claim_version(entry, version)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=entry,
        before=snapshot(entry),
        person_id=entry.person_id,
    )
    entry.delete()


@transaction.atomic
def planning_entries_upsert(
    *, actor: Any, rows: Sequence[tuple[PlanningEntry | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[PlanningEntry]:
    """Place or correct many planning entries with planning_entry_create/update's checks, in bulk.

    The caller (the import) has checked that each person and each planned post's unit lie in its scope
    and the uploader's grants. Nothing is written while any row is invalid; a changed entry takes its
    next version (bulk_save).
    """
    return upsert_person_records(
        actor=actor,
        model=PlanningEntry,
        rows=rows,
        spec=_PLANNING_RECORD,
        relations=("person", "title", "unit"),
        write=write,
    )
