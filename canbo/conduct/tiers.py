"""The discipline tier on the eligibility checklist: a role without it learns nothing from those checks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from canbo.access.models import Tier
from canbo.access.scopes import hidden_tiers
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
