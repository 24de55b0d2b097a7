"""The eligibility page: person → target title (→ unit) → date → the checklist of every standard and rule.

`eligibility_panel` is the same checklist as a fragment, for the planning and appointment forms (htmx
refreshes it when the person, the title, the unit or the date changes): advice, never a block on saving.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.dates import today
from canbo.org.models import OrgUnit
from canbo.org.selectors import visible_units
from canbo.people.selectors import visible_persons
from canbo.posts.models import Title
from canbo.rules.eligibility import EligibilityItem, eligibility, eligibility_summary, needs_unit
from canbo.web.forms import UNIT_LOOKUP, PickerField

from .tiers import shown_items


def parse_day(text: str) -> dt.date | None:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd; None when it is neither."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class UnitChoiceForm(forms.Form):
    """The unit a non-local title would be held in, picked among the units in the user's scope."""

    unit = PickerField(
        OrgUnit.objects.none(),
        source=UNIT_LOOKUP,
        label=gettext_lazy("Đơn vị dự kiến bố trí"),
        required=False,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "Đơn vị đã chọn không có hoặc nằm ngoài phạm vi quản lý của anh/chị."
        )


def checklist_context(items: list[EligibilityItem], *, title: Any, day: dt.date, unit: Any) -> dict[str, Any]:
    """What conduct/_eligibility_table.html shows."""
    return {
        "items": items,
        "summary": eligibility_summary(items) if items else "",
        "title": title,
        "day": day,
        "unit": unit,
    }


@login_required
def eligibility_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist for a person in scope, a title, a unit in scope (non-local titles) and a date."""
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
    unit_form = UnitChoiceForm(
        {"unit": request.GET.get("unit", "")}, units=visible_units(request.user).select_related("locality")
    )
    unit = None
    if not unit_form.is_valid():
        errors.extend(str(message) for message in unit_form.errors["unit"])
    else:
        unit = unit_form.cleaned_data["unit"]
    show_unit = title is not None and needs_unit(title, on=day)
    items = eligibility(person, title, on=day, unit=unit) if title is not None and not errors else []
    items = shown_items(request.user, person.pk, items)
    return render(
        request,
        "conduct/eligibility.html",
        {
            "person": person,
            "titles": titles,
            "unit_form": unit_form,
            "show_unit": show_unit or unit is not None,
            "errors": errors,
            **checklist_context(items, title=title, day=day, unit=unit),
        },
    )


def _pick(queryset: Any, value: str) -> Any:
    """The row of the queryset with primary key `value`, or None (also for a non-number)."""
    return queryset.filter(pk=int(value)).first() if value.strip().isdigit() else None


def panel_context(user: Any, params: Any) -> dict[str, Any]:
    """The checklist fragment's context for `params` person, title, unit (ids) and valid_from (dd/mm/yyyy).

    People and units outside the user's scope are treated as not chosen; the fragment then asks for them.
    """
    person = _pick(visible_persons(user), str(params.get("person", "") or ""))
    title = _pick(Title.objects.filter(is_active=True), str(params.get("title", "") or ""))
    unit = _pick(visible_units(user).select_related("locality"), str(params.get("unit", "") or ""))
    typed = str(params.get("valid_from", "") or params.get("on", "") or "")
    day = parse_day(typed) if typed.strip() else today()
    items: list[EligibilityItem] = []
    if person is not None and title is not None and day is not None:
        items = shown_items(user, person.pk, eligibility(person, title, on=day, unit=unit))
    return {
        "panel_person": person,
        "bad_day": typed if day is None else "",
        **checklist_context(items, title=title, day=day or today(), unit=unit),
    }


@login_required
def eligibility_panel(request: HttpRequest) -> HttpResponse:
    """The checklist fragment for ?person=&title=&unit=&valid_from= (ids and dd/mm/yyyy, as the forms send)."""
    return render(request, "conduct/_eligibility_panel.html", panel_context(request.user, request.GET))
