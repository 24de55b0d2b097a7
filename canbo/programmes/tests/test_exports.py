"""Phụ lục 1 as Excel and Word: open the generated files and read back what an official would see."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from docx.shared import Cm, Pt
from openpyxl import load_workbook

from canbo.org.models import OrgUnit
from canbo.programmes.choices import Status
from canbo.programmes.engine import Result, assess, gap_text
from canbo.programmes.exports import (
    appendix_rows,
    indicator_table_docx,
    indicator_table_xlsx,
    pair_text,
    split_names,
)
from canbo.programmes.models import Indicator, Programme, Target
from canbo.programmes.services import DATA_FILE

AS_OF = dt.date(2025, 6, 30)
# LC-18's figures at the date (made up, but the shape of the real ones): code → (numerator, denominator).
NOW = {
    "LC-1a": (25, 430),
    "LC-1b": (21, 130),
    "LC-2": (9, 170),
    "LC-3": (800, 3200),
    "LC-4": (1500, 4400),
    "LC-5": (3200, 3450),
    "LC-6": (3000, 3450),
    "LC-7a": (9, 9),
    "LC-7b": (140, 152),
    "LC-8a": (9, 9),
    "LC-8b": (110, 152),
    "LC-9": (500, 1530),
    "LC-10": (250, 1530),
    "LC-11": (200, 1530),
}


def seed(code: str = "LC-18") -> dict[str, Any]:
    payload = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return next(p for p in payload["programmes"] if p["code"] == code)


def lc18() -> Programme:
    raw = seed()
    return Programme(
        code=raw["code"],
        title=raw["title"],
        kind=raw["kind"],
        issuer=raw["issuer"],
        document_number=raw["document_number"],
        document_date=dt.date(2020, 12, 11),
        period_start=2020,
        period_end=2025,
        baseline_date=dt.date(2020, 12, 11),
    )


def results(as_of: dt.date = AS_OF) -> list[Result]:
    """LC-18's indicators from the shipped data (unsaved) with figures at the date, assessed by the engine."""
    out = []
    for item in seed()["indicators"]:
        baseline = item.get("baseline") or [None, None]
        indicator = Indicator(
            code=item["code"],
            name=item["name"],
            subject=item["subject"],
            definition=item["definition"],
            baseline_numerator=baseline[0],
            baseline_denominator=baseline[1],
            baseline_value=Decimal(str(item["baseline_value"])) if "baseline_value" in item else None,
        )
        targets = [
            Target(
                year=t["year"],
                comparison=t["comparison"],
                text=t.get("text", ""),
                low=Decimal(str(t["low"])) if t.get("low") is not None else None,
                high=Decimal(str(t["high"])) if t.get("high") is not None else None,
            )
            for t in item.get("targets", [])
        ]
        target = targets[-1] if targets else None
        numerator, denominator = NOW[item["code"]]
        status, gap = assess(numerator, denominator, target)
        out.append(
            Result(
                indicator,
                as_of,
                None,
                numerator,
                denominator,
                target,
                status,
                gap,
                note=gap_text(indicator, gap, target),
            )
        )
    return out


def test_lettered_codes_are_grouped_under_one_number_as_in_the_seed() -> None:
    rows = appendix_rows(results())
    shown = [(r.kind, r.number, r.label) for r in rows]
    assert shown[:3] == [
        ("group", "1", "Cán bộ lãnh đạo quản lý dưới 40 tuổi"),
        ("sub", "", "Cấp tỉnh:"),
        ("sub", "", "Cấp huyện:"),
    ]
    assert ("group", "7", "Bí thư cấp ủy không phải là người địa phương") in shown
    assert ("group", "8", "Chủ tịch UBND không phải là người địa phương") in shown
    assert [r.number for r in rows if r.number] == [
        str(n) for n in range(1, 12)
    ]  # 1–9 as printed, then 10, 11
    assert [r.indicator.code for r in rows if r.kind == "sub"] == [
        "LC-1a",
        "LC-1b",
        "LC-7a",
        "LC-7b",
        "LC-8a",
        "LC-8b",
    ]


def test_names_with_nothing_in_common_keep_their_own_labels() -> None:
    assert split_names(["Tỷ lệ nữ", "Tuổi bình quân"]) == ("Tỷ lệ nữ", ["Tỷ lệ nữ", "Tuổi bình quân"])
    assert split_names(["Nữ cấp ủy cấp tỉnh", "Nữ cấp ủy cấp xã"]) == ("Nữ cấp ủy", ["Cấp tỉnh:", "Cấp xã:"])


def test_pairs_are_printed_as_the_appendix_does() -> None:
    lc1a, lc3 = results()[0].indicator, results()[3].indicator
    assert pair_text(11, 428, lc1a) == "11/428 người"
    assert pair_text(1460, 4495, lc3) == "1.460/4.495"  # seats, not persons: no "người"
    assert pair_text(11, 428) == "11/428"


def workbook(**kwargs: Any) -> Any:
    content = indicator_table_xlsx(results(), programme=lc18(), as_of=AS_OF, **kwargs)
    return load_workbook(io.BytesIO(content)).active


