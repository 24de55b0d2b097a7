"""Forms of persons and their history (input parsing only; the services validate and save)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from canbo.access.models import Action
from canbo.core.dates import DatePrecision
from canbo.core.text import fold, name_sort_key
from canbo.geo.models import Locality
from canbo.org.models import OrgUnit
from canbo.org.selectors import visible_units
from canbo.web.forms import (
    LOCALITY_LOOKUP,
    UNIT_LOOKUP,
    InputForm,
    PartialDateField,
    PickerField,
    StyledFormMixin,
    VNDateField,
)

from .choices import AttachmentKind, QualificationKind
from .models import (
    Ethnicity,
    EthnicityAlias,
    FamilyMember,
    Person,
    Qualification,
    QualificationLevel,
)
from .models import Religion as ReligionModel


def _locality_field(label: Any) -> PickerField:
    return PickerField(Locality.objects.all(), source=LOCALITY_LOOKUP, required=False, label=label)


class PersonForm(StyledFormMixin, InputForm):
    """Form 2C items 1–26: the fixed part of a person's record."""

    birth_date = PartialDateField(label=_("Ngày sinh"))
    national_id_issued_on = VNDateField(label=_("Ngày cấp"), required=False)
    recruited_on = VNDateField(label=_("Ngày tuyển dụng"), required=False)
    party_joined_on = VNDateField(label=_("Ngày vào Đảng"), required=False)
    party_official_on = VNDateField(label=_("Ngày chính thức"), required=False)

    error_field_map = {"birth_date_precision": "birth_date"}
    wide_fields = {
        "notes",
        "permanent_address",
        "current_address",
        "arrest_history",
        "foreign_ties",
        "relatives_abroad",
    }

    class Meta:
        model = Person
        fields = [
            "managing_unit",
            "full_name",
            "other_names",
            "birth_date",
            "sex",
            "ethnicity",
            "religion",
            "code",
            "staff_category",
            "birthplace",
            "birthplace_text",
            "home_town",
            "home_town_text",
            "permanent_address",
            "current_address",
            "national_id",
            "national_id_issued_on",
            "social_insurance_no",
            "occupation_at_recruitment",
            "recruited_on",
            "recruiting_agency",
            "general_education",
            "party_joined_on",
            "party_official_on",
            "mass_org_joined",
            "army_service",
            "honorary_title",
            "strengths",
            "health",
            "arrest_history",
            "foreign_ties",
            "relatives_abroad",
            "photo",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "arrest_history": forms.Textarea(attrs={"rows": 2}),
            "foreign_ties": forms.Textarea(attrs={"rows": 2}),
            "relatives_abroad": forms.Textarea(attrs={"rows": 2}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
            "national_id": forms.TextInput(
                attrs={"inputmode": "numeric", "maxlength": "12", "pattern": "[0-9 .]*"}
            ),
        }

    fieldsets = [
        (
            _("Sơ yếu"),
            [
                "managing_unit",
                "full_name",
                "other_names",
                "birth_date",
                "sex",
                "ethnicity",
                "religion",
                "code",
                "staff_category",
                "photo",
            ],
        ),
        (
            _("Nơi sinh, quê quán, nơi ở"),
            [
                "birthplace",
                "birthplace_text",
                "home_town",
                "home_town_text",
                "permanent_address",
                "current_address",
            ],
        ),
        (_("Giấy tờ"), ["national_id", "national_id_issued_on", "social_insurance_no"]),
        (_("Tuyển dụng"), ["occupation_at_recruitment", "recruited_on", "recruiting_agency"]),
        (
            _("Đảng, đoàn thể, quân ngũ"),
            ["party_joined_on", "party_official_on", "mass_org_joined", "army_service"],
        ),
        (
            _("Đặc điểm lịch sử bản thân (mục 29 mẫu 2C)"),
            ["arrest_history", "foreign_ties", "relatives_abroad"],
        ),
        (_("Khác"), ["general_education", "honorary_title", "strengths", "health", "notes"]),
    ]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        instance: Person | None = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})
            kwargs["initial"] = {
                **kwargs["initial"],
                "birth_date": (instance.birth_date, instance.birth_date_precision),
            }
        super().__init__(*args, **kwargs)
        # The managing unit: only units the user may change (a unit outside scope is not a valid choice).
        # The current managing unit stays a valid choice (the person may belong to a unit in scope by post).
        units = visible_units(user, Action.CHANGE)
        if instance is not None and instance.managing_unit_id:
            units = units | OrgUnit.objects.filter(pk=instance.managing_unit_id)
        self.fields["managing_unit"] = PickerField(
            units,
            source=UNIT_LOOKUP,
            required=False,
            label=_("Cơ quan, đơn vị quản lý hồ sơ"),
            help_text=_(
                "Hồ sơ thuộc đơn vị của chức vụ chính gần nhất; chưa có chức vụ thì thuộc đơn vị này."
            ),
        )
        self.fields["birthplace"] = _locality_field(_("Nơi sinh (đơn vị hành chính)"))
        self.fields["home_town"] = _locality_field(_("Quê quán (đơn vị hành chính)"))
        ethnicity, religion = self.fields["ethnicity"], self.fields["religion"]
        assert isinstance(ethnicity, forms.ModelChoiceField) and isinstance(religion, forms.ModelChoiceField)
        ethnicity.queryset = Ethnicity.objects.filter(is_active=True).order_by("sort_key", "code")
        religion.queryset = ReligionModel.objects.filter(is_active=True)
        self.fields["full_name"].widget.attrs["autofocus"] = True
        self.fields["birthplace_text"].help_text = _("Ghi như trong giấy khai sinh, nếu khác tên hiện nay.")
        self.fields["home_town_text"].help_text = _("Ghi theo tên đơn vị hành chính hiện nay.")
        self.fields["national_id"].help_text = _("12 chữ số trên thẻ căn cước.")
        self.fields["general_education"].help_text = _("Ví dụ 12/12 hoặc 10/10.")
        if instance is not None and instance.pk:
            for name in ("managing_unit", "birthplace", "home_town"):
                self.fields[name].initial = getattr(instance, f"{name}_id")

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        birth, precision = data.pop("birth_date")
        data["birth_date"] = birth
        data["birth_date_precision"] = precision
        if data.get("photo") is False:  # "clear" ticked on the photo input
            data["photo"] = None
        return data


