"""Reads of rules and of the dates rules produce: the version in force, retirements within a scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from canbo.access.models import Grant, Role
from canbo.access.scopes import user_scope
from canbo.core.dates import active_on, today

from .definitions import RULES, RuleDefinition
from .models import RuleVersion


def rule_in_force(rule_id: str, *, on: dt.date | None = None) -> RuleVersion | None:
    """The version of a rule valid on a day (today by default); a check about a past event passes its date."""
    day = on or today()
    return RuleVersion.objects.filter(active_on(day), rule=rule_id).order_by("-valid_from").first()


class RuleBook:
    """Every rule version, loaded once, for checks over many rows (no query per row)."""

    def __init__(self, versions: list[RuleVersion]) -> None:
        self._by_rule: dict[str, list[RuleVersion]] = {}
        for version in sorted(versions, key=lambda v: v.valid_from, reverse=True):
            self._by_rule.setdefault(version.rule, []).append(version)

    @classmethod
    def load(cls) -> RuleBook:
        """All versions of all rules, in one query."""
        return cls(list(RuleVersion.objects.all()))

    def in_force(self, rule_id: str, *, on: dt.date) -> RuleVersion | None:
        """The version of a rule valid on a day."""
        return next((v for v in self._by_rule.get(rule_id, []) if v.is_active_on(on)), None)

    def versions(self, rule_id: str) -> list[RuleVersion]:
        """The versions of a rule, newest first."""
        return list(self._by_rule.get(rule_id, []))


def is_rules_admin(user: Any) -> bool:
    """Whether the user may change rules: a superuser or a system-wide administrator grant in force."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    # Reuse the grants canbo.access.scopes reads once per request (the menu asks on every page), and fall
    # back to a query where that cache is absent.
    day = today()
    user_scope(user, on=day)
    grants = getattr(user, f"_canbo_grants_{day.isoformat()}", None)
    if grants is not None:
        try:
            return any(role == Role.ADMIN and path is None for role, path in grants)
        except (TypeError, ValueError):  # the cache changed shape: ask the database instead
            pass
    return Grant.objects.filter(active_on(day), user=user, role=Role.ADMIN, unit__isnull=True).exists()


@dataclass(frozen=True)
class RuleRow:
    """A rule with its versions (oldest first) and the one in force on the day asked."""

    definition: RuleDefinition
    versions: list[RuleVersion]
    current: RuleVersion | None

    @property
    def awaiting(self) -> int:
        """How many of its versions wait for an administrator's confirmation."""
        return sum(version.awaiting_confirmation for version in self.versions)


def rule_list(*, on: dt.date | None = None) -> list[RuleRow]:
    """Every known rule with its versions, in one query."""
    day = on or today()
    by_rule: dict[str, list[RuleVersion]] = {}
    for version in RuleVersion.objects.select_related("confirmed_by").order_by("rule", "valid_from"):
        by_rule.setdefault(version.rule, []).append(version)
    rows = []
    for rule_id, definition in RULES.items():
        versions = by_rule.get(rule_id, [])
        current = next((v for v in reversed(versions) if v.is_active_on(day)), None)
        rows.append(RuleRow(definition, versions, current))
    return rows


def persons_retiring(*, user: Any, start: dt.date, end: dt.date, on: dt.date | None = None) -> QuerySet[Any]:
    """Persons in the user's scope whose retirement date falls in [start, end], soonest first (one query)."""
    from canbo.people.selectors import visible_persons

    from .retirement import with_retirement_date

    return (
        with_retirement_date(visible_persons(user), on=on)
        .filter(retirement_date__gte=start, retirement_date__lte=end)
        .order_by("retirement_date", "pk")
    )
