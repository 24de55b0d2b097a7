"""Request-wide "as of" date: every page can be viewed as the records stood on a past date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from canbo.core.dates import today

SESSION_KEY = "canbo_as_of"
API_PREFIX = "/api/"


def parse_vn_date(text: str) -> dt.date | None:
    """Parse dd/mm/yyyy (also d/m/yyyy, ddmmyyyy or ISO yyyy-mm-dd); None when the text is not a date."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class AsOfMiddleware:
    """Set request.as_of from ?as_of= (kept in the session) or today; future dates are refused."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        as_of: dt.date | None = None
        raw = request.GET.get("as_of")
        # The API reads ?as_of= per request (canbo.api.params) and keeps no state: a call from a signed-in
        # browser must not move, nor follow, the date that user is viewing the web pages at.
        has_session = hasattr(request, "session") and not request.path_info.startswith(API_PREFIX)
        if raw is not None:
            if raw == "":
                if has_session:
                    request.session.pop(SESSION_KEY, None)
            else:
                as_of = parse_vn_date(raw)
                if as_of is None or as_of > today():
                    if hasattr(request, "_messages"):
                        messages.error(
                            request,
                            _(
                                "Ngày xem dữ liệu “%(value)s” không hợp lệ: nhập dd/mm/yyyy, không sau hôm nay."
                            )
                            % {"value": raw},
                        )
                    as_of = None
                elif has_session:
                    request.session[SESSION_KEY] = as_of.isoformat()
        elif has_session and request.session.get(SESSION_KEY):
            as_of = dt.date.fromisoformat(request.session[SESSION_KEY])
        request.as_of = as_of or today()  # type: ignore[attr-defined]
        request.as_of_is_today = request.as_of == today()  # type: ignore[attr-defined]
        return self.get_response(request)
