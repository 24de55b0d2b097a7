"""The annual-rating form: year, level and (from the 100-point scale's first year) score."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.web.forms import InputForm, StyledFormMixin, VNDateField

from .choices import RatingLevel
from .models import AnnualRating, DisciplineRecord, PoliticalStandardConclusion


class ScoreField(forms.Field):
    """A score typed the Vietnamese way ("82,5") or with a point; empty for none."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().replace(" ", "")
        if not text:
            return None
        try:
            score = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(
                _("Điểm “%(v)s” không phải là số (ví dụ 82 hoặc 82,5).") % {"v": text}, code="invalid"
            ) from exc
        if not score.is_finite():
            raise ValidationError(_("Điểm “%(v)s” không phải là số (ví dụ 82 hoặc 82,5).") % {"v": text})
        return score

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class AnnualRatingForm(StyledFormMixin, InputForm):
    """One year's rating of a person; the service checks the year, the score's period and its band."""

    year = forms.IntegerField(label=gettext_lazy("Năm đánh giá"))
    level = forms.ChoiceField(
        label=gettext_lazy("Mức xếp loại"),
        choices=[("", "—"), *RatingLevel.choices],
        required=False,
        help_text=gettext_lazy("Năm có thang điểm 100 (từ 2026): để trống thì mức được tính theo điểm."),
    )
    score = ScoreField(
        label=gettext_lazy("Điểm (thang 100)"),
        required=False,
        help_text=gettext_lazy("Chỉ ghi cho các năm áp dụng thang điểm 100."),
    )

    class Meta:
        model = AnnualRating
        fields = ["year", "level", "score"]


class DisciplineRecordForm(StyledFormMixin, InputForm):
    """A disciplinary measure: Party or State, the form, the decision and the period it is in effect.

    The service checks the form belongs to the system, the dates against each other, today and birth.
    """

    decision_date = VNDateField(label=gettext_lazy("Ngày quyết định"))
    valid_from = VNDateField(label=gettext_lazy("Có hiệu lực từ ngày"))
    valid_to = VNDateField(
        label=gettext_lazy("Hết hiệu lực ngày"),
        required=False,
        help_text=gettext_lazy("Để trống nếu chưa rõ."),
    )
    wide_fields = ("reason",)

    class Meta:
        model = DisciplineRecord
        fields = [
            "system",
            "form",
            "decision_number",
            "decision_date",
            "issued_by",
            "valid_from",
            "valid_to",
            "reason",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}


class PoliticalStandardForm(StyledFormMixin, InputForm):
    """A conclusion on a person's political standard: the day, the conclusion, by whom, in which document."""

    concluded_on = VNDateField(label=gettext_lazy("Ngày kết luận"))
    wide_fields = ("note",)

    class Meta:
        model = PoliticalStandardConclusion
        fields = ["concluded_on", "conclusion", "concluded_by", "document", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
