"""A real browser: the eligibility page (pick a title, see pass/fail/unknown rows with citations, the unit picker
for a non-local title) and the planning form, whose checklist follows the title chosen and stays on the saved entry."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from canbo.core import testing as make
from canbo.people.models import Qualification
from canbo.posts.choices import TitleRank
from canbo.posts.models import PlanningEntry
from canbo.rules.services import rules_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    rules_load()
    province = make.unit("Tỉnh ủy Mẫu")
    home = make.unit("Sở Nội vụ", parent=province)
    make.unit("Sở Tài chính", parent=make.unit("Tỉnh ủy Khác"))
    person = make.person("Trần Văn An", birth_date=dt.date(1980, 5, 1), sex="nam")
    make.assign(person, home, make.title(), dt.date(2020, 1, 1))
    make.title("Giám đốc Sở", code="GIAM_DOC_SO", rank=TitleRank.HEAD, leadership=True, sole=True)
    make.title("Bí thư Tỉnh ủy", code="BI_THU_TINH_UY", rank=TitleRank.KEY, leadership=True, sole=True)
    college = make.level("education", "CAO_DANG", "Cao đẳng", 3)
    make.level("education", "DAI_HOC", "Đại học", 4)
    Qualification.objects.create(
        person=person, kind="education", level=college, obtained_on=dt.date(2002, 6, 1)
    )
    make.make_user("tochuc", role="hr_officer", unit=home)
    return {"person": person, "home": home}


def _sign_in(page: Any, target: str) -> None:
    page.goto(f"/dang-nhap/?next={target}")
    page.fill("input[name=username]", "tochuc")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{target}")


def _row(page: Any, rule: str) -> Any:
    return page.locator(f"#eligibility tr[data-rule='{rule}']")


def test_the_eligibility_page_explains_each_check(page: Any, world: dict[str, Any]) -> None:
    person = world["person"]
    _sign_in(page, f"/can-bo/{person.pk}/dieu-kien/")
    assert page.locator("[data-testid=unit-choice]").count() == 0
    page.select_option("#id_title", "GIAM_DOC_SO")
    page.fill("#id_on", "01/03/2026")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector("#eligibility")

    standards = _row(page, "title.standards")
    assert standards.get_attribute("data-status") == "fail"
    assert "Cao đẳng, yêu cầu Đại học trở lên" in standards.inner_text()
    assert "365-QĐ/TW" in standards.locator("[data-testid=citation]").inner_text()
    assert _row(page, "discipline.bar").get_attribute("data-status") == "pass"
    assert _row(page, "political_standard.required").get_attribute("data-status") == "unknown"
    assert "377-QĐ/TW" in _row(page, "political_standard.required").inner_text()
    assert _row(page, "nonlocal.titles").get_attribute("data-status") == "pass"
    assert page.locator("[data-testid=summary]").inner_text() == "Không đạt"

    # A title that must be held by a non-local person asks for the unit, among the units in scope only.
    page.select_option("#id_title", "BI_THU_TINH_UY")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector("[data-testid=unit-choice]")
    assert "chọn đơn vị" in _row(page, "nonlocal.titles").inner_text()
    page.fill("#id_unit_search", "tai chinh")
    page.wait_for_selector(
        "#id_unit_menu .cb-picker-empty:visible"
    )  # the other province's unit is not offered
    page.fill("#id_unit_search", "noi vu")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#id_unit_search').value === 'Sở Nội vụ'")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_url(f"**unit={world['home'].pk}*")
    nonlocal_row = _row(page, "nonlocal.titles")
    assert nonlocal_row.get_attribute("data-status") == "unknown"
    assert "Sở Nội vụ — chưa gắn địa bàn" in nonlocal_row.inner_text()
    assert "quê quán: chưa có" in nonlocal_row.inner_text()


def test_the_planning_form_shows_the_checklist_of_the_title_chosen(page: Any, world: dict[str, Any]) -> None:
    person = world["person"]
    _sign_in(page, f"/can-bo/{person.pk}/quy-hoach/")
    page.get_by_role("link", name="Thêm quy hoạch").click()
    page.wait_for_url("**/quy-hoach/them/")
    panel = page.locator("#eligibility-panel")
    assert "Chọn cán bộ và chức vụ" in panel.inner_text()
    page.fill("#id_title_search", "giam doc so")
    page.keyboard.press("Enter")
    page.wait_for_selector("#eligibility-panel tr[data-rule='title.standards'][data-status=fail]")
    assert "không ngăn việc lưu" in panel.inner_text()
    page.fill("#id_unit_search", "noi vu")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#id_unit_search').value === 'Sở Nội vụ'")
    page.fill("#id_term_label", "2025-2030")
    page.fill("#id_valid_from", "01/03/2026")
    page.get_by_role("button", name="Lưu").click()  # a failed check is advice: the entry is saved
    page.wait_for_url(re.compile(r"/quy-hoach/\d+/$"))
    entry = PlanningEntry.objects.get(person=person)
    assert entry.title.code == "GIAM_DOC_SO" and entry.unit == world["home"]
    assert "Giám đốc Sở" in page.locator("[data-testid=entry]").inner_text()
    assert _row(page, "title.standards").get_attribute("data-status") == "fail"
    assert "01/03/2026" in page.locator("[data-testid=eligibility]").inner_text()


def test_the_appointment_form_advises_and_saves(page: Any, world: dict[str, Any]) -> None:
    from canbo.posts.models import Assignment

    person = world["person"]
    _sign_in(page, f"/cong-tac/them/?person={person.pk}")
    page.fill("#id_title_search", "giam doc so")
    page.keyboard.press("Enter")
    page.wait_for_selector("#eligibility-panel tr[data-rule='title.standards'][data-status=fail]")
    page.fill("#id_unit_search", "noi vu")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#id_unit_search').value === 'Sở Nội vụ'")
    page.fill("#id_valid_from", "01/03/2026")
    page.locator("#id_valid_from").blur()  # the date change refreshes the checklist for that day
    page.wait_for_function(
        "() => document.querySelector('#eligibility-panel [data-testid=eligibility]').innerText.includes('01/03/2026')"
    )
    page.check("#id_is_concurrent")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/can-bo/{person.pk}/*")
    post = Assignment.objects.get(person=person, title__code="GIAM_DOC_SO")
    page.goto(f"/cong-tac/{post.pk}/sua/")
    assert _row(page, "title.standards").get_attribute("data-status") == "fail"
