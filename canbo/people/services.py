"""Writes to persons and their history; every write takes the actor, validates, saves and audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, require_unit_in_scope, scoped_write
from canbo.audit.bulk import bulk_save
from canbo.audit.models import AuditAction
from canbo.audit.records import RecordSpec, create_person_record, delete_person_record, update_person_record
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.bulk import (
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    bulk_field_errors,
    bulk_unique,
    constraint_message,
)
from canbo.core.dates import DatePrecision, today
from canbo.core.services import apply_fields, full_clean_with
from canbo.core.text import fold, normalize_spaces, person_sort_key

from .models import Attachment, FamilyMember, Person, Qualification

MIN_BIRTH_YEAR = 1930
PERSON_FIELDS = {
    "managing_unit",
    "managing_unit_id",
    "code",
    "full_name",
    "other_names",
    "birth_date",
    "birth_date_precision",
    "sex",
    "ethnicity",
    "ethnicity_id",
    "religion",
    "religion_id",
    "birthplace",
    "birthplace_id",
    "birthplace_text",
    "home_town",
    "home_town_id",
    "home_town_text",
    "permanent_address",
    "current_address",
    "national_id",
    "national_id_issued_on",
    "occupation_at_recruitment",
    "recruited_on",
    "recruiting_agency",
    "staff_category",
    "general_education",
    "party_joined_on",
    "party_official_on",
    "mass_org_joined",
    "army_service",
    "honorary_title",
    "strengths",
    "health",
    "social_insurance_no",
    "arrest_history",
    "foreign_ties",
    "relatives_abroad",
    "photo",
    "notes",
}
QUALIFICATION_FIELDS = {
    "level",
    "level_id",
    "field",
    "language",
    "institution",
    "mode",
    "started_on",
    "obtained_on",
    "obtained_on_precision",
    "note",
}
FAMILY_FIELDS = {"relation", "full_name", "birth_year", "details"}


def _person_errors(person: Person) -> dict[str, list[str]]:
    """Rules across fields of a person that the database cannot express."""
    from canbo.reference.normalize import validate_national_id

    errors: dict[str, list[str]] = {}
    now = today()
    birth = person.birth_date
    if isinstance(birth, dt.date):
        if birth > now:
            errors["birth_date"] = [_("Ngày sinh không được sau ngày hôm nay.")]
        elif birth.year < MIN_BIRTH_YEAR:
            errors["birth_date"] = [_("Năm sinh không được trước năm %(year)s.") % {"year": MIN_BIRTH_YEAR}]
        for name in ("recruited_on", "party_joined_on", "party_official_on", "national_id_issued_on"):
            value = getattr(person, name)
            if value and value < birth:
                label = Person._meta.get_field(name).verbose_name  # type: ignore[union-attr]  # a concrete field
                errors.setdefault(name, []).append(
                    _("%(label)s không được trước ngày sinh.") % {"label": str(label).capitalize()}
                )
    for name in ("recruited_on", "party_joined_on", "party_official_on", "national_id_issued_on"):
        value = getattr(person, name)
        if value and value > now:
            errors.setdefault(name, []).append(_("Ngày này không được sau ngày hôm nay."))
    if person.national_id:
        try:
            person.national_id = validate_national_id(
                person.national_id,
                birth_date=birth if isinstance(birth, dt.date) else None,
                sex=person.sex or None,
            )
        except ValidationError as exc:
            errors.setdefault("national_id", []).extend(exc.messages)
    else:
        person.national_id = None
    return errors


def _check_managing_unit(actor: Any, person: Person) -> None:
    """Refuse a managing unit outside the actor's scope (shown next to the field)."""
    if person.managing_unit_id:
        require_unit_in_scope(actor, person.managing_unit, field="managing_unit", person_id=person.pk)


def _prepare_person(person: Person) -> None:
    """Normalise text and derive the search and sort columns."""
    person.full_name = normalize_spaces(person.full_name)
    person.other_names = normalize_spaces(person.other_names)
    person.code = normalize_spaces(person.code) or None
    person.national_id = (person.national_id or "").replace(" ", "").replace(".", "") or None
    if person.birth_date and person.birth_date_precision != DatePrecision.DAY:
        month = person.birth_date.month if person.birth_date_precision == DatePrecision.MONTH else 1
        person.birth_date = person.birth_date.replace(month=month, day=1)
    person.search_text = fold(f"{person.full_name} {person.other_names}")[:400]
    person.sort_key = person_sort_key(person.full_name)


@scoped_write
def person_create(*, actor: Any, data: dict[str, Any]) -> Person:
    """Create a person from form-2C data after validating every field."""
    person = Person()
    apply_fields(person, data, PERSON_FIELDS)
    _prepare_person(person)
    full_clean_with(person, _person_errors(person))
    _check_managing_unit(actor, person)
    person.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(
        actor=actor, action=AuditAction.CREATE, instance=person, after=snapshot(person), person_id=person.pk
    )
    return person


