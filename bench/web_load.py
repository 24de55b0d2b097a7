"""Two measurements of issue 5: the audit row's cost on a save, and a short load run against gunicorn.

`python -m bench.web_load overhead` — median time of one person update through the service
(`people.services.person_update`: scope check, row lock, version claim, validation, save) with its audit
row (snapshot diff and SHA-256 chain link) and with `record` replaced by a no-op, alternating the two
so drift hits both alike; on SQLite (a scratch file) and PostgreSQL (database canbo_c2_bench).

`python -m bench.web_load load [--database sqlite|postgresql]` — the demo province served by gunicorn on
127.0.0.1 (2 workers × 4 threads, the machine has 2 cores): on SQLite a copy of the demo database
(bench/.data/demo.sqlite3, built by the `demo` step); on PostgreSQL the database canbo_load_bench
($CANBO_LOAD_BENCH_PG), built with `canbo demo` the first time (kept for later runs; `--rebuild` makes it
again). A few dozen client threads (http.client, one keep-alive connection each, signed in as the demo
administrator) request the home page, the people list, a search, dossiers and the API list for a fixed
time, each client bounded in requests. Reports requests/s, median and p95 latency, and every error.

Both write JSON into bench/.data/ (audit-overhead.json, web-load.json with one entry per database).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

from .env import DATA_DIR, REPO

PG_URL = os.environ.get("CANBO_C2_BENCH_PG", "postgres://postgres@127.0.0.1:5432/canbo_c2_bench")
LOAD_PG_URL = os.environ.get("CANBO_LOAD_BENCH_PG", "postgres://postgres@127.0.0.1:5432/canbo_load_bench")
SERVERS = {
    "sqlite": "gunicorn gthread, 2 workers x 4 threads, SQLite copy of the demo province",
    "postgresql": "gunicorn gthread, 2 workers x 4 threads, PostgreSQL 15 with the demo province",
}
DEMO_PASSWORD = "canbo-demo-2025"


# ------------------------------------------------------------------------------------ audit overhead


def _overhead_child(url: str, rounds: int) -> dict[str, Any]:
    """In a fresh process on one database: migrate, make one person, time updates with and without audit."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["CANBO_DEBUG"] = "0"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from canbo.core import testing as make
    from canbo.people import services

    admin = make.make_user("bench-admin", role="admin")
    person = make.person("Nguyễn Thị Hằng")
    timings: dict[str, list[float]] = {"with_audit": [], "without_audit": []}
    for i in range(rounds):
        for mode in ("with_audit", "without_audit"):
            data = {"other_names": f"{mode} {i}"}
            if mode == "with_audit":
                start = time.perf_counter()
                services.person_update(actor=admin, person=person, data=data)
            else:
                with mock.patch.object(services, "record", lambda **kwargs: None):
                    start = time.perf_counter()
                    services.person_update(actor=admin, person=person, data=data)
            timings[mode].append(time.perf_counter() - start)
    with_audit = statistics.median(timings["with_audit"][5:])  # the first rounds warm caches
    without = statistics.median(timings["without_audit"][5:])
    return {
        "rounds": rounds,
        "median_with_audit_ms": round(with_audit * 1000, 3),
        "median_without_audit_ms": round(without * 1000, 3),
        "overhead_ms": round((with_audit - without) * 1000, 3),
        "overhead_percent": round((with_audit - without) / without * 100, 1),
    }


