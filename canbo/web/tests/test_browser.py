"""A real browser: sign in, search without diacritics, open the record, and take screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("CANBO_SCREENSHOTS", "")) if os.environ.get("CANBO_SCREENSHOTS") else None


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot when CANBO_SCREENSHOTS names a folder (for looking at the pages)."""
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_search_without_diacritics_and_open_the_record(page: Any, province: dict[str, Any]) -> None:
    get_user_model().objects.filter(username="chuyenvien").update(is_staff=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/can-bo/")
    assert "/dang-nhap/" in page.url
    page.fill("input[name=username]", "chuyenvien")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/can-bo/**")
    shot(page, "person-list")

    page.fill("#id_q", "nguyen thi hang")
    results = page.locator("#results")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert page.url.endswith("/can-bo/?q=nguyen%20thi%20hang")  # htmx pushed only the fields that are set
    assert results.locator("td.cb-name a").inner_text() == "Nguyễn Thị Hằng"
    shot(page, "person-list-search")

    results.get_by_role("link", name="Nguyễn Thị Hằng").click()
    page.wait_for_url(f"**/can-bo/{province['hang'].pk}/")
    assert page.locator("h1").inner_text().strip() == "NGUYỄN THỊ HẰNG"
    assert page.get_by_text("Trưởng phòng").first.is_visible()
    assert page.locator("#qua-trinh-cong-tac .cb-timeline > li").count() == 2
    shot(page, "person-detail")


def test_unit_picker_filters_the_list(page: Any, province: dict[str, Any]) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/dang-nhap/?next=/can-bo/")
    page.fill("input[name=username]", "chuyenvien")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/can-bo/")
    page.fill("#id_unit_search", "cong chuc")
    page.keyboard.press("Enter")  # before or after the results arrive, the first match is chosen
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert page.locator("#results td.cb-name a").inner_text() == "Nguyễn Thị Hằng"
    assert page.input_value("#id_unit_search") == "Phòng Công chức"
    assert f"unit={province['division'].pk}" in page.url
    page.goto("/don-vi/")
    shot(page, "unit-tree")
    page.goto(f"/can-bo/{province['hang'].pk}/sua/")
    shot(page, "person-form")


def test_as_of_control_keeps_the_filters_and_shows_the_banner(page: Any, province: dict[str, Any]) -> None:
    page.goto("/dang-nhap/?next=/can-bo/")
    page.fill("input[name=username]", "chuyenvien")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/can-bo/")
    page.fill("#id_q", "hang")
    page.wait_for_function("() => location.search === '?q=hang'")
    page.fill("#nav-as-of", "15032020")  # typed without slashes: completed to 15/03/2020
    page.press("#nav-as-of", "Enter")
    page.wait_for_url("**as_of=15%2F03%2F2020**")
    assert "q=hang" in page.url
    assert "Đang xem dữ liệu tại ngày 15/03/2020" in page.locator(".cb-asof-banner").inner_text()
    assert page.locator("#results td.cb-name a").inner_text() == "Nguyễn Thị Hằng"
    assert page.locator("#results").get_by_text("Chuyên viên huyện").is_visible()
    page.get_by_role("link", name="Về hôm nay").click()
    page.wait_for_load_state()
    assert page.locator(".cb-asof-banner").count() == 0
