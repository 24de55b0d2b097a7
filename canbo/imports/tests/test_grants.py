"""A user's import keeps to the user's grants: every row's unit, and every stored person a row changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from canbo.access.models import Action, Grant, Role
from canbo.access.scopes import user_scope
from canbo.imports import jobs
from canbo.imports.models import ImportJob
from canbo.people.models import Person, Qualification
from canbo.people.services import person_create
from canbo.posts.models import Assignment, Title
from canbo.posts.services import assignment_create

from .conftest import HANG, PAO, PEOPLE_HEADER, check, problems, xlsx
from .test_commit import counts, full_workbook

D = dt.date


@pytest.fixture
def officer(province: dict[str, Any]) -> Any:
    """The HR officer of the Department of Home Affairs: may change its units and people only."""
    user = get_user_model().objects.create_user("tccb-snv")
    Grant.objects.create(user=user, role=Role.HR_OFFICER, unit=province["dept"], valid_from=D(2020, 1, 1))
    return user


def scoped_check(data: bytes, user: Any, *, write: bool = False) -> Any:
    """Check (or write, rolled back on error) a workbook as the user's web import does."""
    grants = user_scope(user, Action.CHANGE)
    if not write:
        return check(data, actor=user, grants=grants)
    with transaction.atomic():
        report = check(data, actor=user, grants=grants, write=True)
        if report.error_count:
            transaction.set_rollback(True)
    return report


def test_rows_of_units_outside_the_grants_are_errors_and_nothing_is_written(
    province: dict[str, Any], officer: Any
) -> None:
    before = counts()
    report = scoped_check(full_workbook(), officer, write=True)
    message = "Đơn vị “TU” nằm ngoài phạm vi bạn được phân quyền."
    assert [p for p in problems(report, "error")] == [
        ("Cấp ủy - HĐND", 2, "Mã đơn vị", "TU", message),
        ("Ứng cử", 2, "Mã đơn vị", "TU", message),
    ]
    assert report.counts["memberships"]["invalid"] == report.counts["nominations"]["invalid"] == 1
    assert not report.written and counts() == before


def test_a_workbook_inside_the_grants_is_written(province: dict[str, Any], officer: Any) -> None:
    # The seat and the nomination in the department's own party committee rather than the province's.
    inside = full_workbook(
        **{
            "Cấp ủy - HĐND": [
                ["Số định danh cá nhân", "Mã đơn vị", "Cơ quan", "Nhiệm kỳ", "Nhiệm kỳ từ ngày", "Từ ngày"],
                ["010185000123", "SNV", "Ban Chấp hành", "2020-2025", "15/10/2020", "15/10/2020"],
            ],
            "Ứng cử": [
                ["Số định danh cá nhân", "Mã đơn vị", "Cơ quan", "Nhiệm kỳ", "Ngày giới thiệu", "Kết quả"],
                ["015079000456", "SNV", "BCH", "2020 – 2025", "01/09/2020", "Trúng cử"],
            ],
        }
    )
    report = scoped_check(inside, officer, write=True)
    assert report.written, problems(report)
    # Units new in the file under a unit of the grant (SNV-TCBC, SNV-VP under SNV) are inside it too.
    assert dict(Person.objects.values_list("national_id", "managing_unit__code")) == {
        "010185000123": "SNV",
        "015079000456": "SNV-TCBC",
    }


def test_new_units_and_people_must_land_inside_the_grants(province: dict[str, Any], officer: Any) -> None:
    data = xlsx(
        {
            "Đơn vị": [
                ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Cấp", "Khối", "Loại đơn vị", "Từ ngày"],
                ["STC", "Sở Tài chính", "", "Cấp tỉnh", "Khối chính quyền", "Sở", "1991"],
                ["STC-VP", "Văn phòng Sở Tài chính", "STC", "Cấp tỉnh", "Khối chính quyền", "Phòng", "1991"],
            ],
            "Cán bộ": [[*PEOPLE_HEADER, "Đơn vị quản lý hồ sơ"], [*HANG, "TU"], [*PAO, ""]],
        }
    )
    report = scoped_check(data, officer)
    assert [
        (sheet, row, column, message) for sheet, row, column, _value, message in problems(report, "error")
    ] == [
        ("Đơn vị", 2, "Mã đơn vị", "Đơn vị “STC” nằm ngoài phạm vi bạn được phân quyền."),
        ("Đơn vị", 3, "Mã đơn vị", "Đơn vị “STC-VP” nằm ngoài phạm vi bạn được phân quyền."),
        ("Cán bộ", 2, "Đơn vị quản lý hồ sơ", "Đơn vị “TU” nằm ngoài phạm vi bạn được phân quyền."),
        (
            "Cán bộ",
            3,
            "Đơn vị quản lý hồ sơ",
            "Chưa rõ cán bộ thuộc đơn vị nào: hãy ghi “Đơn vị quản lý hồ sơ” (mã đơn vị trong phạm vi bạn được "
            "phân quyền) hoặc ghi chức vụ của cán bộ ở sheet Quá trình công tác.",
        ),
    ]
    assert report.counts["units"]["invalid"] == 2 and report.counts["people"]["invalid"] == 2


