"""A real browser: a district HR officer opens the worklists, sees counts, opens the 12-month retirement list
(their district's people only), follows a row to the person and exports the list to Excel."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from canbo.core import testing as make
from canbo.core.dates import today
from canbo.org.choices import Level
from canbo.rules.retirement import add_months, retirement_for
from canbo.rules.services import rules_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem"


def _retiring_birth(day: dt.date) -> dt.date:
    """A man's birth date whose statutory retirement falls 2 to 11 months after `day`."""
    born = add_months(day, -62 * 12)
    while (
        not add_months(day, 2)
        <= retirement_for(sex="nam", birth=born, on=day).retires_on
        <= add_months(day, 11)
    ):
        born = add_months(born, 1)
    return born


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    rules_load()
    province = make.unit("Tỉnh ủy")
    mine = make.unit("Huyện ủy Yên Lạc", parent=province, level=Level.DISTRICT)
    theirs = make.unit("Huyện ủy Tam Dương", parent=province, level=Level.DISTRICT)
    staff = make.title("Chuyên viên", code="CV_BR", level=Level.DISTRICT)
    born = _retiring_birth(today())
    inside = make.person("Nguyễn Văn Hưu", birth_date=born, sex="nam")
    outside = make.person("Trần Văn Khác", birth_date=born, sex="nam")
    young = make.person("Lê Văn Trẻ", birth_date=dt.date(1990, 5, 1), sex="nam")
    make.assign(inside, mine, staff, dt.date(2000, 1, 1))
    make.assign(young, mine, staff, dt.date(2015, 1, 1))
    make.assign(outside, theirs, staff, dt.date(2000, 1, 1))
    make.make_user("tochuc_yenlac", role="hr_officer", unit=mine)
    return {"inside": inside, "outside": outside}


def test_district_officer_reads_and_exports_the_retirement_list(page: Any, world: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    page.goto("/viec-can-lam/")
    assert "/dang-nhap/" in page.url
    page.fill("input[name=username]", "tochuc_yenlac")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/viec-can-lam/")

    table = page.locator("[data-testid=worklists]")
    row = table.locator("tr[data-code=retiring_12_months]")
    assert row.locator("[data-testid=count]").inner_text().strip() == "1"
    assert table.locator("tr[data-code=retiring_6_months]").count() == 1
    assert "135/2020" in row.inner_text()  # the rule's document is named on the index

    row.get_by_role("link").click()
    page.wait_for_url("**/viec-can-lam/retiring_12_months/")
    body = page.inner_text("body")
    assert "Nguyễn Văn Hưu" in body
    assert "Trần Văn Khác" not in body and "Lê Văn Trẻ" not in body
    assert "135/2020" in page.locator("[data-testid=citation]").inner_text()

    with page.expect_download() as info:
        page.get_by_text("Xuất Excel").click()
    download = info.value
    assert download.suggested_filename.startswith("retiring_12_months-")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    sheet = book.active
    values = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert [r[1] for r in values] == ["Nguyễn Văn Hưu"]
    assert "135/2020" in str(values[0][5])

    page.get_by_role("link", name="Nguyễn Văn Hưu").click()
    page.wait_for_url(f"**/{world['inside'].pk}/**")
    assert "Nguyễn Văn Hưu" in (page.locator("h1").first.text_content() or "")
