"""Units and seats in elected bodies are written through org.services from their forms."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from canbo.org.choices import BodyKind, Level, MemberRole
from canbo.org.models import Membership, OrgUnit
from canbo.org.services import elected_body_create, term_create

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def committee(province: dict[str, Any]) -> Any:
    """The provincial party executive committee with its 2020–2025 term."""
    body = elected_body_create(
        actor=None,
        data={
            "org_unit": province["dept"],
            "kind": BodyKind.PARTY_EXECUTIVE,
            "level": Level.PROVINCE,
            "name": "Ban Chấp hành Đảng bộ tỉnh",
        },
    )
    return term_create(
        actor=None,
        body=body,
        data={"name": "2020–2025", "valid_from": D(2020, 10, 15), "valid_to": D(2025, 9, 30)},
    )


def test_it_creates_a_unit_under_a_parent(client_in: Any, province: dict[str, Any]) -> None:
    dept = province["dept"]
    response = client_in.post(
        reverse("web:unit_create"),
        {
            "name": "Phòng Tổ chức biên chế",
            "code": "SNV-TCBC",
            "parent": dept.pk,
            "level": Level.PROVINCE,
            "sector": "state",
            "kind": "division",
            "position": "2",
            "valid_from": "01/01/2000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    unit = OrgUnit.objects.get(code="SNV-TCBC")
    assert unit.parent == dept and unit.path.startswith(dept.path)
    assert response["Location"] == reverse("web:unit_detail", args=[unit.pk])


def test_unit_older_than_its_parent_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.post(
        reverse("web:unit_create"),
        {
            "name": "Phòng cũ",
            "code": "OLD",
            "parent": province["dept"].pk,
            "level": Level.PROVINCE,
            "sector": "state",
            "kind": "division",
            "position": "0",
            "valid_from": "01/01/1980",
        },
    )
    assert response.status_code == 200
    assert any("đơn vị cấp trên" in message for message in response.context["form"].errors["valid_from"])
    assert not OrgUnit.objects.filter(code="OLD").exists()


def test_it_seats_a_person_and_refuses_a_seat_outside_the_term(
    client_in: Any, province: dict[str, Any], committee: Any
) -> None:
    hang = province["hang"]
    url = reverse("web:membership_create", args=[hang.pk])
    outside = client_in.post(
        url, {"term": committee.pk, "role": MemberRole.MEMBER, "valid_from": "01/01/2019"}
    )
    assert outside.status_code == 200
    assert any("nhiệm kỳ" in message for message in outside.context["form"].errors["valid_from"])
    assert not Membership.objects.exists()
    response = client_in.post(
        url, {"term": committee.pk, "role": MemberRole.MEMBER, "valid_from": "15/10/2020"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Membership.objects.filter(person=hang, term=committee).exists()
    page = client_in.get(
        reverse("web:person_detail", args=[hang.pk]), {"as_of": "01/01/2022"}
    ).content.decode()
    assert "Ban Chấp hành Đảng bộ tỉnh" in page
    unit_page = client_in.get(reverse("web:unit_detail", args=[province["dept"].pk]), {"as_of": "01/01/2022"})
    assert [m.person.full_name for m in unit_page.context["bodies"][0]["members"]] == ["Nguyễn Thị Hằng"]


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), (200, 200, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_photo_is_uploaded_and_served_only_to_signed_in_users(
    client_in: Any, client: Any, province: dict[str, Any]
) -> None:
    an = province["an"]
    url = reverse("web:person_update", args=[an.pk])
    data = {
        name: value
        for name, value in client_in.get(url).context["form"].initial.items()
        if value is not None and name != "photo"
    }
    data.update(birth_date="11/12/1970", ethnicity=an.ethnicity_id, religion=an.religion_id, photo=_jpeg())
    response = client_in.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    an.refresh_from_db()
    assert an.photo
    photo_url = reverse("web:person_photo", args=[an.pk])
    assert photo_url in client_in.get(reverse("web:person_detail", args=[an.pk])).content.decode()
    assert client_in.get(photo_url).status_code == 200
    client.logout()
    assert client.get(photo_url).status_code == 302


def test_overdue_appointment_term_is_flagged(client_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:person_detail", args=[province["hang"].pk])
    assert "Quá thời hạn bổ nhiệm" not in client_in.get(url, {"as_of": "01/01/2024"}).content.decode()
    assert "Quá thời hạn bổ nhiệm" in client_in.get(url, {"as_of": "01/07/2024"}).content.decode()


@pytest.fixture
def council_term(province: dict[str, Any]) -> Any:
    """The provincial People's Council with its 2021–2026 term, elected on 23/05/2021."""
    body = elected_body_create(
        actor=None,
        data={
            "org_unit": province["dept"],
            "kind": BodyKind.PEOPLES_COUNCIL,
            "level": Level.PROVINCE,
            "name": "HĐND tỉnh",
        },
    )
    return term_create(
        actor=None,
        body=body,
        data={"name": "2021–2026", "valid_from": D(2021, 6, 1), "election_date": D(2021, 5, 23)},
    )


def test_it_nominates_records_the_outcome_and_refuses_a_date_after_the_election(
    client_in: Any, province: dict[str, Any], council_term: Any
) -> None:
    from canbo.org.models import Nomination

    hang = province["hang"]
    url = reverse("web:nomination_create", args=[hang.pk])
    late = client_in.post(url, {"term": council_term.pk, "nominated_on": "01/06/2021", "outcome": "pending"})
    assert late.status_code == 200
    assert "23/05/2021" in " ".join(late.context["form"].errors["nominated_on"])
    assert not Nomination.objects.exists()
    created = client_in.post(
        url,
        {
            "term": council_term.pk,
            "nominated_on": "10/04/2021",
            "outcome": "pending",
            "constituency": "Đơn vị bầu cử số 1",
        },
    )
    assert created.status_code == 302, created.context["form"].errors
    nomination = Nomination.objects.get(person=hang)
    updated = client_in.post(
        reverse("web:nomination_update", args=[hang.pk, nomination.pk]),
        {
            "term": council_term.pk,
            "nominated_on": "10/04/2021",
            "outcome": "elected",
            "constituency": "Đơn vị bầu cử số 1",
        },
    )
    assert updated.status_code == 302
    nomination.refresh_from_db()
    assert nomination.outcome == "elected"
    page = client_in.get(reverse("web:person_detail", args=[hang.pk])).content.decode()
    assert "Trúng cử" in page and "Đơn vị bầu cử số 1" in page
    client_in.post(reverse("web:nomination_delete", args=[hang.pk, nomination.pk]))
    assert not Nomination.objects.exists()
