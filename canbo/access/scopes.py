"""The one place that decides which units and people a user may see or change.

Every scoped selector (people, units, documents, indicators, the API) narrows its rows with these
functions, so what lies outside a user's grants answers "not found" exactly as what does not exist.
A person belongs to the unit of their most recent main post (the current one, or the last one held).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from canbo.core.dates import active_on, today

from .models import ROLE_ACTIONS, ROLE_TIERS, Action, Grant, Tier


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


def hidden_tiers(user: Any, person_id: int | None = None) -> frozenset[str]:
    """The sensitive-field tiers a user may not see (for a person: by the grants that cover them).

    A tier is visible through any grant in force with the view action whose role has it (ROLE_TIERS).
    When the user's grants differ in tiers (e.g. leader of the province and HR officer of a district),
    the person's unit decides, at the cost of one query; otherwise no query is made.
    """
    everything = frozenset(Tier.values)
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return everything
    if user.is_superuser:
        return frozenset()
    user_scope(user)  # reads and caches today's grants
    grants = getattr(user, f"_canbo_grants_{today().isoformat()}", [])
    viewing = [(role, path) for role, path in grants if Action.VIEW in ROLE_ACTIONS.get(role, frozenset())]
    kinds = {ROLE_TIERS.get(role, frozenset()) for role, _path in viewing}
    if len(kinds) > 1 and person_id is None:
        # About no one in particular (e.g. a search by id number): only what every grant sees.
        return everything - frozenset.intersection(*kinds)
    if len(kinds) > 1:
        home = person_path(person_id) if person_id is not None else None
        viewing = [(r, p) for r, p in viewing if p is None or (home is not None and home.startswith(p))]
    seen: set[str] = set()
    for role, _path in viewing:
        seen |= ROLE_TIERS.get(role, frozenset())
    return everything - seen


def tier_scope(user: Any, tier: str, action: str = Action.VIEW) -> Scope:
    """The scope of the user's grants (in force today, with the action) whose role sees a tier.

    Where rows that reveal the tier may be listed: for a leader of the province who is also a district's
    HR officer, the district's subtree for the discipline tier. Same cache as user_scope: no extra query.
    """
    scope = user_scope(user, action)
    if scope.nothing or user.is_superuser:
        return scope
    grants = getattr(user, f"_canbo_grants_{today().isoformat()}", [])
    paths: list[str] = []
    for role, path in grants:
        if action not in ROLE_ACTIONS.get(role, frozenset()) or tier not in ROLE_TIERS.get(role, frozenset()):
            continue
        if path is None:
            return Scope(everything=True)
        paths.append(path)
    kept = tuple(sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths)))
    return Scope(everything=False, paths=kept)


def person_home_path() -> Coalesce:
    """The unit path a person belongs to: their most recent main post's unit, else the managing unit."""
    from canbo.posts.models import Assignment

    latest = Subquery(
        Assignment.objects.filter(person=OuterRef("pk"), is_concurrent=False)
        .order_by("-valid_from", "-pk")
        .values("unit__path")[:1]
    )
    return Coalesce(latest, F("managing_unit__path"))


