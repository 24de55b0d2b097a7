"""`canbo demo`: builds and reports in Vietnamese, refuses a database with data, clears first with --reset."""

from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from canbo.core.formatting import format_number
from canbo.demo.generator import DEMO_PASSWORD, DEMO_USERNAME, DemoSummary
from canbo.org.models import Membership, OrgUnit
from canbo.people.models import Person, TrainingCourse
from canbo.posts.models import PlanningEntry

from .conftest import SCALE, SEED, DemoRun

pytestmark = pytest.mark.django_db


def test_it_refuses_a_database_that_has_data(demo: DemoSummary) -> None:
    before = Person.objects.count()
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--scale", str(SCALE), stdout=StringIO())
    assert Person.objects.count() == before


def test_it_builds_and_reports_in_vietnamese(demo_run: DemoRun) -> None:
    text = demo_run.output
    assert "Ngày 11/12/2020:" in text
    assert "Cán bộ, công chức, viên chức:" in text
    assert "Diện Ban Thường vụ Tỉnh ủy quản lý:" in text
    assert DEMO_USERNAME in text and DEMO_PASSWORD in text
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    assert user.is_superuser and user.check_password(DEMO_PASSWORD)
    assert Person.objects.count() == demo_run.summary.rows["people"]
    rows = demo_run.summary.rows
    assert rows["training_courses"] == TrainingCourse.objects.count() > 0
    assert rows["planning"] == PlanningEntry.objects.count() > 0
    assert (
        f"Đào tạo, quy hoạch: {format_number(rows['training_courses'])} khóa đào tạo, bồi dưỡng, "
        f"{format_number(rows['planning'])} lượt quy hoạch."
    ) in text


def test_reset_clears_everything_before_building(demo: DemoSummary) -> None:
    """--reset empties the tables, then builds (the build itself is the fixture's, through the command)."""
    found: list[int] = []

    def build(**options: object) -> DemoSummary:
        found.append(Person.objects.count() + OrgUnit.objects.count() + Membership.objects.count())
        return demo

    out = StringIO()
    with mock.patch("canbo.demo.management.commands.demo.build_demo", build):
        call_command("demo", "--scale", str(SCALE), "--seed", str(SEED), "--reset", stdout=out)
    assert found == [0]
    assert "Đã xóa dữ liệu cũ" in out.getvalue()


def test_a_failed_rebuild_keeps_the_old_data(demo: DemoSummary) -> None:
    before = Person.objects.count()
    with pytest.raises(CommandError):
        call_command("demo", "--scale", "0", "--reset", stdout=StringIO())
    assert Person.objects.count() == before
