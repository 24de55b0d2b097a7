"""The dry run of a messy workbook: what it reads, and every problem with its sheet, row, column, value and reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from canbo.imports.choices import Severity
from canbo.people.models import Person, Qualification
from canbo.posts.models import Assignment
from canbo.rules.services import rules_load

from .conftest import check, problems, xlsx

D = dt.date


def messy_workbook() -> bytes:
    """A unit's file as they come: title lines, other headers, dates of every kind, spellings of every kind."""
    return xlsx(
        {
            "can bo": [
                ["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"],
                [],
                [
                    "STT",
                    "Họ tên",
                    "Ngày tháng năm sinh",
                    "GIỚI TÍNH",
                    "Dân tộc",
                    "Tôn giáo",
                    "Quê quán",
                    "Số CCCD",
                    "Ngày vào Đảng",
                    "Ngày chính thức",
                    "Cột lạ",
                ],
                [
                    1,
                    "Nguyễn Thị  Hằng",
                    "05/03/1985",
                    "NỮ",
                    "Kinh",
                    "Không",
                    "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai",
                    "010185000123",
                    "05/03/2010",
                    "05/03/2011",
                    "x",
                ],
                [
                    2,
                    "Giàng A Páo",
                    D(1979, 1, 15),
                    "nam",
                    "H'Mông",
                    "không",
                    "Nghĩa Lộ, Yên Bái",
                    15079000456,
                ],
                [3, "Lò Thị Mai", "3/1990", "nữ", "Hmông", "Phật giáo", "Hà Nội", "0101900007"],
                [4, "Sùng Văn Lử", 1988, "Nam", "Mông", "Không", "Bản Phiệt - Bảo Thắng - Lào Cai"],
                [5, "Vàng Thị Dung", "31/02/1990", "Nữ", "Dao", "Không"],
                [6, "Hà Văn Tú", 32874, "Nam", "Tày", "Không"],
                [7, "Triệu Văn Sơn", "12/7/88", "nam", "Nùng", "Thiên Chúa giáo"],
                [8, "Lý Thị Hoa", "01/01/1990", "Nữ", "Klingon", "Không"],
            ],
            "QTCT": [
                ["Số CCCD", "Từ tháng, năm", "Đến tháng, năm", "Mã đơn vị", "Chức danh", "Kiêm nhiệm"],
                ["010185000123", "09/2008", "05/2021", "SNV", "Chuyên viên", None],
                ["010185000123", "06/2021", None, "SNV", "Phó Giám đốc Sở", "không"],
                ["010185000123", "2015", None, "XYZ", "Chuyên viên"],
                ["015079000456", "01/2010", None, "SNV", "Trưởng phòng sở"],
            ],
            "Trình độ": [
                ["Số định danh cá nhân", "Loại trình độ", "Trình độ", "Năm tốt nghiệp"],
                ["010185000123", "Chuyên môn", "ThS", "2015"],
                ["010185000123", "LLCT", "Cao cấp", "06/2019"],
                ["010185000123", "Ngoại ngữ", "Tiếng Anh B2", 2012],
                ["015079000456", "Tin học", "Siêu cấp", 2010],
            ],
            "Đánh giá xếp loại": [
                ["Số định danh cá nhân", "Năm", "Xếp loại", "Điểm"],
                ["010185000123", 2025, "HTXSNV", 95],
                ["010185000123", 2024, "Hoàn thành tốt", None],
                ["015079000456", 2024, "Giỏi"],
            ],
        }
    )


