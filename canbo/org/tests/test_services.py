"""The unit tree, mergers, elected bodies and memberships."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.core import testing as make
from canbo.org.choices import BodyKind, Level
from canbo.org.models import Membership, OrgUnit, UnitSuccession
from canbo.org.selectors import unit_tree
from canbo.org.services import (
    elected_body_create,
    membership_create,
    term_create,
    unit_update,
    units_merge,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_paths_follow_the_tree_and_moves_carry_the_subtree():
    province = make.unit("Tỉnh Lào Cai", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=province)
    division = make.unit("Phòng Công chức", parent=dept, kind="division")
    other = make.unit("Sở Tài chính", parent=province)
    assert division.path.startswith(dept.path) and dept.path.startswith(province.path)
    assert division.depth == 2
    unit_update(actor=None, unit=dept, data={"parent": other})
    division.refresh_from_db()
    assert division.path.startswith(other.path) and division.depth == 3


def test_a_unit_cannot_move_under_itself():
    dept = make.unit("Sở Nội vụ")
    division = make.unit("Phòng", parent=dept, kind="division")
    with pytest.raises(ValidationError):
        unit_update(actor=None, unit=dept, data={"parent": division})
    dept.refresh_from_db()
    assert dept.parent_id is None


def test_a_unit_cannot_end_while_people_still_work_there():
    dept = make.unit("Sở cũ")
    make.assign(make.person(), dept, make.title(), D(2020, 1, 1))
    with pytest.raises(ValidationError) as err:
        unit_update(actor=None, unit=dept, data={"valid_to": D(2025, 6, 30)})
    assert "Còn 1 người" in str(err.value)


def test_merging_ends_the_old_units_and_links_them():
    a = make.unit("UBND xã A", level=Level.COMMUNE)
    b = make.unit("UBND xã B", level=Level.COMMUNE)
    new = make.unit("UBND xã Mới", level=Level.COMMUNE, valid_from=D(2025, 7, 1))
    units_merge(actor=None, predecessors=[a, b], successor=new, effective_on=D(2025, 7, 1))
    a.refresh_from_db()
    assert a.valid_to == D(2025, 6, 30)
    assert UnitSuccession.objects.filter(successor=new).count() == 2
    assert set(OrgUnit.objects.as_of(D(2025, 7, 1)).filter(level=Level.COMMUNE)) == {new}


def test_tree_counts_people_on_the_date():
    user = make.make_user(role="specialist")
    province = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở", parent=province)
    staff = make.title()
    make.assign(make.person("Trần Văn An"), dept, staff, D(2010, 1, 1), D(2020, 12, 31))
    make.assign(make.person("Lê Văn Bình"), province, staff, D(2010, 1, 1))
    [root] = unit_tree(user=user, as_of=D(2020, 6, 1))
    assert (root.direct_count, root.subtree_count, root.children[0].direct_count) == (1, 2, 1)
    [root] = unit_tree(user=user, as_of=D(2021, 6, 1))
    assert root.subtree_count == 1


def test_memberships_stay_inside_their_term_and_do_not_repeat():
    committee = make.unit("Tỉnh ủy", sector="party", kind="party_committee")
    body = elected_body_create(
        actor=None,
        data={
            "org_unit": committee,
            "kind": BodyKind.PARTY_EXECUTIVE,
            "level": Level.PROVINCE,
            "name": "BCH Đảng bộ tỉnh",
        },
    )
    term = term_create(
        actor=None,
        body=body,
        data={"name": "2020–2025", "valid_from": D(2020, 10, 16), "valid_to": D(2025, 9, 30)},
    )
    with pytest.raises(ValidationError):
        term_create(actor=None, body=body, data={"name": "trùng", "valid_from": D(2025, 1, 1)})
    hang = make.person()
    membership_create(
        actor=None,
        person=hang,
        data={"term": term, "valid_from": D(2020, 10, 16), "valid_to": D(2025, 9, 30)},
    )
    with pytest.raises(ValidationError):
        membership_create(
            actor=None,
            person=hang,
            data={"term": term, "valid_from": D(2021, 1, 1), "valid_to": D(2022, 1, 1)},
        )
    with pytest.raises(ValidationError):
        membership_create(
            actor=None,
            person=make.person("Lê Văn Bình"),
            data={"term": term, "valid_from": D(2019, 1, 1), "valid_to": D(2020, 12, 31)},
        )
    assert Membership.objects.count() == 1
