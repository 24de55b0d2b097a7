"""Downloads: form 2C for a person or a selection (.docx, .pdf) and the filtered people list (.xlsx)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from canbo.audit.context import audit_context
from canbo.core.formatting import format_number
from canbo.core.text import fold
from canbo.people.models import Person
from canbo.people.selectors import person_dossier, person_get, person_list, visible_persons
from canbo.web.views import request_as_of

from .filters import describe_filters, filters_for_audit, list_filters
from .form2c import Form2C, form2c_build
from .pdf import PDF_CONTENT_TYPE, form2c_pdf
from .services import form2c_export_record, person_list_export_record
from .spreadsheets import XLSX_CONTENT_TYPE, person_list_xlsx
from .word import DOCX_CONTENT_TYPE, form2c_docx

# The most people one form-2C download may hold. A form is about four pages: Word writes 500 of them in
# well under a minute, WeasyPrint lays out about one a second, so PDF selections are kept smaller.
SELECTION_CAPS = {"docx": 500, "pdf": 100}
WRITERS: dict[str, tuple[Callable[[Sequence[Form2C]], bytes], str]] = {
    "docx": (form2c_docx, DOCX_CONTENT_TYPE),
    "pdf": (form2c_pdf, PDF_CONTENT_TYPE),
}


@login_required
@require_GET
def person_form2c(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Form 2C of one person as it stood on the as-of date."""
    person = person_get(user=request.user, pk=pk)
    filename = f"mau-2c-{slugify(fold(person.full_name))}"
    return _form2c_response(request, [person], fmt, filename)


@login_required
@require_GET
def selection_form2c(request: HttpRequest, fmt: str) -> HttpResponse:
    """Form 2C of the people in ?ids=1,2,3 (in that order), or else of the people list's filtered rows."""
    if fmt not in WRITERS:
        raise Http404
    as_of = request_as_of(request)
    cap = SELECTION_CAPS[fmt]
    if "ids" in request.GET:
        ids = _parse_ids(request.GET["ids"])
        if len(ids) > cap:
            return _too_many(request, len(ids), cap)
        persons = _persons_by_ids(request.user, ids)
    else:
        filters = list_filters(request)[1]
        people = person_list(user=request.user, as_of=as_of, filters=filters)
        persons = list(people[: cap + 1])
        if not persons:
            messages.warning(request, _("Không có cán bộ nào phù hợp để in mẫu 2C."))
            return _back_to_list(request)
        if len(persons) > cap:
            return _too_many(request, people.count(), cap)
    filename = f"mau-2c-{len(persons)}-can-bo-{as_of:%d-%m-%Y}"
    return _form2c_response(request, persons, fmt, filename)


@login_required
@require_GET
def person_list_export(request: HttpRequest) -> FileResponse:
    """The people list with the list page's filters, as of the date, as an Excel workbook."""
    as_of = request_as_of(request)
    form, filters = list_filters(request)
    # The workbook goes to a temporary file that FileResponse streams and closes (hence no `with`), so a
    # 30,000-row list is never held in memory whole.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        count = person_list_xlsx(
            user=request.user, as_of=as_of, filters=filters, described=describe_filters(form), out=handle
        )
    except BaseException:
        handle.close()
        raise
    with _web_audit(request):
        person_list_export_record(
            actor=request.user, as_of=as_of, filters=filters_for_audit(form), count=count
        )
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"danh-sach-can-bo-{as_of:%d-%m-%Y}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


def _form2c_response(
    request: HttpRequest, persons: Sequence[Person], fmt: str, filename: str
) -> HttpResponse:
    """Build, record and send the forms of persons in the format asked for."""
    if fmt not in WRITERS:
        raise Http404
    as_of = request_as_of(request)
    write, content_type = WRITERS[fmt]
    dossiers = [person_dossier(user=request.user, person=person, as_of=as_of) for person in persons]
    content = write(form2c_build(dossiers=dossiers))
    with _web_audit(request):
        form2c_export_record(actor=request.user, persons=persons, as_of=as_of, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _parse_ids(raw: str) -> list[int]:
    """ "3,1,2" as [3, 1, 2], without repeats; not found for anything else (there is no such person)."""
    ids: list[int] = []
    for part in raw.replace(" ", "").split(","):
        if not part.isdigit():
            raise Http404
        if int(part) not in ids:
            ids.append(int(part))
    if not ids:
        raise Http404
    return ids


def _persons_by_ids(user: Any, ids: list[int]) -> list[Person]:
    """The people named by ids, in the order given; not found if any is missing or out of the user's scope."""
    found = visible_persons(user).in_bulk(ids)
    if len(found) != len(ids):
        raise Http404
    return [found[pk] for pk in ids]


def _too_many(request: HttpRequest, count: int, cap: int) -> HttpResponseRedirect:
    messages.error(
        request,
        _(
            "Mỗi lần in mẫu 2C được tối đa %(cap)s người, danh sách đang chọn có %(count)s người. "
            "Hãy lọc bớt rồi in lại."
        )
        % {"cap": format_number(cap), "count": format_number(count)},
    )
    return _back_to_list(request)


def _back_to_list(request: HttpRequest) -> HttpResponseRedirect:
    """The people list with the same filters (the selection itself is not part of the list's address)."""
    query = request.GET.copy()
    query.pop("ids", None)
    encoded = query.urlencode()
    return HttpResponseRedirect(reverse("web:person_list") + (f"?{encoded}" if encoded else ""))


def _web_audit(request: HttpRequest) -> Any:
    return audit_context(source="web", client_ip=request.META.get("REMOTE_ADDR"))
