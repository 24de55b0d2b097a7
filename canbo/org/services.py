"""Writes to the unit tree and to elected bodies, terms, memberships and nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.access.scopes import require_unit_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.records import RecordSpec, create_person_record, delete_person_record, update_person_record
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.dates import overlapping
from canbo.core.services import apply_fields, full_clean_with
from canbo.core.text import fold, name_sort_key, normalize_spaces
from canbo.people.models import Person

from .choices import SuccessionKind
from .models import ElectedBody, Membership, Nomination, OrgUnit, Term, UnitSuccession

UNIT_FIELDS = {
    "code",
    "name",
    "short_name",
    "parent",
    "parent_id",
    "level",
    "sector",
    "kind",
    "locality",
    "locality_id",
    "position",
    "valid_from",
    "valid_to",
}
TERM_FIELDS = {"name", "valid_from", "valid_to", "election_date"}
MEMBERSHIP_FIELDS = {"term", "term_id", "role", "valid_from", "valid_to", "note"}
NOMINATION_FIELDS = {"term", "term_id", "nominated_on", "constituency", "outcome"}


def unit_path(parent: OrgUnit | None, pk: int) -> str:
    """The materialised path of a unit: its parent's path and its own zero-padded id."""
    return f"{parent.path if parent else ''}{pk:06d}/"


def _unit_errors(unit: OrgUnit) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    parent = unit.parent
    # An import checks a unit under a parent of the same file whose own start may be unreadable.
    if (
        parent is None
        or not isinstance(unit.valid_from, dt.date)
        or not isinstance(parent.valid_from, dt.date)
    ):
        return errors
    if unit.pk and parent.path.startswith(unit.path or "\0"):
        errors["parent"] = [_("Không thể đặt một đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")]
    if unit.valid_from < parent.valid_from or (
        parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to)
    ):
        errors.setdefault("valid_from", []).append(
            _("Thời gian tồn tại của đơn vị phải nằm trong thời gian tồn tại của đơn vị cấp trên “%(p)s”.")
            % {"p": parent.name}
        )
    return errors


def _prepare_unit(unit: OrgUnit) -> None:
    unit.name = normalize_spaces(unit.name)
    unit.code = normalize_spaces(unit.code)
    unit.search_name = fold(f"{unit.name} {unit.short_name}")[:400]
    unit.sort_key = name_sort_key(unit.name)
    unit.depth = (unit.parent.depth + 1) if unit.parent_id and unit.parent else 0


@scoped_write
def unit_create(*, actor: Any, data: dict[str, Any]) -> OrgUnit:
    """Create a unit in the tree."""
    unit = OrgUnit()
    apply_fields(unit, data, UNIT_FIELDS)
    _prepare_unit(unit)
    full_clean_with(unit, _unit_errors(unit), exclude=["path"])
    require_unit_in_scope(actor, unit.parent, field="parent")
    unit.save()
    unit.path = unit_path(unit.parent, unit.pk)
    unit.save(update_fields=["path"])
    require_unit_in_scope(actor, unit, field="parent")
    record(actor=actor, action=AuditAction.CREATE, instance=unit, after=snapshot(unit))
    return unit


@scoped_write
def unit_update(*, actor: Any, unit: OrgUnit, data: dict[str, Any], version: int | None = None) -> OrgUnit:
    """Change a unit; moving it under another parent moves its whole subtree.

    StaleVersion when saved over a newer version than the `version` the editor loaded.
    """
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    require_unit_in_scope(actor, unit)
    before = snapshot(unit)
    old_path = unit.path
    apply_fields(unit, data, UNIT_FIELDS)
    _prepare_unit(unit)
    full_clean_with(unit, _unit_errors(unit))
    new_path = unit_path(unit.parent, unit.pk)
    if unit.valid_to:
        late = unit.assignments.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=unit.valid_to)).count()
        if late:
            raise ValidationError(
                {
                    "valid_to": [
                        _("Còn %(n)s người công tác tại đơn vị sau ngày này; kết thúc hoặc chuyển họ trước.")
                        % {"n": late}
                    ]
                }
            )
    if new_path != old_path:
        # Moving a unit needs the new parent in scope: the root of one's own grant cannot be moved away.
        require_unit_in_scope(actor, unit.parent, field="parent")
    unit.path = new_path
    claim_version(unit, version)
    unit.save()
    if new_path != old_path:
        depth_shift = new_path.count("/") - old_path.count("/")
        descendants = OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk)
        for child in descendants:  # a subtree move is rare and touches units, not people
            child.path = new_path + child.path[len(old_path) :]
            child.depth += depth_shift
        OrgUnit.objects.bulk_update(descendants, ["path", "depth"])
    record(actor=actor, action=AuditAction.UPDATE, instance=unit, before=before, after=snapshot(unit))
    return unit


