"""The analytics snapshot: the columns the indicator engine reads, copied into an embedded DuckDB file.

Build (`build()`, command `canbo analytics_refresh`): inside one read transaction of the transactional
database (REPEATABLE READ on PostgreSQL, a deferred read transaction on SQLite's WAL), note the time and
the newest audit event (every write goes through a service that appends one), then stream each table's
columns out through Django's connection in chunks (PostgreSQL COPY, or fetchmany elsewhere) into CSV
files that DuckDB loads with its built-in reader. The file is written under a temporary name, renamed
to a versioned name, and the configured path (a symbolic link) is switched to it atomically, so readers
always open a complete snapshot: the one before, until the new one is in place.

Read (`current()`): the snapshot the link points to, with its "data as of" time. When the newest audit
event differs from the one the snapshot contains, the data changed: depending on CANBO_ANALYTICS_REFRESH
a refresh starts in a background thread ("background"; readers keep the previous snapshot meanwhile),
runs before answering ("inline"; tests and commands), or waits for the command ("manual"). A file lock
lets one build run at a time across processes. Nothing is downloaded: DuckDB's extensions stay off.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from canbo.org.models import OrgUnit

from ..definitions import Definition
from . import compiler

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: training courses and planning entries
NULL = r"\N"
CHUNK_ROWS = 20_000
# Tables and the fields the engine reads (Django model, field names); nothing else leaves the database.
TABLES: dict[str, tuple[str, ...]] = {
    "org.OrgUnit": ("id", "path", "sector", "locality"),
    "geo.Locality": (
        "id",
        "level",
        "old_province",
        "old_district",
        "old_commune",
        "new_province",
        "new_commune",
    ),
    "posts.Title": ("id", "code", "level", "rank", "is_leadership", "management_category"),
    "posts.ManagementCategory": ("id", "code"),
    "posts.Assignment": ("id", "person", "title", "unit", "valid_from", "valid_to", "is_concurrent"),
    "people.Person": (
        "id",
        "birth_date",
        "sex",
        "ethnicity",
        "staff_category",
        "home_town",
        "birthplace",
        "party_joined_on",
    ),
    "people.Ethnicity": ("id", "is_minority"),
    "people.QualificationLevel": ("id", "kind", "code", "rank", "is_legacy"),
    "people.Qualification": ("id", "person", "kind", "level", "obtained_on"),
    "people.TrainingCourse": ("id", "person", "kind", "ended_on"),
    "posts.PlanningEntry": (
        "id",
        "person",
        "title",
        "unit",
        "valid_from",
        "valid_to",
        "expertise_field",
        "deep_expertise",
    ),
    "org.ElectedBody": ("id", "org_unit", "kind", "level"),
    "org.Term": ("id", "body", "valid_from", "valid_to", "election_date"),
    "org.Membership": ("id", "person", "term", "valid_from", "valid_to"),
    "org.Nomination": ("id", "person", "term", "nominated_on"),
}
DUCK_TYPES = {
    "AutoField": "BIGINT",
    "BigAutoField": "BIGINT",
    "ForeignKey": "BIGINT",
    "IntegerField": "INTEGER",
    "PositiveSmallIntegerField": "INTEGER",
    "PositiveIntegerField": "INTEGER",
    "SmallIntegerField": "INTEGER",
    "BooleanField": "BOOLEAN",
    "DateField": "DATE",
}
# DuckDB must never fetch anything at run time.
DUCK_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

_lock = threading.Lock()
_opened: dict[str, Any] = {}  # versioned file → read-only DuckDB connection (one per process)
_building = threading.Event()


# ---------------------------------------------------------------------------------------------- settings


def snapshot_path() -> Path:
    """Where the current snapshot is (a symbolic link to the newest complete build)."""
    return Path(settings.CANBO_ANALYTICS_PATH)


def refresh_mode() -> str:
    """How a stale snapshot is refreshed: "background", "inline" or "manual"."""
    return str(settings.CANBO_ANALYTICS_REFRESH)


def _duck_config() -> dict[str, Any]:
    config: dict[str, Any] = dict(DUCK_CONFIG)
    threads = getattr(settings, "CANBO_ANALYTICS_THREADS", None)
    if threads:
        config["threads"] = int(threads)
    return config


# ---------------------------------------------------------------------------------------- the snapshot


@dataclass(frozen=True)
class Snapshot:
    """One complete snapshot file, opened read-only, and what it contains."""

    path: Path
    data_as_of: dt.datetime
    high_water: tuple[int, str]
    built_at: dt.datetime
    build_seconds: float
    vendor: str
    rows: dict[str, int] = field(default_factory=dict)

    def _cursor(self) -> Any:
        return _connection(self.path).cursor()  # one cursor per call: DuckDB connections are not thread-safe

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query on the snapshot."""
        cursor = self._cursor()
        try:
            return list(cursor.execute(sql).fetchall())
        finally:
            cursor.close()

    def count(self, definition: Definition, *, as_of: dt.date, unit: OrgUnit | None) -> tuple[int, int]:
        """(numerator, denominator) of a definition for the unit subtree on as_of: one DuckDB query."""
        prefix = unit.path if unit is not None else ""
        row = self.fetch(compiler.count_sql(definition, as_of=as_of, prefix=prefix))[0]
        return int(row[0]), int(row[1])

    def count_by_branch(
        self, definition: Definition, *, as_of: dt.date, parent: OrgUnit
    ) -> dict[str, tuple[int, int]]:
        """(numerator, denominator) per unit directly below parent (by path): one DuckDB query."""
        rows = self.fetch(compiler.branch_sql(definition, as_of=as_of, prefix=parent.path))
        return {branch: (int(n), int(d)) for branch, n, d in rows}


