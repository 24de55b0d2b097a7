"""The import pages with the test client: upload → preview → commit, downloads, and what is refused."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from canbo.imports.models import ImportJob
from canbo.people.models import Person

from .conftest import HANG, PAO, PEOPLE_HEADER, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client: Any, data: bytes, name: str = "can-bo.xlsx", **extra: Any) -> Any:
    return client.post(
        reverse("web:import_list"), {"file": SimpleUploadedFile(name, data, XLSX), **extra}, follow=True
    )


def test_it_requires_login(client: Any, db: None) -> None:
    for url in (
        reverse("web:import_list"),
        reverse("web:import_template"),
        reverse("web:import_detail", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_upload_preview_commit(client_in: Any, province: dict[str, Any], user: Any) -> None:
    response = upload(client_in, xlsx({"Cán bộ": [PEOPLE_HEADER, HANG, PAO]}))
    job = ImportJob.objects.get()
    assert response.redirect_chain == [(reverse("web:import_detail", args=[job.pk]), 302)]
    page = response.content.decode()
    assert job.status == "previewed" and job.uploaded_by == user
    assert 'id="job-counts"' in page and "Ghi vào hệ thống" in page
    assert Person.objects.count() == 0
    progress = client_in.get(reverse("web:import_progress", args=[job.pk]))
    assert progress["HX-Refresh"] == "true" and "100%" in progress.content.decode()
    response = client_in.post(reverse("web:import_commit", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == "committed"
    assert 'id="job-committed"' in response.content.decode()
    assert Person.objects.count() == 2
    again = client_in.post(
        reverse("web:import_commit", args=[job.pk]), follow=True
    )  # a second click writes nothing
    assert "Tệp này đã được ghi vào hệ thống." in again.content.decode()
    assert Person.objects.count() == 2


def test_a_file_with_errors_shows_them_and_cannot_be_committed(
    client_in: Any, province: dict[str, Any]
) -> None:
    response = upload(client_in, xlsx({"Cán bộ": [PEOPLE_HEADER, [*HANG[:1], "31/02/1985", *HANG[2:]], PAO]}))
    page = response.content.decode()
    job = ImportJob.objects.get()
    assert job.error_count == 1 and not job.can_commit
    assert "Ngày “31/02/1985” không tồn tại: tháng 2 năm 1985 chỉ có 28 ngày." in page
    assert 'id="commit-button"' not in page
    client_in.post(reverse("web:import_commit", args=[job.pk]))
    assert Person.objects.count() == 0
    annotated = client_in.get(reverse("web:import_annotated", args=[job.pk]))
    assert annotated["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(annotated.content))
    cell = workbook["Cán bộ"]["B2"]
    assert cell.comment is not None and "28 ngày" in cell.comment.text
    assert [row[:4] for row in workbook["Kết quả kiểm tra"].iter_rows(values_only=True)][1] == (
        "Lỗi",
        "Cán bộ",
        2,
        "Ngày sinh",
    )


def test_problems_are_paginated(client_in: Any, province: dict[str, Any]) -> None:
    rows = [[f"Người {n}", "31/02/1985", "Nam", "Kinh", "Không"] for n in range(60)]
    upload(client_in, xlsx({"Cán bộ": [PEOPLE_HEADER[:5], *rows]}))
    job = ImportJob.objects.get()
    first = client_in.get(reverse("web:import_detail", args=[job.pk])).content.decode()
    second = client_in.get(reverse("web:import_detail", args=[job.pk]) + "?page=2").content.decode()
    assert first.count("<code>31/02/1985</code>") == 50 and second.count("<code>31/02/1985</code>") == 10


def test_bad_files_are_refused_with_a_message(
    client_in: Any, province: dict[str, Any], settings: Any
) -> None:
    response = upload(client_in, b"%PDF-1.4 hello", "ho-so.pdf")
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert "Không đọc được tệp “ho-so.pdf”" in response.content.decode()
    settings.CANBO_IMPORT_MAX_BYTES = 10_000
    response = upload(client_in, b"PK\x03\x04" + bytes(20_000))
    assert response.status_code == 422
    assert "vượt giới hạn" in response.content.decode()
    assert ImportJob.objects.count() == 1
    big = client_in.post(
        reverse("web:import_list"),
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert big.status_code == 413


def test_the_template_has_drop_downs_from_the_code_lists(client_in: Any, reference: dict[str, int]) -> None:
    response = client_in.get(reverse("web:import_template"))
    assert response["Content-Type"] == XLSX
    assert "mau-nhap-du-lieu-can-bo.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Hướng dẫn",
        "Đơn vị",
        "Cán bộ",
        "Quá trình công tác",
        "Trình độ",
        "Cấp ủy - HĐND",
        "Ứng cử",
        "Đánh giá xếp loại",
        "Đào tạo, bồi dưỡng",
        "Quy hoạch",
        "Danh mục",
    ]
    assert workbook["Danh mục"].sheet_state == "hidden"
    people = workbook["Cán bộ"]
    assert people["B1"].value == "Họ và tên *" and people["B1"].comment is not None
    formulas = {dv.formula1: str(dv.sqref) for dv in people.data_validations.dataValidation}
    assert formulas["DM_sex"] == "E2:E5001"
    assert {"DM_ethnicity", "DM_religion", "DM_staff_category"} <= set(formulas)
    levels = {dv.formula1 for dv in workbook["Trình độ"].data_validations.dataValidation}
    assert "INDIRECT(VLOOKUP($E2,DM_LOAI_TRINH_DO,2,FALSE))" in levels
    assert {dv.formula1 for dv in workbook["Quá trình công tác"].data_validations.dataValidation} >= {
        "DM_title",
        "DM_management_category",
        "DM_yes_no",
    }
    assert {dv.formula1 for dv in workbook["Đánh giá xếp loại"].data_validations.dataValidation} == {
        "DM_rating_level"
    }
    assert {dv.formula1 for dv in workbook["Đào tạo, bồi dưỡng"].data_validations.dataValidation} == {
        "DM_training_kind"
    }
    assert {dv.formula1 for dv in workbook["Quy hoạch"].data_validations.dataValidation} == {
        "DM_title",
        "DM_expertise_field",
        "DM_yes_no",
    }
    assert workbook["Quy hoạch"]["E1"].value == "Chức danh quy hoạch *"
    catalog = workbook["Danh mục"]
    names = {name: workbook.defined_names[name].attr_text for name in workbook.defined_names}
    column = names["DM_level_political_theory"].split("!")[1].split(":")[0].replace("$", "")[0]
    values = [cell.value for cell in catalog[column][1:] if cell.value]
    assert values[:3] == ["Sơ cấp", "Trung cấp", "Trung cấp LLCT - Hành chính"]
    ethnic = names["DM_ethnicity"].split("!")[1].split(":")[0].replace("$", "")[0]
    assert [cell.value for cell in catalog[ethnic][1:4]] == ["Kinh", "Tày", "Thái"]
    # The empty template is itself a valid (empty) workbook for the importer.
    response = upload(client_in, response.content, "mau.xlsx")
    assert ImportJob.objects.get().error_count == 0


def test_the_list_shows_recent_jobs(client_in: Any, province: dict[str, Any]) -> None:
    upload(client_in, xlsx({"Cán bộ": [PEOPLE_HEADER, HANG]}), "dot-1.xlsx")
    page = client_in.get(reverse("web:import_list")).content.decode()
    assert "dot-1.xlsx" in page and "Sẵn sàng ghi" in page
    assert 'href="/nhap-du-lieu/mau.xlsx"' in page
