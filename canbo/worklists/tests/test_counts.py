"""Index counts: each list's counter counts exactly its rows, and the index runs a bounded number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from canbo.core import testing as make
from canbo.core.dates import DatePrecision, today
from canbo.rotation.models import MovementKind
from canbo.rotation.services import movement_create, sensitive_position_create
from canbo.rules.retirement import add_months
from canbo.rules.services import rules_load
from canbo.worklists.registry import worklists

pytestmark = pytest.mark.django_db


def _retiring_birth(day):
    """A man's birth date whose statutory retirement falls 2 to 12 months after `day`."""
    from canbo.rules.retirement import retirement_for

    born = add_months(day, -62 * 12)
    while (
        not add_months(day, 2)
        <= retirement_for(sex="nam", birth=born, on=day).retires_on
        <= add_months(day, 11)
    ):
        born = add_months(born, 1)
    return born


def _populate(admin, mine, theirs, n):
    """`n` people in each unit: one retiring soon, one with a birth year only, a sensitive position due, a
    secondment ending; the other unit's people mirror them."""
    day = today()
    staff = make.title("Chuyên viên", code=f"CV_C{n}")
    for unit in (mine, theirs):
        for i in range(n):
            retiring = make.person(
                f"Nguyễn Văn Hưu {unit.pk}{n}{i}", birth_date=_retiring_birth(day), sex="nam"
            )
            year_only = make.person(
                f"Trần Thị Năm {unit.pk}{n}{i}",
                birth_date=dt.date(1985, 1, 1),
                birth_date_precision=DatePrecision.YEAR,
            )
            sensitive = make.person(f"Lê Văn Nhạy {unit.pk}{n}{i}", birth_date=dt.date(1985, 3, 1))
            for p in (retiring, year_only, sensitive):
                make.assign(p, unit, staff, dt.date(2010, 1, 1))
            sensitive_position_create(
                actor=admin,
                data={
                    "person": sensitive,
                    "unit": unit,
                    "field": "to_chuc_can_bo",
                    "position": "Chuyên viên theo dõi cán bộ",
                    "valid_from": add_months(day, -40),
                },
            )
            movement_create(
                actor=admin,
                data={
                    "person": sensitive,
                    "kind": MovementKind.SECONDMENT,
                    "from_unit": unit,
                    "to_unit": theirs if unit == mine else mine,
                    "decision": f"QĐ {n}{i}",
                    "decided_on": add_months(day, -20),
                    "valid_from": add_months(day, -20),
                    "planned_end": add_months(day, 2),
                },
            )


@pytest.fixture
def world(db):
    rules_load()
    mine, theirs = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    admin = make.make_user("bantc", role="specialist")
    user = make.make_user("noivu", role="specialist", unit=mine)
    return {"mine": mine, "theirs": theirs, "admin": admin, "user": user}


def test_each_count_equals_its_rows(world):
    _populate(world["admin"], world["mine"], world["theirs"], 2)
    day = today()
    counted = {}
    for item in worklists():
        for user in (world["user"], world["admin"]):
            assert item.count(user, on=day) == len(item.rows(user, on=day)), item.code
        counted[item.code] = item.count(world["user"], on=day)
    # The lists this world fills hold the user's unit only.
    assert counted["retiring_12_months"] == 2
    assert counted["missing_data"] == 2
    assert counted["position_changes_due"] == 2
    assert counted["movements_ending"] == 2


def test_index_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world["user"])
    _populate(world["admin"], world["mine"], world["theirs"], 1)
    with django_assert_max_num_queries(60) as few:
        assert client.get(reverse("worklists:index")).status_code == 200
    _populate(world["admin"], world["mine"], world["theirs"], 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("worklists:index"))
    counts = {code: int(n) for code, n in zip(_codes(page), _cells(page), strict=True)}
    assert counts["retiring_12_months"] == 5 and counts["movements_ending"] == 5


def _codes(page):
    import re

    return re.findall(r'data-code="([^"]+)"', page.content.decode())


def _cells(page):
    import re

    return re.findall(r'data-testid="count">(\d+)<', page.content.decode())
