"""Step 2: time the engine against the DuckDB reference, for the country and every province.

The engine runs on both of its backends over the same PostgreSQL data: on the analytics snapshot
(`canbo analytics_refresh`'s DuckDB file, built here and timed) and on PostgreSQL itself. The hand-written
reference runs on its own in-memory DuckDB loaded from a Parquet export. For each scope and date the runs
are interleaved (snapshot engine, reference, PostgreSQL engine) so that load from other work on the
machine falls on all alike; every figure of both backends must equal the reference's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import time
from typing import Any

from .env import DATA_DIR, DATES, PG_URL, django_setup
from .generate import say


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: list[float]) -> dict[str, float]:
    """Median, p95, min and max of a list of seconds."""
    return {
        "median": statistics.median(values),
        "p95": percentile(values, 95),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def load_average() -> float:
    """The one-minute load average (other engineers share the machine)."""
    return os.getloadavg()[0]


class Runner:
    """Runs the engine and the reference for a scope and a date."""

    def __init__(self) -> None:
        from canbo.programmes.models import Programme

        from . import reference

        self.programmes = list(Programme.objects.select_related("territory").order_by("code"))
        self.indicators = {p.code: list(p.indicators.order_by("position", "code")) for p in self.programmes}
        self.reference = reference
        self.duck: Any = None

    def engine(
        self, *, as_of: dt.date, unit: Any, backend: str = "snapshot"
    ) -> tuple[float, dict[str, tuple[int | None, int | None]]]:
        """Seconds for compute_programme of both programmes on a backend, and every (numerator, denominator)."""
        from django.conf import settings

        from canbo.programmes.engine import compute_programme

        settings.CANBO_ANALYTICS_BACKEND = backend
        started = time.perf_counter()
        results = [r for p in self.programmes for r in compute_programme(p, as_of=as_of, unit=unit)]
        seconds = time.perf_counter() - started
        return seconds, {r.indicator.code: (r.numerator, r.denominator) for r in results}

    def duckdb(
        self, *, as_of: dt.date, prefix: str
    ) -> tuple[float, dict[str, tuple[int | None, int | None]]]:
        """Seconds for every hand-written query of both programmes, and their results."""
        started = time.perf_counter()
        results = {
            code: self.reference.compute(self.duck, code, as_of=as_of, prefix=prefix)
            for code in self.reference.INDICATORS
        }
        return time.perf_counter() - started, results


def compare(engine: dict, duck: dict, *, scope: str, as_of: dt.date) -> list[str]:
    """Differences between the engine's and the reference's figures, as readable lines."""
    problems = []
    for code in sorted(set(engine) | set(duck)):
        if code not in duck or code not in engine or engine[code] != duck[code]:
            problems.append(f"{scope} {as_of}: {code} engine={engine.get(code)} duckdb={duck.get(code)}")
    return problems


def measure(
    *,
    repeats_national: int,
    repeats_province: int,
    threads: int,
    max_provinces: int = 34,
    repeats_postgres: int = 1,
) -> dict[str, Any]:
    """Run every scope and date; write DATA_DIR/measure.json; return it."""
    os.environ["CANBO_ANALYTICS_PATH"] = str(DATA_DIR / "analytics" / "snapshot.duckdb")
    os.environ["CANBO_ANALYTICS_THREADS"] = str(threads)
    os.environ["CANBO_ANALYTICS_REFRESH"] = "background"  # as in production: one "changed?" query per call
    django_setup(PG_URL)
    from canbo.org.models import OrgUnit
    from canbo.programmes.analytics import snapshot
    from canbo.programmes.engine import DATABASE, compute

    from . import reference

    runner = Runner()
    out: dict[str, Any] = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "threads": threads,
        "load_average": {"start": load_average()},
    }
    say("[measure] building the analytics snapshot (canbo analytics_refresh)")
    started = time.perf_counter()
    built = snapshot.build()
    assert built is not None
    out["snapshot"] = {
        "seconds": time.perf_counter() - started,
        "build_seconds": built.build_seconds,
        "rows": built.rows,
        "bytes": built.path.stat().st_size,
        "data_as_of": built.data_as_of.isoformat(),
    }
    say(f"  snapshot built in {built.build_seconds:.1f} s, {built.path.stat().st_size / 2**20:.0f} MB")
    say("[measure] exporting the reference's copy from PostgreSQL to Parquet")
    started = time.perf_counter()
    out["export_seconds"] = reference.export(PG_URL, DATA_DIR / "snapshot")
    out["export_total"] = time.perf_counter() - started
    started = time.perf_counter()
    runner.duck = reference.connect(DATA_DIR / "snapshot", threads=threads)
    out["duckdb_load_seconds"] = time.perf_counter() - started
    say(f"  export {out['export_total']:.1f} s, DuckDB load {out['duckdb_load_seconds']:.1f} s")

    territory = runner.programmes[0].territory
    provinces = list(OrgUnit.objects.filter(parent=territory).order_by("position"))[:max_provinces]
    scopes: list[tuple[str, Any, int]] = [("national", territory, repeats_national)]
    scopes += [(unit.name, unit, repeats_province) for unit in provinces]
    problems: list[str] = []
    runs: list[dict[str, Any]] = []
    for as_of in DATES:
        for name, unit, repeats in scopes:
            if name == "national" or unit is provinces[0]:  # warm every engine once per date
                runner.engine(as_of=as_of, unit=unit)
                runner.duckdb(as_of=as_of, prefix=unit.path)
            engine_s, duck_s, postgres_s = [], [], []
            for repetition in range(repeats):
                seconds, engine_figures = runner.engine(as_of=as_of, unit=unit)
                engine_s.append(seconds)
                seconds, duck_figures = runner.duckdb(as_of=as_of, prefix=unit.path)
                duck_s.append(seconds)
                problems += compare(engine_figures, duck_figures, scope=name, as_of=as_of)
                if repetition < repeats_postgres:
                    seconds, postgres_figures = runner.engine(as_of=as_of, unit=unit, backend="database")
                    postgres_s.append(seconds)
                    problems += compare(
                        postgres_figures, duck_figures, scope=f"{name} (PostgreSQL)", as_of=as_of
                    )
            runs.append(
                {
                    "scope": name,
                    "as_of": as_of.isoformat(),
                    "engine": engine_s,
                    "duckdb": duck_s,
                    "postgres": postgres_s,
                    "figures": {k: list(v) for k, v in engine_figures.items()},
                }
            )
            say(
                f"[measure] {as_of} {name:<28} snapshot {statistics.median(engine_s):6.3f} s  "
                f"duckdb {statistics.median(duck_s):6.3f} s  ratio "
                f"{statistics.median(engine_s) / statistics.median(duck_s):5.2f}  PostgreSQL "
                f"{statistics.median(postgres_s):6.2f} s  (load {load_average():.1f})"
            )
    out["runs"] = runs
    # Where the time goes: each indicator alone, for the whole country.
    source = snapshot.open_current()
    breakdown = []
    for as_of in DATES:
        for programme in runner.programmes:
            for indicator in runner.indicators[programme.code]:
                indicator.programme = programme
                engine_s, duck_s = [], []
                for _ in range(3):
                    started = time.perf_counter()
                    compute(indicator, as_of=as_of, source=source)
                    engine_s.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    reference.compute(runner.duck, indicator.code, as_of=as_of, prefix=territory.path)
                    duck_s.append(time.perf_counter() - started)
                started = time.perf_counter()
                compute(indicator, as_of=as_of, source=DATABASE)
                postgres = time.perf_counter() - started
                breakdown.append(
                    {
                        "indicator": indicator.code,
                        "as_of": as_of.isoformat(),
                        "engine": statistics.median(engine_s),
                        "duckdb": statistics.median(duck_s),
                        "postgres": postgres,
                    }
                )
    out["breakdown"] = breakdown
    out["problems"] = problems
    out["load_average"]["end"] = load_average()
    out["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    (DATA_DIR / "measure.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    if problems:
        say("[measure] MISMATCHES between the engine and DuckDB:")
        for line in problems:
            say(f"  {line}")
    else:
        say("[measure] every figure of the engine (snapshot and PostgreSQL) equals the DuckDB reference")
    return out
