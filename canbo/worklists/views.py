"""Worklist pages: the index with counts in the user's scope, one page per list, and its Excel export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from canbo.core.dates import today

from .registry import get_worklist, worklists

PAGE_SIZE = 50


@login_required
@require_GET
def worklist_index(request: HttpRequest) -> HttpResponse:
    """Every registered list with how many people it holds today within the user's scope.

    Each count is one COUNT query where the list registers a counter (no rows built); the citations come
    from one read of the rule book.
    """
    from canbo.rules.selectors import RuleBook

    day = today()
    book = RuleBook.load()
    items = []
    for item in worklists(request.user):
        version = book.in_force(item.rule, on=day) if item.rule else None
        items.append((item, item.count(request.user, on=day), version.citation if version else ""))
    return render(request, "worklists/index.html", {"items": items, "day": day, "nav_section": "worklists"})


@login_required
@require_GET
def worklist_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One list: sortable by date or name, 50 a page, or the whole list as .xlsx with ?format=xlsx."""
    item = get_worklist(code, request.user)
    if item is None:
        raise Http404
    day = today()
    rows = item.rows(request.user, on=day)
    sort = request.GET.get("sort", "date")
    if sort == "name":
        rows.sort(key=lambda r: (r.person.sort_key, r.person.pk))
    elif sort == "-date":
        rows.reverse()
    citation = item.citation(on=day)
    if request.GET.get("format") == "xlsx":
        return _xlsx(item, rows, citation, day)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "item": item,
        "page": page,
        "citation": citation,
        "day": day,
        "sort": sort,
        "nav_section": "worklists",
    }
    return render(request, "worklists/detail.html", context)


def _xlsx(item: Any, rows: list[Any], citation: str, day: dt.date) -> HttpResponse:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Danh sách")[:31])
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write(0, 0, str(item.title), bold)
    sheet.write(1, 0, _("Căn cứ: %(c)s; ngày %(d)s") % {"c": citation, "d": f"{day:%d/%m/%Y}"})
    headers = [
        _("STT"),
        _("Họ và tên"),
        str(item.date_label or _("Ngày")),
        _("Chức vụ, đơn vị"),
        _("Lý do"),
        _("Căn cứ"),
    ]
    for col, text in enumerate(headers):
        sheet.write(3, col, text, bold)
    for index, row in enumerate(rows, start=1):
        r = 3 + index
        sheet.write_number(r, 0, index)
        sheet.write(r, 1, row.person.full_name)
        if row.day:
            sheet.write_datetime(r, 2, row.day, date)
        sheet.write(r, 3, row.detail)
        sheet.write(r, 4, row.reason)
        sheet.write(r, 5, row.citation or citation)
    book.close()
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{item.code}-{day:%Y%m%d}.xlsx"'
    return response
