"""Writes to the work history: assignments and the decisions behind them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, require_unit_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.dates import overlapping, today
from canbo.core.services import apply_fields, full_clean_with
from canbo.core.text import normalize_spaces
from canbo.people.models import Person

from .models import Assignment, Decision

ASSIGNMENT_FIELDS = {
    "title",
    "title_id",
    "unit",
    "unit_id",
    "valid_from",
    "valid_from_precision",
    "valid_to",
    "valid_to_precision",
    "is_concurrent",
    "decision",
    "decision_id",
    "term_ends_on",
    "description",
}
DECISION_KEYS = ("decision_number", "decision_signed_on", "decision_signer", "decision_issuer")


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else _("nay")


def _assignment_errors(assignment: Assignment) -> dict[str, list[str]]:
    """Rules over a person's whole history and a unit's holders that one row cannot check."""
    errors: dict[str, list[str]] = {}
    start, end = assignment.valid_from, assignment.valid_to
    if not isinstance(start, dt.date) or (end is not None and end < start):
        return errors  # full_clean reports the missing date or the reversed period
    person: Person = assignment.person
    if start < person.birth_date:
        errors["valid_from"] = [_("Ngày bắt đầu không được trước ngày sinh của cán bộ.")]
    if start > today():
        errors.setdefault("valid_from", []).append(_("Ngày bắt đầu không được sau ngày hôm nay."))
    if not assignment.unit_id or not assignment.title_id:
        return errors
    unit, title = assignment.unit, assignment.title
    if start < unit.valid_from or (unit.valid_to and (end is None or end > unit.valid_to)):
        errors.setdefault("unit", []).append(
            _("Đơn vị “%(unit)s” chỉ tồn tại từ %(start)s đến %(end)s; thời gian công tác phải nằm trong đó.")
            % {"unit": unit.name, "start": _fmt(unit.valid_from), "end": _fmt(unit.valid_to)}
        )
    if title.level != unit.level:
        errors.setdefault("title", []).append(
            _("Chức vụ “%(title)s” thuộc %(tlevel)s, nhưng đơn vị “%(unit)s” thuộc %(ulevel)s.")
            % {
                "title": title.name,
                "tlevel": title.get_level_display().lower(),
                "unit": unit.name,
                "ulevel": unit.get_level_display().lower(),
            }
        )
    others = Assignment.objects.filter(overlapping(start, end)).exclude(pk=assignment.pk)
    if not assignment.is_concurrent:
        clash = others.filter(person=person, is_concurrent=False).select_related("title", "unit").first()
        if clash:
            errors.setdefault("valid_from", []).append(
                _(
                    "Trùng thời gian với chức vụ chính “%(title)s – %(unit)s” (%(start)s – %(end)s). "
                    "Hãy kết thúc chức vụ đó trước, hoặc đánh dấu kiêm nhiệm."
                )
                % {
                    "title": clash.title.name,
                    "unit": clash.unit.name,
                    "start": _fmt(clash.valid_from),
                    "end": _fmt(clash.valid_to),
                }
            )
    if title.is_sole:
        holder = others.filter(unit=unit, title=title).select_related("person").first()
        if holder:
            errors.setdefault("title", []).append(
                _(
                    "Chức vụ “%(title)s” của “%(unit)s” chỉ một người giữ; %(name)s đang giữ từ %(start)s "
                    "đến %(end)s."
                )
                % {
                    "title": title.name,
                    "unit": unit.name,
                    "name": holder.person.full_name,
                    "start": _fmt(holder.valid_from),
                    "end": _fmt(holder.valid_to),
                }
            )
    return errors


def _decision_from(data: dict[str, Any]) -> Decision | None:
    """Find or create the decision described by decision_* keys (popped from data)."""
    values = {key: data.pop(key, None) for key in DECISION_KEYS}
    number = normalize_spaces(values["decision_number"])
    if not number:
        return None
    signed_on = values["decision_signed_on"]
    if not isinstance(signed_on, dt.date):
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"decision_signed_on": [_("Nhập ngày ký của quyết định số %(n)s.") % {"n": number}]}
        )
    decision, _created = Decision.objects.get_or_create(
        number=number,
        signed_on=signed_on,
        issuer=normalize_spaces(values["decision_issuer"]),
        defaults={"signer": normalize_spaces(values["decision_signer"])},
    )
    return decision


def _save_assignment(assignment: Assignment) -> None:
    assignment.is_sole_post = bool(assignment.title_id and assignment.title.is_sole)
    full_clean_with(assignment, _assignment_errors(assignment))
    assignment.save()


def _require_post_in_scope(actor: Any, assignment: Assignment, *, after: bool = False) -> None:
    """Refuse a post of a person, or in a unit, outside the actor's scope (before and after the write).

    Both must lie in scope: the person (so a unit's HR officer writes only their own people's history)
    and the post's unit (so nobody records a post in a unit they do not manage, nor moves a person away).
    """
    if assignment.unit_id:
        require_unit_in_scope(actor, assignment.unit, person_id=assignment.person_id)
    require_person_in_scope(actor, assignment.person_id, after=after)


@scoped_write
def assignment_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Assignment:
    """Add a post to a person's work history (with its decision), refusing overlaps the rules forbid."""
    data = dict(data)
    require_person_in_scope(actor, person.pk)
    # Lock the person so two concurrent writes cannot both pass the overlap check.
    person = Person.objects.select_for_update().get(pk=person.pk)
    decision = _decision_from(data)
    assignment = Assignment(person=person)
    apply_fields(assignment, data, ASSIGNMENT_FIELDS)
    if decision is not None:
        assignment.decision = decision
    _save_assignment(assignment)
    _require_post_in_scope(actor, assignment, after=True)
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=assignment,
        after=snapshot(assignment),
        person_id=person.pk,
    )
    return assignment


