"""Writes to persons and their history; every write takes the actor, validates, saves and audits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
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


@transaction.atomic
def person_create(*, actor: Any, data: dict[str, Any]) -> Person:
    """Create a person from form-2C data after validating every field."""
    person = Person()
    apply_fields(person, data, PERSON_FIELDS)
    _prepare_person(person)
    full_clean_with(person, _person_errors(person))
    person.save()
    record(
        actor=actor, action=AuditAction.CREATE, instance=person, after=snapshot(person), person_id=person.pk
    )
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: dict[str, Any]) -> Person:
    """Change a person's form-2C data; nothing is saved if any field is invalid."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    apply_fields(person, data, PERSON_FIELDS)
    _prepare_person(person)
    full_clean_with(person, _person_errors(person))
    after = snapshot(person)
    if before != after:
        person.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=person,
            before=before,
            after=after,
            person_id=person.pk,
        )
    return person


@transaction.atomic
def person_delete(*, actor: Any, person: Person) -> None:
    """Delete a person and their history (for records created in error)."""
    before = snapshot(person)
    record(actor=actor, action=AuditAction.DELETE, instance=person, before=before, person_id=person.pk)
    person.delete()


def _qualification_errors(qualification: Qualification) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    obtained = qualification.obtained_on
    if isinstance(obtained, dt.date):
        if obtained > today():
            errors["obtained_on"] = [_("Ngày cấp bằng không được sau ngày hôm nay.")]
        birth = qualification.person.birth_date
        if obtained < birth:
            errors.setdefault("obtained_on", []).append(_("Ngày cấp bằng không được trước ngày sinh."))
    if qualification.level_id:
        qualification.kind = qualification.level.kind
    return errors


@transaction.atomic
def qualification_create(*, actor: Any, person: Person, data: dict[str, Any]) -> Qualification:
    """Record a qualification a person obtained on a date."""
    qualification = Qualification(person=person)
    apply_fields(qualification, data, QUALIFICATION_FIELDS)
    full_clean_with(qualification, _qualification_errors(qualification))
    qualification.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=qualification,
        after=snapshot(qualification),
        person_id=person.pk,
    )
    return qualification


@transaction.atomic
def qualification_update(*, actor: Any, qualification: Qualification, data: dict[str, Any]) -> Qualification:
    """Correct a recorded qualification."""
    qualification = Qualification.objects.select_for_update().get(pk=qualification.pk)
    before = snapshot(qualification)
    apply_fields(qualification, data, QUALIFICATION_FIELDS)
    full_clean_with(qualification, _qualification_errors(qualification))
    qualification.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=qualification,
        before=before,
        after=snapshot(qualification),
        person_id=qualification.person_id,
    )
    return qualification


@transaction.atomic
def qualification_delete(*, actor: Any, qualification: Qualification) -> None:
    """Remove a qualification recorded in error."""
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=qualification,
        before=snapshot(qualification),
        person_id=qualification.person_id,
    )
    qualification.delete()


def _family_errors(member: FamilyMember) -> dict[str, list[str]]:
    if member.birth_year and not (1850 <= member.birth_year <= today().year):
        return {"birth_year": [_("Năm sinh phải từ 1850 đến năm nay.")]}
    return {}


@transaction.atomic
def family_member_create(*, actor: Any, person: Person, data: dict[str, Any]) -> FamilyMember:
    """Add a relative to form 2C item 30."""
    member = FamilyMember(person=person)
    apply_fields(member, data, FAMILY_FIELDS)
    member.full_name = normalize_spaces(member.full_name)
    full_clean_with(member, _family_errors(member))
    member.save()
    record(
        actor=actor, action=AuditAction.CREATE, instance=member, after=snapshot(member), person_id=person.pk
    )
    return member


@transaction.atomic
def family_member_update(*, actor: Any, member: FamilyMember, data: dict[str, Any]) -> FamilyMember:
    """Correct a relative's details."""
    member = FamilyMember.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member)
    apply_fields(member, data, FAMILY_FIELDS)
    member.full_name = normalize_spaces(member.full_name)
    full_clean_with(member, _family_errors(member))
    member.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=member,
        before=before,
        after=snapshot(member),
        person_id=member.person_id,
    )
    return member


