"""Shared form machinery: Vietnamese date inputs, searchable pickers, and forms that only parse input.

Domain forms in the apps build on these. A form here never saves: views hand `cleaned_data` to a
service, and the service's `ValidationError` is put back on the form with `apply_service_errors`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import DatePrecision, format_partial

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y"]


class VNDateInput(forms.DateInput):
    """A text input for dates typed as dd/mm/yyyy (d/m/yyyy is accepted too)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control vn-date",
            "maxlength": "10",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class VNDateField(forms.DateField):
    """A date typed the Vietnamese way; the error says which format is expected."""

    widget = VNDateInput
    default_error_messages = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1978.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


_PARTIAL_RE = re.compile(r"^\s*(?:(?:(\d{1,2})[/.-])?(\d{1,2})[/.-])?(\d{4})\s*$")


class PartialDateField(forms.CharField):
    """A date of which only the year, or month and year, may be known: dd/mm/yyyy, mm/yyyy or yyyy.

    Cleans to (date, precision); unknown parts become 1, as the models store them.
    """

    default_error_messages = {
        "invalid": _("Nhập ngày theo dạng dd/mm/yyyy, mm/yyyy hoặc yyyy."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off", "class": "form-control vn-date"}
            ),
        )
        kwargs.setdefault("help_text", _("Chỉ biết năm thì nhập yyyy; chỉ biết tháng thì nhập mm/yyyy."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, tuple):
            return format_partial(*value)
        if isinstance(value, dt.date):
            return format_partial(value, DatePrecision.DAY)
        return value

    def to_python(self, value: Any) -> Any:
        if isinstance(value, tuple):
            return value
        text = super().to_python(value)
        if not text:
            return None
        match = _PARTIAL_RE.match(text)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = match.groups()
        precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        try:
            return dt.date(int(year), int(month or 1), int(day or 1)), precision
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class PickerSelect(forms.Select):
    """A select that the browser turns into a searchable picker fed by a JSON endpoint.

    Only the chosen option is rendered, so a list of thousands of units costs nothing; the
    endpoint answers `?q=` with `{"results": [{"id": …, "text": …, "hint": …}]}`.
    """

    template_name = "web/widgets/picker.html"

    def __init__(self, source: StrOrPromise, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "form-select", **(attrs or {})})
        self.source = source

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["source"] = str(self.source)
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        """The empty option and the chosen one, fetched by primary key (never the whole list)."""
        options = [self.create_option(name, "", "", not value or value == [""], 0)]
        chosen = [v for v in value if v not in (None, "")]
        queryset = getattr(self.choices, "queryset", None)
        if chosen and queryset is not None:
            try:
                rows = list(queryset.filter(pk__in=chosen))
            except (ValueError, TypeError):
                rows = []
            field = getattr(self.choices, "field")  # noqa: B009 (a ModelChoiceIterator)
            for index, obj in enumerate(rows, start=1):
                options.append(self.create_option(name, obj.pk, field.label_from_instance(obj), True, index))
        return [(None, [option], index) for index, option in enumerate(options)]


class PickerField(forms.ModelChoiceField):
    """A model choice whose options are searched on the server instead of listed in the page."""

    def __init__(self, queryset: Any, *, source: StrOrPromise, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PickerSelect(source=source))
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


UNIT_LOOKUP = reverse_lazy("web:lookup_units")
TITLE_LOOKUP = reverse_lazy("web:lookup_titles")
PERSON_LOOKUP = reverse_lazy("web:lookup_people")
TERM_LOOKUP = reverse_lazy("web:lookup_terms")
LOCALITY_LOOKUP = reverse_lazy("web:lookup_localities")


class InputForm(forms.ModelForm):
    """A ModelForm used only to parse and label input; the model is validated and saved by a service.

    Skipping ModelForm's model validation keeps each rule in one place (the service) and its
    message in one language; `save()` is refused so that no view can bypass the service.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An edit of a versioned record carries the version it was loaded at (canbo.audit.versions).
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["version"] = forms.IntegerField(
                required=False, min_value=1, widget=forms.HiddenInput, initial=self.instance.version
            )

    def _post_clean(self) -> None:
        """Leave model validation to the service."""

    def save(self, commit: bool = True) -> Any:
        raise RuntimeError("Write through the app's services, not ModelForm.save().")

    def service_data(self) -> dict[str, Any]:
        """The cleaned values to hand to the service, by model field name (without the loaded version)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data

    @property
    def loaded_version(self) -> int | None:
        """The version of the record the form was loaded at (None on a new record or an old form)."""
        return self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None

    def show_conflict(self, current: int) -> None:
        """After a conflict: the form now carries the current version, so a deliberate second save goes in."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict on a posted form
        data[self.add_prefix("version")] = str(current)
        self.data = data


class StyledFormMixin:
    """Give every widget Tabler's classes so templates can render fields in a loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = widget.attrs.get("class", "")
            if isinstance(widget, forms.CheckboxInput):
                default = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                default = "form-select"
            else:
                default = "form-control"
            if default not in css.split():
                widget.attrs["class"] = f"{default} {css}".strip()


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message next to its field, the rest on top."""
    aliases: dict[str, str] = getattr(form, "error_field_map", {})
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = aliases.get(field, field)
            if name not in form.fields and name.endswith("_id"):
                name = name[:-3]
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


def mark_invalid(form: forms.BaseForm) -> None:
    """Style fields with errors (Tabler's is-invalid), link them to their messages, focus the first one."""
    invalid = [name for name in form.fields if name in form.errors]
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)
    for name in invalid:
        widget = form.fields[name].widget
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
        widget.attrs["aria-invalid"] = "true"
        widget.attrs["aria-describedby"] = f"{form[name].auto_id}_error"
    if invalid:
        form.fields[invalid[0]].widget.attrs["autofocus"] = True
