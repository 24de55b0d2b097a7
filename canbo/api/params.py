"""Shared request handling of the API: the as-of date, the error handler and the documented parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from canbo.core.dates import today
from canbo.web.middleware import parse_vn_date

# Earlier dates are typing mistakes, and year arithmetic (ages) must stay inside the calendar.
EARLIEST_AS_OF = dt.date(1900, 1, 1)

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description=(
        "Ngày xem dữ liệu: dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay; không được sau hôm nay). "
        "Date the records are read as of: dd/mm/yyyy or ISO; today by default; never in the future."
    ),
)


def parse_as_of(request: Request) -> dt.date:
    """The ?as_of= date of a request (today when absent); a 400 for a malformed or future date."""
    raw = (request.query_params.get("as_of") or "").strip()
    if not raw:
        return today()
    day = parse_vn_date(raw) if "\x00" not in raw else None
    if day is None:
        raise ValidationError(
            {"as_of": [_("Ngày “%(value)s” không hợp lệ: nhập dd/mm/yyyy hoặc yyyy-mm-dd.") % {"value": raw}]}
        )
    if day > today():
        raise ValidationError(
            {
                "as_of": [
                    _("Ngày xem dữ liệu (%(d)s) không được sau hôm nay.") % {"d": day.strftime("%d/%m/%Y")}
                ]
            }
        )
    if day < EARLIEST_AS_OF:
        raise ValidationError({"as_of": [_("Ngày xem dữ liệu phải từ 01/01/1900 trở đi.")]})
    return day


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django's ValidationError (raised by services and the engine) as a 400."""
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = ValidationError(detail=detail)
    return exception_handler(exc, context)
