"""Benchmark of the workbook import at province size: 30,000 people, ~100k posts, ~100k qualifications.

Standalone (it shares nothing with the other bench steps):

    .venv/bin/python bench/import_bench.py                                   # SQLite file under bench/.data
    .venv/bin/python bench/import_bench.py --database-url postgres://postgres@127.0.0.1:5432/canbo_imp_bench

It recreates the database, migrates it, loads the code lists and the localities (not timed), writes a
deterministic canonical workbook with xlsxwriter, then times, each in its own phase: reading the file,
the dry run (every check, nothing written), the commit (the same checks, then every row and its audit
row written in one transaction), and a second dry run of the same file (everything unchanged).

Results (read by bench/run.sh's `import` step; keep these keys stable):

* `DATA/import-bench-<database>.json`, one run: `database` ("sqlite" | "postgresql"), `vendor`, `people`,
  `counts` ({sheet key: {rows, new, changed, unchanged, invalid}} of the commit), `timings_s` ({phase:
  seconds} in the order run: "read", "dry run", "commit (read + checks + writes)", "second dry run (all
  unchanged)"), `cpu_s` (the same phases in this process's CPU seconds: on a busy machine the wall time
  grows and this does not; with SQLite it is all of the work, with PostgreSQL not the server's share),
  `warnings`, `second_run_unchanged` (bool), `target_s` (60: the issue's one minute for the
  commit), `commit_within_target` (bool), `measured_at` (ISO time), `cpu_count`, `load_average` ([1, 5,
  15-minute load when the commit ended]: other work on the machine slows every phase).
* `DATA/import.json`: `{"runs": {database: <the run above>}}`, the latest run of each database, so that
  one file holds the SQLite and the PostgreSQL figures.

DATA is bench/.data, or $CANBO_BENCH_DATA.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60  # issue 4: a province's workbook imports in under a minute on two cores
DATA = Path(os.environ.get("CANBO_BENCH_DATA", REPO / "bench" / ".data"))
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Lò",
    "Giàng",
    "Sùng",
    "Vàng",
    "Hà",
    "Triệu",
    "Lý",
]
MIDDLE_M = ["Văn", "Đức", "Hữu", "Minh", "Quang", "A", "Xuân", "Thành"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tú",
    "Vinh",
    "Páo",
    "Lử",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Thảo",
    "Trang",
    "Yến",
]
ETHNIC = ["Kinh"] * 10 + ["Tày", "Thái", "H'Mông", "Hmông", "Mông", "Dao", "Nùng", "Giáy", "Hà Nhì", "Phù Lá"]
RELIGION = ["Không"] * 12 + ["không", "Phật giáo", "Công giáo", "Thiên Chúa giáo", "Tin lành"]


def say(text: str) -> None:
    print(text, flush=True)


def recreate(url: str) -> None:
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
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(url: str) -> None:
    """Migrate and load the code lists and localities, in a child process, as an administrator would."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    for command in (["migrate", "-v0"], ["load_reference", "-v0"], ["geo_load", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL
        )


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["CANBO_DEBUG"] = "0"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def national_id(province: str, year: int, female: bool, serial: int) -> str:
    digit = 2 * ((year - 1900) // 100) + int(female)
    return f"{province}{digit}{year % 100:02d}{serial:06d}"


def month(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def build_workbook(path: Path, people: int, seed: int) -> dict[str, int]:
    """A deterministic province: units, people, posts, qualifications, seats, nominees and ratings."""
    import xlsxwriter

    from canbo.geo.models import Locality
    from canbo.imports import schema
    from canbo.people.models import QualificationLevel

    rng = random.Random(seed)
    old = list(
        Locality.objects.filter(level="commune", province_code__in=["10", "15"], valid_to__isnull=False)
        .select_related("parent__parent")
        .order_by("code", "pk")  # the model orders by name: ties would follow the database, not the seed
    )
    new = list(
        Locality.objects.filter(level="commune", province_code="15", valid_to__isnull=True)
        .select_related("parent")
        .order_by("code", "pk")
    )
    others = list(
        Locality.objects.filter(level="commune")
        .exclude(province_code__in=["10", "15"])
        .select_related("parent__parent")
        .order_by("code", "pk")[:20000]
    )
    home_pool = (
        rng.sample(old, min(700, len(old))) + rng.sample(new, min(250, len(new))) + rng.sample(others, 300)
    )

    def place_text(unit: object) -> str:
        form = rng.random()
        if form < 0.6:
            return unit.path_names()  # type: ignore[attr-defined]
        parts = [unit.name]  # type: ignore[attr-defined]
        node = unit.parent  # type: ignore[attr-defined]
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " - ".join(parts) if form < 0.85 else ", ".join(parts)

    levels = {
        kind: list(
            QualificationLevel.objects.filter(kind=kind, is_legacy=False).values_list("name", flat=True)
        )
        for kind in ("education", "political_theory", "state_management", "foreign_language", "it")
    }
    kind_label = {
        "education": "Chuyên môn",
        "political_theory": "LLCT",
        "state_management": "QLNN",
        "foreign_language": "Ngoại ngữ",
        "it": "Tin học",
    }
    # Units: provincial departments with divisions, districts (ended 30/06/2025) with divisions, communes.
    units: list[list[object]] = []
    province_units, district_units, commune_units = [], [], []
    for d in range(45):
        code = f"S{d:02d}"
        units.append(
            [
                code,
                f"Sở số {d + 1}",
                "",
                "",
                "Cấp tỉnh",
                "Khối chính quyền",
                "Sở, ban, ngành",
                "tỉnh Lào Cai",
                "",
                d,
                "01/10/1991",
                "",
            ]
        )
        province_units.append(code)
        for p in range(7):
            child = f"{code}-P{p}"
            units.append(
                [
                    child,
                    f"Phòng {p + 1} sở {d + 1}",
                    "",
                    code,
                    "Cấp tỉnh",
                    "Khối chính quyền",
                    "Phòng",
                    "",
                    "",
                    p,
                    "1995",
                    "",
                ]
            )
            province_units.append(child)
    for h in range(9):
        code = f"H{h}"
        units.append(
            [
                code,
                f"UBND huyện số {h + 1}",
                "",
                "",
                "Cấp huyện",
                "Khối chính quyền",
                "UBND",
                "",
                "",
                h,
                "01/01/1991",
                "30/06/2025",
            ]
        )
        district_units.append(code)
        for p in range(12):
            child = f"{code}-P{p:02d}"
            units.append(
                [
                    child,
                    f"Phòng {p + 1} huyện {h + 1}",
                    "",
                    code,
                    "huyện",
                    "Chính quyền",
                    "Phòng",
                    "",
                    "",
                    p,
                    "1991",
                    "06/2025",
                ]
            )
            district_units.append(child)
    for x in range(400):
        code = f"X{x:03d}"
        units.append(
            [code, f"UBND xã số {x + 1}", "", "", "Cấp xã", "Khối chính quyền", "UBND", "", "", x, "1991", ""]
        )
        commune_units.append(code)
    title_for = {
        "province": ["Chuyên viên", "Chuyên viên chính", "Phó Giám đốc Sở"],
        "district": ["Chuyên viên (cấp huyện)"],
        "commune": ["Chuyên viên (cấp xã)"],
    }
    people_rows, work_rows, qual_rows, member_rows, nomination_rows, rating_rows = [], [], [], [], [], []
    for number in range(people):
        female = rng.random() < 0.42
        year = rng.randint(1966, 2000)
        birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F if female else MIDDLE_M)} {rng.choice(GIVEN_F if female else GIVEN_M)}"
        form = rng.random()
        birth_cell: object = (
            birth if form < 0.4 else (birth.strftime("%d/%m/%Y") if form < 0.9 else str(year))
        )
        nid = national_id(rng.choice(["010", "015", "001", "008"]), year, female, number + 1)
        home = rng.choice(home_pool)
        people_rows.append(
            [
                f"CB{number:06d}",
                name,
                "",
                birth_cell,
                "Nữ" if female else rng.choice(["Nam", "nam", "NAM"]),
                rng.choice(ETHNIC),
                rng.choice(RELIGION),
                "",
                "",
                place_text(home),
                "",
                "",
                "",
                nid,
                "",
                "",
                rng.choice(["Công chức", "Viên chức", "Cán bộ"]),
                "",
                "",
                "",
                "12/12",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        # Work history: consecutive main posts from age 23, the last one open, 3 to 4 rows on average.
        start = dt.date(max(year + 23, 1996), rng.randint(1, 12), 1)
        posts = rng.choice([2, 3, 3, 4, 4, 5])
        for index in range(posts):
            if start >= dt.date(2025, 6, 1):
                break
            last = index == posts - 1
            scope = rng.random()
            if scope < 0.25 and start < dt.date(2024, 1, 1):
                unit, level = rng.choice(district_units), "district"
            elif scope < 0.45:
                unit, level = rng.choice(commune_units), "commune"
            else:
                unit, level = rng.choice(province_units), "province"
            length = rng.randint(24, 120)
            end = dt.date(
                start.year + (start.month - 1 + length) // 12, (start.month - 1 + length) % 12 + 1, 1
            ) - dt.timedelta(days=1)
            if level == "district":
                end = min(end, dt.date(2025, 6, 30))
                last = False
            open_end = last and end >= dt.date(2020, 1, 1)
            work_rows.append(
                [
                    nid,
                    "",
                    "",
                    "",
                    month(start),
                    "" if open_end else month(end),
                    unit,
                    "",
                    rng.choice(title_for[level]),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            start = end + dt.timedelta(days=1)
            if open_end:
                break
        for kind in rng.sample(list(levels), rng.choice([3, 3, 4, 4, 5])):
            obtained = dt.date(rng.randint(year + 20, 2024), rng.randint(1, 12), rng.randint(1, 28))
            cell: object = obtained.strftime("%d/%m/%Y") if rng.random() < 0.5 else month(obtained)
            qual_rows.append(
                [nid, "", "", "", kind_label[kind], rng.choice(levels[kind]), "", "", "", "", "", cell, ""]
            )
        if number % 10 == 0:
            member_rows.append(
                [
                    nid,
                    "",
                    "",
                    "",
                    f"X{number % 400:03d}",
                    "HĐND",
                    f"HĐND xã số {number % 400 + 1}",
                    "2021-2026",
                    "01/07/2021",
                    "",
                    "23/05/2021",
                    "Đại biểu",
                    "01/07/2021",
                    "",
                    "",
                ]
            )
        if number % 15 == 0:
            nomination_rows.append(
                [
                    nid,
                    "",
                    "",
                    "",
                    f"X{number % 400:03d}",
                    "HĐND",
                    f"HĐND xã số {number % 400 + 1}",
                    "2021-2026",
                    "01/07/2021",
                    "",
                    "23/05/2021",
                    "01/04/2021",
                    "",
                    "Trúng cử",
                ]
            )
        rating_rows.append([nid, "", "", "", 2024, rng.choice(["HTXSNV", "HTTNV", "HTTNV", "HTNV"]), ""])
    sheets = {
        "units": units,
        "people": people_rows,
        "work": work_rows,
        "qualifications": qual_rows,
        "memberships": member_rows,
        "nominations": nomination_rows,
        "ratings": rating_rows,
    }
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for spec in schema.SHEETS:
        sheet = workbook.add_worksheet(spec.name)
        sheet.write_row(0, 0, [column.header for column in spec.columns])
        for row, values in enumerate(sheets.get(spec.key, ()), start=1):  # optional sheets stay empty
            sheet.write_row(row, 0, values)
    workbook.close()
    return {key: len(rows) for key, rows in sheets.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{DATA / 'import-bench.sqlite3'}")
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reuse", action="store_true", help="keep the database and workbook of the last run")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    label = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
    workbook = DATA / f"import-bench-{args.people}.xlsx"
    if not args.reuse:
        say(f"[import-bench:{label}] recreating, migrating, loading code lists and localities (not timed)")
        recreate(args.database_url)
        prepare(args.database_url)
    django_setup(args.database_url)
    from django.db import connection, transaction

    from canbo.audit.context import audit_context
    from canbo.imports.engine import Importer
    from canbo.imports.reader import read_book

    if not (args.reuse and workbook.exists()):
        rows = build_workbook(workbook, args.people, args.seed)
        say(
            f"[import-bench:{label}] workbook {workbook.name}: {workbook.stat().st_size / 1e6:.1f} MB, rows {rows}"
        )
    timings: dict[str, float] = {}
    cpu_timings: dict[
        str, float
    ] = {}  # this process's CPU (for SQLite, all of the work; not the PG server's)
    started, cpu = time.perf_counter(), time.process_time()
    data = workbook.read_bytes()
    book = read_book(data, workbook.name)
    timings["read"] = time.perf_counter() - started
    cpu_timings["read"] = time.process_time() - cpu
    say(f"[import-bench:{label}] read {timings['read']:.1f} s")

    started, cpu = time.perf_counter(), time.process_time()
    report = Importer(book, write=False).run()
    timings["dry run"] = time.perf_counter() - started
    cpu_timings["dry run"] = time.process_time() - cpu
    say(
        f"[import-bench:{label}] dry run {timings['dry run']:.1f} s: {report.error_count} errors, {report.warning_count} warnings"
    )
    for problem in [p for p in report.problems if p.severity == "error"][:10]:
        say(f"    {problem.sheet} {problem.row} {problem.column} {problem.value!r}: {problem.message}")

    started, cpu = time.perf_counter(), time.process_time()
    with audit_context(source="import", reference=f"import:bench:{workbook.name}"), transaction.atomic():
        committed = Importer(read_book(data, workbook.name), write=True).run()
        if committed.error_count:
            transaction.set_rollback(True)
    timings["commit (read + checks + writes)"] = time.perf_counter() - started
    cpu_timings["commit (read + checks + writes)"] = time.process_time() - cpu
    load = [round(value, 2) for value in os.getloadavg()]
    say(
        f"[import-bench:{label}] commit {timings['commit (read + checks + writes)']:.1f} s, written={committed.written}"
    )

    started, cpu = time.perf_counter(), time.process_time()
    again = Importer(read_book(data, workbook.name), write=False).run()
    timings["second dry run (all unchanged)"] = time.perf_counter() - started
    cpu_timings["second dry run (all unchanged)"] = time.process_time() - cpu
    unchanged = all(sheet["new"] == sheet["changed"] == 0 for sheet in again.counts.values())
    say(
        f"[import-bench:{label}] second dry run {timings['second dry run (all unchanged)']:.1f} s, unchanged={unchanged}"
    )
    commit_seconds = timings["commit (read + checks + writes)"]
    result = {
        "database": label,
        "vendor": connection.vendor,
        "people": args.people,
        "counts": committed.counts,
        "timings_s": {key: round(value, 2) for key, value in timings.items()},
        "cpu_s": {key: round(value, 2) for key, value in cpu_timings.items()},
        "warnings": committed.warning_count,
        "second_run_unchanged": unchanged,
        "target_s": TARGET_SECONDS,
        "commit_within_target": commit_seconds <= TARGET_SECONDS,
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "load_average": load,
    }
    (DATA / f"import-bench-{label}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    combined_path = DATA / "import.json"
    combined: dict[str, Any] = {"runs": {}}
    if combined_path.exists():
        try:
            combined = json.loads(combined_path.read_text())
        except ValueError:
            combined = {"runs": {}}
    combined.setdefault("runs", {})[label] = result
    combined_path.write_text(json.dumps(combined, ensure_ascii=False, indent=2))
    say(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
