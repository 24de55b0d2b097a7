"""Query-string filters of the API (django-filter), validated before any query runs.

Choice lists are closed: an unknown value answers 400 with the field's message, never "no filter".
Unit pickers read through visible_units(user), so a unit outside the user's scope is refused exactly
like a unit that does not exist.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from canbo.org.choices import Level, Sector, UnitKind
from canbo.org.models import OrgUnit
from canbo.org.selectors import visible_units
from canbo.people.choices import Sex, StaffCategory
from canbo.people.models import Ethnicity, Person
from canbo.people.selectors import PersonFilters
from canbo.posts.choices import TitleRank
from canbo.posts.models import ManagementCategory, Title

BOOLEAN_CHOICES = [("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")]
TRUE_VALUES = {"true", "1"}


def scoped_units(request: Any) -> QuerySet[OrgUnit]:
    """The units a filter may name: those the requesting user may see."""
    return visible_units(getattr(request, "user", None))


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (django-filter's NumberFilter accepts decimals)."""

    field_class = forms.IntegerField


class UnitFilterSet(django_filters.FilterSet):
    """Filters of the unit list."""

    parent = django_filters.ModelChoiceFilter(
        queryset=scoped_units, help_text=_("Mã số (id) của đơn vị cấp trên trực tiếp.")
    )
    level = django_filters.ChoiceFilter(choices=Level.choices, help_text=_("Cấp của đơn vị."))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, help_text=_("Khối của đơn vị."))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, help_text=_("Loại đơn vị."))
    unit = django_filters.ModelChoiceFilter(
        queryset=scoped_units,
        method="filter_subtree",
        help_text=_("Mã số (id) của một đơn vị: chỉ lấy đơn vị đó và các đơn vị cấp dưới."),
    )

    class Meta:
        model = OrgUnit
        fields: list[str] = []

    def filter_subtree(self, queryset: QuerySet[OrgUnit], name: str, value: OrgUnit) -> QuerySet[OrgUnit]:
        """The unit and every unit below it."""
        return queryset.filter(path__startswith=value.path)


class PersonFilterSet(django_filters.FilterSet):
    """Filters of the people list, the same as the web list's; parsed into the selector's PersonFilters."""

    q = django_filters.CharFilter(
        max_length=120,
        method="ignore",
        help_text=_("Họ tên (có dấu hoặc không dấu), số định danh hoặc số hiệu cán bộ."),
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=scoped_units,
        method="ignore",
        help_text=_("Mã số (id) của đơn vị: người giữ chức vụ chính ở đơn vị đó hoặc cấp dưới."),
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices, method="ignore", help_text=_("Cấp của đơn vị công tác.")
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, method="ignore", help_text=_("Giới tính."))
    age_min = IntegerFilter(
        min_value=15, max_value=100, method="ignore", help_text=_("Tuổi từ (tính đến ngày xem).")
    )
    age_max = IntegerFilter(
        min_value=15, max_value=100, method="ignore", help_text=_("Tuổi đến (tính đến ngày xem).")
    )
    ethnicity = django_filters.ModelChoiceFilter(
        queryset=Ethnicity.objects.all(), method="ignore", help_text=_("Mã số (id) của dân tộc.")
    )
    minority = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="ignore",
        help_text=_("true: chỉ người dân tộc thiểu số; false: chỉ người dân tộc Kinh."),
    )
    title = django_filters.ModelChoiceFilter(
        queryset=Title.objects.all(), method="ignore", help_text=_("Mã số (id) của chức vụ đang giữ.")
    )
    rank = django_filters.ChoiceFilter(
        choices=TitleRank.choices, method="ignore", help_text=_("Bậc của chức vụ đang giữ.")
    )
    leadership_only = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="ignore",
        help_text=_("true: chỉ người giữ chức vụ lãnh đạo, quản lý."),
    )
    management_category = django_filters.ModelChoiceFilter(
        queryset=ManagementCategory.objects.all(),
        method="ignore",
        help_text=_("Mã số (id) của diện quản lý."),
    )
    staff_category = django_filters.ChoiceFilter(
        choices=StaffCategory.choices, method="ignore", help_text=_("Đối tượng (cán bộ, công chức, …).")
    )
    include_former = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="ignore",
        help_text=_("true: gồm cả người không giữ chức vụ nào vào ngày xem (đã nghỉ, chuyển đi)."),
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def clean_age_range(self) -> None:
        """Refuse age_min > age_max with a message on age_max."""
        data = self.form.cleaned_data
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and low > high:
            self.form.add_error("age_max", _("Tuổi đến phải lớn hơn hoặc bằng tuổi từ."))

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid:
            self.clean_age_range()
        return valid and not self.form.errors

    def ignore(self, queryset: QuerySet[Person], name: str, value: Any) -> QuerySet[Person]:
        """Filtering happens in person_list(); the filter set only parses and documents."""
        return queryset

    def to_filters(self) -> PersonFilters:
        """The selector's filters from the valid query string (call is_valid() first)."""
        data = self.form.cleaned_data
        values: dict[str, Any] = {}
        for name in ("q", "level", "sex", "rank", "staff_category"):
            values[name] = (data.get(name) or "").strip()
        for name in ("unit", "age_min", "age_max", "ethnicity", "title", "management_category"):
            if data.get(name) is not None:
                values[name] = data[name]
        if data.get("minority"):
            values["minority"] = data["minority"] in TRUE_VALUES
        values["leadership_only"] = data.get("leadership_only") in TRUE_VALUES
        values["include_former"] = data.get("include_former") in TRUE_VALUES
        return PersonFilters(**values)


class DocumentingFilterBackend(DjangoFilterBackend):
    """Documents a view's filter set in the schema; the view applies it through its selector."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        return queryset
