"""Writing the generated province in bulk, with ids chosen by the generator, and clearing it again.

Rows go in with ``executemany`` per batch (``COPY`` on PostgreSQL) rather than ``QuerySet.bulk_create``: at this
size (about four million values) bulk_create spends some 10 µs per value compiling SQL, which alone
would take longer than the whole build may. The rows are the ones bulk_create would write: every
concrete column of the model, defaults for columns the generator leaves out, one build time for the
created/updated stamps, and the database's own constraints (checks, unique and foreign keys, and on
PostgreSQL the exclusion constraints on overlapping posts) still check each row.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from canbo.org.models import ElectedBody, OrgUnit
from canbo.people.models import Person
from canbo.posts.models import Assignment, Decision

BATCH = 5000
"""Rows sent per executemany call."""

ROOTS: tuple[type[models.Model], ...] = (Person, OrgUnit, Decision, Assignment, ElectedBody)
"""Tables whose rows make a database "not empty" for the demo, and from which clearing starts."""


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def insert(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows (dicts keyed by field attname, ids included) into a model's table; return the count."""
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    fields = list(model._meta.concrete_fields)
    names = [field.attname for field in fields]
    fillers: list[Any] = []
    converters: list[Callable[[Any], Any] | None] = []
    for field in fields:
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            fillers.append(stamp)
        else:
            fillers.append(field.get_db_prep_save(field.get_default(), connection))
        converters.append(_plain if field.choices else None)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    missing = object()

    def tuples(chunk: list[dict[str, Any]]) -> list[list[Any]]:
        batch = []
        for row in chunk:
            values = []
            for name, filler, convert in zip(names, fillers, converters, strict=True):
                value = row.get(name, missing)
                if value is missing:
                    value = filler
                elif convert is not None:
                    value = convert(value)
                values.append(value)
            batch.append(values)
        return batch

    total = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than INSERT on PostgreSQL and fires the same checks and triggers.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for chunk in _chunks(rows, BATCH):
                    for values in tuples(chunk):
                        copy.write_row(values)
                    total += len(chunk)
            return total
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for chunk in _chunks(rows, BATCH):
            cursor.executemany(sql, tuples(chunk))
            total += len(chunk)
    return total


def reset_sequences(models_written: Iterable[type[models.Model]]) -> None:
    """Move id sequences past the ids the generator chose, so later inserts get fresh ids."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def data_models() -> list[type[models.Model]]:
    """Every installed model whose rows depend, through foreign keys, on people, units or decisions."""
    selected: set[type[models.Model]] = set(ROOTS)
    candidates = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in selected:
                continue
            if any(
                field.is_relation and field.related_model in selected for field in model._meta.concrete_fields
            ):
                selected.add(model)
                changed = True
    return sorted(selected, key=lambda m: m._meta.label)


def has_data() -> bool:
    """Whether the database already holds people, units, decisions, assignments or elected bodies."""
    return any(model._default_manager.exists() for model in ROOTS)


def clear() -> list[str]:
    """Delete every person, unit, decision, body and all rows that refer to them; restart their ids."""
    chosen = data_models()
    tables = [model._meta.db_table for model in chosen]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses while deferred foreign-key checks from this transaction are pending; run them now.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return [model._meta.label for model in chosen]