@scoped_write
def units_merge(
    *,
    actor: Any,
    predecessors: Sequence[OrgUnit],
    successor: OrgUnit,
    effective_on: dt.date,
    kind: str = SuccessionKind.MERGED,
) -> list[UnitSuccession]:
    """Record that units continued in successor from a date, ending them the day before."""
    require_unit_in_scope(actor, successor, field="successor")
    links = []
    for predecessor in predecessors:
        if predecessor.pk == successor.pk:
            raise ValidationError({"successor": [_("Một đơn vị không thể sáp nhập vào chính nó.")]})
        if predecessor.valid_to is None or predecessor.valid_to >= effective_on:
            unit_update(actor=actor, unit=predecessor, data={"valid_to": effective_on - dt.timedelta(days=1)})
        link = UnitSuccession(
            predecessor=predecessor, successor=successor, kind=kind, effective_on=effective_on
        )
        full_clean_with(link)
        link.save()
        record(actor=actor, action=AuditAction.CREATE, instance=link, after=snapshot(link))
        links.append(link)
    return links


@scoped_write
def elected_body_create(*, actor: Any, data: dict[str, Any]) -> ElectedBody:
    """Create a party committee, standing committee or People's Council for a unit."""
    body = ElectedBody()
    apply_fields(body, data, {"org_unit", "kind", "level", "name", "parent_body"})
    body.name = normalize_spaces(body.name)
    full_clean_with(body)
    require_unit_in_scope(actor, body.org_unit, field="org_unit")
    body.save()
    record(actor=actor, action=AuditAction.CREATE, instance=body, after=snapshot(body))
    return body


@scoped_write
def term_create(*, actor: Any, body: ElectedBody, data: dict[str, Any]) -> Term:
    """Open a term of an elected body; terms of one body never overlap."""
    require_unit_in_scope(actor, body.org_unit, field="body")
    term = Term(body=body)
    apply_fields(term, data, TERM_FIELDS)
    errors: dict[str, list[str]] = {}
    if isinstance(term.valid_from, dt.date):
        clash = Term.objects.filter(body=body).filter(overlapping(term.valid_from, term.valid_to)).first()
        if clash:
            errors["valid_from"] = [_("Trùng thời gian với nhiệm kỳ %(name)s.") % {"name": clash.name}]
    full_clean_with(term, errors)
    term.save()
    record(actor=actor, action=AuditAction.CREATE, instance=term, after=snapshot(term))
    return term


def _membership_errors(membership: Membership) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if membership.valid_to is None and membership.term_id and membership.term.valid_to:
        membership.valid_to = membership.term.valid_to  # a seat ends with its term unless it ended earlier
    start, end = membership.valid_from, membership.valid_to
    if not isinstance(start, dt.date) or not membership.term_id or (end and end < start):
        return errors
    term = membership.term
    if start < term.valid_from or (term.valid_to and (end is None or end > term.valid_to)):
        errors["valid_from"] = [
            _("Thời gian là thành viên phải nằm trong nhiệm kỳ %(name)s (%(start)s – %(end)s).")
            % {
                "name": term.name,
                "start": term.valid_from.strftime("%d/%m/%Y"),
                "end": term.valid_to.strftime("%d/%m/%Y") if term.valid_to else _("nay"),
            }
        ]
    clash = (
        Membership.objects.filter(person_id=membership.person_id, term=term)
        .filter(overlapping(start, end))
        .exclude(pk=membership.pk)
        .exists()
    )
    if clash:
        errors.setdefault("valid_from", []).append(
            _("Cán bộ đã là thành viên của nhiệm kỳ này trong thời gian đó.")
        )
    return errors


_MEMBERSHIP_RECORD = RecordSpec(fields=MEMBERSHIP_FIELDS, errors=_membership_errors)


@scoped_write
def membership_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Membership:
    """Seat a person in an elected body for a term."""
    return create_person_record(
        actor=actor, instance=Membership(person=person), data=data, spec=_MEMBERSHIP_RECORD
    )


