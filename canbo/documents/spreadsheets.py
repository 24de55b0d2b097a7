"""A filtered list of people as an Excel workbook, with the columns of the people list page.

Rows are streamed: the people are read in chunks, each chunk's qualifications come in one more query,
and xlsxwriter's constant-memory mode writes each row to disk as it goes, so memory stays flat (only the
list of ids grows with the number of people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import F
from django.utils.translation import gettext as _

from canbo.core.dates import DatePrecision
from canbo.core.formatting import format_date
from canbo.people.choices import QualificationKind, Sex
from canbo.people.models import Person, Qualification
from canbo.people.selectors import PersonFilters, highest_qualifications, person_list

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
# People read per query, and per batch of the qualifications query; small enough for SQLite's limit on
# query parameters, large enough that 30,000 people take 1 + 2 × 30 queries.
CHUNK_SIZE = 1000
TITLE_ROW, FILTER_ROW, HEADER_ROW = 0, 1, 3


@dataclass(frozen=True)
class Column:
    """A column of the workbook: heading and width in characters."""

    heading: str
    width: float


def columns() -> list[Column]:
    """The people list page's columns, with unit and education split so each can be filtered in Excel."""
    return [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 26),
        Column(_("Ngày sinh"), 12),
        Column(_("Giới tính"), 9),
        Column(_("Dân tộc"), 11),
        Column(_("Chức vụ"), 34),
        Column(_("Đơn vị"), 32),
        Column(_("Đơn vị cấp trên"), 28),
        Column(_("Chuyên môn"), 22),
        Column(_("Chuyên ngành"), 22),
        Column(_("Lý luận chính trị"), 18),
    ]


@dataclass(frozen=True)
class ListRow:
    """A person of the list with their highest education and political theory on the date."""

    person: Any  # Person annotated with the list's cur_* columns
    education: Qualification | None
    political_theory: Qualification | None


def person_list_rows(
    *, user: Any, as_of: dt.date, filters: PersonFilters, chunk_size: int | None = None
) -> Iterator[ListRow]:
    """The list page's people in its order, read chunk by chunk with one qualifications query per chunk.

    The ids come first, in the list's order, in one query; then each chunk's rows by primary key. A
    server-side cursor would do it in one pass, but PostgreSQL plans cursors for the first rows and can
    pick nested loops that take seconds per thousand people; id lookups stay fast on every backend.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    people = person_list(user=user, as_of=as_of, filters=filters).annotate(
        cur_unit_parent_name=F("cur__unit__parent__name")
    )
    ids = list(people.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        found = {person.pk: person for person in people.filter(pk__in=chunk).order_by()}
        batch: list[Person] = [found[pk] for pk in chunk if pk in found]
        highest = highest_qualifications(batch, as_of)
        for person in batch:
            best = highest.get(person.pk, {})
            yield ListRow(
                person, best.get(QualificationKind.EDUCATION), best.get(QualificationKind.POLITICAL_THEORY)
            )


def filters_line(as_of: dt.date, described: Sequence[tuple[str, str]]) -> str:
    """ "Tại ngày 30/06/2025. Bộ lọc: Giới tính: Nữ; Dân tộc: Tày" (or "không lọc")."""
    day = _("Tại ngày %(date)s.") % {"date": format_date(as_of)}
    if not described:
        return f"{day} {_('Không lọc.')}"
    shown = "; ".join(f"{label}: {value}" for label, value in described)
    return f"{day} {_('Bộ lọc: %(filters)s') % {'filters': shown}}"


def person_list_xlsx(
    *,
    user: Any,
    as_of: dt.date,
    filters: PersonFilters,
    described: Sequence[tuple[str, str]],
    out: IO[bytes],
    chunk_size: int | None = None,
) -> int:
    """Write the filtered list to `out` as .xlsx; return how many people it holds."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    workbook.set_properties({"title": _("Danh sách cán bộ"), "author": "canbo"})
    base = {"font_name": FONT, "font_size": 12, "valign": "top"}
    title = workbook.add_format(
        {**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}
    )
    subtitle = workbook.add_format({**base, "italic": True, "align": "center", "text_wrap": True})
    header = workbook.add_format(
        {
            **base,
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "border": 1,
            "bg_color": "#E7ECF3",
        }
    )
    text = workbook.add_format({**base, "border": 1})
    number = workbook.add_format({**base, "border": 1, "align": "center"})
    date = workbook.add_format({**base, "border": 1, "num_format": "dd/mm/yyyy", "align": "center"})
    partial = workbook.add_format({**base, "border": 1, "align": "center"})

    sheet = workbook.add_worksheet(_("Cán bộ")[:31])
    cols = columns()
    last = len(cols) - 1
    for index, column in enumerate(cols):
        sheet.set_column(index, index, column.width)
    sheet.set_row(TITLE_ROW, 22)
    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last, _("DANH SÁCH CÁN BỘ"), title)
    sheet.set_row(FILTER_ROW, 32)
    sheet.merge_range(FILTER_ROW, 0, FILTER_ROW, last, filters_line(as_of, described), subtitle)
    sheet.set_row(HEADER_ROW, 30)
    for index, column in enumerate(cols):
        sheet.write_string(HEADER_ROW, index, column.heading, header)

    sexes = {value: str(label) for value, label in Sex.choices}  # translated once, not per row
    row = HEADER_ROW
    rows = person_list_rows(user=user, as_of=as_of, filters=filters, chunk_size=chunk_size)
    for row, item in enumerate(rows, start=HEADER_ROW + 1):
        person, education, theory = item.person, item.education, item.political_theory
        sheet.write_number(row, 0, row - HEADER_ROW, number)
        sheet.write_string(row, 1, person.full_name, text)
        if person.birth_date_precision == DatePrecision.DAY:
            sheet.write_datetime(row, 2, dt.datetime.combine(person.birth_date, dt.time()), date)
        else:
            # Only the month or the year is known: a real date would claim the 1st of January.
            sheet.write_string(row, 2, person.birth_date_display, partial)
        cells = [
            sexes.get(person.sex, person.sex),
            person.ethnicity.name,
            person.cur_title_name or "",
            person.cur_unit_name or "",
            person.cur_unit_parent_name or "",
            education.level.name if education else "",
            education.field if education else "",
            theory.level.name if theory else "",
        ]
        for index, value in enumerate(cells, start=3):
            if value:
                sheet.write_string(row, index, value, text)
            else:
                sheet.write_blank(row, index, None, text)  # a real blank, which Excel's filter lists as such
    count = row - HEADER_ROW

    sheet.freeze_panes(HEADER_ROW + 1, 0)
    sheet.autofilter(HEADER_ROW, 0, max(row, HEADER_ROW), last)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=1.5 / 2.54, right=1.5 / 2.54, top=2 / 2.54, bottom=2 / 2.54)
    sheet.repeat_rows(HEADER_ROW)
    sheet.fit_to_pages(1, 0)
    workbook.close()
    return count
