"""Pages of the work history: add, correct and remove assignments through posts.services."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Action
from canbo.conduct.views import panel_context
from canbo.core.formatting import format_date
from canbo.org.selectors import visible_units
from canbo.people.selectors import person_get, visible_persons
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import services
from .forms import AssignmentForm
from .models import Assignment


def _history_url(person_id: int) -> str:
    return reverse("web:person_detail", args=[person_id]) + "#qua-trinh-cong-tac"


class AssignmentCreateView(ServiceFormView):
    """Add a post to a person's work history; ?person=, ?unit= and ?title= prefill the form.

    Under the form, the eligibility checklist for the chosen person, title, unit and start date (htmx
    refreshes it on every change): advice only — a failed check is shown, the save goes ahead.
    """

    form_class = AssignmentForm
    template_name = "posts/form_with_eligibility.html"
    page_title = gettext_lazy("Thêm quá trình công tác")
    success_message = gettext_lazy("Đã thêm quá trình công tác.")

    def get_initial(self) -> dict[str, Any]:
        initial = {}
        for name in ("person", "unit", "title"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def get_form_extra(self) -> dict[str, Any]:
        # Only people and units the user may change are valid choices (a tampered id is refused).
        return {
            "person_queryset": visible_persons(self.request.user, Action.CHANGE),
            "unit_queryset": visible_units(self.request.user, Action.CHANGE),
        }

    def panel_values(self, form: Any) -> dict[str, Any]:
        """The checklist's inputs: what was posted, else the prefill."""
        if form.is_bound:
            return form.data.dict()
        return {name: self.request.GET.get(name, "") for name in ("person", "title", "unit")}

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [(_("Cán bộ"), reverse("web:person_list"))]
        context.update(panel_context(self.request.user, self.panel_values(form)))
        return context

    def get_cancel_url(self) -> str:
        person = self.request.GET.get("person", "")
        return _history_url(int(person)) if person.isdigit() else reverse("web:person_list")

    def perform(self, form: Any) -> Model:
        person = person_get(user=self.request.user, pk=form.cleaned_data["person"].pk, action=Action.CHANGE)
        return services.assignment_create(actor=self.request.user, person=person, data=form.service_data())

    def get_success_url(self, obj: Model) -> str:
        return _history_url(obj.person_id)  # type: ignore[attr-defined]


class AssignmentUpdateView(AssignmentCreateView):
    """Correct or end a post."""

    page_title = gettext_lazy("Sửa quá trình công tác")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.object = get_object_or_404(Assignment.objects.select_related("decision"), pk=kwargs["pk"])
        self.person = person_get(user=request.user, pk=self.object.person_id, action=Action.CHANGE)

    def get_instance(self) -> Model | None:
        return self.object

    def get_form_extra(self) -> dict[str, Any]:
        return {"unit_queryset": visible_units(self.request.user, Action.CHANGE)}

    def panel_values(self, form: Any) -> dict[str, Any]:
        """The posted values (the person field is disabled, so not posted), else the saved post's."""
        if form.is_bound:
            return {**form.data.dict(), "person": self.person.pk}
        return {
            "person": self.person.pk,
            "title": self.object.title_id,
            "unit": self.object.unit_id,
            "valid_from": format_date(self.object.valid_from),
        }

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"].append((self.person.full_name, reverse("web:person_detail", args=[self.person.pk])))
        context["fixed_person"] = self.person.pk
        return context

    def get_cancel_url(self) -> str:
        return _history_url(self.person.pk)

    def perform(self, form: Any) -> Model:
        return services.assignment_update(
            actor=self.request.user,
            assignment=self.object,
            data=form.service_data(),
            version=form.loaded_version,
        )


class AssignmentDeleteView(ServiceDeleteView):
    """Remove a post recorded in error."""

    success_message = gettext_lazy("Đã xóa quá trình công tác.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        assignment = get_object_or_404(Assignment.objects.select_related("title", "unit"), pk=kwargs["pk"])
        person_get(user=request.user, pk=assignment.person_id, action=Action.CHANGE)
        return assignment

    def perform(self, obj: Model) -> None:
        services.assignment_delete(actor=self.request.user, assignment=obj, version=self.loaded_version)  # type: ignore[arg-type]

    def get_success_url(self, obj: Model) -> str:
        return _history_url(obj.person_id)  # type: ignore[attr-defined]
