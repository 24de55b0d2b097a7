"""The eligibility page's unit for non-local titles: offered only when the title needs it, only units in scope."""

import datetime as dt

import pytest

from canbo.core import testing as make
from canbo.posts.choices import TitleRank

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    person = make.person("Trần Văn An")
    make.assign(person, home, make.title(), dt.date(2020, 1, 1))
    make.title("Bí thư Tỉnh ủy", code="BI_THU_TINH_UY", rank=TitleRank.KEY, leadership=True)
    make.title("Phó Giám đốc Sở", code="PGD_SO", rank=TitleRank.DEPUTY, leadership=True)
    return {
        "home": home,
        "other": other,
        "person": person,
        "officer": make.make_user("hr", role="hr_officer", unit=home),
    }


def test_the_unit_is_asked_for_a_non_local_title_only(client, case):
    client.force_login(case["officer"])
    url = f"/can-bo/{case['person'].pk}/dieu-kien/"
    plain = client.get(url, {"title": "PGD_SO", "on": "01/03/2026"}).content.decode()
    assert 'data-testid="unit-choice"' not in plain
    assert 'data-rule="nonlocal.titles" data-status="pass"' in plain
    asked = client.get(url, {"title": "BI_THU_TINH_UY", "on": "01/03/2026"}).content.decode()
    assert 'data-testid="unit-choice"' in asked
    assert 'data-rule="nonlocal.titles" data-status="unknown"' in asked and "chọn đơn vị" in asked
    chosen = client.get(url, {"title": "BI_THU_TINH_UY", "on": "01/03/2026", "unit": case["home"].pk})
    assert "Sở Nội vụ — chưa gắn địa bàn" in chosen.content.decode()


def test_a_unit_out_of_scope_is_refused_with_a_message(client, case):
    client.force_login(case["officer"])
    url = f"/can-bo/{case['person'].pk}/dieu-kien/"
    reply = client.get(url, {"title": "BI_THU_TINH_UY", "unit": case["other"].pk}).content.decode()
    assert "nằm ngoài phạm vi quản lý" in reply and "data-rule" not in reply and "Sở Tài chính" not in reply


def test_the_api_takes_the_unit_in_scope_only(client, case):
    client.force_login(case["officer"])
    url = f"/api/people/{case['person'].pk}/eligibility/"
    reply = client.get(url, {"title": "BI_THU_TINH_UY", "on": "2026-03-01", "unit": case["home"].pk})
    assert reply.status_code == 200 and reply.json()["unit"] == case["home"].pk
    check = next(c for c in reply.json()["checks"] if c["rule"] == "nonlocal.titles")
    assert check["status"] == "unknown" and "chưa gắn địa bàn" in check["reason"]
    for bad in (case["other"].pk, "x"):
        refused = client.get(url, {"title": "BI_THU_TINH_UY", "unit": bad})
        assert refused.status_code == 400 and "phạm vi quản lý" in refused.json()["unit"][0]
