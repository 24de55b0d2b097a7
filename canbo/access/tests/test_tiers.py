"""Sensitive fields in tiers (issue 5, item 2): a role without a tier sees them hidden or masked on the
record page, in search, in form 2C, in the Excel list and in the API; a role with it sees them."""

from __future__ import annotations

import datetime as dt
import subprocess
from typing import Any

import pytest
from django.urls import reverse

from canbo.access.models import ROLE_TIERS, Role, Tier
from canbo.core import testing as make
from canbo.core.dates import today
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


# ------------------------------------------------------------------ political history and discipline

ARREST = "Bị bắt tháng 3/1972 tại Huế, đã khai báo với chi bộ"
ABROAD = "Em gái làm kỹ sư tại Praha, Cộng hòa Séc"
DECISION = "15-QĐ/UBKT"


@pytest.fixture
def conduct(records: dict[str, Any]) -> dict[str, Any]:
    """Person A declares item 29 and carries a Party warning whose bar on appointment ends soon."""
    from canbo.conduct.services import discipline_record_create
    from canbo.rules.services import rules_load

    rules_load()
    person = records["a"]["person"]
    person_update(actor=None, person=person, data={"arrest_history": ARREST, "relatives_abroad": ABROAD})
    day = today() - dt.timedelta(days=1000)  # a 36-month bar (QĐ 377) ending in about three months
    discipline_record_create(
        actor=None,
        person=person,
        data={
            "form": "canh_cao",
            "system": "party",
            "decision_number": DECISION,
            "decision_date": day,
            "valid_from": day,
        },
    )
    return records


def test_the_new_tiers_per_role(conduct: dict[str, Any]) -> None:
    assert Tier.POLITICAL_HISTORY not in ROLE_TIERS[Role.INSPECTOR]
    assert Tier.DISCIPLINE in ROLE_TIERS[Role.INSPECTOR]
    assert {Tier.POLITICAL_HISTORY, Tier.DISCIPLINE} <= ROLE_TIERS[Role.HR_OFFICER]


def test_the_record_page_hides_history_and_discipline(conduct: dict[str, Any]) -> None:
    url = reverse("web:person_detail", args=[conduct["a"]["person"].pk])
    leader = client_for(conduct["leader"]).get(url).content.decode()
    assert ARREST not in leader and ABROAD not in leader and DECISION not in leader
    assert leader.count("Không hiển thị với vai trò của bạn.") >= 3  # family, item 22, item 29
    inspector = client_for(conduct["inspector"]).get(url).content.decode()
    assert DECISION in inspector and ARREST not in inspector
    full = client_for(conduct["specialist"]).get(url).content.decode()
    assert ARREST in full and ABROAD in full and DECISION in full and "Cảnh cáo" in full