@transaction.atomic
def family_member_delete(*, actor: Any, member: FamilyMember) -> None:
    """Remove a relative recorded in error."""
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=member,
        before=snapshot(member),
        person_id=member.person_id,
    )
    member.delete()


ALLOWED_ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".docx", ".doc"}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def attachment_create(*, actor: Any, person: Person, kind: str, title: str, file: UploadedFile) -> Attachment:
    """Keep a scanned decision, diploma or signed form with the record."""
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


@transaction.atomic
def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    """Remove an attachment (the file is deleted from storage after the transaction commits)."""
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
# A province's workbook holds some 250,000 rows. One service call per row, with full_clean() and its
# queries (unique checks, foreign keys, check constraints), would take many minutes, so the import
# calls these variants instead. They run the same checks as the single-row services above: the same
# helpers (_prepare_person, _person_errors, _qualification_errors), the model's field validation
# (clean_fields), and its check constraints evaluated in Python with the constraint's own message.
# Uniqueness is checked set-wise, in one query per field. Rows go in with one statement per batch and
# each change gets its audit row, written in bulk with the fields record() fills. Nothing is written
# while any row is invalid; the caller's transaction makes a whole import all or nothing.
# Imports sit here, below the untouched single-row services, rather than at the top of the module.
import enum  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Generic, TypeVar  # noqa: E402

from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402

from canbo.audit.chain import link as link_audit_chain  # noqa: E402
from canbo.audit.context import current as current_audit_context  # noqa: E402
from canbo.audit.models import AuditEvent  # noqa: E402

BULK_CREATED = "created"
BULK_UPDATED = "updated"
BULK_UNCHANGED = "unchanged"
BULK_INVALID = "invalid"
BULK_BATCH = 5000
"""Rows per INSERT/UPDATE batch and per `__in` lookup (SQLite allows 32,766 parameters a statement)."""

_M = TypeVar("_M", bound=models.Model)
AuditEntry = tuple[str, models.Model, dict[str, Any] | None, dict[str, Any] | None, int | None]
"""(action, instance, before, after, person_id): what record() takes, for one row."""


@dataclass
class BulkResult(Generic[_M]):
    """What a bulk upsert did (or, without writing, would do) to each input row, in input order."""

    instances: list[_M] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def count(self, status: str) -> int:
        """How many rows have the given status."""
        return self.statuses.count(status)

    def add_error(self, index: int, name: str, message: str) -> None:
        """Attach a message to a field of one row and mark the row invalid."""
        self.errors.setdefault(index, {}).setdefault(name, []).append(message)
        self.statuses[index] = BULK_INVALID


def chunked(items: Sequence[Any], size: int = BULK_BATCH) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most size items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def constraint_message(model: type[models.Model], name: str) -> str:
    """The Vietnamese message a check constraint of the model gives when it is violated."""
    for constraint in model._meta.constraints:
        if constraint.name == name:
            return str(constraint.get_violation_error_message())
    raise LookupError(f"{model._meta.label} has no constraint {name!r}.")


def bulk_field_errors(instance: models.Model, *, relations: Iterable[str] = ()) -> dict[str, list[str]]:
    """full_clean()'s field checks without its queries: clean_fields() minus foreign keys and `relations`.

    Foreign keys are resolved by the caller from rows it has read, so their existence query is skipped
    (and files, named in relations); a required foreign key that is empty still gets Django's own
    "required" message.
    """
    errors: dict[str, list[str]] = {}
    keys = [fk.name for fk in instance._meta.concrete_fields if isinstance(fk, models.ForeignKey)]
    skipped = sorted({*relations, *keys})
    try:
        instance.clean_fields(exclude=skipped)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for name in skipped:
        fk = instance._meta.get_field(name)
        if not isinstance(fk, models.ForeignKey) or fk.null:
            continue
        empty = getattr(instance, fk.attname) is None and (
            not fk.is_cached(instance) or fk.get_cached_value(instance) is None
        )
        if empty:
            errors.setdefault(name, []).append(str(fk.error_messages["null"]))
    return errors


