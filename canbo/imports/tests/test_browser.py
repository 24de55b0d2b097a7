"""A real browser: upload a workbook, watch the progress bar, read the preview, write it to the system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from canbo.imports.models import ImportJob
from canbo.people.models import Person

from .conftest import HANG, PAO, PASSWORD, PEOPLE_HEADER, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_progress_preview_commit(
    page: Any, province: dict[str, Any], user: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CANBO_IMPORT_RUNNER = "poll"  # the progress endpoint runs each step when first polled
    workbook = tmp_path / "can-bo-so-noi-vu.xlsx"
    workbook.write_bytes(
        xlsx(
            {
                "Cán bộ": [PEOPLE_HEADER, HANG, PAO],
                "Quá trình công tác": [
                    ["Số định danh cá nhân", "Từ ngày", "Mã đơn vị", "Chức vụ"],
                    ["010185000123", "06/2021", "SNV", "Phó Giám đốc Sở"],
                ],
            }
        )
    )
    polled: list[str] = []
    page.on("request", lambda request: polled.append(request.url) if "/tien-do/" in request.url else None)
    page.goto("/dang-nhap/?next=/nhap-du-lieu/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/nhap-du-lieu/")
    assert page.locator(".navbar .nav-link[aria-current=page]").inner_text().strip() == "Nhập dữ liệu"
    page.set_input_files("input[type=file]", str(workbook))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_url("**/nhap-du-lieu/*/")
    job = ImportJob.objects.get()
    assert page.locator("#job-progress .progress-bar").count() == 1  # the bar shows while the job waits
    page.wait_for_selector("#job-counts")  # the bar polled, the job ran, the page reloaded with the preview
    assert any(url.endswith(f"/nhap-du-lieu/{job.pk}/tien-do/") for url in polled)
    counts = page.locator("#job-counts tbody tr")
    assert counts.nth(0).inner_text().split("\t")[:3] == ["Cán bộ", "2", "2"]
    assert Person.objects.count() == 0
    polled.clear()
    page.get_by_role("button", name="Ghi vào hệ thống").click()
    page.wait_for_selector("#job-committed")
    assert polled, "the commit's progress was polled"
    assert Person.objects.count() == 2
    assert Person.objects.get(national_id="010185000123").assignments.count() == 1
    job.refresh_from_db()
    assert job.status == "committed"
