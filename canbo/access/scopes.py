"""The one place that decides which units and people a user may see or change.

Every scoped selector (people, units, documents, indicators, the API) narrows its rows with these
functions, so what lies outside a user's grants answers "not found" exactly as what does not exist.
A person belongs to the unit of their most recent main post (the current one, or the last one held).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from canbo.core.dates import active_on, today

from .models import ROLE_ACTIONS, Action, Grant


@dataclass(frozen=True)
class Scope:
    """The unit paths a user may act on: everything, nothing, or some subtrees."""

    everything: bool
    paths: tuple[str, ...] = ()

    @property
    def nothing(self) -> bool:
        """Whether the user may act on no row at all."""
        return not self.everything and not self.paths

    def path_q(self, field: str) -> Q:
        """Q over a unit-path column for the subtrees in scope."""
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        q = Q()
        for path in self.paths:
            q |= Q(**{f"{field}__startswith": path})
        return q

    def covers(self, path: str | None) -> bool:
        """Whether a unit path lies in scope."""
        return self.everything or (path is not None and any(path.startswith(p) for p in self.paths))


def user_scope(user: Any, action: str = Action.VIEW, *, on: dt.date | None = None) -> Scope:
    """The scope of a user's grants in force on a date (today by default) for an action."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope(everything=False)
    if user.is_superuser:
        return Scope(everything=True)
    day = on or today()
    # One query per user object (i.e. per request) for every action: the grants in force on the day.
    cache_key = f"_canbo_grants_{day.isoformat()}"
    grants = getattr(user, cache_key, None)
    if grants is None:
        grants = [
            (grant.role, grant.unit.path if grant.unit_id and grant.unit else None)
            for grant in Grant.objects.filter(active_on(day), user=user).select_related("unit")
        ]
        setattr(user, cache_key, grants)
    paths: list[str] = []
    everything = False
    for role, path in grants:
        if action not in ROLE_ACTIONS.get(role, frozenset()):
            continue
        if path is None:
            everything = True
            break
        paths.append(path)
    # Drop paths already covered by a shorter one.
    kept = tuple(sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths)))
    return Scope(everything=everything, paths=() if everything else kept)


def person_home_path() -> Coalesce:
    """The unit path a person belongs to: their most recent main post's unit, else the managing unit."""
    from canbo.posts.models import Assignment

    latest = Subquery(
        Assignment.objects.filter(person=OuterRef("pk"), is_concurrent=False)
        .order_by("-valid_from", "-pk")
        .values("unit__path")[:1]
    )
    return Coalesce(latest, F("managing_unit__path"))


def require_person_in_scope(actor: Any, person_id: int, action: str = Action.CHANGE) -> None:
    """Refuse (PermissionDenied) a write that leaves the person outside the actor's scope.

    Called by services inside their transaction after saving, so a refused write is rolled back.
    Writes by the system (actor None: imports run by a command, the demo) are not scoped.
    """
    if actor is None or getattr(actor, "is_superuser", False):
        return
    scope = user_scope(actor, action)
    if scope.everything:
        return
    from canbo.people.models import Person

    path = (
        Person.objects.filter(pk=person_id).annotate(home=person_home_path()).values_list("home", flat=True)
    )
    home = next(iter(path), None)
    if home is None:
        raise PermissionDenied(_("Hồ sơ phải có cơ quan, đơn vị quản lý trong phạm vi bạn được phân quyền."))
    if not scope.covers(home):
        raise PermissionDenied(_("Thao tác này đưa hồ sơ ra ngoài phạm vi đơn vị bạn được phân quyền."))


def require_unit_in_scope(actor: Any, unit_path: str, action: str = Action.CHANGE) -> None:
    """Refuse a write on a unit outside the actor's scope."""
    if actor is None:
        return
    if not user_scope(actor, action).covers(unit_path):
        raise PermissionDenied(_("Đơn vị này nằm ngoài phạm vi bạn được phân quyền."))
