"""Forms of the rules administration page; they parse input, the services validate and save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.web.forms import StyledFormMixin, VNDateField

from .choices import Confidence
from .definitions import RULES


class RuleVersionForm(StyledFormMixin, forms.Form):
    """A new version of a rule: period, parameters as JSON, the document and article, confidence."""

    rule = forms.ChoiceField(label=_("Quy định"))
    valid_from = VNDateField(label=_("Áp dụng từ ngày"))
    valid_to = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu đang áp dụng."))
    parameters = forms.CharField(
        label=_("Tham số (JSON)"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "class": "font-monospace"}),
    )
    source = forms.CharField(label=_("Văn bản"), max_length=200)
    article = forms.CharField(label=_("Điều, khoản"), max_length=200, required=False)
    confidence = forms.ChoiceField(
        label=_("Mức kiểm chứng"), choices=Confidence.choices, initial=Confidence.VERIFIED
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    close_previous = forms.BooleanField(
        label=_("Kết thúc phiên bản đang áp dụng vào ngày trước ngày áp dụng của phiên bản mới"),
        required=False,
        initial=True,
    )

    wide_fields = ("parameters", "note", "close_previous", "source")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(key, f"{key} — {item.label}") for key, item in RULES.items()]  # type: ignore[attr-defined]

    def clean_parameters(self) -> Any:
        """Parse the JSON text; the service checks it against the rule's parameter schema."""
        text = self.cleaned_data["parameters"]
        try:
            return json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Tham số không phải JSON hợp lệ (dòng %(line)s, cột %(col)s).")
                % {"line": getattr(exc, "lineno", "?"), "col": getattr(exc, "colno", "?")}
            ) from exc

    def service_data(self) -> dict[str, Any]:
        """The values the service takes, without the close_previous switch."""
        return {key: value for key, value in self.cleaned_data.items() if key != "close_previous"}
