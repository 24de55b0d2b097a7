"""Pages of a person's planning (quy hoạch): list, add, view, correct and remove entries through posts.planning.

Each form shows the eligibility checklist for the chosen title, unit and date (refreshed by htmx when they
change) as advice: a failed check is shown, never a block on saving. The saved entry shows it too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Action
from canbo.conduct.views import panel_context
from canbo.core.formatting import format_date
from canbo.org.selectors import visible_units
from canbo.people.selectors import person_get
from canbo.people.views import PersonChildMixin
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import planning
from .forms import PlanningEntryForm
from .models import PlanningEntry


def _list_url(person_id: int) -> str:
    return reverse("web:planning_list", args=[person_id])


def entry_panel_values(entry: PlanningEntry) -> dict[str, Any]:
    """The checklist's inputs for a saved entry: its person, title and unit on the day it takes effect."""
    return {
        "person": entry.person_id,
        "title": entry.title_id,
        "unit": entry.unit_id,
        "valid_from": format_date(entry.valid_from),
    }


@login_required
def planning_list(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's planning entries, newest first (one query), with links to each entry's checklist."""
    person = person_get(user=request.user, pk=pk)
    entries = (
        PlanningEntry.objects.filter(person=person)
        .select_related("title", "unit")
        .order_by("-valid_from", "pk")
    )
    return render(request, "posts/planning_list.html", {"person": person, "entries": entries})


@login_required
def planning_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """One planning entry and the eligibility checklist for its title, unit and start date."""
    person = person_get(user=request.user, pk=pk)
    entry = get_object_or_404(
        PlanningEntry.objects.select_related("title", "unit"), pk=item_pk, person=person
    )
    context = {"person": person, "entry": entry, **panel_context(request.user, entry_panel_values(entry))}
    return render(request, "posts/planning_detail.html", context)


class PlanningPanelMixin:
    """The checklist under the form: from the posted values, else the entry's, else the ?title= prefill."""

    request: HttpRequest
    person: Any
    object: Any

    def panel_values(self, form: Any) -> dict[str, Any]:
        if form.is_bound:
            return {**form.data.dict(), "person": self.person.pk}
        if self.object is not None:
            return entry_panel_values(self.object)
        return {"person": self.person.pk, "title": self.request.GET.get("title", "")}

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)  # type: ignore[misc]
        context.update(panel_context(self.request.user, self.panel_values(form)))
        context["fixed_person"] = self.person.pk
        return context


class PlanningEntryCreateView(PlanningPanelMixin, PersonChildMixin, ServiceFormView):
    """Place the person in the planning for a title."""

    model = PlanningEntry
    form_class = PlanningEntryForm
    template_name = "posts/form_with_eligibility.html"
    page_title = gettext_lazy("Thêm quy hoạch")
    success_message = gettext_lazy("Đã thêm quy hoạch.")

    def get_initial(self) -> dict[str, Any]:
        value = self.request.GET.get("title", "")
        return {"title": int(value)} if value.isdigit() else {}

    def get_form_extra(self) -> dict[str, Any]:
        # Only units the user may change are offered (a tampered id is refused).
        return {"unit_queryset": visible_units(self.request.user, Action.CHANGE)}

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"].append((_("Quy hoạch"), _list_url(self.person.pk)))
        return context

    def get_cancel_url(self) -> str:
        return _list_url(self.person.pk)

    def perform(self, form: Any) -> Model:
        return planning.planning_entry_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )

    def get_success_url(self, obj: Model) -> str:
        return reverse("web:planning_detail", args=[self.person.pk, obj.pk])


class PlanningEntryUpdateView(PlanningEntryCreateView):
    """Correct a planning entry or end it (Đến ngày); a save over a newer version is refused."""

    page_title = gettext_lazy("Sửa quy hoạch")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return planning.planning_entry_update(
            actor=self.request.user, entry=self.object, data=form.service_data(), version=form.loaded_version
        )


class PlanningEntryDeleteView(PersonChildMixin, ServiceDeleteView):
    """Remove a planning entry recorded in error."""

    model = PlanningEntry

    success_message = gettext_lazy("Đã xóa quy hoạch.")

    def perform(self, obj: Model) -> None:
        planning.planning_entry_delete(actor=self.request.user, entry=obj, version=self.loaded_version)  # type: ignore[arg-type]

    def get_success_url(self, obj: Model) -> str:
        return _list_url(self.person.pk)