@scoped_write
def membership_update(
    *, actor: Any, membership: Membership, data: dict[str, Any], version: int | None = None
) -> Membership:
    """Change or end a seat in an elected body (StaleVersion when saved over a newer version than loaded)."""
    return update_person_record(
        actor=actor, instance=membership, data=data, spec=_MEMBERSHIP_RECORD, version=version
    )


@scoped_write
def membership_delete(*, actor: Any, membership: Membership, version: int | None = None) -> None:
    """Remove a seat recorded in error."""
    delete_person_record(actor=actor, instance=membership, version=version)


def _nomination_errors(nomination: Nomination) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    day = nomination.nominated_on
    if isinstance(day, dt.date) and nomination.term_id:
        election = nomination.term.election_date or nomination.term.valid_from
        if day > election:
            errors["nominated_on"] = [
                _("Ngày giới thiệu phải trước hoặc đúng ngày bầu cử (%(d)s).")
                % {"d": election.strftime("%d/%m/%Y")}
            ]
        if day < nomination.person.birth_date:
            errors.setdefault("nominated_on", []).append(_("Ngày giới thiệu không được trước ngày sinh."))
    return errors


_NOMINATION_RECORD = RecordSpec(fields=NOMINATION_FIELDS, errors=_nomination_errors)


@scoped_write
def nomination_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Nomination:
    """Put a person on the list of nominees for a term's election."""
    return create_person_record(
        actor=actor, instance=Nomination(person=person), data=data, spec=_NOMINATION_RECORD
    )


@scoped_write
def nomination_update(
    *, actor: Any, nomination: Nomination, data: dict[str, Any], version: int | None = None
) -> Nomination:
    """Change a nomination, e.g. record its outcome (StaleVersion when saved over a newer version than loaded)."""
    return update_person_record(
        actor=actor, instance=nomination, data=data, spec=_NOMINATION_RECORD, version=version
    )


@scoped_write
def nomination_delete(*, actor: Any, nomination: Nomination, version: int | None = None) -> None:
    """Remove a nomination recorded in error."""
    delete_person_record(actor=actor, instance=nomination, version=version)


# --- bulk variants for imports ---
# Checks without saving (for an import's preview) and bulk writes with the rules of the single-row
# services above; see the note above persons_upsert in people.services.
# Imports sit here, below the untouched single-row services, rather than at the top of the module.
from collections import defaultdict  # noqa: E402
from collections.abc import Mapping  # noqa: E402

from canbo.audit.bulk import audit_bulk, bulk_save  # noqa: E402
from canbo.core.bulk import (  # noqa: E402
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    allocate_ids,
    bulk_field_errors,
    bulk_insert,
    chunked,
    constraint_message,
)


def _errors_of(check: Any) -> dict[str, list[str]]:
    """The {field: messages} of a check that raises ValidationError, or {} when it passes."""
    try:
        check()
    except ValidationError as exc:
        return {name: list(messages) for name, messages in exc.message_dict.items()}
    return {}


def unit_check(*, unit: OrgUnit) -> dict[str, list[str]]:
    """The errors unit_create (new unit) or unit_update (saved unit) would raise for unit, without saving.

    The parent may be an unsaved unit of the same import. The unique code is the caller's to check (an
    import matches units by code); the rest is full_clean's field checks and the period constraint,
    without their queries, plus _unit_errors.
    """
    _prepare_unit(unit)
    errors = _unit_errors(unit)
    for name, messages in bulk_field_errors(unit, relations=("path",)).items():
        errors.setdefault(name, []).extend(messages)
    start, end = unit.valid_from, unit.valid_to
    if isinstance(start, dt.date) and end is not None and end < start:
        errors.setdefault("valid_to", []).append(constraint_message(OrgUnit, "org_orgunit_valid_range"))
    if unit.pk and unit.valid_to:
        late = unit.assignments.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=unit.valid_to)).count()
        if late:
            errors.setdefault("valid_to", []).append(
                _("Còn %(n)s người công tác tại đơn vị sau ngày này; kết thúc hoặc chuyển họ trước.")
                % {"n": late}
            )
    return {name: messages for name, messages in errors.items() if messages}


