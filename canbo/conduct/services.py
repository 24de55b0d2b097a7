"""Writes: discipline records, political-standard conclusions and single annual ratings.

Each service takes the actor, checks the person is in the actor's scope (before and after the save),
validates with Vietnamese messages keyed by field, saves in one transaction and writes an audit row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.core.dates import today
from canbo.core.services import apply_fields, full_clean_with

from .choices import FORMS_BY_SYSTEM, DisciplineSystem
from .models import DisciplineRecord, PoliticalStandardConclusion

DISCIPLINE_FIELDS = {
    "form",
    "system",
    "decision_number",
    "decision_date",
    "issued_by",
    "valid_from",
    "valid_to",
    "reason",
}
CONCLUSION_FIELDS = {"concluded_on", "conclusion", "concluded_by", "document", "note"}


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _not_future_nor_before_birth(person: Any, day: Any, field: str, errors: dict[str, list[str]]) -> None:
    if not isinstance(day, dt.date):
        return
    if day > today():
        errors.setdefault(field, []).append(_("Ngày %(d)s là ngày trong tương lai.") % {"d": _vn(day)})
    birth = getattr(person, "birth_date", None)
    if isinstance(birth, dt.date) and day < birth:
        errors.setdefault(field, []).append(
            _("Ngày %(d)s trước ngày sinh của cán bộ (%(b)s).") % {"d": _vn(day), "b": _vn(birth)}
        )


def _discipline_errors(item: DisciplineRecord) -> dict[str, list[str]]:
    """Rules across the fields of a discipline record that a field alone cannot express."""
    errors: dict[str, list[str]] = {}
    _not_future_nor_before_birth(item.person, item.decision_date, "decision_date", errors)
    start, end = item.valid_from, item.valid_to
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        errors.setdefault("valid_to", []).append(
            _("Kỷ luật kết thúc (%(e)s) trước khi có hiệu lực (%(s)s).") % {"e": _vn(end), "s": _vn(start)}
        )
    if isinstance(start, dt.date) and isinstance(item.decision_date, dt.date) and start < item.decision_date:
        errors.setdefault("valid_from", []).append(
            _("Ngày kỷ luật có hiệu lực (%(s)s) không được trước ngày quyết định (%(d)s).")
            % {"s": _vn(start), "d": _vn(item.decision_date)}
        )
    if item.system in FORMS_BY_SYSTEM and item.form and item.form not in FORMS_BY_SYSTEM[item.system]:
        errors.setdefault("form", []).append(
            _("Hình thức “%(f)s” không thuộc %(s)s.")
            % {"f": item.get_form_display(), "s": DisciplineSystem(item.system).label.lower()}
        )
    return errors


@scoped_write
def discipline_record_create(*, actor: Any, person: Any, data: dict[str, Any]) -> DisciplineRecord:
    """Record a disciplinary measure on a person; refused, and nothing stored, when any field is wrong."""
    require_person_in_scope(actor, person.pk)
    item = DisciplineRecord(person=person)
    apply_fields(item, data, DISCIPLINE_FIELDS)
    full_clean_with(item, _discipline_errors(item))
    item.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(actor=actor, action=AuditAction.CREATE, instance=item, after=snapshot(item), person_id=person.pk)
    return item


@scoped_write
def discipline_record_update(
    *, actor: Any, record_: DisciplineRecord, data: dict[str, Any]
) -> DisciplineRecord:
    """Correct a discipline record or set the day it ends."""
    require_person_in_scope(actor, record_.person_id)
    item = DisciplineRecord.objects.select_for_update().select_related("person").get(pk=record_.pk)
    before = snapshot(item)
    apply_fields(item, data, DISCIPLINE_FIELDS)
    full_clean_with(item, _discipline_errors(item))
    after = snapshot(item)
    if after != before:
        item.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=item,
            before=before,
            after=after,
            person_id=item.person_id,
        )
    return item


@scoped_write
def discipline_record_delete(*, actor: Any, record_: DisciplineRecord) -> None:
    """Delete a discipline record entered in error."""
    require_person_in_scope(actor, record_.person_id)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=record_,
        before=snapshot(record_),
        person_id=record_.person_id,
    )
    record_.delete()


@scoped_write
def political_standard_record(
    *, actor: Any, person: Any, data: dict[str, Any]
) -> PoliticalStandardConclusion:
    """Record a conclusion on a person's political standard (date, conclusion, by whom, document)."""
    require_person_in_scope(actor, person.pk)
    item = PoliticalStandardConclusion(person=person)
    apply_fields(item, data, CONCLUSION_FIELDS)
    errors: dict[str, list[str]] = {}
    _not_future_nor_before_birth(person, item.concluded_on, "concluded_on", errors)
    full_clean_with(item, errors)
    item.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(actor=actor, action=AuditAction.CREATE, instance=item, after=snapshot(item), person_id=person.pk)
    return item


@scoped_write
def political_standard_delete(*, actor: Any, conclusion: PoliticalStandardConclusion) -> None:
    """Delete a conclusion entered in error."""
    require_person_in_scope(actor, conclusion.person_id)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=conclusion,
        before=snapshot(conclusion),
        person_id=conclusion.person_id,
    )
    conclusion.delete()


@scoped_write
def annual_rating_record(*, actor: Any, person: Any, data: dict[str, Any]) -> Any:
    """Record or correct one annual rating (year, level, score) of a person.

    Adds what the import's bulk writer (canbo.imports.services.ratings_upsert, which validates the level,
    the score and its band and writes the audit rows) does not check: a rating for a year before the
    person was recruited is refused.
    """
    from canbo.imports.models import AnnualRating
    from canbo.imports.services import ratings_upsert

    require_person_in_scope(actor, person.pk)
    year = data.get("year")
    recruited = getattr(person, "recruited_on", None)
    if isinstance(year, int) and isinstance(recruited, dt.date) and year < recruited.year:
        raise ValidationError(
            {
                "year": [
                    _("Năm đánh giá %(y)s trước năm tuyển dụng của cán bộ (%(r)s).")
                    % {"y": year, "r": _vn(recruited)}
                ]
            }
        )
    existing = (
        AnnualRating.objects.filter(person=person, year=year).first() if isinstance(year, int) else None
    )
    result = ratings_upsert(actor=actor, rows=[(existing, person, data)])
    if result.errors:
        raise ValidationError(result.errors[0])
    require_person_in_scope(actor, person.pk, after=True)
    return result.instances[0]