def _level_choices(kind: str | None = None) -> list[tuple[Any, Any]]:
    """Qualification levels grouped by kind for a select, highest rank first inside each kind."""
    groups: dict[str, list[tuple[int, str]]] = {}
    levels = QualificationLevel.objects.filter(is_active=True).order_by("kind", "-rank", "name")
    if kind:
        levels = levels.filter(kind=kind)
    for level in levels:
        groups.setdefault(level.kind, []).append((level.pk, level.name))
    labels = dict(QualificationKind.choices)
    return [("", "---------")] + [(labels.get(key, key), options) for key, options in groups.items()]


class QualificationForm(StyledFormMixin, InputForm):
    """A degree, certificate or attested skill (form 2C items 15 and 27)."""

    started_on = VNDateField(label=_("Bắt đầu học"), required=False)
    obtained_on = PartialDateField(label=_("Ngày cấp bằng/chứng chỉ"))

    error_field_map = {"obtained_on_precision": "obtained_on", "kind": "level"}

    class Meta:
        model = Qualification
        fields = ["level", "field", "language", "institution", "mode", "started_on", "obtained_on", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance: Qualification | None = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs["initial"] = {
                **kwargs.get("initial", {}),
                "obtained_on": (instance.obtained_on, instance.obtained_on_precision),
            }
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        assert isinstance(level, forms.ModelChoiceField)
        level.choices = _level_choices()
        self.fields["level"].help_text = _(
            "Loại trình độ (chuyên môn, lý luận chính trị…) theo trình độ đã chọn."
        )
        self.fields["language"].help_text = _("Chỉ với ngoại ngữ hoặc tiếng dân tộc.")

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        obtained, precision = data.pop("obtained_on")
        data["obtained_on"] = obtained
        data["obtained_on_precision"] = precision or DatePrecision.DAY
        return data


class FamilyMemberForm(StyledFormMixin, InputForm):
    """A relative (form 2C item 30)."""

    class Meta:
        model = FamilyMember
        fields = ["relation", "full_name", "birth_year", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    wide_fields = {"details"}


class AttachmentForm(StyledFormMixin, forms.Form):
    """An uploaded scan kept with the record."""

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    file = forms.FileField(
        label=_("Tệp"), help_text=_("PDF, ảnh quét (JPG, PNG, TIFF) hoặc Word; tối đa 20 MB.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)


# ---- Code lists ------------------------------------------------------------------------------------
# Code lists are reference data without history or audit requirements of their own: these ModelForms
# validate with full_clean() and save() directly, as agreed for the "Danh mục" section.


class EthnicityForm(StyledFormMixin, forms.ModelForm):
    """An ethnic group and its other spellings (one per line), matched without diacritics by imports."""

    aliases = forms.CharField(
        label=_("Cách viết khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một cách viết, ví dụ: HMông, H'Mông, Mèo."),
    )
    wide_fields = {"aliases"}

    class Meta:
        model = Ethnicity
        fields = ["code", "code_system", "name", "is_minority", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases"].initial = "\n".join(
                a.alias for a in self.instance.aliases.order_by("alias")
            )

    def clean_aliases(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]
        folded = {fold(line): line for line in lines}
        taken = EthnicityAlias.objects.filter(alias_folded__in=list(folded)).select_related("ethnicity")
        if self.instance.pk:
            taken = taken.exclude(ethnicity=self.instance)
        clashes = [f"{alias.alias} ({alias.ethnicity})" for alias in taken]
        if clashes:
            raise ValidationError(
                _("Đã dùng cho dân tộc khác: %(list)s.") % {"list": ", ".join(clashes)}, code="taken"
            )
        return list(folded.values())

    @transaction.atomic
    def save(self, commit: bool = True) -> Ethnicity:
        ethnicity: Ethnicity = super().save(commit=False)
        ethnicity.sort_key = name_sort_key(ethnicity.name)
        ethnicity.full_clean()
        ethnicity.save()
        aliases = self.cleaned_data.get("aliases", [])
        ethnicity.aliases.exclude(alias_folded__in=[fold(a) for a in aliases]).delete()
        for alias in aliases:
            EthnicityAlias.objects.update_or_create(
                alias_folded=fold(alias), defaults={"ethnicity": ethnicity, "alias": alias}
            )
        return ethnicity


class ReligionForm(StyledFormMixin, forms.ModelForm):
    """A religion recognised by the State."""

    class Meta:
        model = ReligionModel
        fields = ["code", "name", "is_active"]


class QualificationLevelForm(StyledFormMixin, forms.ModelForm):
    """A level of one qualification scale."""

    class Meta:
        model = QualificationLevel
        fields = ["kind", "code", "name", "rank", "is_legacy", "is_active"]