@scoped_write
def units_create_many(*, actor: Any, rows: Sequence[Mapping[str, Any]]) -> list[OrgUnit]:
    """unit_create for many units at once: the same checks, one insert per batch, the audit rows in bulk.

    Rows come parents first: a row's parent is a saved unit or the unit of an earlier row. Codes are the
    caller's to keep unique (an import matches units by code). Raises ValidationError on the first
    invalid row, ScopeDenied on a unit outside the actor's scope, and then writes nothing.
    """
    units: list[OrgUnit] = []
    for data in rows:
        unit = OrgUnit()
        apply_fields(unit, data, UNIT_FIELDS)
        errors = unit_check(unit=unit)
        if errors:
            raise ValidationError(errors)
        units.append(unit)
    # Paths hold the ids, so the ids are taken first; a parent earlier in the rows has its path by then.
    for unit, pk in zip(units, allocate_ids(OrgUnit, len(units)), strict=True):
        unit.pk = pk
        unit.path = unit_path(unit.parent, pk)
        require_unit_in_scope(actor, unit.parent, field="parent")
    bulk_insert(OrgUnit, units, keep_ids=True)
    audit_bulk(
        actor=actor, entries=[(AuditAction.CREATE, unit, None, snapshot(unit), None) for unit in units]
    )
    return units


def term_check(*, term: Term) -> dict[str, list[str]]:
    """The errors term_create would raise for a new term, without saving (its body may be unsaved)."""
    errors: dict[str, list[str]] = {}
    if isinstance(term.valid_from, dt.date) and term.body.pk is not None:
        clash = (
            Term.objects.filter(body=term.body).filter(overlapping(term.valid_from, term.valid_to)).first()
        )
        if clash:
            errors["valid_from"] = [_("Trùng thời gian với nhiệm kỳ %(name)s.") % {"name": clash.name}]
    exclude: list[str] = [] if term.body.pk is not None else ["body"]
    for name, messages in _errors_of(lambda: full_clean_with(term, errors, exclude=exclude)).items():
        errors[name] = messages
    return errors


def _bulk_key(instance: Any) -> tuple[str, int]:
    """A key for a row saved or not: its id, or the identity of the unsaved object."""
    return ("pk", instance.pk) if instance.pk is not None else ("new", id(instance))


