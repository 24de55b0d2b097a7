"""The conduct worklists count in one COUNT query, and each count equals its list on a hand-built history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.conduct.choices import DisciplineSystem
from canbo.conduct.models import AnnualRating, PoliticalStandardConclusion
from canbo.conduct.selectors import bar_ends_on, discipline_bars
from canbo.conduct.services import discipline_record_create
from canbo.core import testing as make
from canbo.rules.retirement import add_months
from canbo.rules.selectors import rule_in_force
from canbo.worklists.registry import get_worklist

pytestmark = pytest.mark.django_db
D = dt.date
ADMINISTRATIVE = DisciplineSystem.ADMINISTRATIVE
CONDUCT_LISTS = (
    "discipline_bars_ending",
    "not_completed_consecutive",
    "excellent_cap_exceeded",
    "political_standard_missing",
)


@pytest.fixture
def history(shipped):
    """Two agencies (one in the user's scope): discipline of every form at month ends, ratings over and
    under the excellent cap, two years not completed, leaders with and without a conclusion."""
    root = make.unit("Tỉnh", kind="administration")
    mine = make.unit("Sở Nội vụ", parent=root)
    theirs = make.unit("Sở Tài chính", parent=root)
    boss, staff = make.title("Giám đốc", leadership=True), make.title()
    user = make.make_user("noivu", role="specialist", unit=mine)
    admin = make.make_user("bantc", role="specialist")
    forms = ["khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "khai_tru"]
    starts = [D(2024, 2, 29), D(2023, 4, 30), D(2024, 5, 1), D(2025, 1, 31), D(2021, 5, 31), D(2022, 12, 31)]
    for unit in (mine, theirs):
        for index, (form, start) in enumerate(zip(forms, starts, strict=True)):
            who = make.person(f"Kỷ Luật {unit.pk} {index}", managing_unit=unit)
            make.assign(who, unit, staff, D(2015, 1, 1))
            system = (
                "party" if form in ("khien_trach", "canh_cao", "cach_chuc", "khai_tru") else ADMINISTRATIVE
            )
            discipline_record_create(
                actor=None,
                person=who,
                data={
                    "form": form,
                    "system": system,
                    "decision_number": f"{index}-QĐ",
                    "decision_date": start,
                    "valid_from": start,
                },
            )
        levels = (
            ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV"] if unit == mine else ["HTXSNV"] + ["HTTNV"] * 5
        )
        for index, level in enumerate(levels):
            rated = make.person(f"Xếp Loại {unit.pk} {index}", managing_unit=unit)
            make.assign(rated, unit, staff, D(2015, 1, 1))
            AnnualRating.objects.create(person=rated, year=2025, level=level)
        failing = make.person(f"Không Hoàn Thành {unit.pk}", managing_unit=unit)
        for year in (2024, 2025):
            AnnualRating.objects.create(person=failing, year=year, level="KHTNV")
        for index in range(3):
            leader = make.person(f"Lãnh Đạo {unit.pk} {index}", managing_unit=unit)
            make.assign(leader, unit, boss, D(2022, 1, 1))
            if index == 0:
                PoliticalStandardConclusion.objects.create(
                    person=leader, concluded_on=D(2023, 3, 1), conclusion="dat", concluded_by="BTV"
                )
    return {"user": user, "admin": admin}


@pytest.mark.parametrize("on", [D(2026, 1, 15), D(2025, 9, 30), D(2026, 8, 31)])
def test_each_conduct_count_equals_its_rows(history, on):
    for code in CONDUCT_LISTS:
        item = get_worklist(code)
        for user in (history["user"], history["admin"]):
            assert item.count(user, on=on) == len(item.rows(user, on=on)), (code, on)


def test_the_sql_bar_end_matches_the_python_one(history):
    """Every record's bar end from SQL is bar_ends_on's, and the list holds exactly the bars ending soon."""
    for on in (D(2025, 9, 30), D(2026, 1, 15), D(2026, 8, 31), D(2027, 3, 1)):
        version = rule_in_force("discipline.bar", on=on)
        expected = sorted(
            (bar.record.pk, bar.ends_on)
            for bar in discipline_bars(user=history["admin"], on=on, ending_by=add_months(on, 6))
        )
        rows = get_worklist("discipline_bars_ending").rows(history["admin"], on=on)
        assert sorted((row.person.discipline_records.get().pk, row.day) for row in rows) == expected, on
        for row in rows:
            assert bar_ends_on(row.person.discipline_records.get(), version)[1] == row.day
    on = D(2026, 1, 15)
    names = {code: len(get_worklist(code).rows(history["user"], on=on)) for code in CONDUCT_LISTS}
    assert names == {
        "discipline_bars_ending": 3,
        "not_completed_consecutive": 1,
        "excellent_cap_exceeded": 2,
        "political_standard_missing": 2,
    }


@pytest.mark.parametrize("code", CONDUCT_LISTS)
def test_each_conduct_count_is_one_count_query(history, code):
    """No rows are built: one COUNT, beside the fixed reads of the grants, the rule version and the latest rated year."""
    with CaptureQueriesContext(connection) as queries:
        get_worklist(code).count(history["admin"], on=D(2026, 1, 15))
    counted = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("SELECT COUNT(")]
    assert len(counted) == 1
    assert len(queries.captured_queries) <= 4
