"""The sheets Đào tạo, bồi dưỡng and Quy hoạch: the dry run's problems, idempotent writes, corrections, scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from canbo.access.models import Action, Grant, Role
from canbo.access.scopes import user_scope
from canbo.audit.models import AuditAction, AuditEvent
from canbo.core import testing as make
from canbo.core.bulk import BULK_CREATED, BULK_INVALID
from canbo.imports import engine
from canbo.people.models import Person, TrainingCourse
from canbo.people.training import training_courses_upsert
from canbo.posts.models import PlanningEntry, Title
from canbo.posts.planning import planning_entries_upsert

from .conftest import HANG, PEOPLE_HEADER, check, problems, xlsx

D = dt.date
HANG_ID = HANG[6]
TRAINING_HEADER = [
    "Số định danh cá nhân",
    "Tên khóa học",
    "Loại bồi dưỡng",
    "Cơ sở đào tạo",
    "Từ ngày",
    "Đến ngày",
]
PLANNING_HEADER = [
    "Số CCCD",
    "Chức danh quy hoạch",
    "Mã đơn vị",
    "Nhiệm kỳ",
    "Từ ngày",
    "Đến ngày",
    "Số quyết định",
    "Ngày quyết định",
]
COURSE = [
    HANG_ID,
    "Bồi dưỡng kiến thức quốc phòng  và an ninh",
    "Theo chức danh",
    "Trường Quân sự",
    "03/2022",
    "04/2022",
]
PLAN = [HANG_ID, "PHO_GIAM_DOC_SO", "SNV", "2025-2030", "01/02/2025", "2030", "45-QĐ/TU", "20/01/2025"]


def workbook(training: list[list[Any]] | None = None, planning: list[list[Any]] | None = None) -> bytes:
    return xlsx(
        {
            "Cán bộ": [PEOPLE_HEADER, HANG],
            "Đào tạo, bồi dưỡng": [TRAINING_HEADER, *(training if training is not None else [COURSE])],
            "Quy hoạch": [PLANNING_HEADER, *(planning if planning is not None else [PLAN])],
        }
    )


def commit(data: bytes, **kwargs: Any) -> engine.Report:
    """Write a workbook as the job runner does: one transaction, rolled back on any error."""
    report = None
    try:
        with transaction.atomic():
            report = check(data, write=True, **kwargs)
            if report.error_count:
                raise RuntimeError
    except RuntimeError:
        pass
    assert report is not None
    return report


def test_the_dry_run_reports_each_messy_row_exactly(province: dict[str, Any]) -> None:
    report = check(
        workbook(
            training=[
                COURSE,
                [HANG_ID, "Lớp A", "Khác", "", "31/02/2022", "03/2022"],
                [HANG_ID, "Lớp B", "Cập nhật kiến thức", "", "10/05/2023", "01/05/2023"],
                [HANG_ID, "Lớp C", "Lớp học", "", "2021", "2021"],
                [HANG_ID, "bồi dưỡng kiến thức quốc phòng và an ninh", "Khác", "", "03/2022", "04/2022"],
            ],
            planning=[
                PLAN,
                [HANG_ID, "KHONG_CO", "SNV", "2025-2030", "01/02/2025"],
                [HANG_ID, "PHO_GIAM_DOC_SO", "SNV-CC", "2025-2030", "01/06/2025", "01/01/2025"],
                [HANG_ID, "PHO_GIAM_DOC_SO", "SNV", "2020-2025", "32/01/2021"],
                [HANG_ID, "PHO_GIAM_DOC_SO", "SNV", "2025-2030", "01/02/2025"],
            ],
        )
    )
    assert problems(report) == [
        (
            "Đào tạo, bồi dưỡng",
            3,
            "Từ ngày",
            "31/02/2022",
            "Ngày “31/02/2022” không tồn tại: tháng 2 năm 2022 chỉ có 28 ngày.",
        ),
        (
            "Đào tạo, bồi dưỡng",
            4,
            "Đến ngày",
            "01/05/2023",
            "Ngày kết thúc khóa học không được trước ngày bắt đầu.",
        ),
        (
            "Đào tạo, bồi dưỡng",
            5,
            "Loại bồi dưỡng",
            "Lớp học",
            "Không nhận ra “Lớp học”. Giá trị hợp lệ: Bồi dưỡng cập nhật kiến thức, Bồi dưỡng theo tiêu chuẩn chức "
            "danh, Khác.",
        ),
        (
            "Đào tạo, bồi dưỡng",
            6,
            "",
            "",
            "Dòng này trùng với dòng 2 (cùng cán bộ, tên khóa học và ngày bắt đầu).",
        ),
        (
            "Quy hoạch",
            3,
            "Chức danh quy hoạch",
            "KHONG_CO",
            "Không có chức vụ “KHONG_CO” trong danh mục chức vụ; hãy chọn trong danh sách hoặc ghi mã.",
        ),
        ("Quy hoạch", 4, "Đến ngày", "01/01/2025", "Ngày kết thúc không được trước ngày bắt đầu."),
        (
            "Quy hoạch",
            5,
            "Từ ngày",
            "32/01/2021",
            "Ngày “32/01/2021” không tồn tại: tháng 1 năm 2021 chỉ có 31 ngày.",
        ),
        (
            "Quy hoạch",
            6,
            "",
            "",
            "Dòng này trùng với dòng 2 (cùng cán bộ, chức danh, đơn vị và ngày bắt đầu).",
        ),
    ]
    assert report.counts["training"] == {"rows": 5, "new": 1, "changed": 0, "unchanged": 0, "invalid": 4}
    assert report.counts["planning"] == {"rows": 5, "new": 1, "changed": 0, "unchanged": 0, "invalid": 4}
    assert TrainingCourse.objects.count() == PlanningEntry.objects.count() == 0


def test_a_second_import_changes_nothing_and_a_corrected_one_updates(
    province: dict[str, Any], user: Any
) -> None:
    first = commit(workbook(), actor=user)
    assert first.error_count == 0, problems(first)
    assert first.counts["training"]["new"] == first.counts["planning"]["new"] == 1
    course, entry = TrainingCourse.objects.get(), PlanningEntry.objects.get()
    assert (course.name, course.kind, course.started_on, course.ended_on) == (
        "Bồi dưỡng kiến thức quốc phòng và an ninh",
        "theo_chuc_danh",
        D(2022, 3, 1),
        D(2022, 4, 30),
    )
    assert (entry.title.code, entry.unit, entry.valid_to, entry.decision_date) == (
        "PHO_GIAM_DOC_SO",
        province["dept"],
        D(2030, 12, 31),
        D(2025, 1, 20),
    )
    created = AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type__in=["people.trainingcourse", "posts.planningentry"]
    )
    assert created.count() == 2 and all(event.person_id == course.person_id for event in created)
    events = AuditEvent.objects.count()

    again = commit(workbook(), actor=user)
    assert again.counts["training"]["unchanged"] == again.counts["planning"]["unchanged"] == 1
    assert AuditEvent.objects.count() == events
    assert TrainingCourse.objects.count() == PlanningEntry.objects.count() == 1

    later = [
        HANG_ID,
        "PHO_GIAM_DOC_SO",
        "SNV",
        "2030-2035",
        "01/01/2031",
    ]  # a start after today, as the form allows
    ahead = commit(workbook(planning=[PLAN, later]), actor=user)
    assert ahead.error_count == 0, problems(ahead)
    assert PlanningEntry.objects.filter(valid_from=D(2031, 1, 1)).count() == 1

    corrected_course = [*COURSE[:2], "Khác", "Học viện Chính trị", "03/2022", "05/2022"]
    corrected_plan = [*PLAN[:2], "SNV-CC", *PLAN[3:]]
    fixed = commit(workbook(training=[corrected_course], planning=[corrected_plan]), actor=user)
    assert fixed.error_count == 0, problems(fixed)
    assert fixed.counts["training"]["changed"] == fixed.counts["planning"]["changed"] == 1
    course.refresh_from_db()
    entry.refresh_from_db()
    assert (course.kind, course.institution, course.ended_on, course.version) == (
        "khac",
        "Học viện Chính trị",
        D(2022, 5, 31),
        2,
    )
    assert (entry.unit, entry.version) == (province["division"], 2)
    assert (TrainingCourse.objects.count(), PlanningEntry.objects.count()) == (1, 2)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 2


def test_a_planning_row_for_a_unit_outside_the_uploaders_grants_is_refused(province: dict[str, Any]) -> None:
    officer = get_user_model().objects.create_user("tccb-snv")
    Grant.objects.create(user=officer, role=Role.HR_OFFICER, unit=province["dept"], valid_from=D(2020, 1, 1))
    outside = [HANG_ID, "PHO_GIAM_DOC_SO", "TU", "2025-2030", "01/02/2025"]
    data = xlsx(
        {
            "Cán bộ": [[*PEOPLE_HEADER, "Đơn vị quản lý hồ sơ"], [*HANG, "SNV"]],
            "Đào tạo, bồi dưỡng": [TRAINING_HEADER, COURSE],
            "Quy hoạch": [PLANNING_HEADER, PLAN, outside],
        }
    )
    report = commit(data, actor=officer, grants=user_scope(officer, Action.CHANGE))
    assert problems(report, "error") == [
        ("Quy hoạch", 3, "Mã đơn vị", "TU", "Đơn vị “TU” nằm ngoài phạm vi bạn được phân quyền.")
    ]
    assert report.counts["planning"] == {"rows": 2, "new": 1, "changed": 0, "unchanged": 0, "invalid": 1}
    assert not report.written
    assert Person.objects.count() == TrainingCourse.objects.count() == PlanningEntry.objects.count() == 0


def test_the_bulk_services_check_like_the_single_ones(province: dict[str, Any]) -> None:
    person = make.person("Nguyễn Thị Hằng", birth_date=D(1985, 3, 2))
    lesson = {"name": "Lớp A", "kind": "khac", "started_on": D(2022, 1, 1), "ended_on": D(2022, 2, 1)}
    early = {**lesson, "name": "Lớp B", "started_on": D(1980, 1, 1), "ended_on": D(1980, 2, 1)}
    courses = training_courses_upsert(actor=None, rows=[(None, person, lesson), (None, person, early)])
    assert courses.statuses == [BULK_CREATED, BULK_INVALID]
    assert courses.errors == {1: {"started_on": ["Ngày bắt đầu khóa học không được trước ngày sinh."]}}
    assert TrainingCourse.objects.count() == 0  # nothing is written while a row is invalid
    title = Title.objects.get(code="PHO_GIAM_DOC_SO")
    plan = {
        "title": title,
        "unit": province["dept"],
        "term_label": " 2025-2030 ",
        "valid_from": D(2025, 1, 1),
    }
    deep = {**plan, "deep_expertise": True}
    entries = planning_entries_upsert(actor=None, rows=[(None, person, plan), (None, person, deep)])
    assert entries.statuses == [BULK_CREATED, BULK_INVALID]
    assert entries.errors == {
        1: {"expertise_field": ["Quy hoạch thuộc lĩnh vực chuyên sâu phải ghi rõ lĩnh vực."]}
    }
    assert PlanningEntry.objects.count() == 0
    entries = planning_entries_upsert(actor=None, rows=[(None, person, plan)])
    assert entries.statuses == [BULK_CREATED]
    assert PlanningEntry.objects.get().term_label == "2025-2030"
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="posts.planningentry").count() == 1
    )