def _periods_meet(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    """Whether two periods (end inclusive, None = open) share a day."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def _final_statuses(result: BulkResult[Any], befores: list[dict[str, Any] | None]) -> None:
    """Created, updated or unchanged for every valid row, by comparing it with its stored values."""
    for index, before in enumerate(befores):
        if result.statuses[index] == BULK_INVALID:
            continue
        if before is None:
            result.statuses[index] = BULK_CREATED
        else:
            changed = snapshot(result.instances[index]) != before
            result.statuses[index] = BULK_UPDATED if changed else BULK_UNCHANGED


@transaction.atomic
def memberships_upsert(
    *, actor: Any, rows: Sequence[tuple[Membership | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[Membership]:
    """Seat or correct many members of elected bodies with membership_create/update's checks, in bulk."""
    result: BulkResult[Membership] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    range_message = constraint_message(Membership, "org_membership_valid_range")
    for index, (existing, person, data) in enumerate(rows):
        membership = existing if existing is not None else Membership(person=person)
        befores.append(snapshot(membership) if existing is not None else None)
        result.instances.append(membership)
        result.statuses.append(BULK_UNCHANGED)
        apply_fields(membership, data, MEMBERSHIP_FIELDS)
        errors: dict[str, list[str]] = {}
        term = membership.term if membership.term_id or "term" in data else None
        if membership.valid_to is None and term is not None and term.valid_to:
            membership.valid_to = term.valid_to  # a seat ends with its term unless it ended earlier
        start, end = membership.valid_from, membership.valid_to
        if isinstance(start, dt.date) and end is not None and end < start:
            errors["valid_to"] = [range_message]
        elif (
            isinstance(start, dt.date)
            and term is not None
            and (start < term.valid_from or (term.valid_to and (end is None or end > term.valid_to)))
        ):
            errors["valid_from"] = [
                _("Thời gian là thành viên phải nằm trong nhiệm kỳ %(name)s (%(start)s – %(end)s).")
                % {
                    "name": term.name,
                    "start": term.valid_from.strftime("%d/%m/%Y"),
                    "end": term.valid_to.strftime("%d/%m/%Y") if term.valid_to else _("nay"),
                }
            ]
        for name, messages in bulk_field_errors(membership, relations=("person", "term")).items():
            errors.setdefault(name, []).extend(messages)
        for name, messages in errors.items():
            for message in messages:
                result.add_error(index, name, message)
    # One seat per person and term at a time: the batch against itself and the stored seats.
    seats: dict[tuple[tuple[str, int], tuple[str, int]], list[tuple[int | None, dt.date, dt.date | None]]]
    seats = defaultdict(list)
    own = {m.pk for m in result.instances if m.pk is not None}
    for index, membership in enumerate(result.instances):
        if result.statuses[index] != BULK_INVALID:
            key = (_bulk_key(membership.person), _bulk_key(membership.term))
            seats[key].append((index, membership.valid_from, membership.valid_to))
    people = sorted({m.person_id for m in result.instances if m.person_id is not None})
    for batch in chunked(people):
        stored = Membership.objects.filter(person_id__in=batch)  # the batch's own rows skipped below
        for pk, person_id, term_id, start, end in stored.values_list(
            "pk", "person_id", "term_id", "valid_from", "valid_to"
        ):
            if pk in own:
                continue
            key = (("pk", person_id), ("pk", term_id))
            if key in seats:
                seats[key].append((None, start, end))
    for entries in seats.values():
        for seat_index, start, end in entries:
            if seat_index is None:
                continue
            if any(
                other_index != seat_index and _periods_meet(start, end, other_start, other_end)
                for other_index, other_start, other_end in entries
            ):
                result.add_error(
                    seat_index,
                    "valid_from",
                    _("Cán bộ đã là thành viên của nhiệm kỳ này trong thời gian đó."),
                )
    _final_statuses(result, befores)
    if write and not result.errors:
        bulk_save(
            actor=actor, model=Membership, result=result, befores=befores, person_of=lambda obj: obj.person_id
        )
    return result


@transaction.atomic
def nominations_upsert(
    *, actor: Any, rows: Sequence[tuple[Nomination | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[Nomination]:
    """Add or correct many nominees with nomination_create/update's checks (one per person and term), in bulk."""
    result: BulkResult[Nomination] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    for index, (existing, person, data) in enumerate(rows):
        nomination = existing if existing is not None else Nomination(person=person)
        befores.append(snapshot(nomination) if existing is not None else None)
        result.instances.append(nomination)
        result.statuses.append(BULK_UNCHANGED)
        apply_fields(nomination, data, NOMINATION_FIELDS)
        errors = _nomination_errors(nomination)
        day, term = nomination.nominated_on, nomination.term if "term" in data else None
        if term is not None and term.pk is None and isinstance(day, dt.date):
            # _nomination_errors skips a term not saved yet (one the same import creates): same rule here.
            election = term.election_date or term.valid_from
            if isinstance(election, dt.date) and day > election:
                errors["nominated_on"] = [
                    _("Ngày giới thiệu phải trước hoặc đúng ngày bầu cử (%(d)s).")
                    % {"d": election.strftime("%d/%m/%Y")}
                ]
            if isinstance(nomination.person.birth_date, dt.date) and day < nomination.person.birth_date:
                errors.setdefault("nominated_on", []).append(_("Ngày giới thiệu không được trước ngày sinh."))
        for name, messages in bulk_field_errors(nomination, relations=("person", "term")).items():
            errors.setdefault(name, []).extend(messages)
        for name, messages in errors.items():
            for message in messages:
                result.add_error(index, name, message)
    own = {n.pk for n in result.instances if n.pk is not None}
    taken: set[tuple[int, int]] = set()
    people = sorted({n.person_id for n in result.instances if n.person_id is not None})
    for batch in chunked(people):
        stored = Nomination.objects.filter(person_id__in=batch).values_list("pk", "person_id", "term_id")
        taken.update((person_id, term_id) for pk, person_id, term_id in stored if pk not in own)
    seen: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for index, nomination in enumerate(result.instances):
        if result.statuses[index] == BULK_INVALID:
            continue
        key = (_bulk_key(nomination.person), _bulk_key(nomination.term))
        stored_clash = (
            nomination.person_id is not None and (nomination.person_id, nomination.term_id) in taken
        )
        if key in seen or stored_clash:
            message = nomination.unique_error_message(Nomination, ("person", "term")).messages[0]
            result.add_error(index, "term", message)
        seen.add(key)
    _final_statuses(result, befores)
    if write and not result.errors:
        bulk_save(
            actor=actor, model=Nomination, result=result, befores=befores, person_of=lambda obj: obj.person_id
        )
    return result
