"""Entry pages of a person's rotation records: sensitive positions, exemptions and movements.

Each page reads the person through person_get(action=CHANGE) (out of scope: 404), offers units from the
user's scope only and writes through one service of canbo.rotation.services; the service's Vietnamese
messages are shown on the form.
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
from django.views.decorators.http import require_GET

from canbo.access.models import Action
from canbo.core.dates import today
from canbo.org.selectors import visible_units
from canbo.people.selectors import person_get
from canbo.web.views import ServiceFormView

from . import services
from .forms import EndForm, ExemptionForm, MovementForm, SensitivePositionForm
from .models import Movement, PositionChangeExemption, SensitivePosition
from .selectors import movements_of


def _records_url(person_pk: int) -> str:
    return reverse("rotation:records", args=[person_pk])


@login_required
@require_GET
def records(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's sensitive positions, exemptions and movements, with the links to add and end them."""
    person = person_get(user=request.user, pk=pk)
    fields = services.field_codes(today())
    positions = list(
        SensitivePosition.objects.filter(person=person).select_related("unit").order_by("-valid_from")
    )
    for position in positions:
        position.field_name = fields.get(position.field, (position.field, 0))[0]
    context = {
        "person": person,
        "positions": positions,
        "exemptions": PositionChangeExemption.objects.filter(person=person).order_by("-valid_from"),
        "movements": movements_of(user=request.user, person=person),
        "nav_section": "people",
    }
    return render(request, "rotation/records.html", context)


class _PersonRecordView(ServiceFormView):
    """A form about one person in the user's scope (for change); back to the person's rotation records."""

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, reverse("web:person_detail", args=[self.person.pk])),
            (_("Chuyển đổi vị trí, luân chuyển"), _records_url(self.person.pk)),
        ]
        context["subject"] = self.person.full_name
        return context

    def get_cancel_url(self) -> str:
        return _records_url(self.person.pk)

    def get_success_url(self, obj: Model) -> str:
        return _records_url(self.person.pk)


class SensitivePositionCreateView(_PersonRecordView):
    form_class = SensitivePositionForm
    page_title = gettext_lazy("Thêm vị trí phải định kỳ chuyển đổi")
    success_message = gettext_lazy("Đã thêm vị trí phải định kỳ chuyển đổi.")

    def get_form_extra(self) -> dict[str, Any]:
        return {"unit_queryset": visible_units(self.request.user, Action.CHANGE)}

    def perform(self, form: Any) -> Model:
        return services.sensitive_position_create(
            actor=self.request.user, data={**form.service_data(), "person": self.person}
        )


class ExemptionCreateView(_PersonRecordView):
    form_class = ExemptionForm
    page_title = gettext_lazy("Thêm trường hợp chưa chuyển đổi vị trí")
    success_message = gettext_lazy("Đã thêm trường hợp chưa chuyển đổi vị trí.")

    def perform(self, form: Any) -> Model:
        return services.position_change_exemption_create(
            actor=self.request.user, data={**form.service_data(), "person": self.person}
        )


class MovementCreateView(_PersonRecordView):
    form_class = MovementForm
    page_title = gettext_lazy("Thêm luân chuyển, biệt phái, điều động")
    success_message = gettext_lazy("Đã thêm luân chuyển, biệt phái, điều động.")

    def get_form_extra(self) -> dict[str, Any]:
        return {"unit_queryset": visible_units(self.request.user, Action.CHANGE)}

    def perform(self, form: Any) -> Model:
        return services.movement_create(
            actor=self.request.user, data={**form.service_data(), "person": self.person}
        )


class _EditMixin:
    """Edit one of the person's records: the create page, loaded with the row, writing through `update`."""

    model: type[Model]

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        super().load(request, **kwargs)  # type: ignore[misc]
        self.item: Any = get_object_or_404(self.model, pk=kwargs["item_pk"], person=self.person)  # type: ignore[attr-defined]

    def get_instance(self) -> Model | None:
        return self.item


class SensitivePositionUpdateView(_EditMixin, SensitivePositionCreateView):
    model = SensitivePosition
    page_title = gettext_lazy("Sửa vị trí phải định kỳ chuyển đổi")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return services.sensitive_position_update(
            actor=self.request.user, position=self.item, data=form.service_data()
        )


class ExemptionUpdateView(_EditMixin, ExemptionCreateView):
    model = PositionChangeExemption
    page_title = gettext_lazy("Sửa trường hợp chưa chuyển đổi vị trí")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return services.position_change_exemption_update(
            actor=self.request.user, exemption=self.item, data=form.service_data()
        )


class MovementUpdateView(_EditMixin, MovementCreateView):
    model = Movement
    page_title = gettext_lazy("Sửa luân chuyển, biệt phái, điều động")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return services.movement_update(actor=self.request.user, movement=self.item, data=form.service_data())


class _EndView(_PersonRecordView):
    """Close one of the person's records on a day."""

    form_class = EndForm
    model: type[Model]
    success_message = gettext_lazy("Đã ghi nhận ngày kết thúc.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        super().load(request, **kwargs)
        self.item: Any = get_object_or_404(self.model, pk=kwargs["item_pk"], person=self.person)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        form = EndForm(data=data, initial={"ended_on": today()})
        form.error_field_map = {"valid_to": "ended_on"}  # type: ignore[attr-defined]
        return form

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["subject"] = f"{self.person.full_name} — {self.item}"
        return context


class SensitivePositionEndView(_EndView):
    model = SensitivePosition
    page_title = gettext_lazy("Kết thúc giữ vị trí phải định kỳ chuyển đổi")

    def perform(self, form: Any) -> Model:
        return services.sensitive_position_end(
            actor=self.request.user, position=self.item, ended_on=form.cleaned_data["ended_on"]
        )


class ExemptionEndView(_EndView):
    model = PositionChangeExemption
    page_title = gettext_lazy("Kết thúc trường hợp chưa chuyển đổi vị trí")

    def perform(self, form: Any) -> Model:
        return services.position_change_exemption_end(
            actor=self.request.user, exemption=self.item, ended_on=form.cleaned_data["ended_on"]
        )


class MovementEndView(_EndView):
    model = Movement
    page_title = gettext_lazy("Kết thúc luân chuyển, biệt phái, điều động")

    def perform(self, form: Any) -> Model:
        return services.movement_end(
            actor=self.request.user, movement=self.item, ended_on=form.cleaned_data["ended_on"]
        )
