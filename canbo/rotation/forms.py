"""Forms of the rotation records: a sensitive position, an exemption, a movement, and the end of each."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import today
from canbo.org.models import OrgUnit
from canbo.posts.models import Title
from canbo.web.forms import (
    TITLE_LOOKUP,
    UNIT_LOOKUP,
    InputForm,
    PickerField,
    StyledFormMixin,
    VNDateField,
)

from .models import Movement, PositionChangeExemption, SensitivePosition
from .services import field_codes


class SensitivePositionForm(StyledFormMixin, InputForm):
    """A position in a field subject to periodic change (the fields of the rule in force today)."""

    unit = PickerField(OrgUnit.objects.all(), source=UNIT_LOOKUP, label=_("Đơn vị"))
    field = forms.ChoiceField(label=_("Lĩnh vực"))
    valid_from = VNDateField(label=_("Giữ vị trí từ ngày"))

    class Meta:
        model = SensitivePosition
        fields = ["unit", "field", "position", "valid_from"]

    def __init__(self, *args: Any, unit_queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit_queryset is not None:
            self.fields["unit"].queryset = unit_queryset  # type: ignore[attr-defined]
        choices = [
            (code, f"{name} ({months} tháng)") for code, (name, months) in field_codes(today()).items()
        ]
        self.fields["field"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]
        self.fields["position"].widget = forms.TextInput(attrs={"class": "form-control"})


class ExemptionForm(StyledFormMixin, InputForm):
    """Why and until when a person's periodic position change is deferred."""

    valid_from = VNDateField(label=_("Từ ngày"))
    valid_to = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu chưa rõ."))

    class Meta:
        model = PositionChangeExemption
        fields = ["reason", "basis", "valid_from", "valid_to"]


class MovementForm(StyledFormMixin, InputForm):
    """A rotation, secondment or transfer: from and to which unit, by which decision, until when planned."""

    from_unit = PickerField(OrgUnit.objects.all(), source=UNIT_LOOKUP, label=_("Từ đơn vị"))
    to_unit = PickerField(OrgUnit.objects.all(), source=UNIT_LOOKUP, label=_("Đến đơn vị"))
    to_title = PickerField(
        Title.objects.filter(is_active=True), source=TITLE_LOOKUP, label=_("Chức vụ"), required=False
    )
    decided_on = VNDateField(label=_("Ngày quyết định"))
    valid_from = VNDateField(label=_("Từ ngày"))
    planned_end = VNDateField(label=_("Dự kiến kết thúc"), required=False)

    class Meta:
        model = Movement
        fields = [
            "kind",
            "from_unit",
            "to_unit",
            "to_title",
            "to_post",
            "decision",
            "decided_on",
            "valid_from",
            "planned_end",
            "exception_basis",
        ]

    def __init__(self, *args: Any, unit_queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit_queryset is not None:
            for name in ("from_unit", "to_unit"):
                self.fields[name].queryset = unit_queryset  # type: ignore[attr-defined]


class EndForm(StyledFormMixin, forms.Form):
    """The day a record stopped applying."""

    ended_on = VNDateField(label=_("Ngày kết thúc"))
