"""Write generated columns into the project's real tables: PostgreSQL COPY, or SQLite executemany.

On PostgreSQL the big tables are loaded the way a bulk load should be: their secondary indexes and
constraints (unique, foreign key, exclusion) are dropped, the rows are copied in as CSV, and every
index and constraint is then recreated from its own definition — which also checks the generated data
against them (one main post at a time, one holder of a sole post, valid references).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from .careers import OPEN

Progress = Callable[[str], None]
BIG_TABLES = ("people_person", "posts_assignment", "people_qualification", "org_membership", "org_nomination")
BATCH = 500_000


def _model(table: str) -> Any:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.db_table == table:
            return model
    raise LookupError(table)


def arrow_table(table: str, columns: dict[str, Any], *, timestamp: str) -> pa.Table:
    """The rows as an Arrow table with every column of the model, in the model's column order."""
    from django.db import models

    model = _model(table)
    n = next(len(v) for v in columns.values() if not isinstance(v, str | int | bool))
    arrays, names = [], []
    for field in model._meta.concrete_fields:
        value = columns.get(field.column, columns.get(field.name))
        if value is None:
            if field.null:
                arrays.append(pa.nulls(n, _arrow_type(field)))
            elif isinstance(field, models.DateTimeField):
                arrays.append(pa.repeat(pa.scalar(timestamp), n))
            else:
                arrays.append(pa.repeat(pa.scalar(field.get_default(), _arrow_type(field)), n))
        elif isinstance(value, str | int | bool):
            arrays.append(pa.repeat(pa.scalar(value, _arrow_type(field)), n))
        elif isinstance(field, models.DateField):
            data = np.asarray(value, np.int32)
            arrays.append(pa.array(data, pa.int32(), mask=data == OPEN).view(pa.date32()))
        elif isinstance(field, models.BooleanField):
            arrays.append(pa.array(np.asarray(value, bool)))
        elif isinstance(field, models.ForeignKey | models.IntegerField | models.AutoField):
            data = np.asarray(value, np.int64)
            arrays.append(pa.array(data, pa.int64(), mask=data < 0 if field.null else None))
        else:
            arrays.append(pa.array(value, pa.string()))
        names.append(field.column)
    return pa.table(arrays, names=names)


def _arrow_type(field: Any) -> pa.DataType:
    from django.db import models

    if isinstance(field, models.BooleanField):
        return pa.bool_()
    if isinstance(field, models.DateTimeField):
        return pa.string()
    if isinstance(field, models.DateField):
        return pa.date32()
    if isinstance(field, models.ForeignKey | models.IntegerField | models.AutoField):
        return pa.int64()
    return pa.string()


# -- PostgreSQL ------------------------------------------------------------------------------------
def _definitions(cursor: Any, table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, CREATE INDEX …) of plain indexes and (name, definition) of unique/FK/exclusion constraints."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f', 'x') ORDER BY conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )
    return cursor.fetchall(), constraints


def pg_load(url: str, tables: dict[str, dict[str, Any]], *, progress: Progress) -> dict[str, float]:
    """COPY every table in order; drop and rebuild indexes and constraints of the big ones; return timings."""
    import psycopg

    timings: dict[str, float] = {}
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("SET synchronous_commit = off")
        saved: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
        for table in tables:
            if table in BIG_TABLES:
                saved[table] = _definitions(cur, table)
        for table, (indexes, constraints) in saved.items():
            for name, _definition in constraints:
                cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cur.execute(f'DROP INDEX "{name}"')
        for table, columns in tables.items():
            started = time.perf_counter()
            arrow = arrow_table(table, columns, timestamp="2026-01-01 00:00:00+07")
            names = ", ".join(arrow.column_names)
            with conn.transaction(), cur.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy:
                for offset in range(0, arrow.num_rows, BATCH):
                    buffer = io.BytesIO()
                    pacsv.write_csv(
                        arrow.slice(offset, BATCH),
                        buffer,
                        pacsv.WriteOptions(include_header=False, quoting_style="needed"),
                    )
                    copy.write(buffer.getvalue())
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
            timings[f"copy {table}"] = time.perf_counter() - started
            progress(f"  copied {arrow.num_rows:>10,} rows into {table} ({timings[f'copy {table}']:.1f} s)")
        started = time.perf_counter()
        for table, (indexes, constraints) in saved.items():
            for _name, definition in indexes:
                cur.execute(definition)
            for name, definition in constraints:
                cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            progress(f"  rebuilt {len(indexes)} indexes and {len(constraints)} constraints on {table}")
        timings["indexes and constraints"] = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute("VACUUM (ANALYZE)")
        timings["vacuum analyze"] = time.perf_counter() - started
    return timings


# -- SQLite ----------------------------------------------------------------------------------------
def sqlite_load(tables: dict[str, dict[str, Any]], *, progress: Progress) -> dict[str, float]:
    """Insert every table through Django's connection with executemany (a province is small)."""
    from django.db import connection, transaction

    timings: dict[str, float] = {}
    for table, columns in tables.items():
        started = time.perf_counter()
        arrow = arrow_table(table, columns, timestamp="2026-01-01 00:00:00")
        values = []
        for column in arrow.columns:
            if pa.types.is_date32(column.type):
                values.append([None if d is None else d.isoformat() for d in column.to_pylist()])
            else:
                values.append(column.to_pylist())
        rows = list(zip(*values, strict=True))
        marks = ", ".join(["%s"] * len(arrow.column_names))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(arrow.column_names)}) VALUES ({marks})", rows
            )
        timings[f"insert {table}"] = time.perf_counter() - started
        progress(f"  inserted {arrow.num_rows:>10,} rows into {table} ({timings[f'insert {table}']:.1f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings
