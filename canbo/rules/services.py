"""Writes: rule versions (add, confirm), the shipped defaults, calendar exceptions and the records rules read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.dates import overlapping, today
from canbo.core.services import apply_fields, full_clean_with
from canbo.core.text import normalize_spaces

from .choices import NEEDS_CONFIRMATION, Confidence
from .definitions import rule_definition, validate_parameters
from .models import AppointmentFile, CalendarException, EarlyRetirement, ReappointmentNotice, RuleVersion
from .selectors import is_rules_admin

DATA_DIR = Path(__file__).resolve().parent / "data"
RULE_FIELDS = ("rule", "valid_from", "valid_to", "parameters", "source", "article", "confidence", "note")


def _vn(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else _("nay")


def _require_admin(actor: Any) -> None:
    if actor is not None and not is_rules_admin(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay đổi quy định."))


@transaction.atomic
def rule_version_create(*, actor: Any, data: dict[str, Any], close_previous: bool = False) -> RuleVersion:
    """Add a version of a rule; with close_previous, the open version it follows ends the day before.

    Refused with a Vietnamese message, and nothing stored, when the rule is unknown, a parameter has the
    wrong type or the period overlaps another version of the same rule.
    """
    _require_admin(actor)
    unknown = sorted(set(data) - set(RULE_FIELDS))
    if unknown:
        raise ValidationError(
            {name: [_("Trường “%(n)s” không được phép nhập ở đây.") % {"n": name}] for name in unknown}
        )
    version = RuleVersion(**data)
    errors: dict[str, list[str]] = {}
    try:
        rule_definition(version.rule)
        validate_parameters(version.rule, version.parameters)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    start, end = version.valid_from, version.valid_to
    if isinstance(start, dt.date) and (end is None or (isinstance(end, dt.date) and end >= start)):
        others = list(
            RuleVersion.objects.filter(overlapping(start, end), rule=version.rule).order_by("valid_from")
        )
        previous = others[0] if len(others) == 1 else None
        if close_previous and previous and previous.valid_to is None and previous.valid_from < start:
            before = snapshot(previous)
            previous.valid_to = start - dt.timedelta(days=1)
            previous.save(update_fields=["valid_to", "updated_at"])
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=previous,
                before=before,
                after=snapshot(previous),
            )
            others = []
        for other in others:
            errors.setdefault("valid_from", []).append(
                _(
                    "Trùng thời gian với phiên bản khác của quy định “%(rule)s” (%(start)s – %(end)s). "
                    "Hãy kết thúc phiên bản đó trước ngày bắt đầu của phiên bản mới."
                )
                % {"rule": version.rule, "start": _vn(other.valid_from), "end": _vn(other.valid_to)}
            )
    full_clean_with(version, errors)
    version.save()
    record(actor=actor, action=AuditAction.CREATE, instance=version, after=snapshot(version))
    # The retirement table notices the new version on its next read (retirement_table_ensure).
    return version


@transaction.atomic
def rule_version_confirm(*, actor: Any, version: RuleVersion) -> RuleVersion:
    """Record that an administrator checked a shipped placeholder (P/M) against the document."""
    if actor is None or not is_rules_admin(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được xác nhận quy định."))
    version = RuleVersion.objects.select_for_update().get(pk=version.pk)
    if version.confidence not in NEEDS_CONFIRMATION:
        raise ValidationError(
            {"confidence": [_("Phiên bản này đã được kiểm chứng trên văn bản, không cần xác nhận.")]}
        )
    if version.confirmed_at is not None:
        raise ValidationError(
            {
                "confirmed_at": [
                    _("Phiên bản này đã được xác nhận lúc %(t)s.")
                    % {"t": f"{version.confirmed_at:%d/%m/%Y %H:%M}"}
                ]
            }
        )
    before = snapshot(version)
    version.confirmed_by = actor
    version.confirmed_at = timezone.now()
    version.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    after = {**snapshot(version), "confirmed_at": version.confirmed_at.isoformat()}
    record(actor=actor, action=AuditAction.UPDATE, instance=version, before=before, after=after)
    return version


@transaction.atomic
def calendar_exception_create(*, actor: Any, data: dict[str, Any]) -> CalendarException:
    """Record a day the Government makes a day off or a working day for civil servants."""
    _require_admin(actor)
    exception = CalendarException(**data)
    errors: dict[str, list[str]] = {}
    if isinstance(exception.day, dt.date) and CalendarException.objects.filter(day=exception.day).exists():
        errors["day"] = [_("Ngày %(d)s đã có trong lịch ngày nghỉ, ngày làm bù.") % {"d": _vn(exception.day)}]
    full_clean_with(exception, errors, validate_unique=False)
    exception.save()
    record(actor=actor, action=AuditAction.CREATE, instance=exception, after=snapshot(exception))
    return exception


def _claim(item: Any, existing: Any, version: int | None) -> None:
    """Check the version the form was loaded at: 0 means "no record yet", None a writer without a form."""
    if existing is not None:
        claim_version(item, version)
    elif version:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _(
                        "Bản ghi này đã bị người khác xóa sau khi anh/chị mở trang. Chưa lưu gì; "
                        "bấm Lưu lần nữa nếu vẫn muốn ghi nhận."
                    )
                ]
            },
            code="conflict",
        )


def _save_recorded(
    actor: Any,
    item: Any,
    *,
    existing: Any,
    version: int | None,
    errors: dict[str, list[str]],
    person_id: int,
) -> Any:
    """Validate and save a person's one-of-a-kind rule record (new or edited) and audit it."""
    before = snapshot(existing) if existing is not None else None
    full_clean_with(item, errors, validate_unique=False)
    _claim(item, existing, version)
    item.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE if existing is not None else AuditAction.CREATE,
        instance=item,
        before=before,
        after=snapshot(item),
        person_id=person_id,
    )
    return item


