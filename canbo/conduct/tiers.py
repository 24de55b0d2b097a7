"""The discipline tier: the eligibility checklist without it, and the persons whose conduct records a user sees."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from canbo.access.models import Tier
from canbo.access.scopes import hidden_tiers, person_home_path, tier_scope, user_scope
from canbo.rules.eligibility import EligibilityItem
from canbo.rules.terms import UNKNOWN, RuleCheck

# The checks whose outcome and reason reveal discipline records or political-standard conclusions.
DISCIPLINE_RULES = frozenset({"discipline.bar", "political_standard.required"})


def shown_items(user: Any, person_id: int, items: list[EligibilityItem]) -> list[EligibilityItem]:
    """The checklist as the user may see it: without the discipline tier, those checks say nothing.

    Their outcome becomes "unknown" with a "not shown" reason, so neither the line nor the overall result
    reveals a disciplinary measure or a political-standard conclusion.
    """
    if not items or Tier.DISCIPLINE not in hidden_tiers(user, person_id):
        return items
    hidden = _("Không hiển thị với vai trò của bạn.")
    return [
        EligibilityItem(item.label, RuleCheck(UNKNOWN, hidden, item.check.rule, item.check.citation))
        if item.check.rule in DISCIPLINE_RULES
        else item
        for item in items
    ]


def persons_seeing_tier(user: Any, tier: str = Tier.DISCIPLINE) -> QuerySet[Any]:
    """The persons in the user's scope whose records of a tier the user sees, as one queryset (SQL).

    visible_persons narrowed to the unit paths of the grants whose role carries the tier (tier_scope), as
    visible_persons narrows by the paths of all grants: a leader of the province who is also a district's
    HR officer gets the district's people; a user whose every grant carries the tier, everyone in scope.
    """
    from canbo.people.selectors import visible_persons

    persons = visible_persons(user)
    scope = tier_scope(user, tier)
    if scope.nothing:
        return persons.none()
    if scope.everything or scope == user_scope(user):
        return persons
    if "home_path" in persons.query.annotations:  # visible_persons' own alias: no second subquery
        return persons.filter(scope.path_q("home_path"))
    return persons.alias(tier_home_path=person_home_path()).filter(scope.path_q("tier_home_path"))