def test_stored_people_outside_the_grants_are_not_changed(province: dict[str, Any], officer: Any) -> None:
    outsider = person_create(
        actor=None,
        data={
            "full_name": "Giàng A Páo",
            "birth_date": D(1979, 1, 1),
            "birth_date_precision": "y",
            "sex": "nam",
            "ethnicity": province_ethnicity(),
            "religion": province_religion(),
            "national_id": "015079000456",
        },
    )
    assignment_create(
        actor=None,
        person=outsider,
        data={
            "unit": province["committee"],
            "title": Title.objects.get(code="CHUYEN_VIEN"),
            "valid_from": D(2015, 1, 1),
        },
    )
    data = xlsx(
        {
            "Cán bộ": [PEOPLE_HEADER, PAO],
            "Trình độ": [
                ["Số định danh cá nhân", "Loại trình độ", "Trình độ", "Ngày cấp bằng"],
                ["015079000456", "QLNN", "CVC", "12/12/2018"],
            ],
        }
    )
    report = scoped_check(data, officer)
    assert (
        "Cán bộ",
        2,
        "",
        "",
        "Cán bộ này đã có trong hệ thống và thuộc đơn vị nằm ngoài phạm vi bạn được phân quyền.",
    ) in problems(report)
    # Without the sheet Cán bộ, the qualification row names the stored person directly.
    only_degree = xlsx(
        {
            "Cán bộ": [PEOPLE_HEADER],
            "Trình độ": [
                ["Số định danh cá nhân", "Loại trình độ", "Trình độ", "Ngày cấp bằng"],
                ["015079000456", "QLNN", "CVC", "12/12/2018"],
            ],
        }
    )
    report = scoped_check(only_degree, officer, write=True)
    assert problems(report) == [
        (
            "Trình độ",
            2,
            "Số định danh cá nhân",
            "015079000456",
            "Cán bộ “Giàng A Páo” thuộc đơn vị nằm ngoài phạm vi bạn được phân quyền.",
        )
    ]
    assert not Qualification.objects.exists()
    # The same file from someone whose grant covers the committee goes in.
    Grant.objects.create(
        user=officer, role=Role.HR_OFFICER, unit=province["committee"], valid_from=D(2020, 1, 1)
    )
    officer = get_user_model().objects.get(pk=officer.pk)  # grants are cached on the user object
    assert scoped_check(only_degree, officer, write=True).written
    assert Qualification.objects.count() == 1 and Assignment.objects.count() == 1


def test_web_jobs_keep_to_the_uploaders_grants_and_the_command_line_does_not(
    province: dict[str, Any], officer: Any
) -> None:
    data = full_workbook()
    web = jobs.job_create(actor=officer, file=ContentFile(data, name="tep.xlsx"), filename="tep.xlsx")
    jobs.job_start(web)
    web.refresh_from_db()
    assert web.status == "previewed" and web.error_count == 2
    assert set(web.problems.values_list("sheet", "message")) == {
        ("Cấp ủy - HĐND", "Đơn vị “TU” nằm ngoài phạm vi bạn được phân quyền."),
        ("Ứng cử", "Đơn vị “TU” nằm ngoài phạm vi bạn được phân quyền."),
    }
    shell = jobs.job_create(
        actor=officer, file=ContentFile(data, name="tep.xlsx"), filename="tep.xlsx", command_line=True
    )
    jobs.job_start(shell)
    shell.refresh_from_db()
    assert shell.status == "previewed" and shell.error_count == 0
    assert ImportJob.objects.filter(from_command_line=True).get() == shell


def province_ethnicity() -> Any:
    from canbo.people.models import Ethnicity

    return Ethnicity.objects.get(code_system="QD121-TCTK/1979", code="08")


def province_religion() -> Any:
    from canbo.people.models import Religion

    return Religion.objects.get(code="00")
