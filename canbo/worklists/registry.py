"""The registry of worklists: lists of people who need action under a rule, on a day, in a user's scope.

Registering a worklist is one call. In any installed app, create ``<app>/worklists.py`` (it is imported
by ``WorklistsConfig.ready``) and decorate the function that computes its rows::

    from django.utils.translation import gettext_lazy as _
    from canbo.worklists.registry import Row, worklist

    @worklist("discipline_bars_ending", _("Hết thời hạn không được bổ nhiệm do kỷ luật"), rule="discipline.bar")
    def discipline_bars_ending(user, *, on):
        ...
        return [Row(person=p, day=p.bar_ends_on, reason=_("…")) for p in queryset]

The function receives the user and the day and returns a list of :class:`Row` — one per person and
reason. It must read people through a scoped selector (``visible_persons(user)`` or a selector built on
it) and run a fixed number of queries whatever the number of rows. ``rule`` is the rule identifier in
``canbo.rules.definitions.RULES``; the page names the version in force on the day (its document and
article). A row may carry its own ``citation`` when a different version applied to it (a past event).
``order`` sets the position on the index page (smaller first); ``group`` groups lists on the index.
``tier`` names the sensitive-field tier (canbo.access.models.Tier) the rows reveal, e.g. discipline: a
user none of whose grants carries it does not see the list at all (not in the index, "not found" by code,
no rows). A user whose grants differ in tiers (leader of the province, HR officer of a district) sees the
list, and its function and counter must then keep only the people under the grants that carry the tier:
filter in SQL by ``canbo.access.scopes.tier_scope(user, tier)`` (canbo.conduct.tiers.persons_seeing_tier).

The index page and the API only need how many rows a list holds. A list whose rows come from one queryset
registers a counter with ``@counts(code)``: a function ``(user, *, on) -> int`` that runs one COUNT query
and builds no rows. Without one, the count is the number of rows computed (still a fixed number of queries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

Rows = Callable[..., list["Row"]]
Counter = Callable[..., int]


@dataclass(frozen=True)
class Row:
    """One person on a worklist: the date that matters (may be empty), why, and optional details."""

    person: Any
    day: dt.date | None
    reason: str
    detail: str = ""
    citation: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Worklist:
    """A registered worklist: code (used in URLs), Vietnamese title, rule and the function computing rows."""

    code: str
    title: Any
    rule: str
    rows_fn: Rows
    description: Any = ""
    date_label: Any = ""
    group: Any = ""
    order: int = 100
    count_fn: Counter | None = None
    tier: str = ""

    def visible_to(self, user: Any) -> bool:
        """Whether any of the user's grants sees the list's tier (its rows keep to those grants' units)."""
        from canbo.access.scopes import tier_scope

        return not self.tier or not tier_scope(user, self.tier).nothing

    def count(self, user: Any, *, on: dt.date) -> int:
        """How many rows the list holds for a user on a day: one COUNT query when a counter is registered."""
        if not self.visible_to(user):
            return 0
        if self.count_fn is not None:
            return self.count_fn(user, on=on)
        return len(self.rows_fn(user, on=on))

    def rows(self, user: Any, *, on: dt.date) -> list[Row]:
        """The rows for a user on a day, soonest date first (rows without a date last); none without the tier."""
        if not self.visible_to(user):
            return []
        rows = self.rows_fn(user, on=on)
        return sorted(rows, key=lambda r: (r.day is None, r.day or dt.date.max, r.person.pk))

    def citation(self, *, on: dt.date) -> str:
        """The document and article of the rule version in force on the day ('' when none is)."""
        from canbo.rules.selectors import rule_in_force

        version = rule_in_force(self.rule, on=on) if self.rule else None
        return version.citation if version is not None else ""


REGISTRY: dict[str, Worklist] = {}


def register(item: Worklist) -> Worklist:
    """Add a worklist; a second registration under the same code is a programming error."""
    existing = REGISTRY.get(item.code)
    if existing is not None:
        if existing.rows_fn is not item.rows_fn:
            raise ValueError(f"worklist {item.code!r} is already registered")
        return existing  # the same module imported again: keep its counter
    REGISTRY[item.code] = item
    return item


def worklist(
    code: str,
    title: Any,
    *,
    rule: str,
    description: Any = "",
    date_label: Any = "",
    group: Any = "",
    order: int = 100,
    tier: str = "",
) -> Callable[[Rows], Rows]:
    """Decorator: register the decorated `rows(user, *, on)` function as a worklist (see module docstring)."""

    def decorate(fn: Rows) -> Rows:
        register(
            Worklist(
                code=code,
                title=title,
                rule=rule,
                rows_fn=fn,
                description=description,
                date_label=date_label,
                group=group,
                order=order,
                tier=tier,
            )
        )
        return fn

    return decorate


def counts(code: str) -> Callable[[Counter], Counter]:
    """Decorator: register the decorated `count(user, *, on) -> int` as the counter of a registered list.

    The counter must count exactly the rows the list's function returns, in one query.
    """

    def decorate(fn: Counter) -> Counter:
        item = REGISTRY.get(code)
        if item is None:
            raise ValueError(f"worklist {code!r} is not registered")
        REGISTRY[code] = replace(item, count_fn=fn)
        return fn

    return decorate


def worklists(user: Any = None) -> list[Worklist]:
    """Every registered worklist in index order (given a user: only those whose tier the user sees)."""
    items = sorted(REGISTRY.values(), key=lambda w: (w.order, w.code))
    return items if user is None else [w for w in items if w.visible_to(user)]


def get_worklist(code: str, user: Any = None) -> Worklist | None:
    """The worklist registered under a code, or None (also, given a user, when it lacks the list's tier)."""
    item = REGISTRY.get(code)
    if item is not None and user is not None and not item.visible_to(user):
        return None
    return item
