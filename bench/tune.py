"""Step 3: database-side improvements, each measured on its own, then together; and prototypes of engine changes.

Settings apply to the benchmark's session only; indexes are created, measured and dropped again, so
the database ends as the migrations left it. Every run's figures are checked against the baseline.
The whole country is timed `repeats` times per configuration and date; three sample provinces
(largest, median, smallest) once each, which is enough to see the direction of a change.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from dataclasses import dataclass
from typing import Any

from .env import DATA_DIR, DATES, PG_URL, django_setup
from .generate import say
from .measure import load_average


@dataclass(frozen=True)
class Experiment:
    """A configuration to time: session settings, extra indexes, and which code computes the figures."""

    name: str
    why: str
    settings: tuple[str, ...] = ()
    indexes: tuple[str, ...] = ()
    runner: str = "engine"  # engine | titles_as_ids | one_query_per_source


JIT_OFF = "SET jit = off"
WORK_MEM = "SET work_mem = '256MB'"
PAGE_COST = "SET random_page_cost = 1.1"
ASSIGNMENT_COVER = (
    "CREATE INDEX bench_assignment_title_cover ON posts_assignment (title_id, valid_from) "
    "INCLUDE (valid_to, person_id, unit_id, is_concurrent)"
)
QUALIFICATION_COVER = (
    "CREATE INDEX bench_qualification_person_cover ON people_qualification "
    "(person_id, kind, obtained_on) INCLUDE (level_id)"
)
PERSON_COVER = (
    "CREATE INDEX bench_person_cover ON people_person (id) "
    "INCLUDE (birth_date, sex, staff_category, ethnicity_id, home_town_id, birthplace_id)"
)
MEMBERSHIP_COVER = (
    "CREATE INDEX bench_membership_cover ON org_membership (valid_from) "
    "INCLUDE (valid_to, term_id, person_id)"
)
ALL_SETTINGS = (JIT_OFF, WORK_MEM, PAGE_COST)
ALL_INDEXES = (ASSIGNMENT_COVER, QUALIFICATION_COVER, PERSON_COVER, MEMBERSHIP_COVER)

EXPERIMENTS = [
    Experiment("baseline", "schema as migrated, after VACUUM ANALYZE; server defaults"),
    Experiment(
        "jit off", "JIT compiles every big aggregate query (0.1–0.7 s each, see the plans)", (JIT_OFF,)
    ),
    Experiment("work_mem 256MB", "hash joins and DISTINCT sorts in memory", (WORK_MEM,)),
    Experiment(
        "random_page_cost 1.1",
        "data is in memory/SSD: lets the planner use indexes for a province",
        (PAGE_COST,),
    ),
    Experiment(
        "covering index: assignments by title",
        "index-only scans of a population",
        indexes=(ASSIGNMENT_COVER,),
    ),
    Experiment(
        "covering index: qualifications by person",
        "index-only EXISTS probes (the migrations' (person, kind, obtained_on) index plus level_id)",
        indexes=(QUALIFICATION_COVER,),
    ),
    Experiment(
        "covering index: person attributes",
        "read 6 narrow columns instead of the wide person rows",
        indexes=(PERSON_COVER,),
    ),
    Experiment(
        "covering index: memberships by date", "index-only scan of seats", indexes=(MEMBERSHIP_COVER,)
    ),
    Experiment("all settings + all indexes", "everything above together", ALL_SETTINGS, ALL_INDEXES),
    Experiment(
        "prototype: titles as ids (+ all)",
        "engine change: resolve title filters to ids first",
        ALL_SETTINGS,
        ALL_INDEXES,
        runner="titles_as_ids",
    ),
    Experiment(
        "prototype: one query per source (+ all)",
        "engine change: one aggregate per source and date",
        ALL_SETTINGS,
        ALL_INDEXES,
        runner="one_query_per_source",
    ),
]


def _figures(runner: str, programmes: list[Any], *, as_of: dt.date, unit: Any) -> dict[str, Any]:
    from canbo.programmes.engine import compute_programme

    from . import variants

    figures: dict[str, Any] = {}
    for programme in programmes:
        if runner == "engine":
            figures.update(
                {
                    r.indicator.code: (r.numerator, r.denominator)
                    for r in compute_programme(programme, as_of=as_of, unit=unit)
                }
            )
        else:
            figures.update(getattr(variants, runner)(programme, as_of=as_of, unit=unit))
    return figures


def plans(programmes: list[Any], *, as_of: dt.date) -> list[dict[str, Any]]:
    """EXPLAIN ANALYZE of each indicator's main query for the whole country: total, JIT and top node."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from canbo.programmes.engine import compute

    rows = []
    for programme in programmes:
        for indicator in programme.indicators.order_by("position", "code"):
            indicator.programme = programme
            with CaptureQueriesContext(connection) as captured:
                compute(indicator, as_of=as_of)
            if not captured.captured_queries:
                continue
            sql = max(captured.captured_queries, key=lambda q: float(q["time"]))["sql"]
            if not sql.startswith("SELECT COUNT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            jit = plan.get("JIT", {}).get("Timing", {}).get("Total", 0.0)
            jit = jit if isinstance(jit, float | int) else jit.get("Total", 0.0)
            rows.append(
                {
                    "indicator": indicator.code,
                    "execution_ms": plan["Execution Time"],
                    "jit_ms": jit,
                    "nodes": _scan_summary(plan["Plan"]),
                }
            )
    return rows


def _scan_summary(node: dict[str, Any]) -> list[str]:
    """The scans of a plan with rows and loops, e.g. "Seq Scan on posts_assignment ×1 → 923184 rows"."""
    found = []
    if "Scan" in node.get("Node Type", ""):
        relation = node.get("Relation Name", node.get("Index Name", ""))
        name = f"{node['Node Type']} on {relation}" + (
            f" ({node['Index Name']})" if node.get("Index Name") else ""
        )
        found.append(f"{name} ×{node.get('Actual Loops', 1)} → {int(node.get('Actual Rows', 0))} rows")
    for child in node.get("Plans", []):
        found.extend(_scan_summary(child))
    return found


def tune(*, repeats: int, sample_provinces: int) -> dict[str, Any]:
    """Run every experiment; write DATA_DIR/tune.json."""
    django_setup(PG_URL)
    from django.db import connection

    from canbo.org.models import OrgUnit
    from canbo.programmes.models import Programme

    programmes = list(Programme.objects.select_related("territory").order_by("code"))
    territory = programmes[0].territory
    provinces = list(OrgUnit.objects.filter(parent=territory).order_by("position"))
    sizes = sorted(provinces, key=lambda u: OrgUnit.objects.filter(path__startswith=u.path).count())
    sample = [sizes[-1], sizes[len(sizes) // 2], sizes[0]][:sample_provinces]
    scopes = [("national", territory)] + [(unit.name, unit) for unit in sample]
    out: dict[str, Any] = {"scopes": [name for name, _unit in scopes], "experiments": [], "problems": []}
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    for experiment in EXPERIMENTS:
        with connection.cursor() as cursor:
            cursor.execute("RESET ALL")
            for statement in experiment.settings:
                cursor.execute(statement)
            built = []
            for statement in experiment.indexes:
                started = time.perf_counter()
                cursor.execute(statement)
                name, table = statement.split()[2], statement.split()[4]
                cursor.execute(f"ANALYZE {table}")
                cursor.execute("SELECT pg_relation_size(%s)", [name])
                built.append(
                    {"name": name, "seconds": time.perf_counter() - started, "bytes": cursor.fetchone()[0]}
                )
        timings: dict[str, dict[str, list[float]]] = {}
        for as_of in DATES:
            for name, unit in scopes:
                if experiment is EXPERIMENTS[0] and name == "national":
                    _figures(experiment.runner, programmes, as_of=as_of, unit=unit)  # warm the caches once
                seconds = []
                for _ in range(repeats if name == "national" else 1):
                    started = time.perf_counter()
                    figures = _figures(experiment.runner, programmes, as_of=as_of, unit=unit)
                    seconds.append(time.perf_counter() - started)
                key = (name, as_of.isoformat())
                expected.setdefault(key, figures)
                if figures != expected[key]:
                    out["problems"].append(
                        f"{experiment.name}: {name} {as_of} figures differ from the baseline"
                    )
                timings.setdefault(name, {})[as_of.isoformat()] = seconds
        record = {
            "name": experiment.name,
            "why": experiment.why,
            "settings": list(experiment.settings),
            "indexes": built,
            "runner": experiment.runner,
            "timings": timings,
            "load_average": load_average(),
        }
        if experiment.name in ("baseline", "all settings + all indexes"):
            record["plans"] = plans(programmes, as_of=DATES[0])
        with connection.cursor() as cursor:
            for index in built:
                cursor.execute(f"DROP INDEX {index['name']}")
        out["experiments"].append(record)
        national = timings["national"]
        say(
            f"[tune] {experiment.name:<45} national "
            + "  ".join(f"{day}: {statistics.median(values):6.2f} s" for day, values in national.items())
            + f"  (load {load_average():.1f})"
        )
    with connection.cursor() as cursor:
        cursor.execute("RESET ALL")
    (DATA_DIR / "tune.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    for line in out["problems"]:
        say(f"[tune] MISMATCH {line}")
    return out
