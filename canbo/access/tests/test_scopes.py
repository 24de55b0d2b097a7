"""Scopes follow people: a unit's HR officer, a colleague in another unit, and an outsider."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from canbo.access.models import Action, Grant, Role
from canbo.access.scopes import require_person_in_scope, user_scope
from canbo.core import testing as make

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def province():
    root = make.unit("Tỉnh", kind="administration")
    home = make.unit("Sở Nội vụ", parent=root)
    division = make.unit("Phòng Công chức", parent=home, kind="division")
    other = make.unit("Sở Tài chính", parent=root)
    owner = make.make_user("can-bo-to-chuc-snv")
    colleague = make.make_user("can-bo-to-chuc-stc")
    outsider = make.make_user("nguoi-ngoai")
    Grant.objects.create(user=owner, role=Role.HR_OFFICER, unit=home, valid_from=D(2020, 1, 1))
    Grant.objects.create(user=colleague, role=Role.HR_OFFICER, unit=other, valid_from=D(2020, 1, 1))
    return {
        "root": root,
        "home": home,
        "division": division,
        "other": other,
        "owner": owner,
        "colleague": colleague,
        "outsider": outsider,
    }


def test_each_user_sees_their_subtree_only(province):
    p = province
    owner_scope = user_scope(p["owner"])
    assert owner_scope.covers(p["division"].path) and not owner_scope.covers(p["other"].path)
    assert user_scope(p["colleague"]).covers(p["other"].path)
    assert user_scope(p["outsider"]).nothing


def test_expired_and_read_only_grants(province):
    leader = make.make_user("lanh-dao")
    Grant.objects.create(user=leader, role=Role.LEADER, unit=None, valid_from=D(2020, 1, 1))
    assert user_scope(leader, Action.VIEW).everything
    assert user_scope(leader, Action.CHANGE).nothing
    former = make.make_user("da-chuyen-cong-tac")
    Grant.objects.create(
        user=former, role=Role.SPECIALIST, unit=None, valid_from=D(2015, 1, 1), valid_to=D(2019, 12, 31)
    )
    assert user_scope(former).nothing


def test_a_write_that_moves_a_person_out_of_scope_is_refused(province):
    p = province
    staff = make.title()
    hang = make.person(managing_unit=p["home"])
    require_person_in_scope(p["owner"], hang.pk)
    with pytest.raises(PermissionDenied):
        require_person_in_scope(p["colleague"], hang.pk)
    make.assign(hang, p["other"], staff, D(2021, 1, 1))  # now belongs to the other department
    with pytest.raises(PermissionDenied):
        require_person_in_scope(p["owner"], hang.pk)
    require_person_in_scope(p["colleague"], hang.pk)
    require_person_in_scope(None, hang.pk)  # the system itself is not scoped