def _fill_foreign_keys(instance: models.Model) -> None:
    """Copy the ids of related rows saved after they were attached (as save() does before writing)."""
    for fk in instance._meta.concrete_fields:
        if (
            isinstance(fk, models.ForeignKey)
            and fk.is_cached(instance)
            and getattr(instance, fk.attname) is None
        ):
            related = fk.get_cached_value(instance)
            if related is not None:
                setattr(instance, fk.attname, related.pk)


def _db_converters(model: type[models.Model], names: Sequence[str]) -> list[Any]:
    """One function per column turning an attribute value into what the database driver takes."""
    converters: list[Any] = []
    for name in names:
        column = model._meta.get_field(name)
        simple = isinstance(
            column,
            models.CharField
            | models.TextField
            | models.IntegerField
            | models.BooleanField
            | models.ForeignKey,
        ) and not isinstance(column, models.DateTimeField)
        if isinstance(column, models.DateField) and not isinstance(column, models.DateTimeField):
            if connection.vendor == "sqlite":
                converters.append(lambda value: value.isoformat() if value is not None else None)
            else:
                converters.append(None)
        elif simple:
            converters.append(lambda value: value.value if isinstance(value, enum.Enum) else value)
        else:
            converters.append(lambda value, column=column: column.get_db_prep_save(value, connection))
    return converters


