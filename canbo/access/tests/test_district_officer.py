"""The HR officer of district A tries to reach district B (issue 5): every attempt is refused, nothing
changes, and the refusal is in the audit trail. Also the services themselves, called directly."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from canbo.access.models import Role
from canbo.access.scopes import ScopeDenied
from canbo.audit.models import AuditAction, AuditEvent
from canbo.core import testing as make
from canbo.org import services as org_services
from canbo.people import services as people_services
from canbo.posts import services as posts_services
from canbo.posts.models import Assignment

from .conftest import A_NAME, B_NAME, api_for, client_for, fingerprint

pytestmark = pytest.mark.django_db
D = dt.date


def denied(user: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).order_by("id"))


def test_opening_a_person_of_district_b_is_not_found(world: dict[str, Any]) -> None:
    client = client_for(world["officer_a"])
    assert client.get(reverse("web:person_detail", args=[world["a"]["person"].pk])).status_code == 200
    assert client.get(reverse("web:person_detail", args=[world["b"]["person"].pk])).status_code == 404
    missing = max(world["a"]["person"].pk, world["b"]["person"].pk) + 100
    assert client.get(reverse("web:person_detail", args=[missing])).status_code == 404


def test_posting_an_assignment_with_a_unit_of_district_b_is_refused(world: dict[str, Any]) -> None:
    officer = world["officer_a"]
    before = fingerprint(world)
    response = client_for(officer).post(
        reverse("web:assignment_create"),
        {
            "person": world["a"]["person"].pk,
            "title": world["title"].pk,
            "unit": world["b"]["office"].pk,  # tampered: the picker never offers it
            "valid_from": "01/01/2024",
            "is_concurrent": "on",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert fingerprint(world) == before
    [event] = denied(officer)
    assert event.changes["unit"] == str(world["b"]["office"].pk)
    assert event.source == "web" and event.client_ip == "127.0.0.1"


def test_moving_their_own_person_to_district_b_is_refused(world: dict[str, Any]) -> None:
    officer, person = world["officer_a"], world["a"]["person"]
    before = fingerprint(world)
    # Through the record's form: the managing unit of district B is not a choice.
    data = {
        "full_name": person.full_name,
        "birth_date": "05/04/1980",
        "sex": person.sex,
        "ethnicity": person.ethnicity_id,
        "religion": person.religion_id,
        "managing_unit": world["b"]["unit"].pk,
    }
    response = client_for(officer).post(reverse("web:person_update", args=[person.pk]), data)
    assert response.status_code == 200 and "managing_unit" in response.context["form"].errors
    # Through the service: moving the main post to district B would make the person B's; refused, rolled back.
    with pytest.raises(ScopeDenied):
        posts_services.assignment_update(
            actor=officer, assignment=world["a"]["post"], data={"unit": world["b"]["office"]}
        )
    # Ending A's post and recording the move by the service's other door is refused the same way.
    with pytest.raises(ScopeDenied):
        people_services.person_update(
            actor=officer, person=person, data={"managing_unit": world["b"]["unit"]}
        )
    assert fingerprint(world) == before
    assert [event.changes["operation"] for event in denied(officer)] == [
        "PersonUpdateView",
        "assignment_update",
        "person_update",
    ]


def test_a_person_moved_out_by_a_change_in_scope_is_refused_after_the_save(world: dict[str, Any]) -> None:
    """The check after the write: what the saved post would do to the person decides, inside the service's
    transaction (a post in B refused; deleting A's post of a person who came from B refused too)."""
    officer = world["officer_a"]
    newcomer = make.person("Lò Văn Mới", managing_unit=world["a"]["unit"])
    # The officer may edit the newcomer (in scope) ...
    people_services.person_update(actor=officer, person=newcomer, data={"other_names": "Mới"})
    # ... but a post in district B (a unit outside scope) is refused before anything is kept.
    count = Assignment.objects.count()
    with pytest.raises(ScopeDenied):
        posts_services.assignment_create(
            actor=officer,
            person=newcomer,
            data={"unit": world["b"]["office"], "title": world["title"], "valid_from": D(2024, 1, 1)},
        )
    assert Assignment.objects.count() == count
    # Deleting A's only post of a person with an earlier post in B would hand them to B: refused too.
    mover = make.person("Đinh Văn Chuyển", managing_unit=world["b"]["unit"])
    make.assign(mover, world["b"]["office"], world["title"], D(2010, 1, 1), D(2019, 12, 31))
    post = make.assign(mover, world["a"]["office"], world["title"], D(2020, 1, 1))
    post_id = post.pk
    with pytest.raises(ScopeDenied):
        posts_services.assignment_delete(actor=officer, assignment=post)
    assert Assignment.objects.filter(pk=post_id).exists()


def test_the_exported_list_holds_district_a_only(world: dict[str, Any]) -> None:
    response = client_for(world["officer_a"]).get(reverse("web:person_list_xlsx"), {"as_of": "01/06/2024"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]]
    assert A_NAME in names and B_NAME not in names
    # The specialist of the province gets both.
    specialist = make.make_user("chuyen-vien-tinh", role=Role.SPECIALIST)
    response = client_for(specialist).get(reverse("web:person_list_xlsx"), {"as_of": "01/06/2024"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]]
    assert A_NAME in names and B_NAME in names


def test_the_dashboard_is_for_district_a(world: dict[str, Any]) -> None:
    client = client_for(world["officer_a"])
    # The default unit is the top of the officer's scope, not the province.
    response = client.get(reverse("web:programme_detail", args=["T-1"]), {"as_of": "01/06/2024"})
    assert response.status_code == 200
    assert response.context["scope"].unit == world["a"]["unit"]
    [line] = [line for line in response.context["lines"] if line.code == "T-1a"]
    assert (line.numerator, line.denominator) == (1, 1)  # A's cadre only
    # District B's figures, or a unit that does not exist, are not found.
    assert (
        client.get(
            reverse("web:programme_detail", args=["T-1"]) + f"?unit={world['b']['unit'].pk}"
        ).status_code
        == 404
    )
    assert client.get(reverse("web:programme_detail", args=["T-1"]) + "?unit=999999").status_code == 404
    # The comparison and the unit picker offer units in scope only.
    picker = client.get(reverse("web:programme_units", args=["T-1"])).json()["results"]
    assert {row["id"] for row in picker} == {world["a"]["unit"].pk, world["a"]["office"].pk}
    compare = client.get(reverse("web:indicator_compare", args=["T-1", "T-1a"]), {"as_of": "01/06/2024"})
    assert compare.status_code == 200
    assert [row["result"].unit for row in compare.context["rows"]] == [world["a"]["office"]]
    # The API's results default to district A too, and B's unit is refused like a missing one.
    api = api_for(world["officer_a"])
    results = api.get(reverse("api:programme-results", args=["T-1"]), {"as_of": "2024-06-01"}).json()
    assert results["unit"]["id"] == world["a"]["unit"].pk
    assert (
        api.get(reverse("api:programme-results", args=["T-1"]), {"unit": world["b"]["unit"].pk}).status_code
        == 400
    )
    assert api.get(reverse("api:programme-results", args=["T-1"]), {"unit": 999999}).status_code == 400


def test_every_service_refuses_district_b_and_records_it(world: dict[str, Any]) -> None:
    """Each write service, called for B's records by A's officer: refused, unchanged, one audit row each."""
    officer, b = world["officer_a"], world["b"]
    before = fingerprint(world)
    attempts = [
        lambda: people_services.person_update(actor=officer, person=b["person"], data={"other_names": "x"}),
        lambda: people_services.person_delete(actor=officer, person=b["person"]),
        lambda: people_services.qualification_create(
            actor=officer, person=b["person"], data={"level": world["level"], "obtained_on": D(2006, 1, 1)}
        ),
        lambda: people_services.qualification_update(
            actor=officer, qualification=b["qualification"], data={}
        ),
        lambda: people_services.qualification_delete(actor=officer, qualification=b["qualification"]),
        lambda: people_services.family_member_create(
            actor=officer, person=b["person"], data={"relation": "mother", "full_name": "Mẹ"}
        ),
        lambda: people_services.family_member_update(actor=officer, member=b["relative"], data={}),
        lambda: people_services.family_member_delete(actor=officer, member=b["relative"]),
        lambda: people_services.attachment_delete(actor=officer, attachment=b["attachment"]),
        lambda: posts_services.assignment_update(actor=officer, assignment=b["post"], data={}),
        lambda: posts_services.assignment_delete(actor=officer, assignment=b["post"]),
        lambda: org_services.unit_update(actor=officer, unit=b["unit"], data={"name": "Đổi tên"}),
        lambda: org_services.unit_create(
            actor=officer,
            data={
                "code": "MOI",
                "name": "Phòng mới",
                "parent": b["unit"],
                "level": "district",
                "sector": "state",
                "kind": "division",
                "valid_from": D(2024, 1, 1),
            },
        ),
        lambda: org_services.membership_update(actor=officer, membership=b["seat"], data={}),
        lambda: org_services.membership_delete(actor=officer, membership=b["seat"]),
        lambda: org_services.nomination_update(actor=officer, nomination=b["nomination"], data={}),
        lambda: org_services.nomination_delete(actor=officer, nomination=b["nomination"]),
        # Moving A's own unit under B.
        lambda: org_services.unit_update(
            actor=officer, unit=world["a"]["office"], data={"parent": b["unit"]}
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert fingerprint(world) == before
    assert len(denied(officer)) == len(attempts)
    # A leader (read-only) may change nothing, even in scope.
    leader = make.make_user("lanh-dao", role=Role.LEADER)
    with pytest.raises(PermissionDenied):
        people_services.person_update(actor=leader, person=world["a"]["person"], data={"other_names": "x"})
    # The same writes in scope go through.
    people_services.person_update(actor=officer, person=world["a"]["person"], data={"other_names": "Ất"})
    org_services.unit_update(actor=officer, unit=world["a"]["unit"], data={"short_name": "An Phú"})


def new_record(world: dict[str, Any]) -> dict[str, Any]:
    person = world["a"]["person"]
    return {
        "full_name": "Vàng Thị Mai",
        "birth_date": "1990",
        "sex": "nu",
        "ethnicity": person.ethnicity_id,
        "religion": person.religion_id,
        "staff_category": "cong_chuc",
    }


def test_refused_form_writes_show_a_vietnamese_error(world: dict[str, Any]) -> None:
    """A write refused by the service itself (not by the form) comes back as a form error, unchanged."""
    officer = world["officer_a"]
    client = client_for(officer)
    # Creating a record without a managing unit: it would belong to no unit of the officer's.
    response = client.post(
        reverse("web:person_create"),
        new_record(world),
    )
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].non_field_errors())
    assert "cơ quan, đơn vị quản lý" in errors
    assert not world["a"]["person"].__class__.objects.filter(full_name="Vàng Thị Mai").exists()
    assert denied(officer)[-1].changes["operation"] == "person_create"
    # With the district as the managing unit it is created, and belongs to the officer's scope.
    response = client.post(
        reverse("web:person_create"),
        {**new_record(world), "managing_unit": world["a"]["unit"].pk},
    )
    assert response.status_code == 302


def test_a_units_elected_body_lists_only_members_in_scope(world: dict[str, Any]) -> None:
    from canbo.org.choices import BodyKind, Level, MemberRole
    from canbo.org.models import ElectedBody
    from canbo.org.services import membership_create, term_create

    body = ElectedBody.objects.create(
        org_unit=world["a"]["unit"],
        kind=BodyKind.PARTY_EXECUTIVE,
        level=Level.DISTRICT,
        name="Huyện ủy An Phú",
    )
    term = term_create(actor=None, body=body, data={"name": "2020–2025", "valid_from": D(2020, 9, 1)})
    for side in ("a", "b"):  # B's cadre seated in A's committee (seconded): not B's officer's to show A
        membership_create(
            actor=None,
            person=world[side]["person"],
            data={"term": term, "role": MemberRole.MEMBER, "valid_from": D(2020, 9, 1)},
        )
    page = client_for(world["officer_a"]).get(
        reverse("web:unit_detail", args=[world["a"]["unit"].pk]), {"as_of": "01/06/2024"}
    )
    text = page.content.decode()
    assert "Huyện ủy An Phú" in text and A_NAME in text and B_NAME not in text
    specialist = make.make_user("chuyen-vien-tinh", role=Role.SPECIALIST)
    text = (
        client_for(specialist)
        .get(reverse("web:unit_detail", args=[world["a"]["unit"].pk]), {"as_of": "01/06/2024"})
        .content.decode()
    )
    assert A_NAME in text and B_NAME in text