@scoped_write
def assignment_update(
    *, actor: Any, assignment: Assignment, data: dict[str, Any], version: int | None = None
) -> Assignment:
    """Correct or end a post in the work history (StaleVersion when saved over a newer version than loaded)."""
    data = dict(data)
    Person.objects.select_for_update().get(pk=assignment.person_id)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _require_post_in_scope(actor, assignment)
    before = snapshot(assignment)
    decision = _decision_from(data)
    apply_fields(assignment, data, ASSIGNMENT_FIELDS)
    if decision is not None:
        assignment.decision = decision
    claim_version(assignment, version)
    _save_assignment(assignment)
    _require_post_in_scope(actor, assignment, after=True)
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=assignment,
        before=before,
        after=snapshot(assignment),
        person_id=assignment.person_id,
    )
    return assignment


def assignment_end(*, actor: Any, assignment: Assignment, valid_to: dt.date) -> Assignment:
    """End a post on a date (its last day)."""
    return assignment_update(actor=actor, assignment=assignment, data={"valid_to": valid_to})


@scoped_write
def assignment_delete(*, actor: Any, assignment: Assignment, version: int | None = None) -> None:
    """Remove a post recorded in error."""
    _require_post_in_scope(actor, assignment)
    if version is not None:  # the confirmation page's version: refuse if saved since
        claim_version(assignment, version)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=assignment,
        before=snapshot(assignment),
        person_id=assignment.person_id,
    )
    person_id = assignment.person_id
    assignment.delete()
    # Without this post the person may belong to an earlier unit, outside the actor's scope.
    require_person_in_scope(actor, person_id, after=True)


# --- bulk variants for imports ---
# The same rules as assignment_create/assignment_update (see _assignment_errors), checked for a whole
# batch at once: one query for the existing posts of the batch's people, one for the holders of the sole
# posts involved, and overlaps compared in Python. See the note above persons_upsert in people.services.
# Imports sit here, below the untouched single-row services, rather than at the top of the module.
from collections import defaultdict  # noqa: E402
from collections.abc import Mapping, Sequence  # noqa: E402

from canbo.audit.bulk import bulk_save  # noqa: E402
from canbo.core.bulk import (  # noqa: E402
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    bulk_field_errors,
    bulk_insert,
    chunked,
    constraint_message,
)

_Key = tuple[str, int]


def _bulk_key(instance: Any) -> _Key:
    """A key for a row saved or not: its id, or the identity of the unsaved object."""
    return ("pk", instance.pk) if instance.pk is not None else ("new", id(instance))


def _decisions_for(
    rows: Sequence[dict[str, Any]], result: BulkResult[Assignment]
) -> tuple[list[Decision | None], list[Decision]]:
    """The decision of each row (found or to be created, as _decision_from does) and those to create."""
    wanted: dict[tuple[str, dt.date, str], str] = {}
    keys: list[tuple[str, dt.date, str] | None] = []
    for index, data in enumerate(rows):
        values = {key: data.pop(key, None) for key in DECISION_KEYS}
        number = normalize_spaces(values["decision_number"])
        signed_on = values["decision_signed_on"]
        if not number:
            keys.append(None)
            continue
        if not isinstance(signed_on, dt.date):
            result.add_error(
                index, "decision_signed_on", _("Nhập ngày ký của quyết định số %(n)s.") % {"n": number}
            )
            keys.append(None)
            continue
        key = (number, signed_on, normalize_spaces(values["decision_issuer"]))
        wanted.setdefault(key, normalize_spaces(values["decision_signer"]))
        keys.append(key)
    found: dict[tuple[str, dt.date, str], Decision] = {}
    numbers = sorted({key[0] for key in wanted})
    for batch in chunked(numbers):
        for decision in Decision.objects.filter(number__in=batch):
            found[(decision.number, decision.signed_on, decision.issuer)] = decision
    missing: list[Decision] = []
    for key, signer in wanted.items():
        if key not in found:
            found[key] = Decision(number=key[0], signed_on=key[1], issuer=key[2], signer=signer)
            missing.append(found[key])
    return [found[key] if key else None for key in keys], missing