def _connection(path: Path) -> Any:
    import duckdb

    key = str(path)
    with _lock:
        duck = _opened.get(key)
        if duck is None:
            duck = duckdb.connect(key, read_only=True, config=_duck_config())
            _opened[key] = duck
        return duck


def _forget(*, broken: Path | None = None) -> None:
    """Close this process's connections to a file that failed to open and to builds since pruned."""
    with _lock:
        for key in [k for k in _opened if k == str(broken) or not Path(k).exists()]:
            try:
                _opened.pop(key).close()
            except Exception:  # already gone with its file
                logger.debug("closing %s failed", key, exc_info=True)


def open_current() -> Snapshot | None:
    """The complete snapshot the configured path points to, or None if none was built yet."""
    link = snapshot_path()
    for _attempt in range(3):  # a build may replace the file between resolving the link and opening it
        if not link.exists():
            return None
        real = link.resolve()
        try:
            rows = _connection(real).cursor().execute("SELECT key, value FROM snapshot_meta").fetchall()
        except Exception:
            _forget(broken=real)
            logger.debug("snapshot %s could not be opened", real, exc_info=True)
            continue
        _forget()
        meta = {key: json.loads(value) for key, value in rows}
        if meta.get("format") != FORMAT_VERSION:
            return None
        return Snapshot(
            path=real,
            data_as_of=dt.datetime.fromisoformat(meta["data_as_of"]),
            high_water=(int(meta["high_water"][0]), str(meta["high_water"][1])),
            built_at=dt.datetime.fromisoformat(meta["built_at"]),
            build_seconds=float(meta["build_seconds"]),
            vendor=str(meta["vendor"]),
            rows={k: int(v) for k, v in meta["rows"].items()},
        )
    return None


def high_water() -> tuple[int, str]:
    """The newest change in the audit trail (id and hash): every write through the services moves it.

    Reads are audited too (dossier views, exports, sign-ins, refusals); they change no figure, so they
    must not make the snapshot stale and start a rebuild."""
    from canbo.audit.models import AuditAction, AuditEvent

    changes = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)
    newest = AuditEvent.objects.filter(action__in=changes).order_by("-id").values_list("id", "hash").first()
    return (int(newest[0]), str(newest[1])) if newest else (0, "")


def current(*, mode: str | None = None) -> Snapshot | None:
    """The snapshot readers use now; when the records changed since it was built, refresh it as the
    refresh mode says. None when there is no snapshot yet (the engine then reads the database)."""
    mode = mode or refresh_mode()
    snapshot = open_current()
    if mode == "manual":
        return snapshot
    if snapshot is not None and snapshot.high_water == high_water():
        return snapshot
    if mode == "inline":
        return build(wait=True, force=False)
    start_background_refresh()
    return snapshot


def start_background_refresh() -> bool:
    """Start a refresh in a thread unless one is running in this process; True if one was started."""
    if _building.is_set():
        return False
    _building.set()

    def run() -> None:
        try:
            build(wait=False, force=False)
        except Exception:
            logger.exception("Analytics snapshot refresh failed")
        finally:
            _building.clear()
            connections.close_all()

    threading.Thread(target=run, name="analytics-refresh", daemon=True).start()
    return True


# -------------------------------------------------------------------------------------------- building


