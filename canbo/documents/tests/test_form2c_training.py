"""Form 2C item 27 prints the training courses with the degrees, in date order, in Word and in PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from canbo.people.choices import TrainingKind
from canbo.people.training import training_course_create

from .test_form2c_docx import build, table_after
from .test_form2c_pdf import poppler, render

pytestmark = pytest.mark.django_db
D = dt.date

HEADER = "Tên trường"
LAW = ["Trường Đại học Luật Hà Nội", "Luật", "09/1996 – 06/2000", "Chính quy", "Đại học (Cử nhân, Kỹ sư)"]
COURSE = [
    "Trường Chính trị tỉnh Lào Cai",
    "Bồi dưỡng đối tượng 3",
    "03/2015 – 06/2015",
    "Bồi dưỡng cập nhật kiến thức",
    "Giấy chứng nhận",
]


@pytest.fixture
def courses(province: dict[str, Any]) -> dict[str, Any]:
    """Three courses of Nguyễn Thị Hằng: one between her master's degree and her political theory, one
    that ends on the as-of date's eve, and one that starts after the as-of date."""
    hang = province["hang"]

    def course(name: str, started: dt.date, ended: dt.date, **data: Any) -> Any:
        return training_course_create(
            actor=None,
            person=hang,
            data={
                "name": name,
                "kind": TrainingKind.KNOWLEDGE_UPDATE,
                "started_on": started,
                "ended_on": ended,
            }
            | data,
        )

    return {
        "2015": course(
            "Bồi dưỡng đối tượng 3",
            D(2015, 3, 16),
            D(2015, 6, 12),
            institution="Trường Chính trị tỉnh Lào Cai",
            note="Giấy chứng nhận",
        ),
        "2025": course(
            "Quản lý nhà nước về tổ chức bộ máy",
            D(2025, 5, 5),
            D(2025, 6, 29),
            kind=TrainingKind.TITLE_STANDARD,
        ),
        "later": course("Khóa học sau ngày xem", D(2025, 9, 8), D(2025, 9, 19)),
    }


def test_word_prints_courses_among_degrees_in_date_order(province: dict[str, Any], courses: Any) -> None:
    rows = table_after(build([province["hang"]]), HEADER)[1:]
    assert rows[0] == LAW
    assert [row[2] for row in rows] == [
        "09/1996 – 06/2000",
        "10/2012 – 12/2014",
        "03/2015 – 06/2015",
        "03/2016 – 12/2017",
        "05/2018",
        "08/2019",
        "09/2019",
        "05/2025 – 06/2025",
    ]
    assert rows[2] == COURSE
    assert rows[-1] == [
        "",
        "Quản lý nhà nước về tổ chức bộ máy",
        "05/2025 – 06/2025",
        "Bồi dưỡng theo tiêu chuẩn chức danh",
        "",
    ]
    # The course that started after the date of the form is not on it.
    assert all("Khóa học sau ngày xem" not in row for row in rows)


def test_word_follows_the_as_of_date(province: dict[str, Any], courses: Any) -> None:
    rows = table_after(build([province["hang"]], as_of=D(2015, 4, 1)), HEADER)[1:]
    # The degrees obtained by 01/04/2015, and the course under way that day.
    assert [row[1] for row in rows] == ["Luật", "Quản lý công", "Bồi dưỡng đối tượng 3"]


def test_a_person_with_only_courses_gets_them_and_no_blank_rows(province: dict[str, Any]) -> None:
    dung = province["dung"]
    training_course_create(
        actor=None,
        person=dung,
        data={
            "name": "Tin học văn phòng",
            "kind": TrainingKind.OTHER,
            "started_on": D(2016, 10, 3),
            "ended_on": D(2016, 12, 30),
        },
    )
    rows = table_after(build([dung]), HEADER)[1:]
    assert rows == [["", "Tin học văn phòng", "10/2016 – 12/2016", "Khác", ""]]


def test_pdf_text_has_the_courses_in_date_order(
    province: dict[str, Any], courses: Any, tmp_path: Path
) -> None:
    path = tmp_path / "mau-2c.pdf"
    path.write_bytes(render([province["hang"]]))
    text = subprocess.run(
        [poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in ("Trường Chính trị tỉnh Lào Cai", "Giấy chứng nhận", "Bồi dưỡng cập nhật kiến thức"):
        assert expected in flat
    assert "Khóa học sau ngày xem" not in flat
    periods = ["10/2012 – 12/2014", "03/2015 – 06/2015", "03/2016 – 12/2017", "05/2025 – 06/2025"]
    positions = [flat.find(period) for period in periods]
    assert -1 not in positions and positions == sorted(positions)
