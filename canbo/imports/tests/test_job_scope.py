"""Import jobs follow the same scope as every other read: an officer sees their own, the Board all."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from canbo.core import testing as make
from canbo.imports.models import ImportJob
from canbo.imports.selectors import visible_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, object]:
    province = make.unit("Tỉnh T", code="T")
    district_a = make.unit("Huyện A", code="A", parent=province, level="district")
    district_b = make.unit("Huyện B", code="B", parent=province, level="district")
    officer_a = make.make_user("can-bo-a", role="hr_officer", unit=district_a)
    officer_b = make.make_user("can-bo-b", role="hr_officer", unit=district_b)
    board = make.make_user("ban-to-chuc", role="specialist")
    leader = make.make_user("lanh-dao", role="leader")
    jobs = {
        name: ImportJob.objects.create(
            uploaded_by=officer,
            filename=f"tep-cua-{name}.xlsx",
            file=ContentFile(b"PK", name=f"{name}.xlsx"),
            unit_code=unit.code,
        )
        for name, officer, unit in (("a", officer_a, district_a), ("b", officer_b, district_b))
    }
    return {"officer_a": officer_a, "board": board, "leader": leader, **jobs}


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_officer_lists_and_opens_only_their_own_jobs(world: dict[str, object]) -> None:
    client = _client(world["officer_a"])
    listing = client.get(reverse("web:import_list")).content.decode()
    assert "tep-cua-a.xlsx" in listing and "tep-cua-b.xlsx" not in listing
    assert client.get(reverse("web:import_detail", args=[world["a"].pk])).status_code == 200
    assert client.get(reverse("web:import_detail", args=[world["b"].pk])).status_code == 404


def test_another_units_job_cannot_be_committed(world: dict[str, object]) -> None:
    job = world["b"]
    response = _client(world["officer_a"]).post(reverse("web:import_commit", args=[job.pk]))
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob._meta.get_field("status").default


def test_the_board_sees_every_job_and_a_reader_none_but_their_own(world: dict[str, object]) -> None:
    assert set(visible_jobs(world["board"])) == {world["a"], world["b"]}
    assert list(visible_jobs(world["leader"])) == []
