"""The page to search the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from canbo.access.models import TIER_FIELDS, Tier
from canbo.access.scopes import hidden_tiers
from canbo.org.selectors import unit_get
from canbo.web.middleware import parse_vn_date

from .chain import chain_head
from .models import AuditAction, AuditEvent
from .selectors import AuditFilters, audit_events

# Rows whose whole content belongs to a tier (their values and their label are hidden without it).
TIER_OBJECTS: dict[str, frozenset[str]] = {
    Tier.FAMILY: frozenset({"people.familymember"}),
    Tier.DISCIPLINE: frozenset({"conduct.disciplinerecord", "conduct.politicalstandardconclusion"}),
}
MASK = "•••"


def mask_tiers(events: list[AuditEvent], hidden: frozenset[str]) -> None:
    """Set `shown_changes` and `shown_repr` on each row: the values of tiers the reader lacks are masked.

    The trail keeps everything; an inspector without the health or political-history tier reads that a
    person's health changed, and when, but not the values.
    """
    person_fields = {name for tier in hidden for name in TIER_FIELDS.get(tier, ())}
    whole = {kind for tier in hidden for kind in TIER_OBJECTS.get(tier, frozenset())}
    for event in events:
        changes = dict(event.changes or {})
        event.shown_repr = event.object_repr  # type: ignore[attr-defined]
        if event.object_type in whole:
            changes = {field: [MASK, MASK] for field in changes}
            event.shown_repr = _("Không hiển thị với vai trò của bạn.")  # type: ignore[attr-defined]
        elif event.object_type == "people.person":
            changes = {f: [MASK, MASK] if f in person_fields else pair for f, pair in changes.items()}
        event.shown_changes = changes  # type: ignore[attr-defined]


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
    page.object_list = list(page.object_list)  # the rows the template shows are the ones masked here
    mask_tiers(page.object_list, hidden_tiers(request.user))
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