class ScopeDenied(PermissionDenied):
    """A write refused because its record lies, or would end up, outside the actor's scope.

    Carries what the audit trail records about the refusal: the kind and id of the record, the person it
    concerns and a short reason. `scoped_write` rolls the write back and records it.
    """

    def __init__(
        self,
        message: str,
        *,
        object_type: str = "",
        object_id: Any = "",
        object_repr: str = "",
        person_id: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.object_type = object_type
        self.object_id = "" if object_id is None else str(object_id)
        self.object_repr = object_repr
        self.person_id = person_id
        self.detail = detail or {}


def _unscoped(actor: Any) -> bool:
    """Writes by the system (actor None: commands, the demo, imports run from the shell) are not scoped."""
    return actor is None


def person_path(person_id: int) -> str | None:
    """The unit path a person belongs to now (as person_home_path computes it), from the database."""
    from canbo.people.models import Person

    rows = (
        Person.objects.filter(pk=person_id).annotate(home=person_home_path()).values_list("home", flat=True)
    )
    return next(iter(rows), None)


def require_person_in_scope(
    actor: Any, person_id: int, action: str = Action.CHANGE, *, after: bool = False
) -> None:
    """Refuse (ScopeDenied) a write on a person outside the actor's scope, or that leaves them outside it.

    Services call it before changing anything (the person is in scope) and again, with after=True, once
    saved inside their transaction (the saved record did not move out of scope), so a refused write is
    rolled back.
    """
    if _unscoped(actor):
        return
    scope = user_scope(actor, action)
    if scope.everything:
        return
    home = None if scope.nothing else person_path(person_id)
    if home is not None and scope.covers(home):
        return
    if scope.nothing:
        message = _("Bạn không được phân quyền thêm, sửa, xóa hồ sơ cán bộ.")
    elif home is None:
        message = _("Hồ sơ phải có cơ quan, đơn vị quản lý trong phạm vi bạn được phân quyền.")
    elif after:
        message = _("Thao tác này đưa hồ sơ ra ngoài phạm vi đơn vị bạn được phân quyền.")
    else:
        message = _("Hồ sơ này nằm ngoài phạm vi đơn vị bạn được phân quyền.")
    raise ScopeDenied(
        message,
        object_type="people.person",
        object_id=person_id,
        person_id=person_id,
        detail={"unit_path": home, "stage": "after" if after else "before"},
    )


def require_unit_in_scope(
    actor: Any,
    unit: Any,
    action: str = Action.CHANGE,
    *,
    field: str = "unit",
    person_id: int | None = None,
) -> None:
    """Refuse (ScopeDenied) a write on, or into, a unit outside the actor's scope.

    `unit` is an OrgUnit or None; None (a unit at the top of the tree) is in scope only for grants on the
    whole system. `field` names the form field the refusal is shown next to.
    """
    if _unscoped(actor):
        return
    path = getattr(unit, "path", None) if unit is not None else None
    scope = user_scope(actor, action)
    if scope.everything or (path and scope.covers(path)):
        return
    name = getattr(unit, "name", "") if unit is not None else ""
    if unit is None:
        message = _("Chỉ người được phân quyền toàn hệ thống mới thêm được đơn vị cấp cao nhất.")
    else:
        message = _("Đơn vị “%(name)s” nằm ngoài phạm vi bạn được phân quyền.") % {"name": name}
    raise ScopeDenied(
        message,
        object_type="org.orgunit",
        object_id=getattr(unit, "pk", "") if unit is not None else "",
        object_repr=name,
        person_id=person_id,
        detail={"field": field, "unit_path": path},
    )


_Service = TypeVar("_Service", bound=Callable[..., Any])
_write_depth: ContextVar[int] = ContextVar("canbo_scoped_write_depth", default=0)


def scoped_write(service: _Service) -> _Service:
    """Run a write service in its own transaction; a scope refusal rolls it back and is recorded.

    Replaces `@transaction.atomic` on the services that check scope. The refusal is written to the audit
    trail after the rollback (in the caller's transaction, if any), then re-raised for the caller: the web
    shows it as a form error, the API as 403.
    """

    @functools.wraps(service)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = _write_depth.set(_write_depth.get() + 1)
        try:
            with transaction.atomic():
                return service(*args, **kwargs)
        except ScopeDenied as denied:
            # Only the outermost service records: a nested one's row would be rolled back with its caller.
            if _write_depth.get() == 1:
                record_refusal(actor=kwargs.get("actor"), denied=denied, operation=service.__name__)
            raise
        finally:
            _write_depth.reset(token)

    return wrapper  # type: ignore[return-value]


def record_refusal(*, actor: Any, denied: ScopeDenied, operation: str) -> None:
    """Append the audit row of a refused attempt (who, what, why), in a transaction of its own."""
    from canbo.audit.services import record_denied

    record_denied(
        actor=actor,
        object_type=denied.object_type,
        object_id=denied.object_id,
        object_repr=denied.object_repr or denied.object_type,
        person_id=denied.person_id,
        reason=denied.message,
        operation=operation,
        detail=denied.detail,
    )
