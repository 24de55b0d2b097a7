"""Forms of the rules administration page; they parse input, the services validate and save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.web.forms import InputForm, StyledFormMixin, VNDateField

from .choices import Confidence
from .definitions import RULES
from .models import AppointmentFile, EarlyRetirement, ReappointmentNotice


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


class RecordForm(StyledFormMixin, InputForm):
    """A one-per-person or one-per-post record: it always carries the version it was loaded at (0 = none yet)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # 0 when the page showed no record: a save after someone else created one is refused (StaleVersion),
        # and so is a form loaded without a record and posted after one appeared.
        self.fields["version"] = forms.IntegerField(
            required=False,
            min_value=0,
            widget=forms.HiddenInput,
            initial=self.instance.version if self.instance.pk is not None else 0,
        )


class EarlyRetirementForm(RecordForm):
    """The decision that a person retires before the statutory age (NĐ 135/2020 Art 5)."""

    retires_on = VNDateField(
        label=_("Ngày nghỉ hưu"), help_text=_("Ngày cuối cùng trước khi nghỉ hưu, theo quyết định.")
    )

    class Meta:
        model = EarlyRetirement
        fields = ["retires_on", "reason", "basis"]

    wide_fields = ("basis",)


class AppointmentFileForm(RecordForm):
    """When the organisation board received an appointment's file, and any age exception granted."""

    received_on = VNDateField(label=_("Ngày nhận hồ sơ"))

    class Meta:
        model = AppointmentFile
        fields = ["received_on", "is_first_or_higher", "age_exception"]
        widgets = {"age_exception": forms.Textarea(attrs={"rows": 2})}

    wide_fields = ("age_exception", "is_first_or_higher")


class ReappointmentNoticeForm(RecordForm):
    """The day the holder was notified to prepare for reappointment, and the notice's reference."""

    notified_on = VNDateField(label=_("Ngày thông báo"))

    class Meta:
        model = ReappointmentNotice
        fields = ["notified_on", "reference"]