@scoped_write
def person_update(*, actor: Any, person: Person, data: dict[str, Any], version: int | None = None) -> Person:
    """Change a person's form-2C data; nothing is saved if any field is invalid.

    `version` is the version the editor loaded: a save over a newer one raises StaleVersion.
    """
    require_person_in_scope(actor, person.pk)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    apply_fields(person, data, PERSON_FIELDS)
    _prepare_person(person)
    full_clean_with(person, _person_errors(person))
    if before != snapshot(person):
        claim_version(person, version)
        after = snapshot(person)
        if person.managing_unit_id != before.get("managing_unit_id"):
            _check_managing_unit(actor, person)
        person.save()
        require_person_in_scope(actor, person.pk, after=True)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=person,
            before=before,
            after=after,
            person_id=person.pk,
        )
    return person


@scoped_write
def person_delete(*, actor: Any, person: Person) -> None:
    """Delete a person and their history (for records created in error)."""
    require_person_in_scope(actor, person.pk)
    before = snapshot(person)
    record(actor=actor, action=AuditAction.DELETE, instance=person, before=before, person_id=person.pk)
    person.delete()


def _qualification_errors(qualification: Qualification, *, on: dt.date | None = None) -> dict[str, list[str]]:
    """Rules one qualification row cannot express as constraints; on is today (the bulk variant passes it)."""
    errors: dict[str, list[str]] = {}
    obtained = qualification.obtained_on
    if isinstance(obtained, dt.date):
        if obtained > (on or today()):
            errors["obtained_on"] = [_("Ngày cấp bằng không được sau ngày hôm nay.")]
        birth = qualification.person.birth_date
        if obtained < birth:
            errors.setdefault("obtained_on", []).append(_("Ngày cấp bằng không được trước ngày sinh."))
    if qualification.level_id:
        qualification.kind = qualification.level.kind
    return errors


_QUALIFICATION_RECORD = RecordSpec(fields=QUALIFICATION_FIELDS, errors=_qualification_errors)


@scoped_write
def qualification_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Qualification:
    """Record a qualification a person obtained on a date."""
    return create_person_record(
        actor=actor, instance=Qualification(person=person), data=data, spec=_QUALIFICATION_RECORD
    )


@scoped_write
def qualification_update(
    *, actor: Any, qualification: Qualification, data: dict[str, Any], version: int | None = None
) -> Qualification:
    """Correct a recorded qualification (StaleVersion when saved over a newer version than loaded)."""
    return update_person_record(
        actor=actor, instance=qualification, data=data, spec=_QUALIFICATION_RECORD, version=version
    )


@scoped_write
def qualification_delete(*, actor: Any, qualification: Qualification, version: int | None = None) -> None:
    """Remove a qualification recorded in error."""
    delete_person_record(actor=actor, instance=qualification, version=version)


def _family_errors(member: FamilyMember) -> dict[str, list[str]]:
    if member.birth_year and not (1850 <= member.birth_year <= today().year):
        return {"birth_year": [_("Năm sinh phải từ 1850 đến năm nay.")]}
    return {}


def _prepare_family(member: FamilyMember) -> None:
    """Normalise the spaces of a relative's name (as typed or pasted)."""
    member.full_name = normalize_spaces(member.full_name)


_FAMILY_RECORD = RecordSpec(fields=FAMILY_FIELDS, errors=_family_errors, prepare=_prepare_family)


@scoped_write
def family_member_create(*, actor: Any, person: Person, data: dict[str, Any]) -> FamilyMember:
    """Add a relative to form 2C item 30."""
    return create_person_record(
        actor=actor, instance=FamilyMember(person=person), data=data, spec=_FAMILY_RECORD
    )


@scoped_write
def family_member_update(
    *, actor: Any, member: FamilyMember, data: dict[str, Any], version: int | None = None
) -> FamilyMember:
    """Correct a relative's details (StaleVersion when saved over a newer version than loaded)."""
    return update_person_record(actor=actor, instance=member, data=data, spec=_FAMILY_RECORD, version=version)


@scoped_write
def family_member_delete(*, actor: Any, member: FamilyMember, version: int | None = None) -> None:
    """Remove a relative recorded in error."""
    delete_person_record(actor=actor, instance=member, version=version)