def _assignment_row_errors(assignment: Assignment, now: dt.date) -> dict[str, list[str]]:
    """The checks of _assignment_errors that need no query (periods, dates, levels), same messages."""
    errors: dict[str, list[str]] = {}
    start, end = assignment.valid_from, assignment.valid_to
    if isinstance(start, dt.date) and end is not None and end < start:
        errors["valid_to"] = [constraint_message(Assignment, "posts_assignment_valid_range")]
    term_ends = assignment.term_ends_on
    if isinstance(start, dt.date) and term_ends is not None and term_ends <= start:
        errors["term_ends_on"] = [constraint_message(Assignment, "posts_assignment_term_after_start")]
    if not isinstance(start, dt.date) or (end is not None and end < start):
        return errors
    birth = assignment.person.birth_date
    if isinstance(birth, dt.date) and start < birth:
        errors["valid_from"] = [_("Ngày bắt đầu không được trước ngày sinh của cán bộ.")]
    if start > now:
        errors.setdefault("valid_from", []).append(_("Ngày bắt đầu không được sau ngày hôm nay."))
    unit = assignment.unit if assignment.unit_id or _cached(assignment, "unit") else None
    title = assignment.title if assignment.title_id or _cached(assignment, "title") else None
    if unit is None or title is None:
        return errors
    if start < unit.valid_from or (unit.valid_to and (end is None or end > unit.valid_to)):
        errors.setdefault("unit", []).append(
            _("Đơn vị “%(unit)s” chỉ tồn tại từ %(start)s đến %(end)s; thời gian công tác phải nằm trong đó.")
            % {"unit": unit.name, "start": _fmt(unit.valid_from), "end": _fmt(unit.valid_to)}
        )
    if title.level != unit.level:
        errors.setdefault("title", []).append(
            _("Chức vụ “%(title)s” thuộc %(tlevel)s, nhưng đơn vị “%(unit)s” thuộc %(ulevel)s.")
            % {
                "title": title.name,
                "tlevel": title.get_level_display().lower(),
                "unit": unit.name,
                "ulevel": unit.get_level_display().lower(),
            }
        )
    return errors


def _cached(instance: Any, name: str) -> bool:
    """Whether a related object (saved or not) is attached to instance under name."""
    relation = instance._meta.get_field(name)
    return bool(relation.is_cached(instance) and relation.get_cached_value(instance) is not None)


