"""Step 4: one province on SQLite — the dashboard page if it exists, and compute_programme in any case."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from .env import DATA_DIR, DATES, SQLITE_PATH, django_setup
from .generate import say
from .measure import load_average, summary


def dashboard(*, repeats: int) -> dict[str, Any]:
    """Time GET /chi-tieu/<code>/ (when the URL exists) and compute_programme; write DATA_DIR/dashboard.json."""
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
    (DATA_DIR / "dashboard.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    return out
