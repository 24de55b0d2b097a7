"""The people list as Excel: open the workbook and read back rows, order, columns and formats."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from canbo.core.text import fold, person_sort_key
from canbo.documents import spreadsheets
from canbo.people.choices import QualificationKind, Sex
from canbo.people.models import Person, Qualification, QualificationLevel
from canbo.posts.models import Assignment, Title

pytestmark = pytest.mark.django_db
D = dt.date
URL = reverse("web:person_list_xlsx")
HEADER_ROW = 4  # 1-based, as openpyxl counts
VIETNAMESE_ORDER = ["Trần Văn An", "Lò Thị Ánh", "Dương Văn Dũng", "Đặng Văn Đức", "Nguyễn Thị Hằng"]


def workbook(client: Any, **params: str) -> Any:
    response = client.get(URL, {"as_of": "30/06/2025", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    assert 'filename="danh-sach-can-bo-' in response["Content-Disposition"]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def data_rows(book: Any) -> list[tuple[Any, ...]]:
    sheet = book.active
    return [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def names(book: Any) -> list[str]:
    return [row[1] for row in data_rows(book)]


def test_rows_are_in_vietnamese_order(client_in: Any, province: dict[str, Any]) -> None:
    shown = names(workbook(client_in))
    assert shown == VIETNAMESE_ORDER
    assert shown == sorted(shown, key=person_sort_key)
    assert shown != sorted(shown, key=lambda name: name.split()[-1])  # not plain code-point order


def test_it_has_the_list_pages_rows(client_in: Any, province: dict[str, Any]) -> None:
    for params in (
        {},
        {"sex": Sex.FEMALE},
        {"minority": "1"},
        {"unit": str(province["dept"].pk)},
        {"q": "van"},
    ):
        page = client_in.get(reverse("web:person_list"), {"as_of": "30/06/2025", **params})
        assert names(workbook(client_in, **params)) == [p.full_name for p in page.context["rows"]]


def test_columns_and_values(client_in: Any, province: dict[str, Any]) -> None:
    book = workbook(client_in)
    sheet = book.active
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert headers == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Dân tộc",
        "Chức vụ",
        "Đơn vị",
        "Đơn vị cấp trên",
        "Chuyên môn",
        "Chuyên ngành",
        "Lý luận chính trị",
    ]
    rows = {row[1]: row for row in data_rows(book)}
    assert rows["Nguyễn Thị Hằng"] == (
        5,
        "Nguyễn Thị Hằng",
        dt.datetime(1978, 3, 2),
        "Nữ",
        "Kinh",
        "Phó Giám đốc Sở",
        "Sở Nội vụ",
        "UBND tỉnh Lào Cai",
        "Thạc sĩ",
        "Quản lý công",
        "Cao cấp",
    )
    assert rows["Dương Văn Dũng"][4] == "Tày"
    assert rows["Trần Văn An"][10] == "Cử nhân chính trị"
    assert rows["Trần Văn An"][8] is None  # no degree recorded: an empty cell


def test_dates_are_real_dates_or_text_at_their_precision(client_in: Any, province: dict[str, Any]) -> None:
    sheet = workbook(client_in).active
    cells = {row[1].value: row[2] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)}
    hang = cells["Nguyễn Thị Hằng"]
    assert hang.is_date and hang.value == dt.datetime(1978, 3, 2) and hang.number_format == "dd/mm/yyyy"
    assert cells["Trần Văn An"].value == "1970" and cells["Trần Văn An"].data_type == "s"
    assert cells["Đặng Văn Đức"].value == "07/1985" and cells["Đặng Văn Đức"].data_type == "s"


def test_title_header_freeze_and_autofilter(client_in: Any, province: dict[str, Any]) -> None:
    sheet = workbook(client_in, sex=Sex.FEMALE, unit=str(province["root"].pk)).active
    assert sheet["A1"].value == "DANH SÁCH CÁN BỘ"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == (
        "Tại ngày 30/06/2025. Bộ lọc: Đơn vị (gồm cấp dưới): Tỉnh Lào Cai; Giới tính: Nữ"
    )
    assert all(cell.font.bold for cell in sheet[HEADER_ROW])
    assert all(cell.font.name == "Times New Roman" for cell in sheet[HEADER_ROW])
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:K{HEADER_ROW + 1}"  # Ánh's district is not in the tree
    assert sheet.column_dimensions["B"].width > 20 and sheet.column_dimensions["F"].width > 30
    assert "Không lọc." in workbook(client_in).active["A2"].value


def test_it_follows_the_as_of_date(client_in: Any, province: dict[str, Any]) -> None:
    book = workbook(client_in, as_of="01/01/2016")
    rows = {row[1]: row for row in data_rows(book)}
    assert rows["Nguyễn Thị Hằng"][5] == "Trưởng phòng (thuộc cơ quan, đơn vị cấp tỉnh)"
    assert rows["Nguyễn Thị Hằng"][6] == "Phòng Công chức, viên chức"
    assert rows["Nguyễn Thị Hằng"][10] is None  # cao cấp came in 2017
    assert "Tại ngày 01/01/2016." in book.active["A2"].value


def _bulk_people(count: int, province: dict[str, Any]) -> None:
    """Bulk rows (not services), each with a post and two qualifications."""
    hang = province["hang"]
    created = Person.objects.bulk_create(
        Person(
            full_name=f"Phạm Văn Số {i:05d}",
            birth_date=D(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            sex=Sex.MALE,
            ethnicity=hang.ethnicity,
            religion=hang.religion,
            search_text=fold(f"Phạm Văn Số {i:05d}"),
            sort_key=person_sort_key(f"Phạm Văn Số {i:05d}"),
        )
        for i in range(count)
    )
    if created and created[0].pk is None:  # backends that do not return ids
        created = list(Person.objects.filter(full_name__startswith="Phạm Văn Số "))
    staff = Title.objects.get(code="CHUYEN_VIEN")
    Assignment.objects.bulk_create(
        Assignment(person=p, title=staff, unit=province["division"], valid_from=D(2010, 1, 1))
        for p in created
    )
    levels = [
        QualificationLevel.objects.get(kind=QualificationKind.EDUCATION, code="DAI_HOC"),
        QualificationLevel.objects.get(kind=QualificationKind.POLITICAL_THEORY, code="TRUNG_CAP"),
    ]
    Qualification.objects.bulk_create(
        Qualification(person=p, kind=level.kind, level=level, obtained_on=D(2005, 1, 1))
        for p in created
        for level in levels
    )


def test_query_count_is_one_per_chunk_not_one_per_row(
    client_in: Any, province: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets, "CHUNK_SIZE", 10)
    with CaptureQueriesContext(connection) as few:
        assert len(data_rows(workbook(client_in))) == 5
    _bulk_people(45, province)
    with CaptureQueriesContext(connection) as many:
        assert len(data_rows(workbook(client_in))) == 50
    # 45 more people in chunks of 10: 5 more chunks, each one query for the rows and one for qualifications.
    assert len(many) - len(few) <= 2 * 5
    assert len(many) < 30


def test_a_list_longer_than_a_chunk_is_written_whole(client_in: Any, province: dict[str, Any]) -> None:
    _bulk_people(spreadsheets.CHUNK_SIZE + 200, province)
    rows = data_rows(workbook(client_in))
    assert len(rows) == spreadsheets.CHUNK_SIZE + 205
    assert [row[0] for row in rows[:3]] == [1, 2, 3]
    assert rows[-1][0] == len(rows)
    assert [row[1] for row in rows] == sorted((row[1] for row in rows), key=person_sort_key)
