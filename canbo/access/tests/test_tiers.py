"""Sensitive fields in tiers (issue 5, item 2): a role without a tier sees them hidden or masked on the
record page, in search, in form 2C, in the Excel list and in the API; a role with it sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from canbo.access.models import ROLE_TIERS, Role, Tier
from canbo.core import testing as make
from canbo.people.services import person_update

from .conftest import api_for, body_text, client_for

pytestmark = pytest.mark.django_db
ID_A, ID_B = "001080012345", "001180054321"
HEALTH = "Tốt (khám định kỳ 2024)"
FATHER = "Bố của Nguyễn Văn Ất"


@pytest.fixture
def records(world: dict[str, Any]) -> dict[str, Any]:
    for side, number in (("a", ID_A), ("b", ID_B)):
        person_update(
            actor=None,
            person=world[side]["person"],
            data={"national_id": number, "health": HEALTH, "social_insurance_no": f"SI-{number}"},
        )
    world["leader"] = make.make_user("lanh-dao-tinh", role=Role.LEADER)
    world["specialist"] = make.make_user("chuyen-vien-tinh", role=Role.SPECIALIST)
    world["inspector"] = make.make_user("uy-ban-kiem-tra", role=Role.INSPECTOR)
    return world


def test_tiers_per_role_are_data() -> None:
    assert ROLE_TIERS[Role.LEADER] == frozenset()
    assert ROLE_TIERS[Role.SPECIALIST] == frozenset(Tier.values) == ROLE_TIERS[Role.HR_OFFICER]
    assert Tier.HEALTH not in ROLE_TIERS[Role.INSPECTOR]


def test_the_record_page(records: dict[str, Any]) -> None:
    url = reverse("web:person_detail", args=[records["a"]["person"].pk])
    leader = client_for(records["leader"]).get(url).content.decode()
    assert ID_A not in leader and "•••••••••345" in leader
    assert HEALTH not in leader and FATHER not in leader and f"SI-{ID_A}" not in leader
    assert "Không hiển thị với vai trò của bạn." in leader
    inspector = client_for(records["inspector"]).get(url).content.decode()
    assert ID_A in inspector and FATHER in inspector and HEALTH not in inspector
    full = client_for(records["specialist"]).get(url).content.decode()
    assert ID_A in full and HEALTH in full and FATHER in full


def test_searching_by_id_number_needs_the_tier(records: dict[str, Any]) -> None:
    url = reverse("web:person_list")
    assert "Nguyễn Văn Ất" in client_for(records["specialist"]).get(url, {"q": ID_A[:8]}).content.decode()
    assert "Nguyễn Văn Ất" not in client_for(records["leader"]).get(url, {"q": ID_A[:8]}).content.decode()
    lookup = client_for(records["leader"]).get(reverse("web:lookup_people"), {"q": ID_A}).json()
    assert lookup["results"] == []


def test_form_2c_and_the_excel_list(records: dict[str, Any]) -> None:
    person = records["a"]["person"]
    for kind in ("person_form2c_docx",):
        url = reverse(f"web:{kind}", args=[person.pk])
        leader = body_text(client_for(records["leader"]).get(url))
        assert ID_A not in leader and HEALTH not in leader and FATHER not in leader
        full = body_text(client_for(records["specialist"]).get(url))
        assert ID_A in full and HEALTH in full and FATHER in full
    selection = reverse("web:form2c_selection_docx") + f"?ids={person.pk}"
    assert ID_A not in body_text(client_for(records["leader"]).get(selection))
    workbook = body_text(client_for(records["leader"]).get(reverse("web:person_list_xlsx")))
    assert "Nguyễn Văn Ất" in workbook and ID_A not in workbook and HEALTH not in workbook


def test_the_api(records: dict[str, Any]) -> None:
    url = reverse("api:person-detail", args=[records["a"]["person"].pk])
    hidden = api_for(records["leader"]).get(url).json()["sensitive"]
    assert hidden["national_id"] == "•••••••••345"
    assert hidden["social_insurance_no"] == "" and hidden["national_id_issued_on"] is None
    assert api_for(records["specialist"]).get(url).json()["sensitive"]["national_id"] == ID_A


def test_mixed_grants_follow_the_person(records: dict[str, Any]) -> None:
    """A leader of the province who is also district A's HR officer sees A's ids, not B's."""
    both = make.make_user("lanh-dao-kiem-to-chuc", role=Role.LEADER)
    make.grant(both, Role.HR_OFFICER, records["a"]["unit"])
    api = api_for(both)
    a = api.get(reverse("api:person-detail", args=[records["a"]["person"].pk])).json()["sensitive"]
    b = api.get(reverse("api:person-detail", args=[records["b"]["person"].pk])).json()["sensitive"]
    assert a["national_id"] == ID_A and b["national_id"] == "•••••••••321"
