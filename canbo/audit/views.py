"""The page to search the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from canbo.org.selectors import unit_get
from canbo.web.middleware import parse_vn_date

from .chain import chain_head
from .models import AuditAction
from .selectors import AuditFilters, audit_events


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """Search the trail by person, actor, unit, action, channel and date; 50 rows a page."""
    params = request.GET
    unit = None
    if params.get("unit"):
        unit = unit_get(user=request.user, pk=params["unit"])
    filters = AuditFilters(
        person=params.get("person", ""),
        actor=params.get("actor", ""),
        unit=unit,
        action=params.get("action", "") if params.get("action") in AuditAction.values else "",
        source=params.get("source", ""),
        date_from=parse_vn_date(params.get("from", "")),
        date_to=parse_vn_date(params.get("to", "")),
    )
    page = Paginator(audit_events(user=request.user, filters=filters), 50).get_page(params.get("page"))
    return render(
        request,
        "audit/audit_list.html",
        {
            "page": page,
            "filters": filters,
            "params": params,
            "actions": AuditAction.choices,
            "head": chain_head(),
            "unit": unit,
        },
    )
