"""Worklist API: the index with counts and each list's rows, scoped like the pages, paged, in the schema."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from canbo.core import testing as make
from canbo.core.dates import DatePrecision
from canbo.rules.services import rules_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    rules_load()
    mine, theirs = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    staff = make.title(code="CV_API")
    inside = [
        make.person(
            f"Nguyễn Văn Một {i}", birth_date=dt.date(1980, 1, 1), birth_date_precision=DatePrecision.YEAR
        )
        for i in range(3)
    ]
    outside = make.person(
        "Trần Văn Hai", birth_date=dt.date(1981, 1, 1), birth_date_precision=DatePrecision.YEAR
    )
    for p in inside:
        make.assign(p, mine, staff, dt.date(2010, 1, 1))
    make.assign(outside, theirs, staff, dt.date(2010, 1, 1))
    user = make.make_user("noivu", role="specialist", unit=mine)
    client = APIClient()
    client.force_authenticate(user)
    return {"inside": inside, "outside": outside, "user": user, "client": client, "mine": mine}


def test_index_lists_every_worklist_with_its_count_in_scope(world):
    body = world["client"].get(reverse("api:worklist-list")).json()
    by_code = {item["code"]: item for item in body}
    missing = by_code["missing_data"]
    assert missing["count"] == 3 and missing["title"] == "Thiếu dữ liệu để kiểm tra quy định"
    assert missing["rule"] == "nonlocal.titles" and missing["citation"]
    assert "retiring_12_months" in by_code and by_code["retiring_12_months"]["count"] == 0


def test_rows_are_scoped_paged_and_name_the_rule(world, settings):
    url = reverse("api:worklist-rows", args=["missing_data"])
    body = world["client"].get(url).json()
    assert body["count"] == 3
    names = {row["person_name"] for row in body["results"]}
    assert names == {p.full_name for p in world["inside"]}
    row = body["results"][0]
    assert row["unit_id"] == world["mine"].pk and row["unit_name"] == "Sở Nội vụ"
    assert "Chỉ có năm sinh" in row["reason"] and row["citation"]
    assert world["client"].get(url, {"page": 2}).status_code == 404
    assert world["client"].get(reverse("api:worklist-rows", args=["no-such-list"])).status_code == 404


def test_rows_are_paged(world, monkeypatch):
    from canbo.worklists import api

    monkeypatch.setattr(api.WorklistRowsPagination, "page_size", 2)
    url = reverse("api:worklist-rows", args=["missing_data"])
    first = world["client"].get(url).json()
    second = world["client"].get(url, {"page": 2}).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1 and first["next"]
    ids = [r["person_id"] for r in first["results"] + second["results"]]
    assert sorted(ids) == sorted(p.pk for p in world["inside"])


def test_anonymous_is_refused_and_schema_describes_the_endpoints(world):
    assert APIClient().get(reverse("api:worklist-list")).status_code in (401, 403)
    schema = world["client"].get(reverse("api:schema"), {"format": "json"}).json()
    assert "/api/worklists/" in schema["paths"] and "/api/worklists/{code}/" in schema["paths"]
    rows = schema["paths"]["/api/worklists/{code}/"]["get"]
    assert "page" in {p["name"] for p in rows.get("parameters", [])}
