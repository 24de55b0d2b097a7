"""Input of the programme pages: which unit of the programme's territory the figures are for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canbo.org.models import OrgUnit
from canbo.org.selectors import visible_units
from canbo.web.forms import PickerField

from .engine import check_unit
from .models import Programme


class ScopeForm(forms.Form):
    """The unit (within the programme's territory) the indicator figures are computed for."""

    unit = PickerField(
        queryset=OrgUnit.objects.none(),
        source="",
        required=False,
        label=_("Đơn vị"),
        error_messages={"invalid_choice": _("Không có đơn vị này.")},
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        field = self.fields["unit"]
        assert isinstance(field, PickerField)
        # Every unit the user may see is accepted here, so that one outside the territory gets the engine's
        # message naming the programme rather than a bare "not a valid choice".
        field.queryset = visible_units(user)
        field.widget.source = reverse("web:programme_units", args=[programme.code])
        field.widget.attrs.update({"class": "form-select form-control-sm", "id": "id_unit"})

    def clean_unit(self) -> OrgUnit | None:
        unit: OrgUnit | None = self.cleaned_data.get("unit")
        try:
            check_unit(self.programme, unit)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return unit

    def chosen_unit(self) -> OrgUnit | None:
        """The valid unit, or None (the whole territory) when none or an invalid one was given."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("unit")
        return None
