"""Prototypes of proposed engine changes, built from the engine's own pieces so the semantics stay the same.

These are not used by the application: they exist so that the report's proposals come with numbers.

* titles as ids: resolve the title filters (levels, ranks, leadership, codes, management categories)
  to a list of title ids first, so that PostgreSQL filters posts_assignment.title_id with its own
  statistics instead of guessing the selectivity of a join to posts_title;
* one query per source: all indicators over posts (and all over elected bodies) counted in one
  aggregate query with a FILTER per indicator, so the assignments are scanned once per date, not
  once per indicator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q


def _title_ids(definition: Any) -> list[int] | None:
    """Ids of the titles a posts population allows (None when it does not filter on titles)."""
    from canbo.posts.models import Title

    titles = Title.objects.all()
    filtered = False
    if definition.levels:
        titles, filtered = titles.filter(level__in=definition.levels), True
    if definition.ranks:
        titles, filtered = titles.filter(rank__in=definition.ranks), True
    if definition.leadership is not None:
        titles, filtered = titles.filter(is_leadership=definition.leadership), True
    if definition.titles:
        titles, filtered = titles.filter(code__in=definition.titles), True
    if definition.management_categories:
        titles, filtered = titles.filter(management_category__code__in=definition.management_categories), True
    return list(titles.values_list("id", flat=True)) if filtered else None


def _posts_population(definition: Any, as_of: dt.date) -> Q:
    """The engine's posts population as one Q, with titles as ids."""
    from canbo.programmes.definitions import condition_q

    q = Q()
    ids = _title_ids(definition)
    if ids is not None:
        q &= Q(title_id__in=ids)
    if definition.staff_categories:
        q &= Q(person__staff_category__in=definition.staff_categories)
    if definition.sectors:
        q &= Q(unit__sector__in=definition.sectors)
    if not definition.include_concurrent:
        q &= Q(is_concurrent=False)
    for condition in definition.where:
        q &= condition_q(condition, as_of=as_of, unit="unit__")
    return q


def _bodies_population(definition: Any, as_of: dt.date) -> Q:
    from canbo.programmes.definitions import condition_q

    q = Q()
    if definition.body_kinds:
        q &= Q(term__body__kind__in=definition.body_kinds)
    if definition.levels:
        q &= Q(term__body__level__in=definition.levels)
    for condition in definition.where:
        q &= condition_q(condition, as_of=as_of, unit="term__body__org_unit__")
    return q


def _count(definition: Any, q: Q) -> Count:
    return (
        Count("id", filter=q) if definition.count == "seats" else Count("person_id", distinct=True, filter=q)
    )


def titles_as_ids(programme: Any, *, as_of: dt.date, unit: Any) -> dict[str, tuple[int | None, int | None]]:
    """One query per indicator, as the engine does, but with title filters resolved to ids."""
    from canbo.core.dates import active_on
    from canbo.posts.models import Assignment
    from canbo.programmes.definitions import compile_definition
    from canbo.programmes.engine import _not_applicable, numerator_q, population_rows

    path = (unit or programme.territory).path
    out: dict[str, tuple[int | None, int | None]] = {}
    for indicator in programme.indicators.order_by("position", "code"):
        definition = compile_definition(indicator.definition, code=indicator.code)
        if _not_applicable(definition, as_of):
            out[indicator.code] = (None, None)
            continue
        if definition.source == "posts":
            rows = Assignment.objects.filter(active_on(as_of), unit__path__startswith=path)
            rows = rows.filter(_posts_population(definition, as_of))
        else:
            rows = population_rows(definition, as_of=as_of, unit=unit or programme.territory)
        totals = rows.aggregate(
            d=_count(definition, Q()), n=_count(definition, numerator_q(definition, as_of=as_of))
        )
        out[indicator.code] = (totals["n"], totals["d"])
    return out


def one_query_per_source(
    programme: Any, *, as_of: dt.date, unit: Any
) -> dict[str, tuple[int | None, int | None]]:
    """All posts indicators in one aggregate query, all body indicators in another; nominees as the engine."""
    from canbo.core.dates import active_on
    from canbo.org.models import Membership
    from canbo.posts.models import Assignment
    from canbo.programmes.definitions import compile_definition
    from canbo.programmes.engine import _not_applicable, numerator_q, population_rows

    scope = unit or programme.territory
    path = scope.path
    out: dict[str, tuple[int | None, int | None]] = {}
    batches: dict[str, dict[str, Any]] = {"posts": {}, "bodies": {}}
    title_union: set[int] | None = set()
    for indicator in programme.indicators.order_by("position", "code"):
        definition = compile_definition(indicator.definition, code=indicator.code)
        if _not_applicable(definition, as_of):
            out[indicator.code] = (None, None)
        elif definition.source == "nominees":
            rows = population_rows(definition, as_of=as_of, unit=scope)
            totals = rows.aggregate(
                d=_count(definition, Q()), n=_count(definition, numerator_q(definition, as_of=as_of))
            )
            out[indicator.code] = (totals["n"], totals["d"])
        else:
            batches[definition.source][indicator.code] = definition
            if definition.source == "posts" and title_union is not None:
                ids = _title_ids(definition)
                title_union = None if ids is None else title_union | set(ids)
    for source, definitions in batches.items():
        if not definitions:
            continue
        if source == "posts":
            rows = Assignment.objects.filter(active_on(as_of), unit__path__startswith=path)
            if title_union is not None:
                rows = rows.filter(title_id__in=sorted(title_union))
            population = _posts_population
        else:
            rows = Membership.objects.filter(active_on(as_of), term__body__org_unit__path__startswith=path)
            population = _bodies_population
        aggregates = {}
        for i, definition in enumerate(definitions.values()):
            q = population(definition, as_of)
            aggregates[f"d{i}"] = _count(definition, q)
            aggregates[f"n{i}"] = _count(definition, q & numerator_q(definition, as_of=as_of))
        totals = rows.aggregate(**aggregates)
        for i, code in enumerate(definitions):
            out[code] = (totals[f"n{i}"], totals[f"d{i}"])
    return out