ALLOWED_ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".docx", ".doc"}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@scoped_write
def attachment_create(*, actor: Any, person: Person, kind: str, title: str, file: UploadedFile) -> Attachment:
    """Keep a scanned decision, diploma or signed form with the record."""
    require_person_in_scope(actor, person.pk)
    name = (file.name or "").lower()
    errors: dict[str, list[str]] = {}
    if not any(name.endswith(ext) for ext in ALLOWED_ATTACHMENT_TYPES):
        errors["file"] = [
            _("Chỉ nhận tệp %(types)s.") % {"types": ", ".join(sorted(ALLOWED_ATTACHMENT_TYPES))}
        ]
    if file.size and file.size > MAX_ATTACHMENT_BYTES:
        errors.setdefault("file", []).append(_("Tệp lớn hơn 20 MB."))
    attachment = Attachment(
        person=person,
        kind=kind,
        title=normalize_spaces(title),
        file=file,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    full_clean_with(attachment, errors)
    attachment.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=attachment,
        after=snapshot(attachment),
        person_id=person.pk,
    )
    return attachment


@scoped_write
def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    """Remove an attachment (the file is deleted from storage after the transaction commits)."""
    require_person_in_scope(actor, attachment.person_id)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=attachment,
        before=snapshot(attachment),
        person_id=attachment.person_id,
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- bulk variants for imports ---
# The same checks as the single-row services above (the same helpers _prepare_person, _person_errors,
# _qualification_errors, the model's field validation and its check constraints), for a whole batch
# at once; see canbo.core.bulk for why and how.


def _person_constraint_errors(person: Person) -> dict[str, list[str]]:
    """The check constraints of Person that _person_errors and clean_fields do not already cover."""
    joined, official = person.party_joined_on, person.party_official_on
    if official is not None and (joined is None or official < joined):
        return {"party_official_on": [constraint_message(Person, "people_person_party_dates_ordered")]}
    return {}


PERSON_RELATIONS = ("ethnicity", "religion", "birthplace", "home_town", "photo")


@transaction.atomic
def persons_upsert(
    *, actor: Any, rows: Sequence[tuple[Person | None, Mapping[str, Any]]], write: bool = True
) -> BulkResult[Person]:
    """Create (instance None) or change many persons with person_create/person_update's checks, in bulk.

    Without write, nothing is saved and the result says what would happen; with write, rows are saved
    only if every row is valid. Foreign keys in data are instances the caller has read.
    """
    result: BulkResult[Person] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    for index, (existing, data) in enumerate(rows):
        person = existing if existing is not None else Person()
        before = snapshot(person) if existing is not None else None
        apply_fields(person, data, PERSON_FIELDS)
        _prepare_person(person)
        errors = _person_errors(person)
        for source in (
            bulk_field_errors(person, relations=PERSON_RELATIONS),
            _person_constraint_errors(person),
        ):
            for name, messages in source.items():
                errors.setdefault(name, []).extend(messages)
        result.instances.append(person)
        befores.append(before)
        if errors:
            result.statuses.append(BULK_INVALID)
            result.errors[index] = errors
        elif before is None:
            result.statuses.append(BULK_CREATED)
        else:
            result.statuses.append(BULK_UPDATED if snapshot(person) != before else BULK_UNCHANGED)
    bulk_unique(result, Person, "national_id")
    bulk_unique(result, Person, "code")
    if write and not result.errors:
        bulk_save(actor=actor, model=Person, result=result, befores=befores, person_of=lambda obj: obj.pk)
    return result


@transaction.atomic
def qualifications_upsert(
    *, actor: Any, rows: Sequence[tuple[Qualification | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[Qualification]:
    """Record or correct many qualifications with qualification_create/update's checks, in bulk."""
    result: BulkResult[Qualification] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    started_ordered = constraint_message(Qualification, "people_qualification_dates_ordered")
    now = today()
    for index, (existing, person, data) in enumerate(rows):
        qualification = existing if existing is not None else Qualification(person=person)
        before = snapshot(qualification) if existing is not None else None
        apply_fields(qualification, data, QUALIFICATION_FIELDS)
        errors = _qualification_errors(qualification, on=now)
        for name, messages in bulk_field_errors(qualification, relations=("person", "level")).items():
            errors.setdefault(name, []).extend(messages)
        started, obtained = qualification.started_on, qualification.obtained_on
        if isinstance(started, dt.date) and isinstance(obtained, dt.date) and started > obtained:
            errors.setdefault("started_on", []).append(started_ordered)
        result.instances.append(qualification)
        befores.append(before)
        if errors:
            result.statuses.append(BULK_INVALID)
            result.errors[index] = errors
        elif before is None:
            result.statuses.append(BULK_CREATED)
        else:
            result.statuses.append(BULK_UPDATED if snapshot(qualification) != before else BULK_UNCHANGED)
    if write and not result.errors:
        bulk_save(
            actor=actor,
            model=Qualification,
            result=result,
            befores=befores,
            person_of=lambda obj: obj.person_id,
        )
    return result
