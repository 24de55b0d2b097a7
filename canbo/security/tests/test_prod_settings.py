"""Production settings refuse a debug flag or a weak secret, and pass `check --deploy` when set up well."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STRONG = secrets.token_urlsafe(64)


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A production process starts without the test run's settings, nor the async-unsafe switch that the
    # browser fixture sets in this worker's environment.
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CANBO_") and key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
            "CANBO_VAR_DIR": str(tmp_path),
            "CANBO_ALLOWED_HOSTS": "canbo.example.gov.vn",
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "canbo.cli", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_it_refuses_the_debug_flag(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", CANBO_SECRET_KEY=STRONG, CANBO_DEBUG="1")
    assert result.returncode != 0
    assert "CANBO_DEBUG phải tắt" in result.stderr and "must be off in production" in result.stderr


def test_it_refuses_a_weak_or_missing_secret(tmp_path: Path) -> None:
    for secret in ["", "ngan", "canbo-demo-only-not-for-production-" + "x" * 30, "a" * 80]:
        result = _run(tmp_path, "check", CANBO_SECRET_KEY=secret)
        assert result.returncode != 0, secret
        assert "CANBO_SECRET_KEY phải là chuỗi ngẫu nhiên" in result.stderr
        assert "at least 50 characters" in result.stderr


def test_check_deploy_passes_with_a_strong_secret(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", CANBO_SECRET_KEY=STRONG)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_fails_while_admin_keeps_the_demo_password(tmp_path: Path) -> None:
    assert _run(tmp_path, "migrate", "-v0", CANBO_SECRET_KEY=STRONG).returncode == 0
    create = (
        "import django; django.setup(); from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('admin', 'a@canbo.invalid', 'canbo-demo-2025')"
    )
    # A production process starts without the test run's settings, nor the async-unsafe switch that the
    # browser fixture sets in this worker's environment.
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CANBO_") and key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DATABASE_URL=f"sqlite:///{tmp_path}/prod.sqlite3",
        CANBO_VAR_DIR=str(tmp_path),
        CANBO_SECRET_KEY=STRONG,
    )
    subprocess.run([sys.executable, "-c", create], cwd=ROOT, env=clean, check=True, timeout=120)
    result = _run(tmp_path, "check", "--deploy", CANBO_SECRET_KEY=STRONG)
    assert result.returncode != 0
    assert "security.E001" in result.stderr and "mật khẩu mẫu" in result.stderr
