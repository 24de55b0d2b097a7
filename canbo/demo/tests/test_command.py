"""`canbo demo`: refuses a database with data, rebuilds with --reset, reports in Vietnamese."""

from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from canbo.demo.generator import DEMO_PASSWORD, DEMO_USERNAME, DemoSummary
from canbo.demo.summary import fingerprint
from canbo.people.models import Person

from .conftest import SCALE, SEED, TODAY

pytestmark = pytest.mark.django_db


def test_it_refuses_a_database_that_has_data(demo: DemoSummary) -> None:
    before = Person.objects.count()
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--scale", str(SCALE), stdout=StringIO())
    assert Person.objects.count() == before


def test_it_rebuilds_with_reset_and_reports_in_vietnamese(demo: DemoSummary) -> None:
    """A rebuild with the fixture's seed, scale and day writes exactly the rows the fixture wrote: the
    whole build, database included, is deterministic."""
    before = fingerprint()
    out = StringIO()
    with mock.patch("canbo.demo.generator.real_today", return_value=TODAY):
        call_command("demo", "--scale", str(SCALE), "--seed", str(SEED), "--reset", stdout=out)
    assert fingerprint() == before
    text = out.getvalue()
    assert "Ngày 11/12/2020:" in text
    assert "Cán bộ, công chức, viên chức:" in text
    assert "Diện Ban Thường vụ Tỉnh ủy quản lý:" in text
    assert DEMO_USERNAME in text and DEMO_PASSWORD in text
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    assert user.is_superuser and user.check_password(DEMO_PASSWORD)
    assert Person.objects.exists()


def test_a_failed_rebuild_keeps_the_old_data(demo: DemoSummary) -> None:
    before = Person.objects.count()
    with pytest.raises(CommandError):
        call_command("demo", "--scale", "0", "--reset", stdout=StringIO())
    assert Person.objects.count() == before
