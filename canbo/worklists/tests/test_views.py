"""Worklist pages: counts in scope, a list with its rule and citation, the Excel export."""

import datetime as dt

import pytest
from django.urls import reverse

from canbo.core import testing as make
from canbo.core.dates import DatePrecision
from canbo.rules.services import rules_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    rules_load()
    mine, theirs = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    staff = make.title(code="CV_W")
    inside = make.person(
        "Nguyễn Văn Một", birth_date=dt.date(1980, 1, 1), birth_date_precision=DatePrecision.YEAR
    )
    outside = make.person(
        "Trần Văn Hai", birth_date=dt.date(1981, 1, 1), birth_date_precision=DatePrecision.YEAR
    )
    make.assign(inside, mine, staff, dt.date(2010, 1, 1))
    make.assign(outside, theirs, staff, dt.date(2010, 1, 1))
    user = make.make_user("noivu", role="specialist", unit=mine)
    return {"inside": inside, "outside": outside, "user": user}


def test_index_and_list_stay_in_scope(client, world):
    client.force_login(world["user"])
    index = client.get(reverse("worklists:index")).content.decode()
    assert "Thiếu dữ liệu để kiểm tra quy định" in index and "Nghỉ hưu trong 6 tháng tới" in index
    page = client.get(reverse("worklists:detail", args=["missing_data"])).content.decode()
    assert "Nguyễn Văn Một" in page and "Trần Văn Hai" not in page
    assert reverse("web:person_detail", args=[world["inside"].pk]) in page
    assert "Chỉ có năm sinh" in page and "nonlocal.titles" in page
    xlsx = client.get(reverse("worklists:detail", args=["missing_data"]) + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("worklists:detail", args=["no-such-list"])).status_code == 404
