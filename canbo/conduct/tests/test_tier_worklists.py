"""The discipline-tier worklists for a user whose grants differ in tiers: the rows under the grants that carry
the tier, counted in one COUNT query; hidden only from a user none of whose grants carries it."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canbo.access.models import Role
from canbo.conduct.services import discipline_record_create
from canbo.core import testing as make
from canbo.worklists.registry import get_worklist, worklists

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 1, 15)
TIERED = ("discipline_bars_ending", "political_standard_missing")


@pytest.fixture
def province(shipped):
    """A province with districts A and B: in each, a warned cadre whose bar ends soon and a leader without
    a political-standard conclusion; a leader of the province who is also A's HR officer, and single roles."""
    root = make.unit("Tỉnh Hòa Bình Thử", kind="administration")
    boss, staff = make.title("Chủ tịch", leadership=True), make.title()
    people = {}
    for side in ("a", "b"):
        district = make.unit(f"Huyện {side.upper()}", parent=root)
        warned = make.person(f"Cảnh Cáo {side.upper()}", managing_unit=district)
        make.assign(warned, district, staff, D(2015, 1, 1))
        discipline_record_create(
            actor=None,
            person=warned,
            data={
                "form": "canh_cao",
                "system": "party",
                "decision_number": f"{side}-QĐ/UBKT",
                "decision_date": D(2023, 4, 30),
                "valid_from": D(2023, 4, 30),  # 36 months: barred until 29/04/2026
            },
        )
        leader = make.person(f"Lãnh Đạo {side.upper()}", managing_unit=district)
        make.assign(leader, district, boss, D(2022, 1, 1))
        people[side] = {"unit": district, "warned": warned, "leader": leader}
    mixed = make.make_user("lanhdao-tinh-tccb-a", role=Role.LEADER, unit=root)
    make.grant(mixed, Role.HR_OFFICER, people["a"]["unit"])
    return {
        **people,
        "mixed": mixed,
        "leader": make.make_user("lanhdao-tinh", role=Role.LEADER, unit=root),
        "inspector": make.make_user("kiemtra-tinh", role=Role.INSPECTOR, unit=root),
        "officer": make.make_user("tccb-tinh", role=Role.HR_OFFICER, unit=root),
    }


def _names(code, user):
    return sorted(row.person.full_name for row in get_worklist(code, user).rows(user, on=ON))


def test_a_mixed_user_sees_the_rows_under_the_grant_that_carries_the_tier(province):
    mixed = province["mixed"]
    shown = {w.code for w in worklists(mixed)}
    assert set(TIERED) <= shown
    assert _names("discipline_bars_ending", mixed) == ["Cảnh Cáo A"]
    assert _names("political_standard_missing", mixed) == ["Lãnh Đạo A"]
    for code in TIERED:
        assert get_worklist(code, mixed).count(mixed, on=ON) == 1, code


def test_roles_with_the_tier_on_every_grant_see_the_whole_scope(province):
    for who in ("inspector", "officer"):
        user = province[who]
        assert _names("discipline_bars_ending", user) == ["Cảnh Cáo A", "Cảnh Cáo B"], who
        assert _names("political_standard_missing", user) == ["Lãnh Đạo A", "Lãnh Đạo B"], who
        for code in TIERED:
            assert get_worklist(code, user).count(user, on=ON) == 2, (who, code)


def test_a_user_no_grant_of_whom_carries_the_tier_does_not_see_the_lists(province):
    leader = province["leader"]
    for code in TIERED:
        assert get_worklist(code, leader) is None
        assert get_worklist(code).count(leader, on=ON) == 0
        assert get_worklist(code).rows(leader, on=ON) == []
    assert not set(TIERED) & {w.code for w in worklists(leader)}
    assert "not_completed_consecutive" in {w.code for w in worklists(leader)}  # no tier: shown


@pytest.mark.parametrize("code", TIERED)
def test_the_mixed_count_is_one_count_query(province, code):
    mixed = province["mixed"]
    item = get_worklist(code)
    with CaptureQueriesContext(connection) as queries:
        assert item.count(mixed, on=ON) == 1
    counted = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("SELECT COUNT(")]
    assert len(counted) == 1
    assert len(queries.captured_queries) <= 4  # the grants, the rule version, the count


def test_the_pages_for_the_mixed_user(province):
    client = Client()
    client.force_login(province["mixed"])
    detail = reverse("worklists:detail", args=["political_standard_missing"])
    assert detail in client.get(reverse("worklists:index")).content.decode()
    page = client.get(detail).content.decode()
    assert "Lãnh Đạo A" in page and "Lãnh Đạo B" not in page
    client.force_login(province["leader"])
    assert client.get(detail).status_code == 404