def test_it_reports_every_problem_exactly(province: dict[str, Any]) -> None:
    rules_load()  # the 100-point scale's bands and first year are the rule "rating.score_bands"
    report = check(messy_workbook())
    assert problems(report) == [
        ("can bo", None, "Cột lạ", "", "Bỏ qua cột “Cột lạ”: không có trong mẫu nhập."),
        (
            "can bo",
            5,
            "Quê quán",
            "Nghĩa Lộ, Yên Bái",
            "“Nghĩa Lộ, Yên Bái” khớp với nhiều đơn vị hành chính (thị xã Nghĩa Lộ, tỉnh Yên Bái; xã Nghĩa Lộ, "
            "thị xã Nghĩa Lộ, tỉnh Yên Bái); chỉ lưu nguyên văn. Hãy ghi thêm huyện, tỉnh hoặc mã đơn vị hành chính.",
        ),
        (
            "can bo",
            6,
            "Số CCCD",
            "0101900007",
            "Số định danh cá nhân “0101900007” phải gồm đúng 12 chữ số (đang có 10).",
        ),
        (
            "can bo",
            8,
            "Ngày tháng năm sinh",
            "31/02/1990",
            "Ngày “31/02/1990” không tồn tại: tháng 2 năm 1990 chỉ có 28 ngày.",
        ),
        (
            "can bo",
            11,
            "Dân tộc",
            "Klingon",
            "Không nhận ra dân tộc “Klingon”: hãy ghi tên theo danh mục (ví dụ Kinh, Tày, Mông) hoặc mã 2 chữ số.",
        ),
        (
            "QTCT",
            4,
            "Mã đơn vị",
            "XYZ",
            "Không có đơn vị mã “XYZ” trong sheet Đơn vị hay trong hệ thống.",
        ),
        (
            "QTCT",
            5,
            "Chức danh",
            "Trưởng phòng sở",
            "Không có chức vụ “Trưởng phòng sở” trong danh mục chức vụ; hãy chọn trong danh sách hoặc ghi mã.",
        ),
        (
            "Trình độ",
            5,
            "Trình độ",
            "Siêu cấp",
            "Tin học: không nhận ra “Siêu cấp”. Các mức trong danh mục: " + LEVELS_IT + ".",
        ),
        (
            "Đánh giá xếp loại",
            2,
            "Điểm",
            "95",
            "Điểm chỉ ghi cho các năm từ 2026 (Nghị định 335/2025/NĐ-CP; Quy định 366-QĐ/TW Điều 11); năm 2025 "
            "chỉ ghi mức xếp loại.",
        ),
        (
            "Đánh giá xếp loại",
            4,
            "Xếp loại",
            "Giỏi",
            "Không nhận ra “Giỏi”. Giá trị hợp lệ: HTXSNV (Hoàn thành xuất sắc nhiệm vụ), HTTNV (Hoàn thành tốt "
            "nhiệm vụ), HTNV (Hoàn thành nhiệm vụ), KHTNV (Không hoàn thành nhiệm vụ).",
        ),
    ]
    assert [p.severity for p in report.problems].count(Severity.WARNING) == 2
    assert report.counts == {
        "people": {"rows": 8, "new": 5, "changed": 0, "unchanged": 0, "invalid": 3},
        "work": {"rows": 4, "new": 2, "changed": 0, "unchanged": 0, "invalid": 2},
        "qualifications": {"rows": 4, "new": 3, "changed": 0, "unchanged": 0, "invalid": 1},
        "ratings": {"rows": 3, "new": 1, "changed": 0, "unchanged": 0, "invalid": 2},
    }


LEVELS_IT = (
    "Ứng dụng CNTT cơ bản (IU01-IU06), Chứng chỉ A (cũ), Chứng chỉ B (cũ), Chứng chỉ C (cũ), "
    "Ứng dụng CNTT nâng cao (IU07-IU15), Trung cấp CNTT, Cao đẳng CNTT, Đại học CNTT"
)


def test_a_dry_run_writes_nothing(province: dict[str, Any]) -> None:
    before = (Person.objects.count(), Assignment.objects.count(), Qualification.objects.count())
    check(messy_workbook())
    assert (Person.objects.count(), Assignment.objects.count(), Qualification.objects.count()) == before


@pytest.mark.parametrize(
    ("cell", "expected", "precision"),
    [
        ("05/03/1985", D(1985, 3, 5), "d"),
        ("5/3/85", D(1985, 3, 5), "d"),
        ("1985-03-05", D(1985, 3, 5), "d"),
        (D(1985, 3, 5), D(1985, 3, 5), "d"),
        (dt.datetime(1985, 3, 5, 0, 0), D(1985, 3, 5), "d"),
        (31111, D(1985, 3, 5), "d"),
        ("03/1985", D(1985, 3, 1), "m"),
        ("3/85", D(1985, 3, 1), "m"),
        ("1985", D(1985, 1, 1), "y"),
        (1985, D(1985, 1, 1), "y"),
        ("ngày 5 tháng 3 năm 1985", D(1985, 3, 5), "d"),
    ],
)
def test_it_reads_birth_dates_of_every_kind(
    province: dict[str, Any], cell: Any, expected: D, precision: str
) -> None:
    report = check(
        xlsx(
            {
                "Cán bộ": [
                    ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo"],
                    ["Lò Văn A", cell, "Nam", "Thái", "Không"],
                ]
            }
        ),
        write=True,
    )
    assert report.error_count == 0, problems(report)
    person = Person.objects.get(full_name="Lò Văn A")
    assert (person.birth_date, person.birth_date_precision) == (expected, precision)