def _delete_recorded(actor: Any, item: Any, *, person_id: int, version: int | None = None) -> None:
    require_person_in_scope(actor, person_id)
    if version is not None:  # the confirmation page's version: refuse if saved since
        claim_version(item, version)
    record(actor=actor, action=AuditAction.DELETE, instance=item, before=snapshot(item), person_id=person_id)
    item.delete()


@scoped_write
def early_retirement_record(
    *, actor: Any, person: Any, data: dict[str, Any], version: int | None = None
) -> EarlyRetirement:
    """Record (or correct) that a person retires early: within the rule's window before the statutory date.

    `version` is the version the form was loaded at (0 when it showed no record); a save over a newer
    version raises StaleVersion and stores nothing.
    """
    from .retirement import add_months, retirement_for
    from .selectors import rule_in_force

    require_person_in_scope(actor, person.pk)
    existing = EarlyRetirement.objects.select_for_update().filter(person=person).first()
    item = EarlyRetirement.objects.get(pk=existing.pk) if existing else EarlyRetirement(person=person)
    apply_fields(item, data, ("retires_on", "reason", "basis"))
    item.basis = normalize_spaces(item.basis or "")
    errors: dict[str, list[str]] = {}
    if isinstance(item.retires_on, dt.date):
        statutory = retirement_for(sex=person.sex, birth=person.birth_date, on=item.retires_on)
        limit = rule_in_force("retirement.early", on=item.retires_on)
        if item.retires_on >= statutory.retires_on:
            errors["retires_on"] = [
                _("Ngày nghỉ hưu trước tuổi phải trước ngày nghỉ hưu theo quy định (%(d)s).")
                % {"d": _vn(statutory.retires_on)}
            ]
        elif limit is None:
            errors["retires_on"] = [_("Không có quy định về nghỉ hưu trước tuổi áp dụng vào ngày này.")]
        elif item.retires_on < add_months(statutory.retires_on, -limit.parameters["max_months_earlier"]):
            errors["retires_on"] = [
                _("Chỉ được nghỉ hưu sớm tối đa %(m)s tháng so với ngày %(d)s (%(c)s).")
                % {
                    "m": limit.parameters["max_months_earlier"],
                    "d": _vn(statutory.retires_on),
                    "c": limit.citation,
                }
            ]
    return _save_recorded(actor, item, existing=existing, version=version, errors=errors, person_id=person.pk)


@scoped_write
def early_retirement_delete(*, actor: Any, item: EarlyRetirement, version: int | None = None) -> None:
    """Remove an early retirement recorded in error: the statutory date applies again."""
    _delete_recorded(actor, item, person_id=item.person_id, version=version)


