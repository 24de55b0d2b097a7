"""The eligibility page and API: scoped, the checklist with citations, bad input answered in Vietnamese."""

import datetime as dt

import pytest

from canbo.core import testing as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    inside, outside = make.person("Trần Văn An"), make.person("Lê Văn Bình")
    make.assign(inside, home, make.title(), dt.date(2020, 1, 1))
    make.assign(outside, other, make.title(), dt.date(2020, 1, 1))
    target = make.title("Phó Giám đốc Sở", leadership=True, code="PGD_SO")
    officer = make.make_user("hr", role="hr_officer", unit=home)
    return inside, outside, target, officer


def test_the_page_shows_the_checklist_and_hides_people_out_of_scope(client, case):
    inside, outside, _target, officer = case
    client.force_login(officer)
    page = client.get(f"/can-bo/{inside.pk}/dieu-kien/", {"title": "PGD_SO", "on": "01/03/2026"})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-rule="discipline.bar" data-status="pass"' in text
    assert 'data-rule="political_standard.required" data-status="unknown"' in text
    assert "377-QĐ/TW" in text and "01/03/2026" in text
    assert client.get(f"/can-bo/{outside.pk}/dieu-kien/").status_code == 404
    bad = client.get(f"/can-bo/{inside.pk}/dieu-kien/", {"title": "PGD_SO", "on": "31/02/2026"})
    assert "không hợp lệ" in bad.content.decode() and "data-rule" not in bad.content.decode()
    assert f"/can-bo/{inside.pk}/dieu-kien/" in client.get(f"/can-bo/{inside.pk}/").content.decode()


def test_the_api_returns_each_check_with_reason_and_citation(client, case):
    inside, outside, _target, officer = case
    client.force_login(officer)
    reply = client.get(f"/api/people/{inside.pk}/eligibility/", {"title": "PGD_SO", "on": "2026-03-01"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["on"] == "2026-03-01" and body["result"] == "unknown"
    checks = {c["rule"]: c for c in body["checks"]}
    assert checks["discipline.bar"]["status"] == "pass" and "377" in checks["discipline.bar"]["citation"]
    assert checks["title.standards"]["status"] == "unknown"
    assert client.get(f"/api/people/{outside.pk}/eligibility/", {"title": "PGD_SO"}).status_code == 404
    assert client.get(f"/api/people/{inside.pk}/eligibility/", {"title": "KHONG_CO"}).status_code == 400