def test_form_2c_word_and_pdf(conduct: dict[str, Any], tmp_path: Any) -> None:
    from canbo.documents.tests.test_form2c_pdf import poppler

    person = conduct["a"]["person"]
    year = str(conduct_year(person))
    word = reverse("web:person_form2c_docx", args=[person.pk])
    leader = body_text(client_for(conduct["leader"]).get(word))
    assert ARREST not in leader and ABROAD not in leader and "Cảnh cáo" not in leader
    full = body_text(client_for(conduct["specialist"]).get(word))
    assert ARREST in full and ABROAD in full and f"Kỷ luật đảng: Cảnh cáo (năm {year})" in full
    texts = {}
    for who in ("leader", "specialist"):
        response = client_for(conduct[who]).get(reverse("web:person_form2c_pdf", args=[person.pk]))
        path = tmp_path / f"{who}.pdf"
        path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
        out = subprocess.run(
            [poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
        )
        texts[who] = " ".join(out.stdout.split())
    assert "Praha" not in texts["leader"] and "Cảnh cáo" not in texts["leader"]
    assert "Praha" in texts["specialist"] and f"Cảnh cáo (năm {year})" in texts["specialist"]


def conduct_year(person: Any) -> int:
    return int(person.discipline_records.get().decision_date.year)


def test_the_people_export_carries_neither(conduct: dict[str, Any]) -> None:
    for who in ("leader", "specialist"):
        workbook = body_text(client_for(conduct[who]).get(reverse("web:person_list_xlsx")))
        assert "Nguyễn Văn Ất" in workbook and ARREST not in workbook and DECISION not in workbook


def test_the_api_detail(conduct: dict[str, Any]) -> None:
    url = reverse("api:person-detail", args=[conduct["a"]["person"].pk])
    hidden = api_for(conduct["leader"]).get(url).json()
    assert hidden["political_history"] == {"arrest_history": "", "foreign_ties": "", "relatives_abroad": ""}
    assert hidden["discipline"] == []
    assert {"political_history", "discipline"} <= set(hidden["hidden_tiers"])
    full = api_for(conduct["specialist"]).get(url).json()
    assert full["political_history"]["arrest_history"] == ARREST
    assert [(d["form"], d["decision_number"]) for d in full["discipline"]] == [("canh_cao", DECISION)]
    assert full["hidden_tiers"] == []


def test_the_eligibility_checklist(conduct: dict[str, Any]) -> None:
    person = conduct["a"]["person"]
    params = {"title": conduct["title"].code}
    api = reverse("api:person-eligibility", args=[person.pk])
    full = {c["rule"]: c for c in api_for(conduct["specialist"]).get(api, params).json()["checks"]}
    assert full["discipline.bar"]["status"] == "fail" and "Cảnh cáo" in full["discipline.bar"]["reason"]
    hidden = {c["rule"]: c for c in api_for(conduct["leader"]).get(api, params).json()["checks"]}
    for rule in ("discipline.bar", "political_standard.required"):
        assert hidden[rule]["status"] == "unknown"
        assert hidden[rule]["reason"] == "Không hiển thị với vai trò của bạn."
    others = set(full) - {"discipline.bar", "political_standard.required"}
    assert others and all(hidden[r] == full[r] for r in others)
    page = reverse("conduct:eligibility", args=[person.pk])
    leader = client_for(conduct["leader"]).get(page, params).content.decode()
    assert "Cảnh cáo" not in leader and DECISION not in leader
    assert "Cảnh cáo" in client_for(conduct["specialist"]).get(page, params).content.decode()


def test_the_discipline_worklist(conduct: dict[str, Any]) -> None:
    code = "discipline_bars_ending"
    index = reverse("worklists:index")
    detail = reverse("worklists:detail", args=[code])
    assert client_for(conduct["leader"]).get(detail).status_code == 404
    assert detail not in client_for(conduct["leader"]).get(index).content.decode()
    assert api_for(conduct["leader"]).get(reverse("api:worklist-rows", args=[code])).status_code == 404
    listed = {w["code"] for w in api_for(conduct["leader"]).get(reverse("api:worklist-list")).json()}
    assert code not in listed and "political_standard_missing" not in listed
    assert "not_completed_consecutive" in listed  # the rating lists carry no tier
    assert detail in client_for(conduct["specialist"]).get(index).content.decode()
    rows = api_for(conduct["specialist"]).get(reverse("api:worklist-rows", args=[code])).json()
    assert [r["person_name"] for r in rows["results"]] == ["Nguyễn Văn Ất"]
    assert client_for(conduct["inspector"]).get(detail).status_code == 200


def test_item_29_is_edited_in_the_person_form_with_its_version(records: dict[str, Any]) -> None:
    from canbo.audit.tests.test_versions import form_data

    person = records["a"]["person"]
    url = reverse("web:person_update", args=[person.pk])
    officer, specialist = client_for(records["officer_a"]), client_for(records["specialist"])
    mine, theirs = form_data(officer.get(url)), form_data(specialist.get(url))
    for data in (mine, theirs):
        data.pop("photo")  # a browser sends no file for an unchanged photo
    assert mine["arrest_history"] == "" and "relatives_abroad" in mine
    saved = officer.post(url, {**mine, "arrest_history": ARREST, "foreign_ties": "Không"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    person.refresh_from_db()
    assert (person.arrest_history, person.foreign_ties) == (ARREST, "Không")
    refused = specialist.post(url, {**theirs, "relatives_abroad": ABROAD})
    assert refused.status_code == 409
    assert "bị bắt, bị tù, làm việc trong chế độ cũ" in refused.content.decode().lower()
    person.refresh_from_db()
    assert person.relatives_abroad == "" and person.arrest_history == ARREST


def test_the_audit_trail_masks_the_values_of_tiers_the_inspector_lacks(conduct: dict[str, Any]) -> None:
    url = reverse("web:audit_list") + "?person=" + conduct["a"]["person"].full_name
    inspector = client_for(conduct["inspector"]).get(url).content.decode()
    assert "arrest_history" in inspector and "health" in inspector  # that they changed is shown
    assert ARREST not in inspector and ABROAD not in inspector and HEALTH not in inspector
    assert DECISION in inspector  # inspectors hold the discipline tier
    admin = make.make_user("quan-tri-he-thong", role=Role.ADMIN)
    full = client_for(admin).get(url).content.decode()
    assert ARREST in full and HEALTH in full and DECISION in full
