"""The eligibility page: person → target title → date → the checklist of every standard and rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from canbo.access.models import Tier
from canbo.access.scopes import hidden_tiers
from canbo.core.dates import today
from canbo.people.selectors import visible_persons
from canbo.posts.models import Title
from canbo.rules.eligibility import EligibilityItem, eligibility, eligibility_summary
from canbo.rules.terms import UNKNOWN, RuleCheck

# The checks whose outcome and reason reveal discipline records or political-standard conclusions.
DISCIPLINE_RULES = frozenset({"discipline.bar", "political_standard.required"})


def shown_items(user: Any, person_id: int, items: list[EligibilityItem]) -> list[EligibilityItem]:
    """The checklist as the user may see it: without the discipline tier, those checks say nothing.

    Their outcome becomes "unknown" with a "not shown" reason, so neither the line nor the overall result
    reveals a disciplinary measure or a political-standard conclusion.
    """
    if Tier.DISCIPLINE not in hidden_tiers(user, person_id):
        return items
    hidden = _("Không hiển thị với vai trò của bạn.")
    return [
        EligibilityItem(item.label, RuleCheck(UNKNOWN, hidden, item.check.rule, item.check.citation))
        if item.check.rule in DISCIPLINE_RULES
        else item
        for item in items
    ]


def parse_day(text: str) -> dt.date | None:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd; None when it is neither."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@login_required
def eligibility_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist for a person in scope, a title and a date (today by default)."""
    person = visible_persons(request.user).filter(pk=pk).first()
    if person is None:
        raise Http404
    titles = Title.objects.filter(is_active=True).order_by("level", "position", "name")
    errors: list[str] = []
    title = None
    code = request.GET.get("title", "")
    if code:
        title = titles.filter(code=code).first()
        if title is None:
            errors.append(_("Không có chức vụ mã “%(c)s”.") % {"c": code})
    day = today()
    if request.GET.get("on"):
        parsed = parse_day(request.GET["on"])
        if parsed is None:
            errors.append(
                _("Ngày xét “%(d)s” không hợp lệ; nhập theo dạng dd/mm/yyyy.") % {"d": request.GET["on"]}
            )
        else:
            day = parsed
    items = eligibility(person, title, on=day) if title is not None and not errors else []
    items = shown_items(request.user, person.pk, items)
    return render(
        request,
        "conduct/eligibility.html",
        {
            "person": person,
            "titles": titles,
            "title": title,
            "day": day,
            "items": items,
            "summary": eligibility_summary(items) if items else "",
            "errors": errors,
        },
    )
