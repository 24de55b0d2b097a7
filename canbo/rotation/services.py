"""Writes of position-change obligations, exemptions and movements: one service each, scoped and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, require_unit_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.core.services import apply_fields, full_clean_with
from canbo.rules.retirement import add_months
from canbo.rules.selectors import rule_in_force

from .models import Movement, MovementKind, PositionChangeExemption, SensitivePosition
from .selectors import rotation_eligibility


def _vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def field_codes(on: dt.date) -> dict[str, tuple[str, int]]:
    """The fields of "position_change.fields" in force on a day: code → (name, months)."""
    version = rule_in_force("position_change.fields", on=on)
    if version is None:
        return {}
    return {code: (name, months) for code, name, months in version.parameters["fields"]}


@scoped_write
def sensitive_position_create(*, actor: Any, data: dict[str, Any]) -> SensitivePosition:
    """Record that a person holds, since a date, a position in a field subject to periodic change."""
    return _position_write(actor, SensitivePosition(), data, before=None)


@scoped_write
def sensitive_position_update(
    *, actor: Any, position: SensitivePosition, data: dict[str, Any]
) -> SensitivePosition:
    """Correct a sensitive position (unit, field, position, dates); checked like a new one."""
    require_person_in_scope(actor, position.person_id)
    return _position_write(actor, position, {**data, "person": position.person}, before=snapshot(position))


def _position_write(
    actor: Any, item: SensitivePosition, data: dict[str, Any], *, before: dict[str, Any] | None
) -> SensitivePosition:
    apply_fields(item, data, ("person", "unit", "field", "position", "valid_from", "valid_to"))
    errors: dict[str, list[str]] = {}
    if isinstance(item.valid_from, dt.date):
        fields = field_codes(item.valid_from)
        if item.field not in fields:
            errors["field"] = [
                _("Lĩnh vực “%(code)s” không có trong danh mục phải định kỳ chuyển đổi ngày %(d)s.")
                % {"code": item.field, "d": _vn(item.valid_from)}
            ]
    if getattr(item, "person_id", None):
        require_person_in_scope(actor, item.person_id)
    if getattr(item, "unit_id", None):
        require_unit_in_scope(actor, item.unit, person_id=getattr(item, "person_id", None))
    full_clean_with(item, errors)
    item.save()
    _record(actor, item, before)
    return item


def _record(actor: Any, item: Any, before: dict[str, Any] | None) -> None:
    """The audit row of a create (no `before`) or an update."""
    record(
        actor=actor,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        instance=item,
        before=before,
        after=snapshot(item),
        person_id=item.person_id,
    )


@scoped_write
def position_change_exemption_create(*, actor: Any, data: dict[str, Any]) -> PositionChangeExemption:
    """Record why and for how long a person's periodic position change is deferred."""
    return _exemption_write(actor, PositionChangeExemption(), data, before=None)


@scoped_write
def position_change_exemption_update(
    *, actor: Any, exemption: PositionChangeExemption, data: dict[str, Any]
) -> PositionChangeExemption:
    """Correct an exemption (reason, basis, dates)."""
    require_person_in_scope(actor, exemption.person_id)
    return _exemption_write(
        actor, exemption, {**data, "person": exemption.person}, before=snapshot(exemption)
    )


def _exemption_write(
    actor: Any, item: PositionChangeExemption, data: dict[str, Any], *, before: dict[str, Any] | None
) -> PositionChangeExemption:
    apply_fields(item, data, ("person", "reason", "basis", "valid_from", "valid_to"))
    if getattr(item, "person_id", None):
        require_person_in_scope(actor, item.person_id)
    full_clean_with(item)
    item.save()
    _record(actor, item, before)
    return item


@scoped_write
def movement_create(*, actor: Any, data: dict[str, Any]) -> Movement:
    """Record a rotation, secondment or transfer.

    A rotation needs the person eligible on its start (rotation.eligibility) unless an exception is
    recorded; a secondment may not be planned beyond the maximum of secondment.max_years.
    """
    return _movement_write(
        actor, Movement(created_by=actor if getattr(actor, "pk", None) else None), data, None
    )


