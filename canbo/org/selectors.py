"""Reads of the unit tree and elected bodies, always dated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from canbo.posts.models import Assignment

from .models import ElectedBody, Membership, OrgUnit, OrgUnitQuerySet


def visible_units(user: Any) -> OrgUnitQuerySet:
    """Units the user may see (the whole province for signed-in users until unit grants arrive)."""
    if not getattr(user, "is_authenticated", False):
        return OrgUnit.objects.none()
    return OrgUnit.objects.all()


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


def unit_get(*, user: Any, pk: Any) -> OrgUnit:
    """One unit, or Http404 when it does not exist or is outside the user's scope."""
    try:
        return visible_units(user).select_related("parent", "locality").get(pk=int(pk))
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


def body_members(*, term: Any, as_of: dt.date) -> QuerySet[Membership]:
    """Members of a term's body seated on as_of."""
    return term.memberships.as_of(as_of).select_related("person").order_by("person__sort_key")
