"""Django admin for the people code lists; persons themselves are written only through the web forms.

Code lists are reference data: the admin saves them with full_clean() and save(), and keeps the derived
columns (sort key, folded alias) in step, as the in-app "Danh mục" forms do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from canbo.core.text import fold, name_sort_key

from .models import Ethnicity, EthnicityAlias, QualificationLevel, Religion


class EthnicityAliasInline(admin.TabularInline):
    """Other spellings of an ethnic group's name."""

    model = EthnicityAlias
    extra = 1
    fields = ["alias"]


@admin.register(Ethnicity)
class EthnicityAdmin(admin.ModelAdmin):
    """Ethnic groups of the official code lists."""

    list_display = ["code", "name", "code_system", "is_minority", "is_active"]
    list_display_links = ["code", "name"]
    list_filter = ["code_system", "is_minority", "is_active"]
    search_fields = ["name", "code", "aliases__alias"]
    ordering = ["code_system", "code"]
    inlines = [EthnicityAliasInline]

    def save_model(self, request: HttpRequest, obj: Ethnicity, form: Any, change: bool) -> None:
        obj.sort_key = name_sort_key(obj.name)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for alias in formset.save(commit=False):
            alias.alias_folded = fold(alias.alias)
            alias.save()
        for alias in formset.deleted_objects:
            alias.delete()


@admin.register(Religion)
class ReligionAdmin(admin.ModelAdmin):
    """Religions recognised by the State."""

    list_display = ["code", "name", "is_active"]
    list_display_links = ["code", "name"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(QualificationLevel)
class QualificationLevelAdmin(admin.ModelAdmin):
    """Levels of each qualification scale, ordered by rank."""

    list_display = ["kind", "rank", "code", "name", "is_legacy", "is_active"]
    list_display_links = ["code", "name"]
    list_filter = ["kind", "is_legacy", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["kind", "rank"]