def test_the_workbook_has_the_heading_the_columns_and_the_figures() -> None:
    sheet = workbook(unit=OrgUnit(name="Tỉnh Lào Cai"))
    assert sheet["A1"].value == "TÓM TẮT MỘT SỐ MỤC TIÊU CHÍNH CỦA ĐỀ ÁN"
    assert sheet["A2"].value == "(Đề án số 18-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy Lào Cai)"
    assert sheet["A3"].value == "Số liệu tại ngày 30/06/2025; đơn vị: Tỉnh Lào Cai"
    assert [c.value for c in sheet[5]] == [
        "TT",
        "Nội dung",
        "Hiện trạng",
        "Mục tiêu đến năm 2025",
        "Hiện tại (ngày 30/06/2025)",
        "Ghi chú",
    ]
    assert all(c.font.bold and c.font.name == "Times New Roman" for c in sheet[5])
    assert all(c.border.left.style == "thin" for c in sheet[5])
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=6)}
    group = rows["Cán bộ lãnh đạo quản lý dưới 40 tuổi"]
    assert group[0].value == 1 and group[2].value is None
    provincial = rows["Cấp tỉnh:"]
    assert provincial[0].value is None
    assert provincial[2].value == pytest.approx(11 / 428) and provincial[2].number_format == "0.00%"
    assert provincial[3].value == "5–10%"
    assert provincial[4].value == pytest.approx(25 / 430) and provincial[4].number_format == "0.00%"
    assert provincial[5].value.splitlines() == [
        "Hiện trạng: 11/428 người",
        "Hiện tại: 25/430 người",
        "Đạt mục tiêu.",
    ]
    assert provincial[1].alignment.indent == 2
    women_councils = rows["Tỷ lệ nữ đại biểu HĐND các cấp"]
    assert women_councils[5].value.splitlines()[:2] == ["Hiện trạng: 1.460/4.495", "Hiện tại: 1.500/4.400"]
    assert women_councils[5].value.splitlines()[2] == "Cần thêm 41 nữ đại biểu để đạt > 35%."
    women = rows["Cán bộ lãnh đạo quản lý là nữ"]  # no pair in the document: its printed 16,1%
    assert women[2].value == pytest.approx(0.161) and women[3].value is None
    fonts = {cell.font.name for row in sheet.iter_rows(min_row=1) for cell in row if cell.value is not None}
    assert fonts == {"Times New Roman"}
    assert sheet.column_dimensions["B"].width > 40
    assert sheet.page_setup.orientation == "portrait" and int(sheet.page_setup.paperSize) == 9  # A4


def test_a_district_row_after_the_reform_says_not_applicable() -> None:
    rows = results(dt.date(2025, 8, 1))
    district = rows[1]
    district.numerator = district.denominator = None
    district.status, district.gap = Status.NOT_APPLICABLE, None
    district.note = "Không áp dụng từ 01/07/2025: cấp huyện đã kết thúc hoạt động."
    content = indicator_table_xlsx(rows, programme=lc18(), as_of=dt.date(2025, 8, 1))
    sheet = load_workbook(io.BytesIO(content)).active
    row = next(r for r in sheet.iter_rows(min_row=6) if r[1].value == "Cấp huyện:")
    assert row[4].value == "Không áp dụng"
    assert row[5].value.splitlines() == [
        "Hiện trạng: 10/127 người",
        "Không áp dụng từ 01/07/2025: cấp huyện đã kết thúc hoạt động.",
    ]


def test_targets_of_different_years_are_labelled_with_their_year() -> None:
    rows = results()
    rows[0].target = Target(year=2030, comparison="at_least", low=Decimal(15))
    sheet = load_workbook(io.BytesIO(indicator_table_xlsx(rows, programme=lc18(), as_of=AS_OF))).active
    assert sheet["D5"].value == "Mục tiêu"
    assert sheet["D7"].value == "≥ 15% (2030)" and sheet["D8"].value == "> 15% (2025)"


def document(**kwargs: Any) -> Any:
    return Document(io.BytesIO(indicator_table_docx(results(), programme=lc18(), as_of=AS_OF, **kwargs)))


def test_the_document_is_a4_portrait_with_official_margins() -> None:
    section = document().sections[0]

    def cm(length: int) -> float:
        return round(length / Cm(1), 2)  # Word stores twentieths of a point: compare in centimetres

    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    assert (cm(section.top_margin), cm(section.bottom_margin), cm(section.left_margin)) == (2.0, 2.0, 3.0)
    assert 1.5 <= cm(section.right_margin) <= 2.0


def test_the_document_has_the_heading_block_and_the_table_in_times_new_roman() -> None:
    doc = document(unit=OrgUnit(name="Tỉnh Lào Cai"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == [
        "TÓM TẮT MỘT SỐ MỤC TIÊU CHÍNH CỦA ĐỀ ÁN",
        "(Đề án số 18-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy Lào Cai)",
        "-----",
        "Số liệu tại ngày 30/06/2025; đơn vị: Tỉnh Lào Cai",
    ]
    title = doc.paragraphs[0].runs[0]
    assert title.bold and title.font.name == "Times New Roman" and title.font.size == Pt(13)
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size == Pt(13)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "Nội dung",
        "Hiện trạng",
        "Mục tiêu đến năm 2025",
        "Hiện tại (ngày 30/06/2025)",
        "Ghi chú",
    ]
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert cells[0][:2] == ["1", "Cán bộ lãnh đạo quản lý dưới 40 tuổi"]
    assert cells[1] == [
        "",
        "Cấp tỉnh:",
        "2,57%",
        "5–10%",
        "5,81%",
        "Hiện trạng: 11/428 người\nHiện tại: 25/430 người\nĐạt mục tiêu.",
    ]
    assert cells[2][1:5] == [
        "Cấp huyện:",
        "7,87%",
        "> 15%",
        "16,15%",
    ]  # 10/127 is 7,87%, not the printed 7,8%
    assert cells[3][:5] == [
        "2",
        "Cán bộ lãnh đạo quản lý cấp tỉnh đủ khả năng làm việc trong môi trường quốc tế",
        "1,20%",
        "5–10%",
        "5,29%",
    ]
    runs = [run for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert runs and all(run.font.name == "Times New Roman" and run.font.size == Pt(12) for run in runs)
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    header = table.rows[0]._tr.trPr.xml
    assert "tblHeader" in header  # the header row repeats on every page
