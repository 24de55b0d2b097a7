"""Writing a workbook: all or nothing, idempotent, corrections update, every change audited with the file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from canbo.audit.chain import verify
from canbo.audit.context import audit_context
from canbo.audit.models import AuditEvent
from canbo.conduct.models import AnnualRating
from canbo.imports import engine
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit, Term
from canbo.people.models import Person, Qualification
from canbo.posts.models import Assignment, Decision
from canbo.rules.services import rules_load

from .conftest import HANG, PAO, PEOPLE_HEADER, check, problems, xlsx

D = dt.date
DOMAIN = (
    OrgUnit,
    Person,
    Assignment,
    Qualification,
    Decision,
    ElectedBody,
    Term,
    Membership,
    Nomination,
    AnnualRating,
)


def counts() -> dict[str, int]:
    """How many rows each domain table holds (and the audit trail)."""
    found = {model.__name__: model.objects.count() for model in DOMAIN}
    found["AuditEvent"] = AuditEvent.objects.count()
    return found


def full_workbook(**changes: Any) -> bytes:
    """A clean workbook with a row in every sheet; keyword arguments replace rows by sheet key."""
    sheets: dict[str, list[list[Any]]] = {
        "Đơn vị": [
            [
                "Mã đơn vị",
                "Tên đơn vị",
                "Mã đơn vị cấp trên",
                "Cấp",
                "Khối",
                "Loại đơn vị",
                "Từ ngày",
                "Địa bàn",
            ],
            [
                "SNV-TCBC",
                "Phòng Tổ chức, biên chế",
                "SNV",
                "Cấp tỉnh",
                "Khối chính quyền",
                "Phòng",
                "01/01/2000",
                "",
            ],
            ["SNV-VP", "Văn phòng Sở", "SNV", "tỉnh", "Chính quyền", "phòng", "2000", "tỉnh Lào Cai"],
        ],
        "Cán bộ": [
            [*PEOPLE_HEADER, "Ngày vào Đảng", "Ngày chính thức"],
            [*HANG, "05/03/2010", "05/03/2011"],
            PAO,
        ],
        "Quá trình công tác": [
            [
                "Số định danh cá nhân",
                "Từ ngày",
                "Đến ngày",
                "Mã đơn vị",
                "Chức vụ",
                "Kiêm nhiệm",
                "Số quyết định",
                "Ngày ký quyết định",
                "Người ký",
            ],
            ["010185000123", "09/2008", "05/2021", "SNV-VP", "Chuyên viên", "", "", "", ""],
            [
                "010185000123",
                "01/06/2021",
                "",
                "SNV",
                "Phó Giám đốc Sở",
                "",
                "125/QĐ-UBND",
                "20/05/2021",
                "Chủ tịch UBND tỉnh",
            ],
            ["015079000456", "2010", "", "SNV-TCBC", "CHUYEN_VIEN", "", "", "", ""],
        ],
        "Trình độ": [
            ["Số định danh cá nhân", "Loại trình độ", "Trình độ", "Chuyên ngành", "Ngày cấp bằng"],
            ["010185000123", "Trình độ chuyên môn", "Thạc sĩ", "Quản lý công", "10/2015"],
            ["010185000123", "Lý luận chính trị", "Cao cấp LLCT", "", "2019"],
            ["015079000456", "QLNN", "CVC", "", "12/12/2018"],
        ],
        "Cấp ủy - HĐND": [
            [
                "Số định danh cá nhân",
                "Mã đơn vị",
                "Cơ quan",
                "Tên cơ quan",
                "Nhiệm kỳ",
                "Nhiệm kỳ từ ngày",
                "Nhiệm kỳ đến ngày",
                "Vai trò",
                "Từ ngày",
            ],
            [
                "010185000123",
                "TU",
                "Ban Chấp hành",
                "Ban Chấp hành Đảng bộ tỉnh",
                "2020-2025",
                "15/10/2020",
                "30/09/2025",
                "Ủy viên",
                "15/10/2020",
            ],
        ],
        "Ứng cử": [
            [
                "Số định danh cá nhân",
                "Mã đơn vị",
                "Cơ quan",
                "Nhiệm kỳ",
                "Nhiệm kỳ từ ngày",
                "Ngày bầu cử",
                "Ngày giới thiệu",
                "Kết quả",
            ],
            ["015079000456", "TU", "BCH", "2020 – 2025", "", "", "01/09/2020", "Trúng cử"],
        ],
        "Đánh giá xếp loại": [
            ["Số định danh cá nhân", "Năm", "Xếp loại", "Điểm"],
            ["010185000123", 2024, "HTXSNV", None],
            ["015079000456", 2024, "Hoàn thành tốt", None],
        ],
    }
    for name, rows in changes.items():
        sheets[name] = rows
    return xlsx(sheets)


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


def test_it_writes_every_sheet(province: dict[str, Any], user: Any) -> None:
    before = counts()
    report = commit(full_workbook(), actor=user)
    assert report.written, problems(report)
    after = counts()
    assert {key: after[key] - before[key] for key in after} == {
        "OrgUnit": 2,
        "Person": 2,
        "Assignment": 3,
        "Qualification": 3,
        "Decision": 1,
        "ElectedBody": 1,
        "Term": 1,
        "Membership": 1,
        "Nomination": 1,
        "AnnualRating": 2,
        "AuditEvent": 2
        + 2
        + 3
        + 3
        + 1
        + 1
        + 1
        + 1
        + 2,  # units, people, posts, degrees, body, term, seat, nominee, ratings
    }
    hang = Person.objects.get(national_id="010185000123")
    assert hang.full_name == "Nguyễn Thị Hằng"
    assert (hang.home_town, hang.home_town_text) == (province["ban_phiet"], HANG[5])
    assert hang.sex == "nu" and hang.ethnicity.name == "Kinh"
    pao = Person.objects.get(national_id="015079000456")
    assert (pao.birth_date, pao.birth_date_precision) == (D(1979, 1, 1), "y")
    assert pao.ethnicity.code == "08"  # H'Mông
    assert pao.home_town == province["gia_phu"]  # the current commune wins the tie with the old one
    posts = list(hang.assignments.order_by("valid_from").values_list("valid_from", "valid_to", "unit__code"))
    assert posts == [(D(2008, 9, 1), D(2021, 5, 31), "SNV-VP"), (D(2021, 6, 1), None, "SNV")]
    assert hang.assignments.get(unit__code="SNV").decision.number == "125/QĐ-UBND"
    master = hang.qualifications.get(level__code="THAC_SI")
    assert (master.obtained_on, master.obtained_on_precision, master.kind) == (
        D(2015, 10, 1),
        "m",
        "education",
    )
    seat = Membership.objects.get(person=hang)
    assert (seat.valid_from, seat.valid_to, seat.term.name) == (D(2020, 10, 15), D(2025, 9, 30), "2020-2025")
    assert Nomination.objects.get(person=pao).term == seat.term  # "2020 – 2025" is the same term
    assert list(AnnualRating.objects.filter(person=hang).values_list("year", "level")) == [(2024, "HTXSNV")]
    assert OrgUnit.objects.get(code="SNV-VP").locality == province["lao_cai"]


def test_every_change_is_audited_with_the_file_as_source(province: dict[str, Any], user: Any) -> None:
    with audit_context(source="import", reference="import:7:don-vi.xlsx"):
        commit(full_workbook(), actor=user)
    events = AuditEvent.objects.filter(source="import")
    assert events.count() == 16
    assert set(events.values_list("reference", flat=True)) == {"import:7:don-vi.xlsx"}
    assert set(events.values_list("actor", flat=True)) == {user.pk}
    hang = Person.objects.get(national_id="010185000123")
    created = events.get(object_type="people.person", object_id=str(hang.pk))
    assert created.action == "create" and created.person_id == hang.pk
    assert created.changes["full_name"] == [None, "Nguyễn Thị Hằng"]
    post = events.filter(object_type="posts.assignment", person_id=hang.pk).first()
    assert post is not None and post.object_repr.startswith("Nguyễn Thị Hằng — ")
    assert list(verify()) == []  # the audit trail's hash chain holds across the bulk rows


def test_importing_the_same_file_twice_changes_nothing(province: dict[str, Any], user: Any) -> None:
    data = full_workbook()
    commit(data, actor=user)
    before = counts()
    snapshot = (
        list(Person.objects.values()),
        list(Assignment.objects.values()),
        list(Qualification.objects.values()),
    )
    report = commit(data, actor=user)
    assert report.written
    assert counts() == before
    assert (
        list(Person.objects.values()),
        list(Assignment.objects.values()),
        list(Qualification.objects.values()),
    ) == snapshot
    assert all(sheet["new"] == sheet["changed"] == 0 for sheet in report.counts.values()), report.counts


def test_a_corrected_file_updates_and_never_duplicates(province: dict[str, Any], user: Any) -> None:
    commit(full_workbook(), actor=user)
    before = counts()
    corrected = full_workbook(
        **{
            "Cán bộ": [
                PEOPLE_HEADER,
                ["Nguyễn Thị Hằng", "02/03/1985", "Nữ", "Kinh", "Công giáo", HANG[5], HANG[6]],
                PAO,
            ],
            "Quá trình công tác": [
                ["Số định danh cá nhân", "Từ ngày", "Đến ngày", "Mã đơn vị", "Chức vụ"],
                ["010185000123", "09/2008", "31/05/2021", "SNV-TCBC", "Chuyên viên"],  # the unit was wrong
            ],
            "Trình độ": [
                ["Số định danh cá nhân", "Loại trình độ", "Trình độ", "Ngày cấp bằng"],
                ["010185000123", "Chuyên môn", "ThS", "20/10/2015"],  # the exact day is now known
            ],
            "Đánh giá xếp loại": [
                ["Số định danh cá nhân", "Năm", "Xếp loại"],
                ["010185000123", 2024, "HTTNV"],
            ],
        }
    )
    report = commit(corrected, actor=user)
    assert report.written, problems(report)
    assert counts()["Person"] == before["Person"]
    assert counts()["Assignment"] == before["Assignment"]
    assert counts()["Qualification"] == before["Qualification"]
    assert report.counts["people"] == {"rows": 2, "new": 0, "changed": 1, "unchanged": 1, "invalid": 0}
    hang = Person.objects.get(national_id="010185000123")
    assert hang.religion.name == "Công giáo"
    assert hang.party_joined_on == D(2010, 3, 5)  # a column missing from the file keeps its value
    assert hang.assignments.get(valid_from=D(2008, 9, 1)).unit.code == "SNV-TCBC"
    master = hang.qualifications.get(level__code="THAC_SI")
    assert (master.obtained_on, master.obtained_on_precision) == (D(2015, 10, 20), "d")
    assert AnnualRating.objects.get(person=hang, year=2024).level == "HTTNV"
    change = AuditEvent.objects.filter(object_type="people.person", action="update").get()
    assert (
        sorted(change.changes) == ["religion_id", "version"]  # jsonb keeps its own key order
        and change.changes["religion_id"][1] == hang.religion_id
    )


def test_a_failure_in_the_last_row_leaves_nothing_behind(province: dict[str, Any], user: Any) -> None:
    before = counts()
    bad_last_row = full_workbook(
        **{
            "Đánh giá xếp loại": [
                ["Số định danh cá nhân", "Năm", "Xếp loại", "Điểm"],
                ["010185000123", 2024, "HTXSNV", None],
                ["015079000456", 2024, "Hoàn thành tốt", 150],
            ]
        }
    )
    report = commit(bad_last_row, actor=user)
    assert not report.written
    assert problems(report) == [("Đánh giá xếp loại", 3, "Điểm", "150", "Điểm phải từ 0 đến 100.")]
    assert counts() == before


def test_a_database_refusal_at_the_end_leaves_nothing_behind(
    province: dict[str, Any], user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts()

    def refuse(**kwargs: Any) -> Any:
        raise IntegrityError("simulated failure while writing the last sheet")

    monkeypatch.setattr(engine, "ratings_upsert", refuse)
    with pytest.raises(IntegrityError), transaction.atomic():
        check(full_workbook(), write=True, actor=user)
    assert counts() == before


def test_later_sheets_are_still_checked_after_an_error(province: dict[str, Any]) -> None:
    data = full_workbook(
        **{
            "Cán bộ": [PEOPLE_HEADER, [*HANG[:1], "32/13/1985", *HANG[2:]], PAO],
            "Đánh giá xếp loại": [
                ["Số định danh cá nhân", "Năm", "Xếp loại"],
                ["015079000456", 2024, "Giỏi"],
            ],
        }
    )
    report = commit(data)
    assert [(sheet, row, column) for sheet, row, column, _value, _message in problems(report)] == [
        ("Cán bộ", 2, "Ngày sinh"),
        ("Quá trình công tác", 2, ""),
        ("Quá trình công tác", 3, ""),
        ("Trình độ", 2, ""),
        ("Trình độ", 3, ""),
        ("Cấp ủy - HĐND", 2, ""),
        ("Đánh giá xếp loại", 2, "Xếp loại"),
    ]
    assert (
        problems(report)[1][4] == "Cán bộ của dòng này có lỗi ở sheet Cán bộ (dòng 2); hãy sửa dòng đó trước."
    )


def test_it_keeps_to_the_unit_scope(province: dict[str, Any]) -> None:
    report = check(full_workbook(), scope=province["division"])
    outside = [p for p in problems(report) if "ngoài phạm vi" in p[4]]
    assert {(sheet, row) for sheet, row, *_rest in outside} == {
        ("Đơn vị", 2),
        ("Đơn vị", 3),
        ("Quá trình công tác", 2),
        ("Quá trình công tác", 3),
        ("Quá trình công tác", 4),
        ("Cấp ủy - HĐND", 2),
        ("Ứng cử", 2),
    }


def test_people_are_matched_by_name_birth_date_and_home_town(province: dict[str, Any], user: Any) -> None:
    no_id = [PEOPLE_HEADER[:6], ["Lò Văn Bình", "1990", "Nam", "Tày", "Không", "xã Gia Phú, tỉnh Lào Cai"]]
    commit(xlsx({"Cán bộ": no_id}), actor=user)
    again = commit(xlsx({"Cán bộ": no_id}), actor=user)
    assert again.counts["people"]["unchanged"] == 1
    other_home = [PEOPLE_HEADER[:6], ["Lò Văn Bình", "1990", "Nam", "Tày", "Không", "Hà Nội"]]
    report = check(xlsx({"Cán bộ": other_home}))
    assert report.counts["people"]["new"] == 1
    [warning] = problems(report, "warning")
    assert warning[:3] == ("Cán bộ", 2, "Họ và tên")
    assert warning[4].startswith("Có thể trùng với 1 cán bộ đã có cùng họ tên và ngày sinh")


def test_duplicates_in_the_file_are_errors(province: dict[str, Any]) -> None:
    report = check(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG, PAO, HANG]}))
    assert problems(report) == [
        ("Cán bộ", 4, "Số định danh cá nhân", "010185000123", "Trùng số định danh cá nhân với dòng 2.")
    ]


def test_overlapping_main_posts_are_refused_with_the_services_message(province: dict[str, Any]) -> None:
    work = [
        ["Số định danh cá nhân", "Từ ngày", "Đến ngày", "Mã đơn vị", "Chức vụ"],
        ["010185000123", "2010", "2015", "SNV", "Chuyên viên"],
        ["010185000123", "06/2014", "", "SNV-CC", "Chuyên viên"],
    ]
    report = check(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG], "Quá trình công tác": work}))
    assert [p[1:3] for p in problems(report)] == [(2, "Từ ngày"), (3, "Từ ngày")]
    assert problems(report)[1][4] == (
        "Trùng thời gian với chức vụ chính “Chuyên viên – Sở Nội vụ” (01/01/2010 – 31/12/2015). "
        "Hãy kết thúc chức vụ đó trước, hoặc đánh dấu kiêm nhiệm."
    )


def test_a_sole_post_has_one_holder(province: dict[str, Any], user: Any) -> None:
    commit(
        xlsx(
            {
                "Cán bộ": [PEOPLE_HEADER, PAO],
                "Quá trình công tác": [
                    ["Số định danh cá nhân", "Từ ngày", "Mã đơn vị", "Chức vụ"],
                    ["015079000456", "2020", "SNV", "Giám đốc Sở"],
                ],
            }
        ),
        actor=user,
    )
    report = check(
        xlsx(
            {
                "Cán bộ": [PEOPLE_HEADER, HANG],
                "Quá trình công tác": [
                    ["Số định danh cá nhân", "Từ ngày", "Mã đơn vị", "Chức vụ"],
                    ["010185000123", "2022", "SNV", "GIAM_DOC_SO"],
                ],
            }
        )
    )
    assert problems(report) == [
        (
            "Quá trình công tác",
            2,
            "Chức vụ",
            "GIAM_DOC_SO",
            "Chức vụ “Giám đốc Sở” của “Sở Nội vụ” chỉ một người giữ; Giàng A Páo đang giữ từ 01/01/2020 đến nay.",
        )
    ]


def test_scores_are_checked_against_the_levels(province: dict[str, Any]) -> None:
    rules_load()  # the bands are the rule "rating.score_bands" in force for the year
    ratings = [
        ["Số định danh cá nhân", "Năm", "Xếp loại", "Điểm"],
        ["010185000123", 2026, "HTXSNV", "85,5"],
        ["010185000123", 2023, "HTTNV", ""],
        ["010185000123", 2023, "HTNV", ""],
    ]
    report = check(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG], "Đánh giá xếp loại": ratings}))
    assert [p[1:] for p in problems(report)] == [
        (
            2,
            "Xếp loại",
            "HTXSNV",
            "Điểm 85,5 chỉ đạt mức HTTNV trở xuống (từ 90 điểm: HTXSNV; từ 70 đến dưới 90: HTTNV; "
            "từ 50 đến dưới 70: HTNV; dưới 50: KHTNV — Nghị định 335/2025/NĐ-CP; Quy định 366-QĐ/TW Điều 11).",
        ),
        (4, "Năm", "2023", "Năm này đã có ở dòng 3 cho cùng cán bộ."),
    ]


def test_a_rating_keeps_its_score(province: dict[str, Any], user: Any) -> None:
    rules_load()
    ratings = [["Số định danh cá nhân", "Năm", "Xếp loại", "Điểm"], ["010185000123", 2026, "HTTNV", "85,5"]]
    report = commit(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG], "Đánh giá xếp loại": ratings}), actor=user)
    if report.error_count:  # 2026 has not come yet on this machine's clock
        assert problems(report)[0][4] == "Năm đánh giá không được sau năm nay."
        return
    assert AnnualRating.objects.get().score == Decimal("85.50")


def test_work_history_keeps_the_precision_of_its_dates(province: dict[str, Any], user: Any) -> None:
    report = commit(full_workbook(), actor=user)
    assert report.written, problems(report)
    posts = Assignment.objects.order_by("person__full_name", "valid_from").values_list(
        "person__full_name", "valid_from", "valid_from_precision", "valid_to", "valid_to_precision"
    )
    assert list(posts) == [
        ("Giàng A Páo", D(2010, 1, 1), "y", None, "d"),  # "2010": the year only, from its first day
        ("Nguyễn Thị Hằng", D(2008, 9, 1), "m", D(2021, 5, 31), "m"),  # "09/2008" to "05/2021"
        ("Nguyễn Thị Hằng", D(2021, 6, 1), "d", None, "d"),
    ]
    # The same file again: the precision is part of the record, so nothing changes.
    again = commit(full_workbook(), actor=user)
    assert again.counts["work"]["unchanged"] == 3, again.counts


def test_the_managing_unit_is_the_column_or_the_latest_main_post(province: dict[str, Any], user: Any) -> None:
    report = commit(full_workbook(), actor=user)
    assert report.written, problems(report)
    by_id = dict(Person.objects.values_list("national_id", "managing_unit__code"))
    # No column Đơn vị quản lý hồ sơ: the unit of the latest main post in the sheet Quá trình công tác.
    assert by_id == {"010185000123": "SNV", "015079000456": "SNV-TCBC"}

    # A file whose work history is older does not move a managing unit already stored.
    older = full_workbook(
        **{
            "Quá trình công tác": [
                ["Số định danh cá nhân", "Từ ngày", "Đến ngày", "Mã đơn vị", "Chức vụ"],
                ["010185000123", "09/2008", "05/2021", "SNV-VP", "Chuyên viên"],
            ]
        }
    )
    assert commit(older, actor=user).written
    assert Person.objects.get(national_id="010185000123").managing_unit.code == "SNV"

    # The column names it: stored as written; a blank cell keeps the stored unit.
    with_column = full_workbook(
        **{
            "Cán bộ": [
                [*PEOPLE_HEADER, "Đơn vị quản lý hồ sơ"],
                [*HANG, "SNV-CC"],
                [*PAO, ""],
            ]
        }
    )
    report = commit(with_column, actor=user)
    assert report.written, problems(report)
    assert report.counts["people"]["changed"] == 1 and report.counts["people"]["unchanged"] == 1
    by_id = dict(Person.objects.values_list("national_id", "managing_unit__code"))
    assert by_id == {"010185000123": "SNV-CC", "015079000456": "SNV-TCBC"}

    unknown = xlsx({"Cán bộ": [[*PEOPLE_HEADER, "Mã đơn vị quản lý hồ sơ"], [*HANG, "KHONG-CO"]]})
    report = check(unknown)
    assert problems(report) == [
        (
            "Cán bộ",
            2,
            "Mã đơn vị quản lý hồ sơ",
            "KHONG-CO",
            "Không có đơn vị mã “KHONG-CO” trong sheet Đơn vị hay trong hệ thống.",
        )
    ]
