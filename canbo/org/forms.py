"""Forms of units and of seats in elected bodies (input parsing only; org.services validates and saves)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.access.models import Action
from canbo.geo.models import Locality
from canbo.web.forms import (
    LOCALITY_LOOKUP,
    TERM_LOOKUP,
    UNIT_LOOKUP,
    InputForm,
    PickerField,
    StyledFormMixin,
    VNDateField,
)

from .models import Membership, Nomination, OrgUnit, Term
from .selectors import visible_units


class UnitForm(StyledFormMixin, InputForm):
    """A unit in the tree and the period it exists."""

    parent = PickerField(
        OrgUnit.objects.all(), source=UNIT_LOOKUP, required=False, label=_("Đơn vị cấp trên")
    )
    locality = PickerField(Locality.objects.all(), source=LOCALITY_LOOKUP, required=False, label=_("Địa bàn"))
    valid_from = VNDateField(label=_("Thành lập từ ngày"))
    valid_to = VNDateField(
        label=_("Giải thể / sáp nhập ngày"),
        required=False,
        help_text=_("Ngày cuối cùng đơn vị còn tồn tại; để trống nếu đang hoạt động."),
    )

    class Meta:
        model = OrgUnit
        fields = [
            "name",
            "short_name",
            "code",
            "parent",
            "level",
            "sector",
            "kind",
            "locality",
            "position",
            "valid_from",
            "valid_to",
        ]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only units the user may change can be chosen as the parent (a tampered id is refused); the current
        # parent stays a valid choice, so the root of one's own grant can still be renamed.
        instance = kwargs.get("instance")
        parents = visible_units(user, Action.CHANGE)
        if instance is not None and instance.parent_id:
            parents = parents | OrgUnit.objects.filter(pk=instance.parent_id)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if instance is not None and instance.pk:
            self.fields["parent"].initial = instance.parent_id
            self.fields["locality"].initial = instance.locality_id
        self.fields["position"].help_text = _("Thứ tự hiển thị trong cùng đơn vị cấp trên.")


class MembershipForm(StyledFormMixin, InputForm):
    """A seat in a party committee, standing committee or People's Council for a term."""

    term = PickerField(
        Term.objects.select_related("body"), source=TERM_LOOKUP, label=_("Cấp ủy / HĐND, nhiệm kỳ")
    )
    valid_from = VNDateField(label=_("Từ ngày"))
    valid_to = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu đến hết nhiệm kỳ."))

    class Meta:
        model = Membership
        fields = ["term", "role", "valid_from", "valid_to", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.fields["term"].initial = instance.term_id
        self.fields["note"].widget = forms.TextInput(attrs={"class": "form-control"})


class NominationForm(StyledFormMixin, InputForm):
    """A place on the list of nominees for the election of a term (e.g. People's Council 2021–2026)."""

    term = PickerField(
        Term.objects.select_related("body"), source=TERM_LOOKUP, label=_("Cơ quan bầu, nhiệm kỳ")
    )
    nominated_on = VNDateField(label=_("Ngày giới thiệu"))

    class Meta:
        model = Nomination
        fields = ["term", "nominated_on", "constituency", "outcome"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.fields["term"].initial = instance.term_id
        self.fields["constituency"].widget = forms.TextInput(attrs={"class": "form-control"})
