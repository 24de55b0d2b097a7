"""Step 1: create a database, migrate it, and fill it with a deterministic national (or provincial) data set."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from .env import DATA_DIR, REPO, django_setup


def say(text: str) -> None:
    """Progress on stdout, flushed (the run is long)."""
    print(text, flush=True)


def database_recreate(url: str) -> None:
    """Drop and create the PostgreSQL database, or delete the SQLite file."""
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(url: str) -> None:
    """Run the project's migrations against url, as a developer would."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)


def generate(*, url: str, scale: float, provinces: list[str] | None, seed: int, label: str) -> dict:
    """Build the data set into url and write DATA_DIR/generate-<label>.json with timings and counts."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    say(f"[generate:{label}] recreating and migrating {url}")
    database_recreate(url)
    migrate(url)
    timings["create and migrate"] = time.perf_counter() - started
    django_setup(url)
    from canbo.geo.services import localities_load
    from canbo.org.models import OrgUnit
    from canbo.programmes.services import programmes_load
    from canbo.reference.loader import reference_load

    from .careers import careers_simulate
    from .load import pg_load, sqlite_load
    from .records import (
        assignments_table,
        bodies_tables,
        people_table,
        qualifications_table,
        reference_read,
        units_table,
    )
    from .structure import structure_build, titles_read

    step = time.perf_counter()
    say(
        f"[generate:{label}] loading localities (QĐ 124/2004, QĐ 19/2025, crosswalk) and reference code lists"
    )
    localities_load()
    reference_load()
    timings["localities and reference data"] = time.perf_counter() - step

    step = time.perf_counter()
    say(f"[generate:{label}] building units and seats")
    titles = titles_read()
    structure = structure_build(scale=scale, provinces=provinces)
    say(f"  {len(structure.units['id']):,} units, {len(structure.seats['unit']):,} seats")
    say(f"[generate:{label}] simulating careers 1990–2026")
    careers = careers_simulate(structure, titles, seed=seed, progress=say)
    rng = np.random.default_rng(seed + 1)
    ref = reference_read()
    say(f"[generate:{label}] people, qualifications, elected bodies")
    sole = {pk for code, pk in titles.ids.items() if titles.is_sole[code]}
    tables = {
        "org_orgunit": units_table(structure),
        "people_person": people_table(careers, structure, ref, rng),
        "posts_assignment": assignments_table(careers, structure, sole),
        "people_qualification": qualifications_table(careers, ref, rng),
        **bodies_tables(careers, structure, rng),
    }
    timings["generate rows (numpy)"] = time.perf_counter() - step
    counts = {table: len(columns["id"]) for table, columns in tables.items()}
    for table, count in counts.items():
        say(f"  {table}: {count:,}")
    del careers

    step = time.perf_counter()
    say(f"[generate:{label}] loading")
    if url.startswith("sqlite"):
        load_timings = sqlite_load(tables, progress=say)
    else:
        load_timings = pg_load(url, tables, progress=say)
    timings["load (COPY, indexes, constraints, VACUUM ANALYZE)"] = time.perf_counter() - step
    del tables

    step = time.perf_counter()
    if provinces is None:
        territory = OrgUnit.objects.get(pk=structure.national_root)
    else:
        territory = OrgUnit.objects.get(pk=structure.province_roots[0])
    programmes_load(territories={"LC-18": territory, "HG-NQ": territory})
    timings["programmes"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    result = {
        "label": label,
        "url": url,
        "scale": scale,
        "seed": seed,
        "provinces": provinces,
        "national_root": structure.national_root,
        "province_roots": structure.province_roots,
        "counts": counts,
        "timings": timings,
        "load_timings": load_timings,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    (DATA_DIR / f"generate-{label}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    say(f"[generate:{label}] done in {timings['total']:.0f} s")
    return result
