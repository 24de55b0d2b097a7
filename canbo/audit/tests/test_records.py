"""The shared tail of writes to a person's records (canbo.audit.records), through the relatives' services:
scope on the person, normalisation, the service's own rules, the version claim and the audit rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from canbo.access.models import Role
from canbo.access.scopes import ScopeDenied
from canbo.audit.models import AuditAction, AuditEvent
from canbo.audit.versions import StaleVersion
from canbo.core import testing as make
from canbo.people import services
from canbo.people.choices import FamilyRelation
from canbo.people.models import FamilyMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    other = make.unit("Sở Tài chính", parent=root)
    hang = make.person("Nguyễn Thị Hằng")
    make.assign(hang, dept, make.title(), dt.date(2020, 1, 1))
    return {
        "hang": hang,
        "owner": make.make_user("can-bo-so-noi-vu", role=Role.SPECIALIST, unit=dept),
        "outsider": make.make_user("can-bo-so-tai-chinh", role=Role.SPECIALIST, unit=other),
    }


def _rows(member_id: int) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="people.familymember", object_id=str(member_id)).order_by("id")
    )


def test_it_works(setting: Any) -> None:
    hang, owner = setting["hang"], setting["owner"]
    member = services.family_member_create(
        actor=owner,
        person=hang,
        data={"relation": FamilyRelation.FATHER, "full_name": "  Nguyễn   Văn  Ba ", "birth_year": 1950},
    )
    assert member.full_name == "Nguyễn Văn Ba"  # the spec's normalisation ran before validation
    loaded = member.version
    member = services.family_member_update(
        actor=owner, member=member, data={"birth_year": 1951}, version=loaded
    )
    assert (member.birth_year, member.version) == (1951, loaded + 1)
    member_id = member.pk
    services.family_member_delete(actor=owner, member=member, version=loaded + 1)
    assert not FamilyMember.objects.filter(pk=member_id).exists()

    created, updated, deleted = _rows(member_id)
    assert [row.action for row in (created, updated, deleted)] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    assert {row.person_id for row in (created, updated, deleted)} == {hang.pk}
    assert created.changes["full_name"] == [None, "Nguyễn Văn Ba"]
    assert updated.changes == {"birth_year": [1950, 1951], "version": [loaded, loaded + 1]}
    assert deleted.changes["birth_year"] == [1951, None]


def test_it_checks_ownership(setting: Any) -> None:
    hang, owner, outsider = setting["hang"], setting["owner"], setting["outsider"]
    with pytest.raises(ScopeDenied):
        services.family_member_create(
            actor=outsider, person=hang, data={"relation": FamilyRelation.MOTHER, "full_name": "Lê Thị Tư"}
        )
    assert not FamilyMember.objects.filter(person=hang).exists()
    member = services.family_member_create(
        actor=owner, person=hang, data={"relation": FamilyRelation.MOTHER, "full_name": "Lê Thị Tư"}
    )
    with pytest.raises(ScopeDenied):
        services.family_member_update(actor=outsider, member=member, data={"full_name": "Lê Thị Năm"})
    with pytest.raises(ScopeDenied):
        services.family_member_delete(actor=outsider, member=member)
    member.refresh_from_db()
    assert member.full_name == "Lê Thị Tư"
    assert [row.action for row in _rows(member.pk)] == [AuditAction.CREATE]
    refused = AuditEvent.objects.filter(action=AuditAction.DENIED, person_id=hang.pk, actor=outsider)
    assert refused.count() == 3


def test_it_refuses_a_stale_version_and_changes_nothing(setting: Any) -> None:
    hang, owner = setting["hang"], setting["owner"]
    member = services.family_member_create(
        actor=owner, person=hang, data={"relation": FamilyRelation.SPOUSE, "full_name": "Trần Văn Sáu"}
    )
    loaded = member.version
    services.family_member_update(actor=owner, member=member, data={"details": "Kỹ sư"}, version=loaded)
    with pytest.raises(StaleVersion):
        services.family_member_update(actor=owner, member=member, data={"details": "Bác sĩ"}, version=loaded)
    with pytest.raises(StaleVersion):
        services.family_member_delete(actor=owner, member=member, version=loaded)
    member.refresh_from_db()
    assert (member.details, member.version) == ("Kỹ sư", loaded + 1)
    assert [row.action for row in _rows(member.pk)] == [AuditAction.CREATE, AuditAction.UPDATE]


def test_it_reports_the_services_rules_with_the_models_checks(setting: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.family_member_create(
            actor=setting["owner"], person=setting["hang"], data={"full_name": "Ba", "birth_year": 1800}
        )
    assert {"birth_year", "relation"} <= set(refused.value.message_dict)
    assert not FamilyMember.objects.exists()
    assert not AuditEvent.objects.filter(object_type="people.familymember").exists()
