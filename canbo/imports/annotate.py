"""A copy of an uploaded workbook with every faulty cell filled in colour and commented with its problems.

Workbooks up to CANBO_IMPORT_ANNOTATE_OPENPYXL_MAX bytes are copied with openpyxl, which keeps their
formatting; larger ones, CSV files and zips of CSV files are rewritten (values only) with xlsxwriter,
whose streaming mode keeps memory flat. Either way a first sheet, "Kết quả kiểm tra", lists every problem.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.conf import settings

from . import schema
from .reader import RawBook, read_book

ERROR_COLOUR = "F8B4B4"
WARNING_COLOUR = "FCE8A6"
MAX_COMMENTS = 20_000
OPENPYXL_MAX_BYTES = 3 * 1024 * 1024


class ProblemLike(Protocol):
    """What the annotation needs of a problem (engine.Problem and models.ImportProblem both fit)."""

    severity: str
    sheet: str
    row: int | None
    column: str
    column_index: int | None
    value: str
    message: str


def _by_cell(problems: Iterable[ProblemLike]) -> dict[tuple[str, int, int], list[ProblemLike]]:
    """Problems grouped by (sheet, row, column index); a problem of a whole row goes to its column A."""
    cells: dict[tuple[str, int, int], list[ProblemLike]] = defaultdict(list)
    for problem in problems:
        if problem.sheet and problem.row:
            cells[(problem.sheet, problem.row, problem.column_index or 0)].append(problem)
    return cells


def _comment(problems: Sequence[ProblemLike]) -> str:
    labels = {"error": "Lỗi", "warning": "Cảnh báo"}
    return "\n".join(f"{labels.get(str(p.severity), 'Lỗi')}: {p.message}" for p in problems)


def _is_error(problems: Sequence[ProblemLike]) -> bool:
    return any(str(problem.severity) == "error" for problem in problems)


REPORT_HEADERS = ["Mức", "Sheet", "Dòng", "Cột", "Giá trị", "Lý do"]


def _report_rows(problems: Iterable[ProblemLike]) -> list[list[Any]]:
    labels = {"error": "Lỗi", "warning": "Cảnh báo"}
    return [
        [labels.get(str(p.severity), str(p.severity)), p.sheet, p.row or "", p.column, p.value, p.message]
        for p in problems
    ]


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def annotated_workbook(data: bytes, filename: str, problems: Sequence[ProblemLike]) -> bytes:
    """The annotated copy of an uploaded file (.xlsx, .csv or .zip of CSV files) as .xlsx bytes."""
    limit = getattr(settings, "CANBO_IMPORT_ANNOTATE_OPENPYXL_MAX", OPENPYXL_MAX_BYTES)
    if len(data) <= limit and _is_workbook(data):
        return _with_openpyxl(data, problems)
    book = read_book(data, filename, wanted=lambda name: name != schema.REPORT_SHEET)
    return _with_xlsxwriter(book, problems)


def _with_openpyxl(data: bytes, problems: Sequence[ProblemLike]) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    if schema.REPORT_SHEET in workbook.sheetnames:
        del workbook[schema.REPORT_SHEET]
    fills = {
        True: PatternFill("solid", fgColor=ERROR_COLOUR),
        False: PatternFill("solid", fgColor=WARNING_COLOUR),
    }
    for count, ((sheet, row, column), found) in enumerate(_by_cell(problems).items()):
        if sheet not in workbook.sheetnames:
            continue
        cell = workbook[sheet].cell(row=row, column=column + 1)
        cell.fill = fills[_is_error(found)]
        if count < MAX_COMMENTS:
            cell.comment = Comment(_comment(found), "canbo", width=320, height=140)
    report = workbook.create_sheet(schema.REPORT_SHEET, 0)
    report.append(REPORT_HEADERS)
    for cell in report[1]:
        cell.font = Font(bold=True)
    for values in _report_rows(problems):
        report.append(values)
    for letter, width in zip("ABCDEF", (10, 20, 8, 24, 24, 90), strict=True):
        report.column_dimensions[letter].width = width
    workbook.active = 0
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _with_xlsxwriter(book: RawBook, problems: Sequence[ProblemLike]) -> bytes:
    import datetime as dt

    import xlsxwriter

    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True, "default_date_format": "dd/mm/yyyy"})
    bold = workbook.add_format({"bold": True})
    formats = {
        True: workbook.add_format({"bg_color": f"#{ERROR_COLOUR}"}),
        False: workbook.add_format({"bg_color": f"#{WARNING_COLOUR}"}),
    }
    dated = {
        flag: workbook.add_format({"bg_color": f"#{colour}", "num_format": "dd/mm/yyyy"})
        for flag, colour in ((True, ERROR_COLOUR), (False, WARNING_COLOUR))
    }
    report = workbook.add_worksheet(schema.REPORT_SHEET)
    report.write_row(0, 0, REPORT_HEADERS, bold)
    for index, values in enumerate(_report_rows(problems), start=1):
        report.write_row(index, 0, values)
    report.set_column(0, 0, 10)
    report.set_column(1, 1, 20)
    report.set_column(3, 4, 24)
    report.set_column(5, 5, 90)
    cells = _by_cell(problems)
    comments = 0
    for raw in book.sheets:
        sheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", "-", raw.name)[:31] or None)
        marked = {(row, column): found for (name, row, column), found in cells.items() if name == raw.name}
        for row_index, row in enumerate(raw.rows):
            for column_index, value in enumerate(row):
                found = marked.pop((row_index + 1, column_index), None)
                if found is None:
                    if value is not None:
                        sheet.write(row_index, column_index, value)
                    continue
                error = _is_error(found)
                cell_format = dated[error] if isinstance(value, dt.date) else formats[error]
                if value is None:
                    sheet.write_blank(row_index, column_index, None, cell_format)
                else:
                    sheet.write(row_index, column_index, value, cell_format)
                if comments < MAX_COMMENTS:
                    sheet.write_comment(
                        row_index, column_index, _comment(found), {"x_scale": 2, "y_scale": 2}
                    )
                    comments += 1
        for (row_number, column), found in marked.items():  # problems past the end of a short row
            sheet.write_blank(row_number - 1, column, None, formats[_is_error(found)])
            if comments < MAX_COMMENTS:
                sheet.write_comment(row_number - 1, column, _comment(found), {"x_scale": 2, "y_scale": 2})
                comments += 1
    workbook.close()
    return stream.getvalue()
