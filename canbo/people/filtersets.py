"""The people list's filters: GET parameters parsed into the selector's PersonFilters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.choices import Level
from canbo.org.models import OrgUnit
from canbo.posts.choices import TitleRank
from canbo.posts.models import ManagementCategory, Title
from canbo.web.forms import TITLE_LOOKUP, UNIT_LOOKUP, PickerField, PickerSelect

from .choices import QualificationKind, Sex, StaffCategory
from .models import Ethnicity, QualificationLevel
from .selectors import PersonFilters

BLANK = [("", _("Tất cả"))]

# The qualification minimums, in form-2C order: (form field, PersonFilters field, kind, label).
QUALIFICATION_FILTERS = [
    ("education_min", QualificationKind.EDUCATION, _("Chuyên môn từ")),
    ("political_theory_min", QualificationKind.POLITICAL_THEORY, _("Lý luận chính trị từ")),
    ("state_management_min", QualificationKind.STATE_MANAGEMENT, _("Quản lý nhà nước từ")),
    ("foreign_language_min", QualificationKind.FOREIGN_LANGUAGE, _("Ngoại ngữ từ")),
    ("it_min", QualificationKind.IT, _("Tin học từ")),
]


class PersonFilterForm(forms.Form):
    """Search and filters of the people list; every field is optional and blank means "any"."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=120)
    unit = PickerField(
        OrgUnit.objects.all(),
        source=UNIT_LOOKUP,
        required=False,
        label=_("Đơn vị (gồm cấp dưới)"),
        widget=PickerSelect(source=UNIT_LOOKUP, attrs={"class": "form-select form-select-sm"}),
    )
    level = forms.ChoiceField(label=_("Cấp"), choices=BLANK + list(Level.choices), required=False)
    title = PickerField(
        Title.objects.all(),
        source=TITLE_LOOKUP,
        required=False,
        label=_("Chức vụ"),
        widget=PickerSelect(source=TITLE_LOOKUP, attrs={"class": "form-select form-select-sm"}),
    )
    rank = forms.ChoiceField(label=_("Bậc chức vụ"), choices=BLANK + list(TitleRank.choices), required=False)
    leadership_only = forms.BooleanField(label=_("Chỉ lãnh đạo, quản lý"), required=False)
    management_category = forms.ModelChoiceField(
        ManagementCategory.objects.all(), label=_("Diện quản lý"), required=False, empty_label=_("Tất cả")
    )
    staff_category = forms.ChoiceField(
        label=_("Đối tượng"), choices=BLANK + list(StaffCategory.choices), required=False
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=BLANK + list(Sex.choices), required=False)
    age_min = forms.IntegerField(label=_("Tuổi từ"), required=False, min_value=15, max_value=100)
    age_max = forms.IntegerField(label=_("đến"), required=False, min_value=15, max_value=100)
    ethnicity = forms.ModelChoiceField(
        Ethnicity.objects.all(), label=_("Dân tộc"), required=False, empty_label=_("Tất cả")
    )
    minority = forms.TypedChoiceField(
        label=_("Dân tộc thiểu số"),
        choices=[("", _("Tất cả")), ("1", _("Dân tộc thiểu số")), ("0", _("Dân tộc Kinh"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )
    education_min = forms.ModelChoiceField(QualificationLevel.objects.none(), required=False)
    political_theory_min = forms.ModelChoiceField(QualificationLevel.objects.none(), required=False)
    state_management_min = forms.ModelChoiceField(QualificationLevel.objects.none(), required=False)
    foreign_language_min = forms.ModelChoiceField(QualificationLevel.objects.none(), required=False)
    it_min = forms.ModelChoiceField(QualificationLevel.objects.none(), required=False)
    include_former = forms.BooleanField(label=_("Gồm cả người đã thôi công tác"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "placeholder": _("Họ tên (có dấu hoặc không dấu), số định danh, số hiệu"),
                "type": "search",
                "autocomplete": "off",
                "data-hotkey": "/",
                "class": "form-control cb-search-input",
            }
        )
        # One query for every qualification select, instead of one per kind.
        levels = list(QualificationLevel.objects.filter(is_active=True).order_by("kind", "rank", "name"))
        for name, kind, label in QUALIFICATION_FILTERS:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.label = label
            field.queryset = QualificationLevel.objects.filter(kind=kind)
            field.empty_label = _("Tất cả")
            field.choices = [("", _("Tất cả"))] + [(lvl.pk, lvl.name) for lvl in levels if lvl.kind == kind]
        ethnic = list(Ethnicity.objects.filter(is_active=True).order_by("sort_key", "code"))
        categories = list(ManagementCategory.objects.all())
        for name, rows in (("ethnicity", ethnic), ("management_category", categories)):
            choice_field = self.fields[name]
            assert isinstance(choice_field, forms.ModelChoiceField)
            choice_field.choices = [("", _("Tất cả"))] + [(row.pk, str(row)) for row in rows]
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select) and not isinstance(widget, PickerSelect):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            elif name != "q":
                widget.attrs.setdefault("class", "form-control form-control-sm")
        for name in ("age_min", "age_max"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "placeholder": ""})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", _("Tuổi đến phải lớn hơn hoặc bằng tuổi từ."))
        return data

    def to_filters(self) -> PersonFilters:
        """The selector's filters for the valid fields (an invalid field filters nothing)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        values: dict[str, Any] = {}
        for name in PersonFilters.__dataclass_fields__:
            if name in data and name not in self.errors and data[name] not in (None, ""):
                values[name] = data[name]
        values["q"] = (data.get("q") or "").strip()
        return PersonFilters(**values)

    def active_count(self) -> int:
        """How many filters besides the search box are set (for the "n filters" badge)."""
        if not hasattr(self, "cleaned_data"):
            return 0
        return sum(
            1 for name, value in self.cleaned_data.items() if name != "q" and value not in (None, "", False)
        )