def overhead(rounds: int) -> dict[str, Any]:
    """Run the overhead measurement on SQLite and PostgreSQL, each in its own process."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    scratch = DATA_DIR / "audit-overhead.sqlite3"
    scratch.unlink(missing_ok=True)
    results: dict[str, Any] = {}
    for name, url in (("sqlite", f"sqlite:///{scratch}"), ("postgresql", PG_URL)):
        if name == "postgresql":
            _recreate_pg(url)
        out = subprocess.run(
            [sys.executable, "-m", "bench.web_load", "_overhead", url, str(rounds)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    scratch.unlink(missing_ok=True)
    (DATA_DIR / "audit-overhead.json").write_text(json.dumps(results, indent=2))
    return results


def _recreate_pg(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


# ------------------------------------------------------------------------------------------ load run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client(threading.Thread):
    """One user: signs in over its own keep-alive connection, then cycles through the pages."""

    def __init__(self, port: int, paths: list[str], until: float, limit: int) -> None:
        super().__init__(daemon=True)
        self.port, self.paths, self.until, self.limit = port, paths, until, limit
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.cookies: dict[str, str] = {}

    def _request(self, conn: http.client.HTTPConnection, method: str, path: str, body: str = "") -> Any:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            _status, page = self._request(conn, "GET", "/dang-nhap/")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert token is not None, "no CSRF token on the login page"
            body = f"csrfmiddlewaretoken={token.group(1).decode()}&username=admin&password={DEMO_PASSWORD}"
            status, _ = self._request(conn, "POST", "/dang-nhap/", body)
            if status != 302:
                self.errors.append(f"login answered {status}")
                return
        except Exception as exc:
            self.errors.append(f"login: {exc!r}")
            return
        i = 0
        while time.monotonic() < self.until and i < self.limit:
            path = self.paths[i % len(self.paths)]
            i += 1
            start = time.perf_counter()
            try:
                status, _ = self._request(conn, "GET", path)
            except Exception as exc:
                self.errors.append(f"{path}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            self.latencies.append(time.perf_counter() - start)
            if status != 200:
                self.errors.append(f"{path}: HTTP {status}")
        conn.close()


def _dossier_ids(url: str) -> list[int]:
    """Every 20th of the first 200 people of the demo: the dossiers the clients open."""
    query = "SELECT id FROM people_person ORDER BY id LIMIT 200"
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            rows = conn.execute(query).fetchall()
    else:
        import psycopg

        with psycopg.connect(url) as conn:
            rows = conn.execute(query).fetchall()
    return [row[0] for row in rows][::20]


def _paths(url: str) -> list[str]:
    """The pages a user cycles through: dossiers of a few real people of the demo province."""
    ids = _dossier_ids(url)
    return [
        "/",
        "/can-bo/",
        "/can-bo/?q=nguyen+thi",
        *(f"/can-bo/{pk}/" for pk in ids[:5]),
        "/api/people/",
    ]


def _postgres_demo(env: dict[str, str], rebuild: bool) -> None:
    """Create canbo_load_bench with the demo provinces unless it already holds them."""
    import psycopg

    parts = urlsplit(LOAD_PG_URL)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([sys.executable, "-m", "canbo.cli", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    subprocess.run([sys.executable, "-m", "canbo.cli", "demo", "--if-empty"], cwd=REPO, env=env, check=True)


def load(
    clients: int, seconds: int, limit: int, database: str = "sqlite", rebuild: bool = False
) -> dict[str, Any]:
    """Serve the demo province with gunicorn and run `clients` users against it."""
    db = DATA_DIR / "web-load.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "CANBO_DEBUG": "0",
        "CANBO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    if database == "sqlite":
        demo = DATA_DIR / "demo.sqlite3"
        if not demo.exists():
            raise SystemExit(f"{demo} is missing: run `python -m bench demo` first.")
        shutil.copyfile(demo, db)
        env["DATABASE_URL"] = f"sqlite:///{db}"
        subprocess.run([sys.executable, "-m", "canbo.cli", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    else:
        env["DATABASE_URL"] = LOAD_PG_URL
        _postgres_demo(env, rebuild)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        paths = _paths(env["DATABASE_URL"])
        until = time.monotonic() + seconds
        users = [
            Client(port, paths[i % len(paths) :] + paths[: i % len(paths)], until, limit)
            for i in range(clients)
        ]
        started = time.perf_counter()
        for user in users:
            user.start()
        for user in users:
            user.join(seconds + 60)
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    latencies = sorted(x for user in users for x in user.latencies)
    errors = [e for user in users for e in user.errors]
    result = {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1) if latencies else None,
        "errors": len(errors),
        "error_samples": errors[:10],
        "paths": paths,
        "server": SERVERS[database],
        "measured_at": time.strftime("%Y-%m-%d %H:%M"),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    runs = _load_runs()
    runs[database] = result
    (DATA_DIR / "web-load.json").write_text(json.dumps(runs, indent=2, ensure_ascii=False))
    db.unlink(missing_ok=True)
    return result


def _load_runs() -> dict[str, Any]:
    """The latest load run of each database ({database: run}); an older single-run file counts as SQLite."""
    path = DATA_DIR / "web-load.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {"sqlite": data} if "clients" in data else data


def render() -> list[str]:
    """The RESULTS.md section (for bench/report.py): both measurements, from their JSON files."""
    lines = ["## Audit trail and load (issue 5)", ""]
    over = DATA_DIR / "audit-overhead.json"
    if over.exists():
        data = json.loads(over.read_text())
        lines += [
            "Median time of one person update through the service, with and without its audit row:",
            "",
            "| database | with audit | without | overhead |",
            "|---|---|---|---|",
        ]
        for name, row in data.items():
            lines.append(
                f"| {name} | {row['median_with_audit_ms']} ms | {row['median_without_audit_ms']} ms | "
                f"{row['overhead_ms']} ms ({row['overhead_percent']} %) |"
            )
        lines.append("")
    for row in _load_runs().values():
        when = (
            f", measured {row['measured_at']}, load average {row['load_average'][0]}"
            if "measured_at" in row
            else ""
        )
        lines += [
            f"Load run: {row['clients']} concurrent clients for {row['seconds']} s ({row['server']}{when}): "
            f"{row['requests']} requests, {row['requests_per_second']} requests/s, median {row['median_ms']} ms, "
            f"p95 {row['p95_ms']} ms, errors: {row['errors']}.",
            "",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.web_load", description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    over = sub.add_parser("overhead")
    over.add_argument("--rounds", type=int, default=205)
    run = sub.add_parser("load")
    run.add_argument("--clients", type=int, default=30)
    run.add_argument("--seconds", type=int, default=60)
    run.add_argument("--limit", type=int, default=2000, help="requests per client at most")
    run.add_argument("--database", choices=sorted(SERVERS), default="sqlite")
    run.add_argument("--rebuild", action="store_true", help="PostgreSQL: build the demo database again")
    child = sub.add_parser("_overhead")
    child.add_argument("url")
    child.add_argument("rounds", type=int)
    args = parser.parse_args(argv)
    if args.what == "_overhead":
        print(json.dumps(_overhead_child(args.url, args.rounds)))
    elif args.what == "overhead":
        print(json.dumps(overhead(args.rounds), indent=2))
    else:
        result = load(args.clients, args.seconds, args.limit, args.database, args.rebuild)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 1 if result["errors"] else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
