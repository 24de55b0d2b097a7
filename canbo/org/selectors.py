"""Reads of the unit tree and elected bodies, always dated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from canbo.access.models import Action
from canbo.access.scopes import user_scope
from canbo.posts.models import Assignment

from .models import ElectedBody, Membership, OrgUnit, OrgUnitQuerySet


def visible_units(user: Any, action: str = Action.VIEW) -> OrgUnitQuerySet:
    """Units the user may see (or, with action=CHANGE, change): the subtrees of their grants.

    The one place where units are narrowed (canbo.access.scopes decides the scope), so a unit outside the
    user's grants answers "not found" exactly like one that does not exist.
    """
    scope = user_scope(user, action)
    if scope.everything:
        return OrgUnit.objects.all()
    if scope.nothing:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(scope.path_q("path"))


def scope_top_unit(*, user: Any, within: OrgUnit | None) -> OrgUnit | None:
    """The unit a user's figures are for by default inside `within` (e.g. a programme's territory).

    None when the user may see all of `within` (a province-wide grant); otherwise the top unit of their
    grants inside it (the first in tree order when they hold several); Http404 when none lies inside.
    """
    scope = user_scope(user)
    if scope.everything or (within is not None and scope.covers(within.path)):
        return None
    roots = OrgUnit.objects.filter(path__in=scope.paths)
    if within is not None:
        roots = roots.filter(path__startswith=within.path)
    top = roots.select_related("parent").order_by("path").first()
    if top is None:
        raise Http404
    return top


@dataclass
class UnitNode:
    """A unit in the tree with its head counts on a date."""

    unit: OrgUnit
    depth: int
    direct_count: int = 0
    subtree_count: int = 0
    children: list[UnitNode] = field(default_factory=list)


def unit_list(*, user: Any, as_of: dt.date) -> OrgUnitQuerySet:
    """Units that existed on as_of, in tree order."""
    return visible_units(user).as_of(as_of).order_by("path")


def unit_get(*, user: Any, pk: Any, action: str = Action.VIEW) -> OrgUnit:
    """One unit, or Http404 when it does not exist or is outside the user's scope for the action."""
    try:
        return visible_units(user, action).select_related("parent", "locality").get(pk=int(pk))
    except (OrgUnit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def head_counts(*, as_of: dt.date, units: QuerySet[OrgUnit] | None = None) -> dict[int, int]:
    """People holding a main post in each unit on as_of (one aggregate query)."""
    rows = Assignment.objects.as_of(as_of).filter(is_concurrent=False)
    if units is not None:
        rows = rows.filter(unit__in=units)
    return dict(rows.values_list("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"))


def unit_tree(*, user: Any, as_of: dt.date, root: OrgUnit | None = None) -> list[UnitNode]:
    """The tree of units on as_of with direct and subtree head counts (two queries)."""
    units = unit_list(user=user, as_of=as_of)
    if root is not None:
        units = units.filter(path__startswith=root.path)
    unit_rows = list(units)
    counts = head_counts(as_of=as_of, units=units)
    nodes = {
        unit.pk: UnitNode(unit=unit, depth=unit.depth, direct_count=counts.get(unit.pk, 0))
        for unit in unit_rows
    }
    roots: list[UnitNode] = []
    for unit in unit_rows:
        node = nodes[unit.pk]
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(node)

    def total(node: UnitNode) -> int:
        node.subtree_count = node.direct_count + sum(total(child) for child in node.children)
        return node.subtree_count

    for node in roots:
        total(node)
    return roots


def unit_bodies(*, unit: OrgUnit) -> QuerySet[ElectedBody]:
    """The elected bodies attached to a unit, with their terms."""
    return unit.bodies.prefetch_related("terms").order_by("kind")


def body_members(*, user: Any, term: Any, as_of: dt.date) -> QuerySet[Membership]:
    """Members of a term's body seated on as_of, among the people the user may see."""
    from canbo.people.selectors import visible_persons

    seats = term.memberships.as_of(as_of)
    if not user_scope(user).everything:
        seats = seats.filter(person__in=visible_persons(user).values("pk"))
    return seats.select_related("person").order_by("person__sort_key")
