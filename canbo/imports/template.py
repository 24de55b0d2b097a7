"""The empty canonical workbook: a guide, one sheet per kind of record, and drop-down lists fed from the
database code lists (a hidden "Danh mục" sheet with one named range per list).

The qualification level's drop-down depends on the kind chosen in the same row (INDIRECT of the kind's
list), so it offers the levels of that scale only. Drop-downs warn rather than refuse: the importer also
reads the usual other spellings ("ThS", "Hmông", "nữ"), and says precisely what it cannot read.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from canbo.people.choices import QualificationKind

from . import schema
from .cells import code_list_values, vietnamese_label

TEMPLATE_ROWS = 5000
"""Rows of each sheet that carry the drop-downs."""

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
REQUIRED_FILL = PatternFill("solid", fgColor="8B1A1A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TEXT_KINDS = {schema.NATIONAL_ID, schema.PARTIAL, schema.START, schema.END, schema.DATE, schema.PLACE_CODE}
KIND_HELP = {
    schema.TEXT: "chữ",
    schema.DATE: "ngày dd/mm/yyyy",
    schema.PARTIAL: "dd/mm/yyyy, mm/yyyy hoặc yyyy",
    schema.START: "dd/mm/yyyy, mm/yyyy hoặc yyyy (ngày đầu)",
    schema.END: "dd/mm/yyyy, mm/yyyy hoặc yyyy (ngày cuối)",
    schema.CHOICE: "chọn trong danh sách",
    schema.BOOL: "Có / Không",
    schema.INT: "số nguyên",
    schema.YEAR: "năm",
    schema.DECIMAL: "số (0–100)",
    schema.PLACE: "tên đơn vị hành chính",
    schema.PLACE_CODE: "mã đơn vị hành chính",
    schema.NATIONAL_ID: "12 chữ số",
}


def _range_name(name: str) -> str:
    return "DM_" + name.replace(":", "_")


def template_workbook() -> bytes:
    """The empty template as .xlsx bytes."""
    workbook = Workbook()
    guide = workbook.active
    guide.title = schema.GUIDE_SHEET
    lists = code_list_values()
    catalog = workbook.create_sheet(schema.CODE_LIST_SHEET)
    _write_lists(workbook, catalog, lists)
    _write_guide(guide)
    for spec in schema.SHEETS:
        sheet = workbook.create_sheet(spec.name)
        _write_sheet(sheet, spec)
    catalog.sheet_state = "hidden"
    workbook.move_sheet(catalog, offset=len(workbook.sheetnames))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _write_lists(workbook: Workbook, catalog: object, lists: dict[str, list[str]]) -> None:
    """One column per code list, each a named range; plus the kind → levels lookup of qualifications."""
    sheet_ref = quote_sheetname(schema.CODE_LIST_SHEET)
    column = 1
    for name, values in lists.items():
        letter = get_column_letter(column)
        catalog.cell(row=1, column=column, value=name)  # type: ignore[attr-defined]
        for row, value in enumerate(values or [""], start=2):
            catalog.cell(row=row, column=column, value=value)  # type: ignore[attr-defined]
        ref = f"{sheet_ref}!${letter}$2:${letter}${len(values or ['']) + 1}"
        workbook.defined_names[_range_name(name)] = DefinedName(_range_name(name), attr_text=ref)
        column += 1
    # Kind label → name of the range of its levels, for the dependent drop-down.
    letter, next_letter = get_column_letter(column), get_column_letter(column + 1)
    catalog.cell(row=1, column=column, value="qualification_kind → levels")  # type: ignore[attr-defined]
    kinds = list(QualificationKind)
    for row, kind in enumerate(kinds, start=2):
        catalog.cell(row=row, column=column, value=vietnamese_label(kind.label))  # type: ignore[attr-defined]
        catalog.cell(row=row, column=column + 1, value=_range_name(f"level:{kind.value}"))  # type: ignore[attr-defined]
    ref = f"{sheet_ref}!${letter}$2:${next_letter}${len(kinds) + 1}"
    workbook.defined_names["DM_LOAI_TRINH_DO"] = DefinedName("DM_LOAI_TRINH_DO", attr_text=ref)


def _write_guide(sheet: object) -> None:
    """Instructions and the list of columns of every sheet."""
    write = sheet.append  # type: ignore[attr-defined]
    write(["MẪU NHẬP DỮ LIỆU CÁN BỘ"])
    write(["Mỗi sheet một loại hồ sơ; dòng 1 là tiêu đề cột (cột có dấu * là bắt buộc khi thêm mới)."])
    write(["Ô để trống: giữ nguyên giá trị đã có trong hệ thống. Nhập lại cùng một tệp không thay đổi gì."])
    write(["Ngày ghi dd/mm/yyyy; chỉ biết tháng thì mm/yyyy, chỉ biết năm thì yyyy."])
    write(
        [
            "Các sheet Quá trình công tác, Trình độ, Cấp ủy - HĐND, Ứng cử, Đánh giá xếp loại, Đào tạo, bồi dưỡng, "
            "Quy hoạch nhận ra cán bộ theo số định danh cá nhân, hoặc số hiệu cán bộ, hoặc họ tên và ngày sinh."
        ]
    )
    write([])
    write(["Sheet", "Cột", "Bắt buộc", "Cách ghi", "Ghi chú", "Ví dụ", "Tên khác được chấp nhận"])
    for cell in sheet[7]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for spec in schema.SHEETS:
        for column in spec.columns:
            write(
                [
                    spec.name,
                    column.header,
                    "*" if column.required else "",
                    KIND_HELP[column.kind],
                    column.note,
                    column.example,
                    "; ".join(column.aliases),
                ]
            )
    sheet["A1"].font = Font(bold=True, size=14)  # type: ignore[index]
    for letter, width in zip("ABCDEFG", (20, 30, 9, 26, 60, 16, 60), strict=True):
        sheet.column_dimensions[letter].width = width  # type: ignore[attr-defined]


def _write_sheet(sheet: object, spec: schema.Sheet) -> None:
    """Headers with notes, widths, text format where Excel would mangle input, and drop-downs."""
    positions = {column.key: index for index, column in enumerate(spec.columns, start=1)}
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header + (" *" if column.required else ""))  # type: ignore[attr-defined]
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        note = "\n".join(
            part for part in (column.note, f"Ví dụ: {column.example}" if column.example else "") if part
        )
        if note:
            cell.comment = Comment(note, "canbo", width=260, height=110)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width  # type: ignore[attr-defined]
        if column.kind in TEXT_KINDS:
            sheet.column_dimensions[letter].number_format = "@"  # type: ignore[attr-defined]
        if column.kind not in (schema.CHOICE, schema.BOOL) or not column.choices:
            continue
        if column.choices == "qualification_level":
            kind_letter = get_column_letter(positions["kind"])
            formula = f"INDIRECT(VLOOKUP(${kind_letter}2,DM_LOAI_TRINH_DO,2,FALSE))"
        else:
            formula = _range_name(column.choices)
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Giá trị ngoài danh mục",
            error="Giá trị này không có trong danh sách. Vẫn giữ nếu đó là cách viết khác của một giá trị trong danh mục.",
        )
        sheet.add_data_validation(validation)  # type: ignore[attr-defined]
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
    sheet.row_dimensions[1].height = 32  # type: ignore[attr-defined]
