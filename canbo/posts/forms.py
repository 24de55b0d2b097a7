"""Forms of the work history (assignments with their decisions) and of the title code lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import OrgUnit
from canbo.people.models import Person
from canbo.web.forms import (
    PERSON_LOOKUP,
    TITLE_LOOKUP,
    UNIT_LOOKUP,
    InputForm,
    PickerField,
    StyledFormMixin,
    VNDateField,
)

from .models import Assignment, ManagementCategory, PlanningEntry, Title


class AssignmentForm(StyledFormMixin, InputForm):
    """A post in the work history (form 2C item 28) and the decision behind it."""

    person = PickerField(Person.objects.all(), source=PERSON_LOOKUP, label=_("Cán bộ"))
    title = PickerField(Title.objects.filter(is_active=True), source=TITLE_LOOKUP, label=_("Chức vụ"))
    unit = PickerField(OrgUnit.objects.all(), source=UNIT_LOOKUP, label=_("Đơn vị"))
    valid_from = VNDateField(label=_("Từ ngày"))
    valid_to = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu đang giữ chức vụ."))
    term_ends_on = VNDateField(
        label=_("Hết thời hạn bổ nhiệm"), required=False, help_text=_("Thường là 5 năm kể từ ngày bổ nhiệm.")
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_signed_on = VNDateField(label=_("Ngày ký"), required=False)
    decision_signer = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    decision_issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)

    class Meta:
        model = Assignment
        fields = ["title", "unit", "valid_from", "valid_to", "is_concurrent", "term_ends_on", "description"]

    wide_fields = {"description"}

    fieldsets = [
        (
            _("Chức vụ"),
            [
                "person",
                "title",
                "unit",
                "valid_from",
                "valid_to",
                "is_concurrent",
                "term_ends_on",
                "description",
            ],
        ),
        (_("Quyết định"), ["decision_number", "decision_signed_on", "decision_signer", "decision_issuer"]),
    ]

    def __init__(
        self, *args: Any, person_queryset: Any = None, unit_queryset: Any = None, **kwargs: Any
    ) -> None:
        instance: Assignment | None = kwargs.get("instance")
        if instance is not None and instance.pk and instance.decision_id:
            decision = instance.decision
            assert decision is not None
            kwargs["initial"] = {
                "decision_number": decision.number,
                "decision_signed_on": decision.signed_on,
                "decision_signer": decision.signer,
                "decision_issuer": decision.issuer,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        # Fields are declared in model order; put the person first, as on the paper form.
        self.order_fields(["person", "title", "unit"])
        if person_queryset is not None:
            self.fields["person"].queryset = person_queryset  # type: ignore[attr-defined]
        if unit_queryset is not None:
            self.fields["unit"].queryset = unit_queryset  # type: ignore[attr-defined]
        if instance is not None and instance.pk:
            self.fields["person"].initial = instance.person_id
            self.fields["person"].disabled = True
        self.fields["description"].widget = forms.TextInput(attrs={"class": "form-control"})
        self.fields["description"].help_text = _("Ghi như trong lý lịch, nếu cần khác tên chức vụ và đơn vị.")

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("person", None)
        return data


# ---- Code lists ------------------------------------------------------------------------------------
# Reference data saved by ModelForm full_clean() + save(), as agreed for the "Danh mục" section.


class TitleForm(StyledFormMixin, forms.ModelForm):
    """A post or title."""

    class Meta:
        model = Title
        fields = [
            "code",
            "name",
            "level",
            "rank",
            "is_leadership",
            "is_sole",
            "management_category",
            "position",
            "is_active",
        ]


class ManagementCategoryForm(StyledFormMixin, forms.ModelForm):
    """Who manages a cadre."""

    class Meta:
        model = ManagementCategory
        fields = ["code", "name", "position"]


class PlanningEntryForm(StyledFormMixin, InputForm):
    """A person placed in the planning (quy hoạch) for a title in a unit, for a term."""

    title = PickerField(
        Title.objects.filter(is_active=True), source=TITLE_LOOKUP, label=_("Chức danh quy hoạch")
    )
    unit = PickerField(OrgUnit.objects.all(), source=UNIT_LOOKUP, label=_("Đơn vị"))
    valid_from = VNDateField(label=_("Từ ngày"), help_text=_("Ngày quyết định quy hoạch có hiệu lực."))
    valid_to = VNDateField(
        label=_("Đến ngày"), required=False, help_text=_("Để trống nếu còn trong quy hoạch.")
    )
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)

    class Meta:
        model = PlanningEntry
        fields = [
            "title",
            "unit",
            "term_label",
            "valid_from",
            "valid_to",
            "approved_by",
            "decision_number",
            "decision_date",
            "expertise_field",
            "deep_expertise",
        ]

    def __init__(self, *args: Any, unit_queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit_queryset is not None:
            self.fields["unit"].queryset = unit_queryset  # type: ignore[attr-defined]
