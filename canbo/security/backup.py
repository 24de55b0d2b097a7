"""Backup and restore of the whole database (SQLite or PostgreSQL) with a manifest that guards restores.

A backup is an uncompressed tar archive holding two members:

* ``manifest.json`` — format version, database vendor, applied migrations, creation time, row counts of
  every canbo table and the SHA-256 of the payload;
* the payload — ``database.sqlite3.gz`` (a gzipped copy made with SQLite's online backup API) or
  ``database.pgdump`` (``pg_dump --format=custom``, compressed by pg_dump itself).

The counts and the migration list are read from the same snapshot as the payload, so a restore can be
verified table by table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
PAYLOAD_NAMES = {"sqlite": "database.sqlite3.gz", "postgresql": "database.pgdump"}
SUPPORTED_VENDORS = tuple(PAYLOAD_NAMES)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Vietnamese)."""


def counted_tables() -> list[str]:
    """Tables whose row counts go into the manifest: every concrete model of canbo, and the users."""
    tables: set[str] = set()
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if model.__module__.startswith("canbo.") or meta.label_lower == settings.AUTH_USER_MODEL.lower():
            tables.add(meta.db_table)
    return sorted(tables)


def _snapshot_facts(cursor: Any, connection: Any) -> dict[str, Any]:
    """Applied migrations and row counts read through one cursor (one consistent snapshot)."""
    existing = set(connection.introspection.table_names(cursor))
    migrations: list[str] = []
    if "django_migrations" in existing:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    counts: dict[str, int] = {}
    for table in counted_tables():
        if table not in existing:  # an app migrated later than this database
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return {"migrations": migrations, "row_counts": counts}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_backup_path(vendor: str) -> Path:
    """var/backups/canbo-<vendor>-<yyyymmdd-hhmmss>.tar (CANBO_BACKUP_DIR overrides the folder)."""
    folder = Path(getattr(settings, "CANBO_BACKUP_DIR", "") or Path(settings.VAR_DIR) / "backups")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"canbo-{vendor}-{stamp}.tar"


def _connection(using: str) -> Any:
    connection = connections[using]
    if connection.vendor not in SUPPORTED_VENDORS:
        raise BackupError(_("Chưa hỗ trợ sao lưu CSDL loại %(vendor)s.") % {"vendor": connection.vendor})
    return connection


# --- PostgreSQL client tools -------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of pg_dump/pg_restore, or a clear error when the PostgreSQL client tools are missing."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "Không tìm thấy lệnh %(tool)s. Hãy cài công cụ khách của PostgreSQL cùng phiên bản với máy chủ "
                "(Debian/Ubuntu: apt-get install postgresql-client)."
            )
            % {"tool": name}
        )
    return path


def pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """Environment for the libpq tools: the password goes in PGPASSWORD, never on the command line."""
    env = os.environ.copy()
    values = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": settings_dict.get("NAME") or "",
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode", ""),
    }
    for key, value in values.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("Lệnh %(tool)s thất bại (mã %(code)d): %(stderr)s")
            % {"tool": Path(command[0]).name, "code": result.returncode, "stderr": result.stderr.strip()}
        )


# --- Backup --------------------------------------------------------------------------------------------


def backup_create(*, output: Path | None = None, using: str = "default") -> tuple[Path, dict[str, Any]]:
    """Write a backup archive of the database and return its path and manifest."""
    connection = _connection(using)
    vendor = connection.vendor
    output = Path(output) if output else default_backup_path(vendor)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="canbo-backup-") as tmp:
        payload = Path(tmp) / PAYLOAD_NAMES[vendor]
        if vendor == "sqlite":
            facts = _sqlite_dump(connection, payload)
        else:
            facts = _postgres_dump(connection, payload)
        manifest = {
            "format": "canbo-backup",
            "format_version": FORMAT_VERSION,
            "vendor": vendor,
            "created_at": timezone.now().isoformat(),
            "database": str(connection.settings_dict.get("NAME") or ""),
            "payload": payload.name,
            "payload_sha256": _sha256(payload),
            **facts,
        }
        partial = output.with_name(output.name + ".partial")
        # Backups hold every dossier: readable by the owner only, from the first byte.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(payload, arcname=payload.name)
        partial.replace(output)
    return output, manifest


def _sqlite_dump(connection: Any, payload: Path) -> dict[str, Any]:
    """Copy the live SQLite database with the online backup API, read its facts, then gzip it."""
    if connection.settings_dict["NAME"] in ("", ":memory:") or "mode=memory" in str(
        connection.settings_dict["NAME"]
    ):
        raise BackupError(_("Không sao lưu được CSDL SQLite trong bộ nhớ."))
    connection.ensure_connection()
    copy = payload.with_suffix("")  # database.sqlite3
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
        target.commit()
        facts = _snapshot_facts(target.cursor(), connection)
    finally:
        target.close()
    with copy.open("rb") as source, gzip.open(payload, "wb", compresslevel=6) as sink:
        shutil.copyfileobj(source, sink)
    copy.unlink()
    return facts


