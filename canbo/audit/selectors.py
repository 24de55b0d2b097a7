"""Reading the audit trail: only for users with the audit action (inspectors, administrators)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from canbo.access.models import Action
from canbo.access.scopes import person_home_path, user_scope
from canbo.core.text import fold

from .models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    """What the trail is searched by; empty values do not filter."""

    person: str = ""
    actor: str = ""
    unit: Any = None  # OrgUnit: events about people who belong to that subtree
    action: str = ""
    source: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_events(*, user: Any, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """Audit events the user may read, newest first; PermissionDenied for users without the audit action."""
    scope = user_scope(user, Action.AUDIT)
    if scope.nothing:
        raise PermissionDenied(_("Chỉ Ủy ban Kiểm tra và quản trị viên được xem nhật ký."))
    from canbo.people.models import Person

    filters = filters or AuditFilters()
    events = AuditEvent.objects.select_related("actor")
    if not scope.everything:
        in_scope = Person.objects.alias(home=person_home_path()).filter(scope.path_q("home"))
        events = events.filter(person_id__in=in_scope.values("pk"))
    if filters.person:
        named = Person.objects.all()
        for token in fold(filters.person).split():
            named = named.filter(Q(search_text__contains=token) | Q(national_id=token))
        events = events.filter(person_id__in=named.values("pk"))
    if filters.unit is not None:
        in_unit = Person.objects.alias(home=person_home_path()).filter(home__startswith=filters.unit.path)
        events = events.filter(person_id__in=in_unit.values("pk"))
    if filters.actor:
        events = events.filter(actor__username__icontains=filters.actor.strip())
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.source:
        events = events.filter(source__startswith=filters.source)
    if filters.date_from:
        events = events.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(at__date__lte=filters.date_to)
    return events.order_by("-at", "-id")
