"""The people list's filters, parsed by the list page's own form, described for a document and the audit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _

from canbo.people.filtersets import PersonFilterForm
from canbo.people.selectors import PersonFilters


def list_filters(request: HttpRequest) -> tuple[PersonFilterForm, PersonFilters]:
    """The filters of the people list from the query string, exactly as the list page parses them."""
    form = PersonFilterForm(request.GET or None)
    if not form.is_bound:
        return form, PersonFilters()
    form.is_valid()
    return form, form.to_filters()


def _applied(form: PersonFilterForm) -> list[tuple[str, Any]]:
    """(field name, cleaned value) of the filters that narrow the list; invalid fields filter nothing."""
    data = getattr(form, "cleaned_data", {})
    applied = []
    for name, value in data.items():
        unticked = value is False and isinstance(form.fields[name], forms.BooleanField)
        if name in form.errors or value is None or value == "" or unticked:
            continue
        applied.append((name, value))
    return applied


def describe_filters(form: PersonFilterForm) -> list[tuple[str, str]]:
    """The applied filters as (label, value) in the form's order, for the title row of an export."""
    labels = {"age_max": _("Tuổi đến")}  # the form's own label is just "đến" (it follows "Tuổi từ")
    described = []
    for name, value in _applied(form):
        field = form.fields[name]
        label = labels.get(name) or str(field.label or name)
        described.append((label, _display(field, value)))
    return described


def filters_for_audit(form: PersonFilterForm) -> dict[str, Any]:
    """The applied filters as JSON-safe values (ids for rows of code lists)."""
    return {name: value.pk if isinstance(value, Model) else value for name, value in _applied(form)}


def _display(field: forms.Field, value: Any) -> str:
    if isinstance(value, bool) and isinstance(field, forms.BooleanField):
        return _("có")
    if isinstance(value, Model):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        raw = "1" if value is True else "0" if value is False else str(value)
        choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]  # flat choices here
        return next((str(label) for key, label in choices if str(key) == raw), raw)
    return str(value)
