"""Steps `demo` and `import`: the demo build and the workbook import, each timed in its own process.

* demo: `canbo demo` on a fresh SQLite file that was migrated and given the code lists and localities
  first (not timed): wall time, CPU (user + system) and peak memory of the command's process, from
  `os.wait4`, and the build time the command reports.
* import: bench/import_bench.py (the import's own benchmark, maintained with the importer) on SQLite,
  in its own data directory; its JSON result is kept as it wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from typing import Any

from .env import BENCH_DIR, DATA_DIR, REPO
from .generate import say
from .measure import load_average

CANBO = [sys.executable, "-c", "from canbo.cli import main; main()"]


def _env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "CANBO_DEBUG": "0",
            "CANBO_ANALYTICS_REFRESH": "manual",
        }
    )
    return env


def demo(*, scale: float = 1.0, seed: int = 2020) -> dict[str, Any]:
    """Time `canbo demo` on a fresh migrated SQLite file; write DATA_DIR/demo.json."""
    import resource

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "demo.sqlite3"
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    env = _env(f"sqlite:///{path}")
    say("[demo] migrating a fresh SQLite file, loading code lists and localities (not timed)")
    for step in (["migrate", "-v0"], ["load_reference"], ["geo_load"]):
        subprocess.run([*CANBO, *step], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    say(f"[demo] canbo demo --seed {seed} --scale {scale}")
    started = time.perf_counter()
    result = subprocess.run(
        [*CANBO, "demo", "--seed", str(seed), "--scale", str(scale)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reported = re.search(r"trong ([\d.,]+) giây", result.stdout)
    out = {
        "measured": dt.datetime.now().isoformat(timespec="minutes"),
        "seed": seed,
        "scale": scale,
        "returncode": result.returncode,
        "wall_seconds": wall,
        "user_seconds": after.ru_utime - before.ru_utime,
        "system_seconds": after.ru_stime - before.ru_stime,
        # ru_maxrss of the children is the largest of them; the demo build is by far the largest here.
        "peak_rss_mb": after.ru_maxrss / 1024,
        "reported_seconds": float(reported.group(1).replace(".", "").replace(",", ".")) if reported else None,
        "load_average": load_average(),
        "output": result.stdout[-4000:] + result.stderr[-2000:],
    }
    (DATA_DIR / "demo.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    say(
        f"[demo] wall {wall:.1f} s, CPU {out['user_seconds']:.1f} + {out['system_seconds']:.1f} s, "
        f"peak {out['peak_rss_mb']:.0f} MB, exit {result.returncode}"
    )
    return out


def import_step(*, people: int | None = None) -> dict[str, Any]:
    """Run bench/import_bench.py on SQLite and keep its JSON (DATA_DIR/import/import-bench-sqlite.json)."""
    command = [sys.executable, str(BENCH_DIR / "import_bench.py")]
    if people:
        command += ["--people", str(people)]
    say(f"[import] {' '.join(command[1:])}")
    started = time.perf_counter()
    # Its own data directory, so that this run neither disturbs nor reads someone's runs of the script.
    directory = DATA_DIR / "import"
    directory.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CANBO_ANALYTICS_REFRESH": "manual", "CANBO_BENCH_DATA": str(directory)}
    result = subprocess.run(command, cwd=REPO, env=env, text=True)
    wall = time.perf_counter() - started
    path = directory / "import-bench-sqlite.json"
    out = {"returncode": result.returncode, "wall_seconds": wall, "load_average": load_average()}
    (DATA_DIR / "import-run.json").write_text(json.dumps(out, indent=2))
    if result.returncode == 0 and path.exists():
        out["result"] = json.loads(path.read_text())
    return out
