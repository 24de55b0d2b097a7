"""Backup and restore round trips: restore into an empty database and compare with the source."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

from canbo.security.backup import FORMAT_VERSION, BackupError, backup_restore, manifest_problems

ROOT = Path(__file__).resolve().parents[3]
PG_SERVER = os.environ.get("CANBO_BACKUP_TEST_PG", "postgres://postgres@127.0.0.1:5432")
MAKE_DATA = """
import datetime as dt
import django
django.setup()
from canbo.core import testing as t
root = t.unit("Tỉnh ủy Lào Cai")
office = t.unit("Sở Nội vụ", parent=root)
post = t.title("Chuyên viên")
for index, name in enumerate(["Nguyễn Thị Hằng", "Trần Văn Nam", "Lò Văn Páo", "Giàng Thị Mỷ"]):
    who = t.person(name, birth_date=dt.date(1975 + index, 3, 1 + index))
    t.assign(who, office, post, dt.date(2015 + index, 1, 1))
t.make_user("chuyenvien")
"""


def _canbo(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "canbo.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _make_data(database_url: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", MAKE_DATA], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr


def _round_trip(src_url: str, dst_url: str, archive: Path, snapshot: Any) -> None:
    """Migrate and fill the source, back it up, restore into the empty target, compare both."""
    _canbo(src_url, "migrate", "-v0")
    _make_data(src_url)
    out = _canbo(src_url, "backup", "--output", str(archive))
    assert "4 hồ sơ cán bộ" in out.stdout
    assert archive.stat().st_mode & 0o077 == 0  # owner-only
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["row_counts"]["people_person"] == 4
    assert "people.0001_initial" in manifest["migrations"]
    _canbo(dst_url, "restore", str(archive))
    source, target = snapshot(src_url), snapshot(dst_url)
    assert source["counts"] == target["counts"]
    assert source["people"] == target["people"]
    # Restoring again over data needs --yes.
    refused = _canbo(dst_url, "restore", str(archive), check=False)
    assert refused.returncode != 0 and "--yes" in refused.stderr
    _canbo(dst_url, "restore", str(archive), "--yes")
    assert snapshot(dst_url)["people"] == source["people"]


def _digest(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_sqlite_round_trip(tmp_path: Path) -> None:
    def snapshot(url: str) -> dict[str, Any]:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            tables = [
                row[0]
                for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            ]
            counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
            people = db.execute("SELECT * FROM people_person ORDER BY id").fetchall()
        return {"counts": counts, "people": _digest(people)}

    _round_trip(
        f"sqlite:///{tmp_path}/src.sqlite3", f"sqlite:///{tmp_path}/dst.sqlite3", tmp_path / "b.tar", snapshot
    )


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and did not answer at {PG_SERVER}: {exc}")
        pytest.skip(
            f"PostgreSQL did not answer at {PG_SERVER} (needed for the pg_dump/pg_restore round trip)."
        )


def test_postgres_round_trip(tmp_path: Path) -> None:
    import psycopg

    admin = _pg_admin()
    names = ["canbo_bk_src", "canbo_bk_dst"]
    with admin:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
        try:

            def snapshot(url: str) -> dict[str, Any]:
                with psycopg.connect(url) as db:
                    tables = [
                        row[0]
                        for row in db.execute(
                            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                        )
                    ]
                    counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]
                    people = db.execute("SELECT * FROM people_person ORDER BY id").fetchall()
                return {"counts": counts, "people": _digest(people)}

            _round_trip(f"{PG_SERVER}/{names[0]}", f"{PG_SERVER}/{names[1]}", tmp_path / "b.tar", snapshot)
        finally:
            for name in names:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _archive(tmp_path: Path, **manifest: Any) -> Path:
    path = tmp_path / "fake.tar"
    base = {"format": "canbo-backup", "format_version": FORMAT_VERSION, "migrations": [], "payload": "x"}
    data = json.dumps({**base, **manifest}).encode()
    with tarfile.open(path, "w") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.django_db
def test_it_refuses_a_backup_of_another_vendor(tmp_path: Path) -> None:
    from django.db import connection

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(BackupError, match=f"CSDL {other}, không khôi phục được"):
        backup_restore(path=_archive(tmp_path, vendor=other))


@pytest.mark.django_db
def test_it_refuses_a_backup_of_a_newer_schema(tmp_path: Path) -> None:
    from django.db import connection

    problems = manifest_problems(
        {"vendor": connection.vendor, "format_version": FORMAT_VERSION, "migrations": ["people.9999_future"]}
    )
    assert len(problems) == 1 and "people.9999_future" in problems[0] and "mới hơn" in problems[0]
    assert manifest_problems(
        {"vendor": connection.vendor, "format_version": FORMAT_VERSION + 1, "migrations": []}
    )


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("không phải bản sao lưu")
    with pytest.raises(BackupError, match="không phải tệp sao lưu"):
        backup_restore(path=path)
