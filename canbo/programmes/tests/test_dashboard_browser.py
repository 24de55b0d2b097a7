"""A real browser: sign in, read the indicator table and its status badges, open a history chart and see it drawn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .test_views import AS_OF, PASSWORD, province, user  # noqa: F401 (fixtures shared with the view tests)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("province", "user"),
]

SCREENSHOTS = Path(os.environ["CANBO_SCREENSHOTS"]) if os.environ.get("CANBO_SCREENSHOTS") else None


def shot(target: Any, name: str, **kwargs: Any) -> None:
    """Save a screenshot when CANBO_SCREENSHOTS names a folder (for looking at the pages)."""
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(SCREENSHOTS / f"{name}.png"), **kwargs)


def test_the_dashboard_shows_the_table_and_draws_the_charts(page: Any) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/chi-tieu/T-18/?as_of={AS_OF}")
    assert "/dang-nhap/" in page.url
    page.fill("input[name=username]", "chuyenvien")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/chi-tieu/T-18/**")

    table = page.locator("[data-testid=indicator-table]")
    assert table.is_visible()
    assert table.locator("tbody[data-indicator]").count() == 3
    badges = [b.strip() for b in table.locator(".cb-status").all_inner_texts()]
    assert badges == ["Chưa đạt", "Đạt", "Chưa có chỉ tiêu"]
    first = table.locator("tbody[data-indicator=T-1a]")
    assert "50,00%" in first.inner_text() and "2,57%" in first.inner_text()
    assert page.locator(".cb-scope input[name=as_of]").input_value() == AS_OF
    shot(page, "programme-dashboard", full_page=True)

    # The history is not computed with the page: it is fetched when the chart is opened.
    chart = page.locator("#history-t-1a")
    assert chart.count() == 0
    first.locator("[data-testid=chart-toggle]").click()
    page.wait_for_selector("#history-t-1a svg, #history-t-1a canvas")
    assert chart.locator("svg").count() >= 1
    assert "50,00%" in chart.inner_text()  # the point labels are Vietnamese percentages
    assert "Mục tiêu 2025: 5–10%" in chart.inner_text()
    shot(first.locator(".cb-chart-row"), "programme-history-chart")

    first.get_by_title("So sánh các đơn vị trực thuộc").click()
    page.wait_for_url("**/so-sanh/**")
    page.wait_for_selector("#compare-chart svg")
    assert "Sở Nội vụ" in page.locator("#compare-chart").inner_text()
    shot(page, "programme-compare", full_page=True)

    # The unit picker searches the territory without diacritics and recomputes the table for the unit chosen.
    page.goto("/chi-tieu/T-18/")
    page.fill("#id_unit_search", "noi vu")
    page.keyboard.press("Enter")
    page.wait_for_url("**/chi-tieu/T-18/?unit=*")
    assert "Các chỉ tiêu của Sở Nội vụ tại ngày 11/12/2024" in page.locator(".card-title").all_inner_texts()
    assert "100,00%" in page.locator("tbody[data-indicator=T-1a]").inner_text()  # the young head alone

    page.goto(f"/chi-tieu/T-18/T-1a/?part=denominator&as_of={AS_OF}")
    names = page.locator("[data-testid=people-table] td.cb-name").all_inner_texts()
    assert names == ["Trần Văn An", "Lê Văn Bình"]
    shot(page, "programme-drill-down", full_page=True)
