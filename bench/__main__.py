"""`python -m bench <step>`: the benchmark's steps, or `all` of them in order (each in its own process)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from .env import PG_URL, REPO, SEED, SQLITE_PATH

STEPS = ("generate", "measure", "province", "dashboard", "demo", "import", "web", "tune", "report")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one step, or all of them."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("step", choices=(*STEPS, "all"))
    parser.add_argument(
        "--scale", type=float, default=1.0, help="staff posts multiplier for the national data set"
    )
    parser.add_argument(
        "--province", default="15", help="new province code for the SQLite data set (15 = Lào Cai)"
    )
    parser.add_argument(
        "--province-scale", type=float, default=0.38, help="scale for the SQLite province (~30,000 people)"
    )
    parser.add_argument("--repeats-national", type=int, default=3)
    parser.add_argument("--repeats-province", type=int, default=2)
    parser.add_argument(
        "--repeats-postgres", type=int, default=1, help="runs of the engine on PostgreSQL per scope and date"
    )
    parser.add_argument("--repeats-tune", type=int, default=3)
    parser.add_argument("--demo-scale", type=float, default=1.0, help="scale of the timed `canbo demo`")
    parser.add_argument("--repeats-dashboard", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (the machine has 2 cores)")
    parser.add_argument(
        "--max-provinces", type=int, default=34, help="measure only the first N provinces (quick runs)"
    )
    parser.add_argument(
        "--skip", action="append", default=[], choices=STEPS, help="with `all`: leave a step out"
    )
    args = parser.parse_args(argv)
    if args.step == "all":
        return _all(args, argv if argv is not None else sys.argv[1:])
    if args.step == "generate":
        from .generate import generate

        generate(url=PG_URL, scale=args.scale, provinces=None, seed=SEED, label="national")
    elif args.step == "province":
        from .generate import generate

        generate(
            url=f"sqlite:///{SQLITE_PATH}",
            scale=args.province_scale,
            provinces=[args.province],
            seed=SEED,
            label="province",
        )
    elif args.step == "measure":
        from .measure import measure

        result = measure(
            repeats_national=args.repeats_national,
            repeats_province=args.repeats_province,
            threads=args.threads,
            max_provinces=args.max_provinces,
            repeats_postgres=args.repeats_postgres,
        )
        return 1 if result["problems"] else 0
    elif args.step == "demo":
        from .builds import demo

        return 1 if demo(scale=args.demo_scale)["returncode"] else 0
    elif args.step == "import":
        from .builds import import_step

        return 1 if import_step()["returncode"] else 0
    elif args.step == "web":
        # Issue 5: the audit row's cost on a save, then a short load run against gunicorn on the demo
        # database the `demo` step built (bench/web_load.py).
        for sub in (["overhead"], ["load"], ["load", "--database", "postgresql"]):
            code = subprocess.run([sys.executable, "-m", "bench.web_load", *sub], cwd=REPO).returncode
            if code:
                return code
    elif args.step == "tune":
        from .tune import tune

        result = tune(repeats=args.repeats_tune, sample_provinces=3)
        return 1 if result["problems"] else 0
    elif args.step == "dashboard":
        from .dashboard import dashboard

        dashboard(repeats=args.repeats_dashboard)
    elif args.step == "report":
        from .report import report

        print(f"[report] wrote {report()}")
    return 0


def _all(args: argparse.Namespace, argv: list[str]) -> int:
    """Run every step in its own process (each binds Django to its own database); report even after a failure."""
    passthrough = [a for a in argv if a != "all"]
    failed = []
    started = time.perf_counter()
    for step in STEPS:
        if step in args.skip:
            continue
        code = subprocess.run(
            [sys.executable, "-m", "bench", step, *_without_skip(passthrough)], cwd=REPO
        ).returncode
        if code:
            failed.append(step)
            if step in ("generate", "province"):
                print(f"[bench] {step} failed; stopping", flush=True)
                return code
    print(
        f"[bench] finished in {(time.perf_counter() - started) / 60:.0f} min"
        + (f"; FAILED: {', '.join(failed)}" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


def _without_skip(argv: list[str]) -> list[str]:
    out, skip_next = [], False
    for item in argv:
        if skip_next:
            skip_next = False
        elif item == "--skip":
            skip_next = True
        elif not item.startswith("--skip="):
            out.append(item)
    return out


if __name__ == "__main__":
    sys.exit(main())