def _overlaps(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    """Whether two periods (end inclusive, None = open) share a day."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def _period_clashes(result: BulkResult[Assignment], checked: list[int]) -> None:
    """Flag rows that overlap another main post of the same person or another holder of a sole post."""
    people = {assignment.person_id for assignment in result.instances if assignment.person_id is not None}
    own = {assignment.pk for assignment in result.instances if assignment.pk is not None}
    # (row index or None, person key, unit key, title id, start, end, concurrent, title, unit, holder)
    Entry = tuple[int | None, _Key, _Key, int, dt.date, dt.date | None, bool, str, str, str]
    by_person: dict[_Key, list[Entry]] = defaultdict(list)
    by_post: dict[tuple[_Key, int], list[Entry]] = defaultdict(list)
    for index in checked:
        row = result.instances[index]
        entry: Entry = (
            index,
            _bulk_key(row.person),
            _bulk_key(row.unit),
            row.title.pk,
            row.valid_from,
            row.valid_to,
            row.is_concurrent,
            row.title.name,
            row.unit.name,
            row.person.full_name,
        )
        by_person[entry[1]].append(entry)
        if row.title.is_sole:
            by_post[(entry[2], entry[3])].append(entry)
    fields = ("id", "person_id", "unit_id", "title_id", "valid_from", "valid_to", "is_concurrent")
    names = ("title__name", "unit__name", "person__full_name")
    for batch in chunked(sorted(people)):
        # The batch's own rows are skipped here rather than by NOT IN (…): an import holds tens of thousands.
        query = Assignment.objects.filter(person_id__in=batch, is_concurrent=False)
        for values in query.values_list(*fields, *names):
            if values[0] in own:
                continue
            by_person[("pk", values[1])].append((None, ("pk", values[1]), ("pk", values[2]), *values[3:]))
    sole_units = sorted({key[0][1] for key in by_post if key[0][0] == "pk"})
    sole_titles = sorted({key[1] for key in by_post})
    for batch in chunked(sole_units):
        query = Assignment.objects.filter(unit_id__in=batch, title_id__in=sole_titles)
        for values in query.values_list(*fields, *names):
            if values[0] in own:
                continue
            post = (("pk", values[2]), values[3])
            if post in by_post:
                by_post[post].append((None, ("pk", values[1]), ("pk", values[2]), *values[3:]))
    for entries in by_person.values():
        mains = sorted((e for e in entries if not e[6]), key=lambda e: (e[4], e[0] is not None))
        for entry in mains:
            if entry[0] is None:
                continue
            clash = next(
                (o for o in mains if o is not entry and _overlaps(entry[4], entry[5], o[4], o[5])), None
            )
            if clash is not None:
                result.add_error(
                    entry[0],
                    "valid_from",
                    _(
                        "Trùng thời gian với chức vụ chính “%(title)s – %(unit)s” (%(start)s – %(end)s). "
                        "Hãy kết thúc chức vụ đó trước, hoặc đánh dấu kiêm nhiệm."
                    )
                    % {"title": clash[7], "unit": clash[8], "start": _fmt(clash[4]), "end": _fmt(clash[5])},
                )
    for entries in by_post.values():
        ordered = sorted(entries, key=lambda e: (e[4], e[0] is not None))
        for entry in ordered:
            if entry[0] is None:
                continue
            holder = next(
                (o for o in ordered if o is not entry and _overlaps(entry[4], entry[5], o[4], o[5])), None
            )
            if holder is not None:
                result.add_error(
                    entry[0],
                    "title",
                    _(
                        "Chức vụ “%(title)s” của “%(unit)s” chỉ một người giữ; %(name)s đang giữ từ %(start)s "
                        "đến %(end)s."
                    )
                    % {
                        "title": entry[7],
                        "unit": entry[8],
                        "name": holder[9],
                        "start": _fmt(holder[4]),
                        "end": _fmt(holder[5]),
                    },
                )


@transaction.atomic
def assignments_upsert(
    *, actor: Any, rows: Sequence[tuple[Assignment | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[Assignment]:
    """Add or correct many posts of the work history with assignment_create/update's checks, in bulk.

    Overlaps are checked against the batch and the stored history of its people (main posts) and units
    (sole posts); decisions are found or created as assignment_create does. Without write, nothing is
    saved; with write, rows are saved only if every row is valid.
    """
    result: BulkResult[Assignment] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    datas = [dict(data) for _existing, _person, data in rows]
    for existing, person, _data in rows:
        assignment = existing if existing is not None else Assignment(person=person)
        result.instances.append(assignment)
        result.statuses.append(BULK_CREATED if existing is None else BULK_UNCHANGED)
        befores.append(snapshot(assignment) if existing is not None else None)
    decisions, new_decisions = _decisions_for(datas, result)
    checked: list[int] = []
    now = today()
    for index, (assignment, data, decision) in enumerate(
        zip(result.instances, datas, decisions, strict=True)
    ):
        apply_fields(assignment, data, ASSIGNMENT_FIELDS)
        if decision is not None:
            assignment.decision = decision
        has_title = bool(assignment.title_id or _cached(assignment, "title"))
        assignment.is_sole_post = bool(has_title and assignment.title.is_sole)
        errors = _assignment_row_errors(assignment, now)
        relations = ("person", "title", "unit", "decision")
        for name, messages in bulk_field_errors(assignment, relations=relations).items():
            errors.setdefault(name, []).extend(messages)
        for name, messages in errors.items():
            for message in messages:
                result.add_error(index, name, message)
        if not errors:
            checked.append(index)
    _period_clashes(result, checked)
    for index, before in enumerate(befores):
        if result.statuses[index] != BULK_INVALID and before is not None:
            changed = snapshot(result.instances[index]) != before
            result.statuses[index] = BULK_UPDATED if changed else BULK_UNCHANGED
    if write and not result.errors:
        bulk_insert(Decision, new_decisions)
        bulk_save(
            actor=actor, model=Assignment, result=result, befores=befores, person_of=lambda obj: obj.person_id
        )
    return result
