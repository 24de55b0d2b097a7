"""The indicator table in the layout of Phụ lục 1 (TT, Nội dung, Hiện trạng, Mục tiêu, Hiện tại, Ghi chú).

The same rows feed the dashboard, the Excel workbook and the Word document, so the three always agree.
Indicators whose codes share a number and differ by a final letter (LC-1a, LC-1b) become one numbered row
with lettered sub-rows ("Cấp tỉnh:", "Cấp huyện:"), as the seed appendix prints them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from canbo.core.formatting import format_date, format_number, format_percent
from canbo.org.models import OrgUnit

from .choices import Status
from .engine import Result, data_as_of_text, results_data_as_of, target_text
from .models import Indicator, Programme

# "LC-1a" → stem "LC-1", letter "a"; "LC-10" and "HG-B1" have no letter and stand alone.
_LETTERED_CODE = re.compile(r"^(?P<stem>.*\d)(?P<letter>[a-z])$")
# A word that belongs with the words after it ("cấp" + "tỉnh"): when the shared beginning of the names in a
# group ends with it, it moves to the sub-row labels ("Cấp tỉnh:", not "Tỉnh:").
_BOUND_WORDS = {"cấp"}

FONT = "Times New Roman"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class AppendixRow:
    """One line of the table: a numbered row, a group heading, or a sub-row under a heading."""

    kind: str  # "item", "group" or "sub"
    number: str  # TT; empty on sub-rows
    label: str  # Nội dung as printed
    result: Result | None = None  # None on group headings

    @property
    def indicator(self) -> Indicator | None:
        """The indicator of the row (None on group headings)."""
        return self.result.indicator if self.result is not None else None


def appendix_rows(results: Sequence[Result]) -> list[AppendixRow]:
    """Number the results as the appendix does, grouping consecutive lettered codes under one number."""
    groups: list[list[Result]] = []
    last_stem = None
    for result in results:
        match = _LETTERED_CODE.match(result.indicator.code)
        stem = match.group("stem") if match else None
        if stem is not None and stem == last_stem:
            groups[-1].append(result)
        else:
            groups.append([result])
        last_stem = stem
    rows: list[AppendixRow] = []
    for number, group in enumerate(groups, start=1):
        if len(group) == 1:
            rows.append(AppendixRow("item", str(number), group[0].indicator.name, group[0]))
            continue
        heading, labels = split_names([r.indicator.name for r in group])
        rows.append(AppendixRow("group", str(number), heading))
        rows.extend(AppendixRow("sub", "", label, r) for label, r in zip(labels, group, strict=True))
    return rows


def split_names(names: Sequence[str]) -> tuple[str, list[str]]:
    """The words the names share (the heading) and what sets each apart ("Cấp tỉnh:", "Cấp huyện:")."""
    words = [name.split() for name in names]
    folded = [[w.casefold() for w in ws] for ws in words]
    shortest = min(len(ws) for ws in words)
    prefix = 0
    while prefix < shortest and all(ws[prefix] == folded[0][prefix] for ws in folded):
        prefix += 1
    while prefix and folded[0][prefix - 1] in _BOUND_WORDS:
        prefix -= 1
    suffix = 0
    while suffix < shortest - prefix and all(ws[-1 - suffix] == folded[0][-1 - suffix] for ws in folded):
        suffix += 1
    middles = [ws[prefix : len(ws) - suffix] for ws in words]
    heading = " ".join(words[0][:prefix] + words[0][len(words[0]) - suffix :])
    if not heading or any(not middle for middle in middles):
        return names[0], list(names)
    labels = [_capitalise(" ".join(middle)) + ":" for middle in middles]
    return heading, labels


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def counts_seats(indicator: Indicator) -> bool:
    """Whether the indicator counts seats (a person in two bodies counts twice) rather than persons."""
    population = (indicator.definition or {}).get("population") or {}
    return population.get("count", "seats" if population.get("source") == "bodies" else "persons") == "seats"


def pair_text(numerator: int | None, denominator: int | None, indicator: Indicator | None = None) -> str:
    """The pair "11/428"; given the indicator, as the appendix prints it: "11/428 người" (seats without "người")."""
    if numerator is None or denominator is None:
        return ""
    text = f"{format_number(numerator)}/{format_number(denominator)}"
    if indicator is None or counts_seats(indicator):
        return text
    return _("%(pair)s người") % {"pair": text}


def share(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator/denominator as an exact fraction (0.0257…), or None without a denominator."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def baseline_share(indicator: Indicator) -> Decimal | None:
    """The baseline as a fraction: from the pair when the document gives one, else its printed percentage."""
    exact = share(indicator.baseline_numerator, indicator.baseline_denominator)
    if exact is not None:
        return exact
    if indicator.baseline_value is not None:
        return Decimal(indicator.baseline_value) / 100
    return None


def percent_text(fraction: Decimal | None) -> str:
    """A fraction as a Vietnamese percentage rounded half up to two decimals: 2,57%."""
    if fraction is None:
        return ""
    return format_percent((fraction * 100).quantize(Decimal("0.01"), ROUND_HALF_UP))


def target_cell(result: Result, *, with_year: bool) -> str:
    """The target as people read it ("5–10%"), with its year when the table mixes years."""
    if result.target is None:
        return ""
    text = target_text(result.target)
    return f"{text} ({result.target.year})" if with_year else text


def target_years(results: Sequence[Result]) -> set[int]:
    """The years of the targets the results are measured against."""
    return {r.target.year for r in results if r.target is not None}


def current_cell(result: Result) -> str:
    """The share at the date as text, or why there is none."""
    if result.status == Status.NOT_APPLICABLE:
        return str(Status.NOT_APPLICABLE.label)
    if not result.denominator:
        return _("Không có đối tượng")
    return percent_text(share(result.numerator, result.denominator))


def note_lines(result: Result) -> list[str]:
    """Ghi chú: the baseline pair, the pair at the date, and the status with the gap."""
    indicator = result.indicator
    lines = []
    baseline = pair_text(indicator.baseline_numerator, indicator.baseline_denominator, indicator)
    if baseline:
        lines.append(_("Hiện trạng: %(pair)s") % {"pair": baseline})
    current = pair_text(result.numerator, result.denominator, indicator)
    if current:
        lines.append(_("Hiện tại: %(pair)s") % {"pair": current})
    if result.status == Status.ACHIEVED:
        lines.append(_("Đạt mục tiêu."))
    elif result.note:
        lines.append(result.note)
    elif result.status == Status.NOT_YET:
        lines.append(_("Chưa đạt mục tiêu."))
    return lines


def heading_lines(programme: Programme) -> tuple[str, str]:
    """The title and the reference line of the heading block, as in the seed appendix."""
    kind = str(programme.get_kind_display())
    title = _("TÓM TẮT MỘT SỐ MỤC TIÊU CHÍNH CỦA %(kind)s") % {"kind": kind.upper()}
    reference = kind
    if programme.document_number:
        reference += " " + _("số %(number)s") % {"number": programme.document_number}
    if programme.document_date:
        reference += ", " + _("ngày %(date)s") % {"date": format_date(programme.document_date)}
    if programme.issuer:
        reference += " " + _("của %(issuer)s") % {"issuer": programme.issuer}
    return title, f"({reference})"


def scope_line(as_of: dt.date, unit: OrgUnit | None, data_as_of: dt.datetime | None = None) -> str:
    """Which date and unit the figures are for (and, from the analytics snapshot, when its data was read)."""
    if unit is None:
        line = _("Số liệu tại ngày %(date)s") % {"date": format_date(as_of)}
    else:
        line = _("Số liệu tại ngày %(date)s; đơn vị: %(unit)s") % {
            "date": format_date(as_of),
            "unit": unit.name,
        }
    freshness = data_as_of_text(data_as_of)
    return f"{line}. {freshness}" if freshness else line


def _headers(results: Sequence[Result], as_of: dt.date) -> tuple[list[str], bool]:
    years = target_years(results)
    mixed = len(years) > 1
    target_header = (
        _("Mục tiêu đến năm %(year)s") % {"year": years.pop()} if len(years) == 1 else _("Mục tiêu")
    )
    headers = [
        _("TT"),
        _("Nội dung"),
        _("Hiện trạng"),
        target_header,
        _("Hiện tại (ngày %(date)s)") % {"date": format_date(as_of)},
        _("Ghi chú"),
    ]
    return headers, mixed


# ---------------------------------------------------------------------------------------------------- Excel


def indicator_table_xlsx(
    results: Sequence[Result], *, programme: Programme, as_of: dt.date, unit: OrgUnit | None = None
) -> bytes:
    """The indicator table as an Excel workbook: heading block, bordered table, shares stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Chỉ tiêu")[:31]
    workbook.properties.creator = "canbo"
    workbook.properties.title = programme.title

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=12)
    bold = Font(name=FONT, size=12, bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    width = 6

    title, reference = heading_lines(programme)
    heading = [
        (title, Font(name=FONT, size=13, bold=True)),
        (reference, Font(name=FONT, size=12, italic=True)),
        (scope_line(as_of, unit, results_data_as_of(results)), Font(name=FONT, size=12, italic=True)),
    ]
    for row, (text, font) in enumerate(heading, start=1):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[2].height = 32

    header_row = 5
    headers, mixed_years = _headers(results, as_of)
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=text)
        cell.font = bold
        cell.alignment = center
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="E7ECF3")
    sheet.row_dimensions[header_row].height = 32

    row = header_row
    for line in appendix_rows(results):
        row += 1
        result = line.result
        values: list[Any] = [int(line.number) if line.number else None, line.label, None, None, None, None]
        if result is not None:
            values[2] = _as_float(baseline_share(result.indicator))
            values[3] = target_cell(result, with_year=mixed_years)
            current = share(result.numerator, result.denominator)
            values[4] = _as_float(current) if current is not None else current_cell(result)
            values[5] = "\n".join(note_lines(result))
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font = bold if line.kind == "group" and column == 2 else body
            cell.border = border
            cell.alignment = left if column in (2, 6) else center
            if isinstance(value, float):
                cell.number_format = "0.00%"
        if line.kind == "sub":
            sheet.cell(row=row, column=2).alignment = Alignment(
                horizontal="left", vertical="center", wrap_text=True, indent=2
            )

    widths = (6, 52, 13, 16, 15, 34)
    for column, chars in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = chars
    for row_cells in sheet.iter_rows(min_row=header_row + 1, max_row=row):
        # Excel does not grow rows to fit wrapped text it did not type itself: set the height it would.
        lines = max(_wrapped_lines(cell.value, widths[cell.column - 1]) for cell in row_cells)
        sheet.row_dimensions[row_cells[0].row].height = max(1, lines) * 16
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left, sheet.page_margins.right = 3 / 2.54, 1.5 / 2.54
    sheet.page_margins.top, sheet.page_margins.bottom = 2 / 2.54, 2 / 2.54

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _wrapped_lines(value: Any, width: int) -> int:
    """How many lines a cell's text takes in a column `width` characters wide (Times New Roman 12)."""
    if not isinstance(value, str):
        return 1
    return sum(max(1, -(-len(line) // max(1, width - 2))) for line in value.splitlines() or [""])


def _as_float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


# ----------------------------------------------------------------------------------------------------- Word


def indicator_table_docx(
    results: Sequence[Result], *, programme: Programme, as_of: dt.date, unit: OrgUnit | None = None
) -> bytes:
    """The indicator table as a Word document: A4 portrait, Times New Roman 13 (table 12), official margins."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    _east_asian_font(normal.element)
    normal.paragraph_format.space_after = Pt(0)

    def paragraph(
        text: str, *, bold: bool = False, italic: bool = False, size: int = 13, after: int = 0
    ) -> Any:
        par = document.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.space_after = Pt(after)
        _run(par, text, size=size, bold=bold, italic=italic)
        return par

    title, reference = heading_lines(programme)
    paragraph(title, bold=True)
    paragraph(reference, italic=True)
    paragraph("-----", after=6)
    paragraph(scope_line(as_of, unit, results_data_as_of(results)), italic=True, after=6)

    headers, mixed_years = _headers(results, as_of)
    rows = appendix_rows(results)
    widths = [Cm(1.1), Cm(6.2), Cm(2.2), Cm(2.2), Cm(2.2), Cm(2.6)]
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    def fill(
        cell: Any,
        lines: Sequence[str],
        *,
        bold: bool = False,
        align: Any = WD_ALIGN_PARAGRAPH.CENTER,
        indent: float = 0,
    ) -> None:
        par = cell.paragraphs[0]
        par.alignment = align
        if indent:
            par.paragraph_format.left_indent = Cm(indent)
        for index, line in enumerate(lines):
            run = _run(par, line, size=12, bold=bold)
            if index < len(lines) - 1:
                run.add_break()
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text, cell_width in zip(header.cells, headers, widths, strict=True):
        cell.width = cell_width
        fill(cell, [text], bold=True)
    for row, line in zip(table.rows[1:], rows, strict=True):
        cells = row.cells
        for cell, cell_width in zip(cells, widths, strict=True):
            cell.width = cell_width
        fill(cells[0], [line.number])
        fill(cells[1], [line.label], align=WD_ALIGN_PARAGRAPH.LEFT, indent=0.5 if line.kind == "sub" else 0)
        result = line.result
        if result is None:
            continue
        fill(cells[2], [percent_text(baseline_share(result.indicator))])
        fill(cells[3], [target_cell(result, with_year=mixed_years)])
        fill(cells[4], [current_cell(result)])
        fill(cells[5], note_lines(result), align=WD_ALIGN_PARAGRAPH.LEFT)

    closing = document.add_paragraph()
    closing.paragraph_format.space_before = Pt(6)
    _run(
        closing,
        _("Hiện trạng theo văn bản; số liệu hiện tại tính từ hồ sơ cán bộ tại ngày %(date)s.")
        % {"date": format_date(as_of)},
        size=12,
        italic=True,
    )

    document.core_properties.title = programme.title
    document.core_properties.author = "canbo"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _run(paragraph: Any, text: str, *, size: int, bold: bool = False, italic: bool = False) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _east_asian_font(run._element)
    return run


def _east_asian_font(element: Any) -> None:
    """Name the font for every script, so Word does not swap in another face for Vietnamese letters."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _repeat_as_header(row: Any) -> None:
    """Repeat the header row at the top of every page the table runs onto."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    flag = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(flag)