@scoped_write
def appointment_file_record(
    *, actor: Any, assignment: Any, data: dict[str, Any], version: int | None = None
) -> AppointmentFile:
    """Record when the organisation board received an appointment's file, and any recorded age exception."""
    require_person_in_scope(actor, assignment.person_id)
    existing = AppointmentFile.objects.select_for_update().filter(assignment=assignment).first()
    item = AppointmentFile.objects.get(pk=existing.pk) if existing else AppointmentFile(assignment=assignment)
    apply_fields(item, data, ("received_on", "is_first_or_higher", "age_exception"))
    item.age_exception = normalize_spaces(item.age_exception or "")
    errors: dict[str, list[str]] = {}
    if isinstance(item.received_on, dt.date) and item.received_on > assignment.valid_from:
        errors["received_on"] = [
            _("Ngày nhận hồ sơ không được sau ngày bổ nhiệm có hiệu lực (%(d)s).")
            % {"d": _vn(assignment.valid_from)}
        ]
    return _save_recorded(
        actor, item, existing=existing, version=version, errors=errors, person_id=assignment.person_id
    )


@scoped_write
def appointment_file_delete(*, actor: Any, item: AppointmentFile, version: int | None = None) -> None:
    """Remove an appointment file's record entered in error."""
    _delete_recorded(actor, item, person_id=item.assignment.person_id, version=version)


@scoped_write
def reappointment_notice_record(
    *, actor: Any, assignment: Any, data: dict[str, Any], version: int | None = None
) -> ReappointmentNotice:
    """Record the day the cadre was notified to prepare for reappointment (a late notice is kept and flagged)."""
    require_person_in_scope(actor, assignment.person_id)
    existing = ReappointmentNotice.objects.select_for_update().filter(assignment=assignment).first()
    item = (
        ReappointmentNotice.objects.get(pk=existing.pk)
        if existing
        else ReappointmentNotice(assignment=assignment)
    )
    apply_fields(item, data, ("notified_on", "reference"))
    item.reference = normalize_spaces(item.reference or "")
    errors: dict[str, list[str]] = {}
    if isinstance(item.notified_on, dt.date):
        if item.notified_on < assignment.valid_from:
            errors["notified_on"] = [
                _("Ngày thông báo không được trước ngày bắt đầu giữ chức vụ (%(d)s).")
                % {"d": _vn(assignment.valid_from)}
            ]
        elif item.notified_on > today():
            errors["notified_on"] = [_("Ngày thông báo không được sau ngày hôm nay.")]
    return _save_recorded(
        actor, item, existing=existing, version=version, errors=errors, person_id=assignment.person_id
    )


@scoped_write
def reappointment_notice_delete(*, actor: Any, item: ReappointmentNotice, version: int | None = None) -> None:
    """Remove a reappointment notice recorded in error (the appointment counts as not notified again)."""
    _delete_recorded(actor, item, person_id=item.assignment.person_id, version=version)


def _parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def rules_load(*, path: Path | None = None, calendar_path: Path | None = None) -> dict[str, int]:
    """Load the shipped rule versions and calendar exceptions; existing rows are kept (safe to run again)."""
    versions = json.loads((path or DATA_DIR / "rule_versions.json").read_text(encoding="utf-8"))
    if path is None:
        # Rules owned by other modules ship in files of their own (rule_versions_conduct.json, …).
        for extra in sorted(DATA_DIR.glob("rule_versions_*.json")):
            versions += json.loads(extra.read_text(encoding="utf-8"))
    days = json.loads((calendar_path or DATA_DIR / "calendar_exceptions.json").read_text(encoding="utf-8"))
    counts = {
        "rule_versions_created": 0,
        "rule_versions_kept": 0,
        "rule_versions_conflicting": 0,
        "calendar_created": 0,
        "calendar_kept": 0,
    }
    with transaction.atomic():
        for entry in versions:
            start = dt.date.fromisoformat(entry["valid_from"])
            if RuleVersion.objects.filter(rule=entry["rule"], valid_from=start).exists():
                counts["rule_versions_kept"] += 1
                continue
            end = _parse_day(entry.get("valid_to"))
            if RuleVersion.objects.filter(overlapping(start, end), rule=entry["rule"]).exists():
                # A later release split or moved a period this database already holds: what is stored (maybe
                # confirmed by an administrator) is kept; the command reports the shipped version not loaded.
                counts["rule_versions_conflicting"] += 1
                continue
            data = {**entry, "valid_from": start, "valid_to": end}
            data.setdefault("confidence", Confidence.MEMORY)
            rule_version_create(actor=None, data=data)
            counts["rule_versions_created"] += 1
        for entry in days:
            day = dt.date.fromisoformat(entry["day"])
            if CalendarException.objects.filter(day=day).exists():
                counts["calendar_kept"] += 1
                continue
            calendar_exception_create(actor=None, data={**entry, "day": day})
            counts["calendar_created"] += 1
        from .retirement import retirement_table_ensure

        retirement_table_ensure()
    return counts
