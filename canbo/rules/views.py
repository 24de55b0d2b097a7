"""The rules administration page: every rule with its versions, add a version, confirm a placeholder."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.web.forms import apply_service_errors, mark_invalid

from . import services
from .definitions import RULES
from .forms import RuleVersionForm
from .models import CalendarException, RuleVersion
from .selectors import is_rules_admin, rule_in_force, rule_list
from .workdays import holiday_names


def _require_admin(request: HttpRequest) -> None:
    # Not found rather than forbidden: the page does not exist for those who may not change rules.
    if not is_rules_admin(request.user):
        raise Http404


@login_required
def rule_index(request: HttpRequest) -> HttpResponse:
    """Every rule with its versions, the one in force today, and what waits for confirmation."""
    _require_admin(request)
    rows = rule_list()
    return render(
        request,
        "rules/rule_list.html",
        {
            "rows": rows,
            "awaiting": sum(row.awaiting for row in rows),
            "exceptions": CalendarException.objects.all(),
        },
    )


@login_required
def rule_version_create(request: HttpRequest) -> HttpResponse:
    """Add a version of a rule; the current one may be ended the day before."""
    _require_admin(request)
    initial = {}
    rule_id = request.GET.get("rule", "")
    if rule_id in RULES:
        initial["rule"] = rule_id
        current = rule_in_force(rule_id)
        if current is not None:
            initial["parameters"] = json.dumps(current.parameters, ensure_ascii=False)
    form = RuleVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_version_create(
                actor=request.user,
                data=form.service_data(),
                close_previous=form.cleaned_data["close_previous"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm phiên bản quy định."))
            return HttpResponseRedirect(reverse("rules:rule_index"))
    if form.errors:
        mark_invalid(form)
    context = {
        "form": form,
        "page_title": _("Thêm phiên bản quy định"),
        "cancel_url": reverse("rules:rule_index"),
        "crumbs": [(_("Quy định"), reverse("rules:rule_index"))],
        "definitions": RULES.values(),
    }
    return render(request, "rules/version_form.html", context)


@login_required
@require_POST
def rule_version_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a shipped placeholder after checking it against the document."""
    _require_admin(request)
    version = get_object_or_404(RuleVersion, pk=pk)
    try:
        services.rule_version_confirm(actor=request.user, version=version)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Đã xác nhận phiên bản %(v)s.") % {"v": version})
    return HttpResponseRedirect(reverse("rules:rule_index") + f"#rule-{version.rule}")


@login_required
def holiday_index(request: HttpRequest) -> HttpResponse:
    """The public holidays and the Government's swaps of a year."""
    _require_admin(request)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = request.as_of.year  # type: ignore[attr-defined]
    if not 1995 <= year <= 2100:
        raise Http404
    days = [(day, name, "statutory") for day, name in holiday_names(year).items()]
    days += [(item.day, item.name, item.kind) for item in CalendarException.objects.filter(day__year=year)]
    return render(
        request,
        "rules/holidays.html",
        {"year": year, "days": sorted(days), "previous": year - 1, "next": year + 1},
    )
