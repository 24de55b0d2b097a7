"""Writes to the work history: assignments and the decisions behind them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
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
    "valid_to",
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


@transaction.atomic
def assignment_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Assignment:
    """Add a post to a person's work history (with its decision), refusing overlaps the rules forbid."""
    data = dict(data)
    # Lock the person so two concurrent writes cannot both pass the overlap check.
    person = Person.objects.select_for_update().get(pk=person.pk)
    decision = _decision_from(data)
    assignment = Assignment(person=person)
    apply_fields(assignment, data, ASSIGNMENT_FIELDS)
    if decision is not None:
        assignment.decision = decision
    _save_assignment(assignment)
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=assignment,
        after=snapshot(assignment),
        person_id=person.pk,
    )
    return assignment


@transaction.atomic
def assignment_update(*, actor: Any, assignment: Assignment, data: dict[str, Any]) -> Assignment:
    """Correct or end a post in the work history."""
    data = dict(data)
    Person.objects.select_for_update().get(pk=assignment.person_id)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    before = snapshot(assignment)
    decision = _decision_from(data)
    apply_fields(assignment, data, ASSIGNMENT_FIELDS)
    if decision is not None:
        assignment.decision = decision
    _save_assignment(assignment)
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


@transaction.atomic
def assignment_delete(*, actor: Any, assignment: Assignment) -> None:
    """Remove a post recorded in error."""
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=assignment,
        before=snapshot(assignment),
        person_id=assignment.person_id,
    )
    assignment.delete()
