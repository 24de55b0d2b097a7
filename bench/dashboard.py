"""Step 4: one province on SQLite — the dashboard page, and compute_programme on both engine backends.

The page is timed on the default backend ("database"); compute_programme also on the analytics snapshot
built from the same SQLite file (its build timed too), which is what decides the default for the
embedded SQLite deployment.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from typing import Any

from .env import DATA_DIR, DATES, SQLITE_PATH, django_setup
from .generate import say
from .measure import load_average, summary


def dashboard(*, repeats: int) -> dict[str, Any]:
    """Time GET /chi-tieu/<code>/ (when the URL exists) and compute_programme; write DATA_DIR/dashboard.json."""
    os.environ["CANBO_ANALYTICS_PATH"] = str(DATA_DIR / "province-analytics" / "snapshot.duckdb")
    os.environ["CANBO_ANALYTICS_REFRESH"] = "background"
    django_setup(f"sqlite:///{SQLITE_PATH}")
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import Resolver404, resolve

    from canbo.people.models import Person
    from canbo.programmes.engine import compute_programme
    from canbo.programmes.models import Programme

    programmes = list(Programme.objects.select_related("territory").order_by("code"))
    out: dict[str, Any] = {
        "province": programmes[0].territory.name,
        "people": Person.objects.count(),
        "load_average": load_average(),
        "pages": {},
    }
    user = None
    for programme in programmes:
        path = f"/chi-tieu/{programme.code}/"
        try:
            resolve(path)
        except Resolver404:
            out["pages"][programme.code] = {"path": path, "exists": False}
            continue
        if user is None:
            user = get_user_model().objects.filter(
                username="bench"
            ).first() or get_user_model().objects.create_superuser(
                "bench", "bench@example.invalid", "bench-password-not-used"
            )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for as_of in DATES:
            url = f"{path}?as_of={as_of:%d/%m/%Y}"
            status = client.get(url).status_code  # warm
            seconds = []
            for _ in range(repeats):
                started = time.perf_counter()
                status = client.get(url).status_code
                seconds.append(time.perf_counter() - started)
            out["pages"][f"{programme.code} {as_of.isoformat()}"] = {
                "path": url,
                "exists": True,
                "status": status,
                "seconds": seconds,
                **summary(seconds),
            }
            say(f"[dashboard] GET {url} → {status}, median {statistics.median(seconds):.3f} s")
    engine: dict[str, Any] = {}
    for as_of in DATES:
        for programme in programmes:
            compute_programme(programme, as_of=as_of)  # warm
            seconds = []
            for _ in range(repeats):
                started = time.perf_counter()
                compute_programme(programme, as_of=as_of)
                seconds.append(time.perf_counter() - started)
            engine[f"{programme.code} {as_of.isoformat()}"] = {"seconds": seconds, **summary(seconds)}
            say(
                f"[dashboard] compute_programme {programme.code} {as_of} on SQLite: median "
                f"{statistics.median(seconds):.3f} s"
            )
    out["engine"] = engine
    from django.conf import settings

    from canbo.programmes.analytics import snapshot

    started = time.perf_counter()
    built = snapshot.build()
    assert built is not None
    out["snapshot"] = {"seconds": time.perf_counter() - started, "bytes": built.path.stat().st_size}
    say(f"[dashboard] snapshot of the SQLite province built in {out['snapshot']['seconds']:.2f} s")
    settings.CANBO_ANALYTICS_BACKEND = "snapshot"
    on_snapshot: dict[str, Any] = {}
    for as_of in DATES:
        for programme in programmes:
            compute_programme(programme, as_of=as_of)  # warm
            seconds = []
            for _ in range(repeats):
                started = time.perf_counter()
                results = compute_programme(programme, as_of=as_of)
                seconds.append(time.perf_counter() - started)
            assert all(r.data_as_of is not None for r in results)
            on_snapshot[f"{programme.code} {as_of.isoformat()}"] = {"seconds": seconds, **summary(seconds)}
            say(
                f"[dashboard] compute_programme {programme.code} {as_of} on the snapshot: median "
                f"{statistics.median(seconds):.3f} s"
            )
    settings.CANBO_ANALYTICS_BACKEND = "database"
    out["engine_snapshot"] = on_snapshot
    (DATA_DIR / "dashboard.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    return out