def _postgres_dump(connection: Any, payload: Path) -> dict[str, Any]:
    """Run pg_dump on an exported snapshot, so that the manifest describes exactly what was dumped."""
    tool = pg_tool("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = _snapshot_facts(cursor, connection)
        _run(
            [tool, "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={payload}"],
            pg_env(connection.settings_dict),
        )
    return facts


# --- Restore -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[tuple[dict[str, Any], tarfile.TarFile]]:
    if not path.is_file():
        raise BackupError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": path})
    try:
        archive = tarfile.open(path, mode="r")  # noqa: SIM115 - closed by the `with` below
    except tarfile.TarError as exc:
        raise BackupError(_("Tệp %(path)s không phải tệp sao lưu của canbo.") % {"path": path}) from exc
    with archive:
        try:
            member = archive.extractfile(MANIFEST_NAME)
            manifest = json.loads(member.read().decode("utf-8")) if member else None
        except (KeyError, ValueError):
            manifest = None
        if not isinstance(manifest, dict) or manifest.get("format") != "canbo-backup":
            raise BackupError(_("Tệp %(path)s không phải tệp sao lưu của canbo.") % {"path": path})
        yield manifest, archive


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup archive."""
    with _opened(Path(path)) as (manifest, _archive):
        return manifest


def manifest_problems(manifest: dict[str, Any], *, using: str = "default") -> list[str]:
    """Why this backup cannot be restored here (another vendor, a newer format or schema); empty if it can."""
    connection = connections[using]
    problems: list[str] = []
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        problems.append(
            _(
                "Tệp sao lưu có định dạng phiên bản %(found)s, mới hơn phiên bản phần mềm này đọc được (%(known)s)."
            )
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    if manifest.get("vendor") != connection.vendor:
        problems.append(
            _("Tệp sao lưu của CSDL %(found)s, không khôi phục được vào CSDL %(here)s.")
            % {"found": manifest.get("vendor"), "here": connection.vendor}
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    unknown = sorted(set(manifest.get("migrations", [])) - known)
    if unknown:
        problems.append(
            _(
                "Tệp sao lưu được tạo từ phiên bản canbo mới hơn (cấu trúc CSDL có các migration chưa có ở đây: "
                "%(names)s). Hãy nâng cấp phần mềm trước khi khôi phục."
            )
            % {"names": ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")}
        )
    return problems


def database_is_empty(using: str = "default") -> bool:
    """Whether the target database has no tables, or only empty ones."""
    connection = connections[using]
    tables = connection.introspection.table_names()
    if not tables:
        return True
    with connection.cursor() as cursor:
        for table in tables:
            if table == "django_migrations":
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


def backup_restore(*, path: Path, using: str = "default", overwrite: bool = False) -> dict[str, Any]:
    """Restore a backup archive into the database, then check every table's row count against the manifest."""
    connection = _connection(using)
    with _opened(Path(path)) as (manifest, archive):
        problems = manifest_problems(manifest, using=using)
        if problems:
            raise BackupError(" ".join(problems))
        if not overwrite and not database_is_empty(using):
            raise BackupError(
                _("CSDL đích đã có dữ liệu. Thêm --yes để ghi đè toàn bộ bằng dữ liệu trong tệp sao lưu.")
            )
        with tempfile.TemporaryDirectory(prefix="canbo-restore-") as tmp:
            payload = Path(tmp) / PAYLOAD_NAMES[connection.vendor]
            member = archive.extractfile(manifest.get("payload", payload.name))
            if member is None:
                raise BackupError(_("Tệp sao lưu thiếu phần dữ liệu."))
            with payload.open("wb") as sink:
                shutil.copyfileobj(member, sink)
            if _sha256(payload) != manifest.get("payload_sha256"):
                raise BackupError(_("Tệp sao lưu bị hỏng (mã kiểm tra SHA-256 không khớp)."))
            if connection.vendor == "sqlite":
                _sqlite_load(connection, payload)
            else:
                _postgres_load(connection, payload)
    connection.close()
    with connection.cursor() as cursor:
        facts = _snapshot_facts(cursor, connection)
    expected = manifest.get("row_counts", {})
    wrong = {table: (count, facts["row_counts"].get(table)) for table, count in expected.items()}
    wrong = {table: pair for table, pair in wrong.items() if pair[0] != pair[1]}
    if wrong:
        detail = ", ".join(f"{table}: {want} ≠ {got}" for table, (want, got) in sorted(wrong.items())[:5])
        raise BackupError(
            _("Khôi phục xong nhưng số dòng không khớp tệp sao lưu: %(detail)s") % {"detail": detail}
        )
    return manifest


def _sqlite_load(connection: Any, payload: Path) -> None:
    """Copy the backup over the SQLite file page by page (the backup API also clears the WAL)."""
    name = str(connection.settings_dict["NAME"])
    if name in ("", ":memory:") or "mode=memory" in name:
        raise BackupError(_("Không khôi phục được vào CSDL SQLite trong bộ nhớ."))
    copy = payload.with_suffix("")
    with gzip.open(payload, "rb") as source, copy.open("wb") as sink:
        shutil.copyfileobj(source, sink)
    connection.close()
    source_db = sqlite3.connect(copy)
    target_db = sqlite3.connect(name, timeout=20)
    try:
        source_db.backup(target_db)
        target_db.commit()
    finally:
        source_db.close()
        target_db.close()


def _postgres_load(connection: Any, payload: Path) -> None:
    """pg_restore in one transaction: a failure leaves the database as it was."""
    tool = pg_tool("pg_restore")
    env = pg_env(connection.settings_dict)
    connection.close()
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={env.get('PGDATABASE', '')}",
            str(payload),
        ],
        env,
    )


def describe(manifest: dict[str, Any]) -> str:
    """A one-line summary of a manifest for command output."""
    created = manifest.get("created_at", "")
    with contextlib.suppress(ValueError):
        created = timezone.localtime(dt.datetime.fromisoformat(created)).strftime("%d/%m/%Y %H:%M:%S")
    people = manifest.get("row_counts", {}).get("people_person", "?")
    return _("CSDL %(vendor)s, tạo lúc %(created)s, %(migrations)d migration, %(people)s hồ sơ cán bộ.") % {
        "vendor": manifest.get("vendor"),
        "created": created,
        "migrations": len(manifest.get("migrations", [])),
        "people": people,
    }