def _allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve count fresh primary keys (the caller holds the write transaction)."""
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT MAX({connection.ops.quote_name(pk_column)}) FROM {connection.ops.quote_name(table)}"
        )
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0) + 1
    return list(range(start, start + count))


def bulk_insert(model: type[_M], instances: Sequence[_M]) -> None:
    """Insert new rows with one statement per batch and give each instance its primary key.

    bulk_create() spends some 5 µs compiling each value; at 3 million values that alone is 15 s.
    This writes the same columns bulk_create would (auto_now stamps included; COPY on PostgreSQL,
    executemany on SQLite), so the database's own constraints still check every row.
    """
    if not instances:
        return
    if connection.vendor not in ("postgresql", "sqlite"):
        model._default_manager.bulk_create(instances, batch_size=BULK_BATCH)
        return
    now = timezone.now()
    pk_name = model._meta.pk.attname
    fields = list(model._meta.concrete_fields)
    for instance in instances:
        _fill_foreign_keys(instance)
        for column in fields:
            if isinstance(column, models.DateTimeField) and (column.auto_now or column.auto_now_add):
                setattr(instance, column.attname, now)
    for instance, pk in zip(instances, _allocate_ids(model, len(instances)), strict=True):
        setattr(instance, pk_name, pk)
        instance._state.adding = False
        instance._state.db = connection.alias
    names = [column.attname for column in fields]
    converters = _db_converters(model, [column.name for column in fields])
    rows = (
        [
            convert(getattr(instance, name)) if convert else getattr(instance, name)
            for name, convert in zip(names, converters, strict=True)
        ]
        for instance in instances
    )
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column.column) for column in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch: list[list[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BULK_BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def bulk_update(model: type[_M], instances: Sequence[_M]) -> None:
    """Write every concrete column of existing rows (but their creation stamp), one statement per batch."""
    if not instances:
        return
    now = timezone.now()
    pk_column = model._meta.pk
    fields = [
        column
        for column in model._meta.concrete_fields
        if not column.primary_key and not (isinstance(column, models.DateTimeField) and column.auto_now_add)
    ]
    for instance in instances:
        _fill_foreign_keys(instance)
        for column in fields:
            if isinstance(column, models.DateTimeField) and column.auto_now:
                setattr(instance, column.attname, now)
    names = [column.attname for column in fields]
    converters = _db_converters(model, [column.name for column in fields])
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(column.column)} = %s" for column in fields)
    sql = f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(pk_column.column)} = %s"
    with connection.cursor() as cursor:
        for batch in chunked(instances):
            cursor.executemany(
                sql,
                [
                    [
                        *(
                            convert(getattr(instance, name)) if convert else getattr(instance, name)
                            for name, convert in zip(names, converters, strict=True)
                        ),
                        instance.pk,
                    ]
                    for instance in batch
                ],
            )


def audit_bulk(*, actor: Any, entries: Iterable[AuditEntry]) -> int:
    """Append one audit row per entry, as record() would, attributed to actor and the current context."""
    context = current_audit_context()
    user = actor if getattr(actor, "is_authenticated", False) else None
    events = []
    for action, instance, before, after, person_id in entries:
        if action == AuditAction.CREATE:
            changes = {key: [None, value] for key, value in (after or {}).items() if value not in (None, "")}
        elif action == AuditAction.DELETE:
            changes = {key: [value, None] for key, value in (before or {}).items() if value not in (None, "")}
        else:
            changes = {
                key: [(before or {}).get(key), (after or {}).get(key)]
                for key in sorted(set(before or {}) | set(after or {}))
                if (before or {}).get(key) != (after or {}).get(key)
            }
        events.append(
            AuditEvent(
                actor=user,
                action=action,
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_repr=str(instance)[:255],
                person_id=person_id,
                changes=changes,
                source=context.source,
                reference=context.reference[:255],
                client_ip=context.client_ip,
            )
        )
    # What AuditEvent.objects.bulk_create does, faster: the chain's own link() stamps the rows and extends
    # the hash chain (under its lock, held until this transaction ends), then the rows go in with ids
    # ascending in the same order, so the chain reads in id order. Django's bulk_create measured about
    # three times slower for the 250,000 audit rows of a province.
    with transaction.atomic():
        link_audit_chain(events)
        bulk_insert(AuditEvent, events)
    return len(events)


def bulk_save(
    *,
    actor: Any,
    model: type[_M],
    result: BulkResult[_M],
    befores: Sequence[dict[str, Any] | None],
    person_of: Any,
) -> None:
    """Insert the created rows and update the changed ones of a checked batch, with their audit rows."""
    created = [
        obj for obj, status in zip(result.instances, result.statuses, strict=True) if status == BULK_CREATED
    ]
    changed = [
        (obj, before)
        for obj, status, before in zip(result.instances, result.statuses, befores, strict=True)
        if status == BULK_UPDATED
    ]
    bulk_insert(model, created)
    bulk_update(model, [obj for obj, _before in changed])
    entries: list[AuditEntry] = [
        (AuditAction.CREATE, obj, None, snapshot(obj), person_of(obj)) for obj in created
    ]
    entries.extend(
        (AuditAction.UPDATE, obj, before, snapshot(obj), person_of(obj)) for obj, before in changed
    )
    audit_bulk(actor=actor, entries=entries)


def bulk_unique(
    result: BulkResult[_M], model: type[_M], name: str, *, indexes: Iterable[int] | None = None
) -> None:
    """Flag rows whose value of a unique field is taken by another row of the batch or of the table."""
    chosen = range(len(result.instances)) if indexes is None else indexes
    seen: dict[Any, int] = {}
    values: dict[int, Any] = {}
    for index in chosen:
        value = getattr(result.instances[index], name)
        if value in (None, ""):
            continue
        values[index] = value
    taken: dict[Any, Any] = {}
    distinct = sorted({str(value) for value in values.values()})
    for batch in chunked(distinct):
        taken.update(model._default_manager.filter(**{f"{name}__in": batch}).values_list(name, "pk"))
    for index, value in values.items():
        instance = result.instances[index]
        owner = taken.get(value)
        clash = (owner is not None and owner != instance.pk) or value in seen
        if clash:
            message = instance.unique_error_message(model, (name,)).messages[0]
            result.add_error(index, name, message)
        seen.setdefault(value, index)


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
    for index, (existing, person, data) in enumerate(rows):
        qualification = existing if existing is not None else Qualification(person=person)
        before = snapshot(qualification) if existing is not None else None
        apply_fields(qualification, data, QUALIFICATION_FIELDS)
        errors = _qualification_errors(qualification)
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
