"""Bulk checks and writes for imports: the statuses of a checked batch, field checks without queries,
and rows written with one statement per batch.

A province's workbook holds some 250,000 rows. One service call per row, with full_clean() and its
queries (unique checks, foreign keys, check constraints), would take many minutes, so imports call the
bulk variants of the domain services (`persons_upsert` in people.services, `assignments_upsert` in
posts.services, `memberships_upsert` in org.services, …), which run the same checks as the single-row
services and use these helpers: the model's field validation (clean_fields) without its queries, check
constraints evaluated in Python with the constraint's own message, uniqueness checked set-wise in one
query per field, and rows inserted or updated with one statement per batch. Nothing is written while
any row is invalid; the caller's transaction makes a whole import all or nothing. The audit rows of a
bulk write are appended by `canbo.audit.bulk`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import gc
import json
import operator
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

BULK_CREATED = "created"
BULK_UPDATED = "updated"
BULK_UNCHANGED = "unchanged"
BULK_INVALID = "invalid"
BULK_BATCH = 5000
"""Rows per INSERT/UPDATE batch and per `__in` lookup (SQLite allows 32,766 parameters a statement)."""

_M = TypeVar("_M", bound=models.Model)


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


SQLITE_WRITE_CACHE_KIB = 131072
"""SQLite page cache while a large write runs (the default, 2 MB, spills pages of the indexes to the WAL
again and again when a province's 500,000 rows go in; memory is taken only as pages are used)."""


@contextlib.contextmanager
def write_cache() -> Iterator[None]:
    """Give SQLite a larger page cache for the length of a large write; nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


_gc_lock = threading.Lock()
_gc_pauses = [0, False]  # how many pauses are open; whether the collector was on when the first began


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large import reads, checks or writes.

    An import keeps a province's rows in hand (some two million objects, none of them garbage until the
    end); each pass of the collector walks them again, which measured a third of an import's time.
    Memory is still freed as usual (reference counting); the collector runs again when the last pause
    ends (pauses may overlap: two imports in the threads of one web process).
    """
    with _gc_lock:
        if _gc_pauses[0] == 0:
            _gc_pauses[1] = gc.isenabled()
            gc.disable()
        _gc_pauses[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses[0] -= 1
            if _gc_pauses[0] == 0 and _gc_pauses[1]:
                gc.enable()


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

    Each field's check (to_python, choices, blank/null, validators) depends only on the value, so its
    outcome is remembered per field and value for plain values (text, whole numbers, dates, choices) that
    pass: a province's 250,000 rows repeat the same few values, and Django's per-field work was the
    largest part of the checks.
    """
    model = type(instance)
    plan = _clean_plan(model, frozenset(relations))
    memo = _clean_memos.get(model)
    if memo is None or len(memo) > _CLEAN_MEMO_SIZE:
        memo = _clean_memos[model] = {}
    errors: dict[str, list[str]] = {}
    values = instance.__dict__
    for column, name, attname in plan.fields:
        raw = values[attname] if attname in values else getattr(instance, attname)
        if column.blank and raw in column.empty_values:
            continue
        kind = raw.__class__
        key = (attname, kind, raw) if kind in _MEMO_TYPES or _memo_type(kind) else None
        if key is not None:
            cleaned = memo.get(key, memo)
            if cleaned is not memo:
                if cleaned is not raw:
                    setattr(instance, attname, cleaned)
                continue
        if isinstance(raw, DatabaseDefault):
            continue
        try:
            cleaned = column.clean(raw, instance)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
            continue
        if key is not None:
            memo[key] = cleaned  # only a value that passed: a refusal's message is in the active language
        if cleaned is not raw:
            setattr(instance, attname, cleaned)
    for fk in plan.keys:
        empty = getattr(instance, fk.attname) is None and (
            not fk.is_cached(instance) or fk.get_cached_value(instance) is None
        )
        if empty:
            errors.setdefault(fk.name, []).append(str(fk.error_messages["null"]))
    return errors


@dataclass(frozen=True)
class _CleanPlan:
    fields: list[tuple[models.Field[Any, Any], str, str]]  # (field, name, attname) that clean_fields checks
    keys: list[models.ForeignKey[Any, Any]]  # skipped required foreign keys: only "not empty" is checked


@functools.cache
def _clean_plan(model: type[models.Model], relations: frozenset[str]) -> _CleanPlan:
    """The fields clean_fields() would check, minus foreign keys and relations, and the required keys skipped."""
    keys = {column.name for column in model._meta.concrete_fields if isinstance(column, models.ForeignKey)}
    skipped = relations | keys
    fields = [
        (column, column.name, column.attname)
        for column in model._meta.fields
        if column.name not in skipped and not column.generated
    ]
    required = []
    for name in sorted(skipped):
        column = model._meta.get_field(name)
        if isinstance(column, models.ForeignKey) and not column.null:
            required.append(column)
    return _CleanPlan(fields, required)


_MEMO_TYPES = {str, int, bool, dt.date}
"""Value types whose field check is remembered (equal values of these types check alike; not Decimal:
Decimal("1.000") equals Decimal("1.0") but has more decimal places, nor floats or datetimes)."""
_CLEAN_MEMO_SIZE = 500_000
_clean_memos: dict[type[models.Model], dict[Any, Any]] = {}
"""Per model, the cleaned value of each (attname, type, value) that passed its field's check."""


def _memo_type(kind: type) -> bool:
    """Whether values of a type check alike when equal: the code lists' choices (str or int enums)."""
    if issubclass(kind, enum.Enum) and issubclass(kind, str | int):
        _MEMO_TYPES.add(kind)
        return True
    return False


def _fill_foreign_keys(instance: models.Model, keys: Sequence[models.ForeignKey[Any, Any]]) -> None:
    """Copy the ids of related rows saved after they were attached (as save() does before writing)."""
    for fk in keys:
        if getattr(instance, fk.attname) is None and fk.is_cached(instance):
            related = fk.get_cached_value(instance)
            if related is not None:
                setattr(instance, fk.attname, related.pk)


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [fk for fk in model._meta.concrete_fields if isinstance(fk, models.ForeignKey)]


def _row_maker(model: type[models.Model], fields: Sequence[models.Field[Any, Any]]) -> Any:
    """A function giving an instance's row for the database: its columns' values, converted where needed.

    The values are read in one C call (attrgetter) and only the columns that need it are converted:
    at a province's 250,000 rows of some 20 columns, a Python call per value is seconds.
    """
    getter = operator.attrgetter(*[column.attname for column in fields])
    converters = _db_converters(model, [column.name for column in fields])
    converted = [(index, convert) for index, convert in enumerate(converters) if convert is not None]
    single = len(fields) == 1

    def make(instance: models.Model) -> list[Any]:
        row = [getter(instance)] if single else list(getter(instance))
        for index, convert in converted:
            row[index] = convert(row[index])
        return row

    return make


def _db_converters(model: type[models.Model], names: Sequence[str]) -> list[Any]:
    """One function per column turning an attribute value into what the database driver takes (None: as is)."""
    converters: list[Any] = []
    database = connections[connection.alias]  # not the proxy: each of its attribute reads costs a lookup
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
        elif simple and (getattr(column, "choices", None) or isinstance(column, models.CharField)):
            # A choice given as its enum member (Sex.FEMALE) is written as its value.
            converters.append(lambda value: value.value if isinstance(value, enum.Enum) else value)
        elif simple:
            converters.append(None)
        elif isinstance(column, models.JSONField) and connection.vendor == "sqlite":
            # What JSONField.get_db_prep_save does on SQLite (adapt_json_value: the JSON text), without its
            # per-value indirections. PostgreSQL gets the driver's own JSON adapter, below.
            converters.append(
                lambda value, encoder=column.encoder: (
                    value
                    if value.__class__ is JSONText
                    else None
                    if value is None
                    else json.dumps(value, cls=encoder)
                )
            )
        elif isinstance(column, models.JSONField):
            # COPY reads a JSON column's text as is.
            converters.append(
                lambda value, column=column: (
                    value if value.__class__ is JSONText else column.get_db_prep_save(value, database)
                )
            )
        elif isinstance(column, models.DateTimeField | models.GenericIPAddressField):
            # A batch's stamps and its client address are one value for every row.
            converters.append(_same_value_cache(column))
        else:
            converters.append(lambda value, column=column: column.get_db_prep_save(value, database))
    return converters


class JSONText(str):
    """A JSON document already serialised, written as it is into a JSON column by bulk_insert."""


def _same_value_cache(column: models.Field[Any, Any]) -> Any:
    """column.get_db_prep_save, reusing the last result for an equal value.

    The stamps of a batch (created_at, updated_at, an audit row's time) are one value for every row, and
    the time-zone handling of each conversion costs more than the rest of the row.
    """
    last: list[Any] = [object(), None]
    database = connections[connection.alias]

    def convert(value: Any) -> Any:
        if value is not last[0] and value != last[0]:
            last[0], last[1] = value, column.get_db_prep_save(value, database)
        return last[1]

    return convert


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
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


def bulk_insert(
    model: type[_M], instances: Sequence[_M], *, keep_ids: bool = False, fill_foreign_keys: bool = True
) -> None:
    """Insert new rows with one statement per batch and give each instance its primary key.

    bulk_create() spends some 5 µs compiling each value; at 3 million values that alone is 15 s.
    This writes the same columns bulk_create would (auto_now stamps included; COPY on PostgreSQL,
    executemany on SQLite), so the database's own constraints still check every row. keep_ids: the
    instances already hold ids taken with allocate_ids(); fill_foreign_keys=False: the instances were
    built with the ids of their related rows (not with related instances saved since).
    """
    if not instances:
        return
    if connection.vendor not in ("postgresql", "sqlite"):
        model._default_manager.bulk_create(instances, batch_size=BULK_BATCH)
        return
    now = timezone.now()
    pk_name = model._meta.pk.attname
    fields = list(model._meta.concrete_fields)
    keys = _foreign_keys(model) if fill_foreign_keys else []
    stamps = [
        column.attname
        for column in fields
        if isinstance(column, models.DateTimeField) and (column.auto_now or column.auto_now_add)
    ]
    for instance in instances:
        if keys:
            _fill_foreign_keys(instance, keys)
        for attname in stamps:
            setattr(instance, attname, now)
    ids = (
        [getattr(instance, pk_name) for instance in instances]
        if keep_ids
        else allocate_ids(model, len(instances))
    )
    for instance, pk in zip(instances, ids, strict=True):
        setattr(instance, pk_name, pk)
        instance._state.adding = False
        instance._state.db = connection.alias
    make = _row_maker(model, fields)
    rows = (make(instance) for instance in instances)
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


def bulk_update(model: type[_M], instances: Sequence[_M], *, fill_foreign_keys: bool = True) -> None:
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
    keys = _foreign_keys(model) if fill_foreign_keys else []
    stamps = [
        column.attname for column in fields if isinstance(column, models.DateTimeField) and column.auto_now
    ]
    for instance in instances:
        if keys:
            _fill_foreign_keys(instance, keys)
        for attname in stamps:
            setattr(instance, attname, now)
    make = _row_maker(model, [*fields, pk_column])
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(column.column)} = %s" for column in fields)
    sql = f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(pk_column.column)} = %s"
    with connection.cursor() as cursor:
        for batch in chunked(instances):
            cursor.executemany(sql, [make(instance) for instance in batch])


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