@contextmanager
def _build_lock(*, wait: bool) -> Iterator[bool]:
    """An exclusive lock on the snapshot's lock file; yields False if another build holds it (wait=False)."""
    lock_path = snapshot_path().with_name(snapshot_path().name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _read_transaction() -> Iterator[None]:
    """One consistent view of the database for the whole copy, without blocking writers."""
    if connection.in_atomic_block:  # already inside a transaction (tests, a caller's atomic block)
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":  # a deferred read transaction: a stable WAL snapshot, no write lock
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
        return
    with transaction.atomic():
        yield


def _columns(label: str) -> tuple[str, list[tuple[str, str]]]:
    model = apps.get_model(label)
    columns = []
    for name in TABLES[label]:
        model_field = model._meta.get_field(name)
        columns.append((model_field.column, DUCK_TYPES.get(model_field.get_internal_type(), "VARCHAR")))
    return model._meta.db_table, columns


def _copy_postgresql(table: str, columns: list[tuple[str, str]], out: Path) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c, _t in columns)
    with connection.cursor() as cursor, out.open("wb") as handle:
        copy_sql = f"COPY (SELECT {names} FROM {connection.ops.quote_name(table)}) TO STDOUT (FORMAT csv, NULL '{NULL}')"
        with cursor.cursor.copy(copy_sql) as copy:
            for chunk in copy:
                handle.write(chunk)


def _copy_rows(table: str, columns: list[tuple[str, str]], out: Path) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c, _t in columns)
    booleans = [i for i, (_c, kind) in enumerate(columns) if kind == "BOOLEAN"]
    with connection.cursor() as cursor, out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(table)}")
        while rows := cursor.fetchmany(CHUNK_ROWS):
            if booleans:
                rows = [list(row) for row in rows]
                for row in rows:
                    for i in booleans:
                        if row[i] is not None:
                            row[i] = "t" if row[i] else "f"
            writer.writerows([NULL if v is None else v for v in row] for row in rows)


def build(*, wait: bool = True, force: bool = True) -> Snapshot | None:
    """Build a new snapshot and make it current.

    With wait=False, return None at once if another build holds the lock; with force=False, return the
    current snapshot if it already contains the newest change (a build that finished while this one
    waited for the lock).
    """
    import duckdb

    link = snapshot_path()
    link.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(wait=wait) as locked:
        if not locked:
            return None
        previous = open_current()
        if not force and previous is not None and previous.high_water == high_water():
            return previous
        started = time.perf_counter()
        built_at = timezone.now()
        final = link.with_name(f"{link.stem}-{built_at:%Y%m%dT%H%M%S%f}{link.suffix or '.duckdb'}")
        partial = final.with_name(final.name + ".tmp")
        partial.unlink(missing_ok=True)
        try:
            duck = duckdb.connect(str(partial), config=_duck_config())
            try:
                meta = _fill(duck, scratch_parent=link.parent)
                meta["build_seconds"] = round(time.perf_counter() - started, 3)
                meta["built_at"] = built_at.isoformat()
                duck.execute("CREATE TABLE snapshot_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                duck.executemany(
                    "INSERT INTO snapshot_meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()]
                )
                duck.execute("CHECKPOINT")
            finally:
                duck.close()
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        _switch(link, final)
        _prune(link, keep={final, previous.path if previous else final})
        return open_current()


def _fill(duck: Any, *, scratch_parent: Path) -> dict[str, Any]:
    """Copy every table's columns into duck inside one read transaction; return the snapshot's metadata."""
    rows: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(dir=scratch_parent, prefix=".snapshot-csv-") as scratch,
        _read_transaction(),
    ):
        mark = high_water()
        data_as_of = timezone.now()
        for label in TABLES:
            table, columns = _columns(label)
            out = Path(scratch) / f"{table}.csv"
            if connection.vendor == "postgresql":
                _copy_postgresql(table, columns, out)
            else:
                _copy_rows(table, columns, out)
            spec = ", ".join(f"'{c}': '{t}'" for c, t in columns)
            duck.execute(f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns)})")
            duck.execute(
                f"INSERT INTO {table} SELECT * FROM read_csv('{out}', header = false, columns = {{{spec}}}, "
                f"nullstr = '{NULL}', quote = '\"', escape = '\"', auto_detect = false)"
            )
            out.unlink()
            rows[table] = int(duck.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    return {
        "format": FORMAT_VERSION,
        "data_as_of": data_as_of.isoformat(),
        "high_water": list(mark),
        "vendor": connection.vendor,
        "rows": rows,
    }


def _switch(link: Path, target: Path) -> None:
    """Point link at target atomically (a new symbolic link renamed over the old one)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target.name)
    os.replace(staging, link)


def _prune(link: Path, *, keep: set[Path]) -> None:
    """Remove older builds and leftovers of interrupted ones (open handles keep their file until closed)."""
    for candidate in link.parent.glob(f"{link.stem}-*"):
        if candidate not in keep and candidate.resolve() not in keep:
            candidate.unlink(missing_ok=True)
