"""Process set-up shared by the bench steps: Django settings for one database, paths, constants."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DATA_DIR = Path(os.environ.get("CANBO_BENCH_DATA", BENCH_DIR / ".data"))
PG_URL = os.environ.get("CANBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/canbo_bench")
SQLITE_PATH = DATA_DIR / "province.sqlite3"
SEED = 20251231
DATES = (dt.date(2020, 12, 11), dt.date(2025, 12, 31))


def django_setup(database_url: str) -> None:
    """Point Django at one database and start it (each bench step runs in its own process)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["CANBO_DEBUG"] = "0"  # no query log: it would be timed along with the engine
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()