@scoped_write
def movement_update(*, actor: Any, movement: Movement, data: dict[str, Any]) -> Movement:
    """Correct a rotation, secondment or transfer; checked like a new one."""
    require_person_in_scope(actor, movement.person_id)
    return _movement_write(actor, movement, {**data, "person": movement.person}, snapshot(movement))


def _movement_write(
    actor: Any, item: Movement, data: dict[str, Any], before: dict[str, Any] | None
) -> Movement:
    apply_fields(
        item,
        data,
        (
            "person",
            "kind",
            "from_unit",
            "to_unit",
            "to_title",
            "to_post",
            "decision",
            "decided_on",
            "valid_from",
            "planned_end",
            "valid_to",
            "exception_basis",
        ),
    )
    errors: dict[str, list[str]] = {}
    start = item.valid_from if isinstance(item.valid_from, dt.date) else None
    person_id = getattr(item, "person_id", None)
    if person_id:
        require_person_in_scope(actor, person_id)
    for name in ("from_unit", "to_unit"):
        if getattr(item, f"{name}_id", None):
            require_unit_in_scope(actor, getattr(item, name), field=name, person_id=person_id)
    if start and person_id and item.kind == MovementKind.ROTATION and not item.exception_basis.strip():
        check = rotation_eligibility(item.person, on=start)
        if check.status != "pass":
            errors["exception_basis"] = [
                _(
                    "Chưa đủ điều kiện luân chuyển: %(reason)s Ghi văn bản cho phép trường hợp đặc biệt nếu có."
                )
                % {"reason": check.message}
            ]
    if start and item.kind == MovementKind.SECONDMENT and isinstance(item.planned_end, dt.date):
        version = rule_in_force("secondment.max_years", on=start)
        if version is not None:
            years = version.parameters["years"]
            limit = add_months(start, 12 * years) - dt.timedelta(days=1)
            if item.planned_end > limit:
                errors["planned_end"] = [
                    _("Thời hạn biệt phái không quá %(y)s năm (đến ngày %(d)s; %(c)s).")
                    % {"y": years, "d": _vn(limit), "c": version.citation}
                ]
    if getattr(item, "from_unit_id", None) and item.from_unit_id == getattr(item, "to_unit_id", None):
        errors["to_unit"] = [_("Đơn vị đến phải khác đơn vị đi.")]
    full_clean_with(item, errors)
    item.save()
    _record(actor, item, before)
    return item


@scoped_write
def movement_end(*, actor: Any, movement: Movement, ended_on: dt.date) -> Movement:
    """Record the actual end of a rotation, secondment or transfer."""
    require_person_in_scope(actor, movement.person_id)
    before = snapshot(movement)
    movement.valid_to = ended_on
    if ended_on < movement.valid_from:
        raise ValidationError(
            {
                "valid_to": [
                    _("Ngày kết thúc không được trước ngày bắt đầu (%(d)s).")
                    % {"d": _vn(movement.valid_from)}
                ]
            }
        )
    full_clean_with(movement)
    movement.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=movement,
        before=before,
        after=snapshot(movement),
        person_id=movement.person_id,
    )
    return movement


def _end(actor: Any, item: Any, ended_on: dt.date) -> Any:
    """Close a dated record on a day: not before it started; audited with before/after."""
    require_person_in_scope(actor, item.person_id)
    before = snapshot(item)
    if not isinstance(ended_on, dt.date):
        raise ValidationError({"valid_to": [_("Nhập ngày kết thúc.")]})
    if ended_on < item.valid_from:
        raise ValidationError(
            {
                "valid_to": [
                    _("Ngày kết thúc không được trước ngày bắt đầu (%(d)s).") % {"d": _vn(item.valid_from)}
                ]
            }
        )
    item.valid_to = ended_on
    full_clean_with(item)
    item.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=item,
        before=before,
        after=snapshot(item),
        person_id=item.person_id,
    )
    return item


@scoped_write
def sensitive_position_end(
    *, actor: Any, position: SensitivePosition, ended_on: dt.date
) -> SensitivePosition:
    """Record the day a person left a sensitive position (changed, moved or retired)."""
    return _end(actor, position, ended_on)


@scoped_write
def position_change_exemption_end(
    *, actor: Any, exemption: PositionChangeExemption, ended_on: dt.date
) -> PositionChangeExemption:
    """Record the day an exemption from periodic position change stopped applying."""
    return _end(actor, exemption, ended_on)
