"""Position change due, exemptions, rotation eligibility and movements, on hand-built histories."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.access.scopes import ScopeDenied
from canbo.core import testing as make
from canbo.rotation.models import ExemptionReason, MovementKind
from canbo.rotation.selectors import movements_ending, position_changes_due, rotation_eligibility
from canbo.rotation.services import (
    movement_create,
    movement_end,
    position_change_exemption_create,
    sensitive_position_create,
)
from canbo.rules.services import rules_load
from canbo.worklists.registry import get_worklist

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2025, 3, 1)


@pytest.fixture
def world(db):
    rules_load()
    board = make.unit("Ban Tổ chức Tỉnh ủy")
    other = make.unit("Sở Tài chính")
    admin = make.make_user("bantc", role="specialist")
    return {"board": board, "other": other, "admin": admin}


def _position(world, person, start, field="to_chuc_can_bo"):
    return sensitive_position_create(
        actor=world["admin"],
        data={
            "person": person,
            "unit": world["board"],
            "field": field,
            "position": "Chuyên viên theo dõi cán bộ",
            "valid_from": start,
        },
    )


def test_position_change_falls_due_after_the_field_period(world):
    staff = make.title("Chuyên viên", code="CV_R")
    due = make.person("Nguyễn Văn Một", birth_date=D(1985, 1, 1))
    later = make.person("Trần Văn Hai", birth_date=D(1985, 1, 1))
    for p in (due, later):
        make.assign(p, world["board"], staff, D(2015, 1, 1))
    _position(world, due, D(2022, 1, 10))  # 36 months → 10/01/2025
    _position(world, later, D(2023, 1, 10))  # → 10/01/2026, beyond six months
    rows = position_changes_due(user=world["admin"], on=ON, until=D(2025, 9, 1))
    assert [(r.position.person, r.due_on) for r in rows] == [(due, D(2025, 1, 10))]
    assert "59/2019" in rows[0].citation
    listed = get_worklist("position_changes_due").rows(world["admin"], on=ON)
    assert [r.person for r in listed] == [due] and "36 tháng" in listed[0].reason


def test_exemptions_and_near_retirement_leave_the_list(world):
    staff = make.title("Chuyên viên", code="CV_R2")
    mother = make.person("Lê Thị Ba", birth_date=D(1990, 1, 1))
    old = make.person("Phạm Văn Bốn", birth_date=D(1964, 6, 1))  # retires within 18 months of 2025
    for p in (mother, old):
        make.assign(p, world["board"], staff, D(2015, 1, 1))
        _position(world, p, D(2020, 1, 1))
    position_change_exemption_create(
        actor=world["admin"],
        data={
            "person": mother,
            "reason": ExemptionReason.PREGNANCY,
            "valid_from": D(2024, 5, 1),
            "valid_to": D(2027, 5, 1),
        },
    )
    assert position_changes_due(user=world["admin"], on=ON, until=ON) == []
    assert [
        r.position.person
        for r in position_changes_due(user=world["admin"], on=D(2027, 6, 1), until=D(2027, 6, 1))
    ] == [mother]


def test_unknown_field_is_refused_with_nothing_stored(world):
    person = make.person("Nguyễn Văn Năm")
    make.assign(person, world["board"], make.title(code="CV_R3"), D(2015, 1, 1))
    with pytest.raises(ValidationError) as err:
        _position(world, person, D(2022, 1, 1), field="khong_co")
    assert "khong_co" in str(err.value.message_dict["field"])


def test_rotation_eligibility_needs_ten_years_or_one_term(world):
    young = make.person("Nguyễn Văn Sáu", birth_date=D(1980, 1, 1))
    older = make.person("Trần Văn Bảy", birth_date=D(1972, 1, 1))  # retires in 2034
    assert rotation_eligibility(young, on=ON).status == "pass"
    check = rotation_eligibility(older, on=ON)
    assert check.status == "fail" and "65-QĐ/TW" in check.citation
    assert rotation_eligibility(older, on=ON, one_term_case=True).status == "pass"
    for p in (young, older):
        make.assign(p, world["board"], make.title(code=f"CV_{p.pk}"), D(2015, 1, 1))
    data = {
        "person": older,
        "kind": MovementKind.ROTATION,
        "from_unit": world["board"],
        "to_unit": world["other"],
        "to_post": "Phó Giám đốc",
        "decision": "QĐ 12-QĐ/TU",
        "decided_on": D(2025, 2, 1),
        "valid_from": ON,
        "planned_end": D(2028, 3, 1),
    }
    with pytest.raises(ValidationError) as err:
        movement_create(actor=world["admin"], data=data)
    assert "exception_basis" in err.value.message_dict
    moved = movement_create(actor=world["admin"], data={**data, "exception_basis": "Công văn 5-CV/TU"})
    assert [m.pk for m in movements_ending(user=world["admin"], on=D(2028, 1, 1), until=D(2028, 6, 1))] == [
        moved.pk
    ]
    movement_end(actor=world["admin"], movement=moved, ended_on=D(2027, 12, 31))
    assert movements_ending(user=world["admin"], on=D(2028, 1, 1), until=D(2028, 6, 1)) == []


def test_secondment_over_three_years_is_refused(world):
    person = make.person("Nguyễn Văn Tám", birth_date=D(1985, 1, 1))
    make.assign(person, world["board"], make.title(code="CV_R4"), D(2015, 1, 1))
    with pytest.raises(ValidationError) as err:
        movement_create(
            actor=world["admin"],
            data={
                "person": person,
                "kind": MovementKind.SECONDMENT,
                "from_unit": world["board"],
                "to_unit": world["other"],
                "decision": "QĐ 1",
                "decided_on": ON,
                "valid_from": ON,
                "planned_end": D(2028, 3, 1),
            },
        )
    assert "138/2020" in str(err.value.message_dict["planned_end"])  # the version in force on the start


def test_outside_scope_is_refused(world):
    person = make.person("Nguyễn Văn Chín")
    make.assign(person, world["other"], make.title(code="CV_R5"), D(2015, 1, 1))
    narrow = make.make_user("hep", role="specialist", unit=world["board"])
    with pytest.raises(ScopeDenied):
        _position({**world, "admin": narrow}, person, D(2022, 1, 1))
    assert position_changes_due(user=narrow, on=D(2030, 1, 1), until=D(2030, 1, 1)) == []
