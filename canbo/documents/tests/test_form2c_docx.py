"""Form 2C as Word: open the generated file and read back what an official would see on paper."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from canbo.documents.form2c import form2c_build
from canbo.documents.word import FONT, form2c_docx
from canbo.people.selectors import person_dossier

from .conftest import AS_OF, grant

pytestmark = pytest.mark.django_db
D = dt.date


def build(people: list[Any], as_of: dt.date = AS_OF) -> Any:
    user = get_user_model().objects.create_user("doc-reader")
    grant(user, "specialist")
    dossiers = [person_dossier(user=user, person=person, as_of=as_of) for person in people]
    return Document(io.BytesIO(form2c_docx(form2c_build(dossiers=dossiers))))


def paragraphs(container: Any) -> Iterator[Any]:
    """Every paragraph, including those inside (nested) table cells, in document order."""
    yield from container.paragraphs
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from paragraphs(cell)


def lines(document: Any) -> list[str]:
    return [p.text for p in paragraphs(document)]


def line(document: Any, start: str) -> str:
    """The text of the first paragraph that starts with `start`."""
    found = [text for text in lines(document) if text.startswith(start)]
    assert found, f"No line starts with {start!r}"
    return found[0]


def table_after(document: Any, first_header: str) -> list[list[str]]:
    """The rows of the first table whose top-left cell reads first_header."""
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"No table headed {first_header!r}")


def test_it_fills_the_items_as_officials_do(province: dict[str, Any]) -> None:
    document = build([province["hang"]])
    assert line(document, "1) Họ và tên khai sinh (viết chữ in hoa):").endswith("NGUYỄN THỊ HẰNG")
    assert line(document, "2) Tên gọi khác:") == "2) Tên gọi khác: Hằng Nga"
    assert line(document, "3) Sinh ngày:") == "3) Sinh ngày: 02 tháng 03 năm 1978, Giới tính (nam, nữ): Nữ"
    assert line(document, "4) Nơi sinh:") == "4) Nơi sinh: thị trấn Phố Lu, huyện Bảo Thắng, tỉnh Lào Cai"
    assert line(document, "5) Quê quán:") == "5) Quê quán: xã Xuân Quang, huyện Bảo Thắng, tỉnh Lào Cai"
    assert line(document, "6) Dân tộc:") == "6) Dân tộc: Kinh, 7) Tôn giáo: Không"
    assert line(document, "11) Ngày tuyển dụng:") == (
        "11) Ngày tuyển dụng: 01/09/2001, Cơ quan tuyển dụng: UBND huyện Bảo Thắng"
    )
    assert line(document, "12) Chức vụ (chức danh) hiện tại:") == (
        "12) Chức vụ (chức danh) hiện tại: Phó Giám đốc Sở, Sở Nội vụ; "
        "kiêm Trưởng phòng (thuộc cơ quan, đơn vị cấp tỉnh), Phòng Công chức, viên chức, Sở Nội vụ; "
        "Ủy viên Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2020–2025"
    )
    # The doctorate of 01/09/2025 came after the date of the form.
    assert line(document, "15.2-") == "15.2- Trình độ chuyên môn cao nhất: Thạc sĩ, Quản lý công"
    assert line(document, "15.3-") == "15.3- Lý luận chính trị: Cao cấp"
    assert line(document, "15.4-") == "15.4- Quản lý nhà nước: Chuyên viên chính"
    assert line(document, "15.5-") == "15.5- Ngoại ngữ: Tiếng Anh, Bậc 3 (B1)"
    assert line(document, "16)") == (
        "16) Ngày vào Đảng Cộng sản Việt Nam: 19/05/2003, Ngày chính thức: 19/05/2004"
    )
    assert line(document, "25)") == (
        "25) Số chứng minh nhân dân/căn cước công dân: 010178001234, Ngày cấp: 10/04/2021"
    )
    assert line(document, "26)") == "26) Số sổ BHXH: 1001234567"
    # An item without data keeps its dotted leader to be filled in by hand.
    assert line(document, "13)") == "13) Công việc chính được giao: …………"


def test_name_is_in_capitals_and_bold(province: dict[str, Any]) -> None:
    document = build([province["hang"]])
    paragraph = next(p for p in paragraphs(document) if p.text.startswith("1) Họ và tên"))
    value = paragraph.runs[-1]
    assert value.text == "NGUYỄN THỊ HẰNG"
    assert value.bold


def test_header_block_and_photo_box(province: dict[str, Any]) -> None:
    document = build([province["hang"], province["an"]])
    text = lines(document)
    assert "Cơ quan, đơn vị có thẩm quyền quản lý CBCC: Ban Thường vụ Tỉnh ủy" in text
    assert "Cơ quan, đơn vị sử dụng CBCC: Sở Nội vụ" in text
    assert "Mẫu 2C-BNV/2008" in text
    assert "Số hiệu cán bộ, công chức: LC-000123" in text
    assert text.count("SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC") == 2
    # Hằng has a photo; An has none and gets the empty framed box with the form's caption.
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert abs(shape.width - Cm(3.9)) < Cm(0.01) and abs(shape.height - Cm(5.85)) < Cm(0.01)
    assert text.count("Ảnh màu (4 × 6 cm)") == 1
    photo_rows = [
        table.rows[0]
        for table in document.tables
        if len(table.rows[0].cells) == 2 and table.rows[0].cells[1].text == "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC"
    ]
    assert len(photo_rows) == 2
    for row in photo_rows:
        box = row.cells[0]
        borders = box._tc.tcPr.find(qn("w:tcBorders"))
        assert borders is not None and len(borders) == 4  # a framed box
        assert abs(box.width - Cm(4)) < Cm(0.01) and abs(row.height - Cm(6)) < Cm(0.01)  # 4 × 6 cm


def test_work_history_table_rows(province: dict[str, Any]) -> None:
    rows = table_after(build([province["hang"]]), "Từ tháng, năm đến tháng, năm")
    assert rows[1:] == [
        ["09/2001 – 12/2010", "Chuyên viên Phòng Nội vụ huyện, UBND huyện Bảo Thắng"],
        ["01/2011 – 06/2015", "Chuyên viên, Phòng Công chức, viên chức, Sở Nội vụ"],
        [
            "07/2015 – 03/2020",
            "Trưởng phòng (thuộc cơ quan, đơn vị cấp tỉnh), Phòng Công chức, viên chức, Sở Nội vụ",
        ],
        ["04/2020 – nay", "Phó Giám đốc Sở, Sở Nội vụ"],
        [
            "01/2024 – nay",
            "Kiêm Trưởng phòng (thuộc cơ quan, đơn vị cấp tỉnh), Phòng Công chức, viên chức, Sở Nội vụ",
        ],
    ]


def test_it_shows_the_record_as_it_stood_on_the_date(province: dict[str, Any]) -> None:
    document = build([province["hang"]], as_of=D(2016, 1, 1))
    rows = table_after(document, "Từ tháng, năm đến tháng, năm")
    # On 01/01/2016 the head-of-division post (ended 31/03/2020) was still held: it runs to "nay".
    assert [row[0] for row in rows[1:]] == ["09/2001 – 12/2010", "01/2011 – 06/2015", "07/2015 – nay"]
    assert line(document, "12)").startswith("12) Chức vụ (chức danh) hiện tại: Trưởng phòng")
    assert line(document, "15.3-") == "15.3- Lý luận chính trị: …………"
    training = table_after(document, "Tên trường")
    assert [row[0] for row in training[1:]] == ["Trường Đại học Luật Hà Nội", "Học viện Hành chính Quốc gia"]


def test_training_family_and_salary_tables(province: dict[str, Any]) -> None:
    document = build([province["hang"]])
    training = table_after(document, "Tên trường")
    assert training[0] == [
        "Tên trường",
        "Chuyên ngành đào tạo, bồi dưỡng",
        "Từ tháng, năm – đến tháng, năm",
        "Hình thức đào tạo",
        "Văn bằng, chứng chỉ, trình độ gì",
    ]
    assert training[1] == [
        "Trường Đại học Luật Hà Nội",
        "Luật",
        "09/1996 – 06/2000",
        "Chính quy",
        "Đại học (Cử nhân, Kỹ sư)",
    ]
    assert ["", "Tiếng Anh", "08/2019", "", "Bậc 3 (B1)"] in training
    family = [t for t in document.tables if t.rows[0].cells[0].text == "Mối quan hệ"]
    assert len(family) == 2
    own = [[c.text for c in row.cells][:3] for row in family[0].rows[1:]]
    assert own == [
        ["Bố", "Nguyễn Văn Bảy", "1950"],
        ["Mẹ", "Trần Thị Lan", "1953"],
        ["Chồng", "Lê Văn Quang", "1976"],  # "Vợ/chồng" written for a woman
        ["Con", "Lê Minh Anh", "2005"],
    ]
    spouse = [[c.text for c in row.cells][:3] for row in family[1].rows[1:]]
    assert spouse == [["Bố chồng", "Lê Văn Hòa", "1948"]]
    salary = table_after(document, "Tháng/năm")
    assert [row[0] for row in salary] == ["Tháng/năm", "Mã ngạch/bậc", "Hệ số lương"]
    assert all(cell == "" for row in salary for cell in row[1:])


def test_empty_tables_and_personal_history_get_blank_lines(province: dict[str, Any]) -> None:
    document = build([province["dung"]])
    family = [t for t in document.tables if t.rows[0].cells[0].text == "Mối quan hệ"]
    assert all(len(t.rows) > 1 and all(c.text == "" for row in t.rows[1:] for c in row.cells) for t in family)
    text = lines(document)
    start = text.index("29) ĐẶC ĐIỂM LỊCH SỬ BẢN THÂN:")
    assert text[start + 1].startswith("- Khai rõ: bị bắt, bị tù")
    assert text[start + 4 : start + 7] == ["\t", "\t", "\t"]  # dotted lines to write on
    assert "Người khai" in text
    assert "Tôi xin cam đoan những lời khai trên đây là đúng sự thật" in text
    assert "Thủ trưởng cơ quan, đơn vị quản lý và sử dụng CBCC" in text
    assert "Dương Văn Dũng" in text  # the declarant's name under the signature


def test_times_new_roman_a4_and_official_margins(province: dict[str, Any]) -> None:
    document = build([province["hang"], province["an"]])
    normal = document.styles["Normal"]
    assert normal.font.name == FONT and normal.font.size == Pt(13)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {FONT}
    runs = [run for paragraph in paragraphs(document) for run in paragraph.runs if run.text]
    assert runs and all(run.font.name == FONT for run in runs)
    assert all(run._element.rPr.rFonts.get(qn("w:eastAsia")) == FONT for run in runs)
    sizes = {run.font.size for run in runs}
    assert sizes <= {Pt(10), Pt(11), Pt(12), Pt(13), Pt(14)}
    table_runs = [
        run
        for table in document.tables
        if table.style is not None and table.style.name == "Table Grid"
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    ]
    assert table_runs and all(run.font.size == Pt(12) for run in table_runs)
    # One section a person, each starting on a new page, each A4 with margins 2/2/3/1.5 cm.
    assert len(document.sections) == 2
    assert document.sections[1].start_type == WD_SECTION.NEW_PAGE
    for section in document.sections:
        assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
        assert round(section.top_margin.cm, 2) == 2 and round(section.bottom_margin.cm, 2) == 2
        assert round(section.left_margin.cm, 2) == 3 and round(section.right_margin.cm, 2) == 1.5
    assert "30/06/2025" in document.sections[0].footer.paragraphs[0].text
