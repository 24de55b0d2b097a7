"""Read-only admin views of the locality lists and the crosswalk (`canbo geo_load` writes them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Locality, LocalityMapping
from .naming import search_key


class _ReadOnly(admin.ModelAdmin):
    """Views and searches only: the official lists change through `canbo geo_load`, never by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _FoldedSearch(admin.ModelAdmin):
    """Admin search that ignores diacritics (the term is folded like the stored names) or finds a code."""

    code_fields: tuple[str, ...] = ()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        term = search_term.strip()
        if term.isdigit():  # a code, kept as typed: folding would drop its leading zeros
            match = Q()
            for name in self.code_fields:
                match |= Q(**{name: term})
            return queryset.filter(match), False
        return super().get_search_results(request, queryset, search_key(term))


class _SuccessorInline(admin.TabularInline):
    """What an old unit became."""

    model = LocalityMapping
    fk_name = "old"
    verbose_name = _("thành đơn vị mới")
    verbose_name_plural = _("Thành đơn vị mới (từ 01/07/2025)")
    fields = ("new", "is_partial", "effective_on", "source")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[LocalityMapping]:
        return super().get_queryset(request).select_related("old__parent", "new__parent")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _PredecessorInline(_SuccessorInline):
    """What a new unit was made from."""

    fk_name = "new"
    verbose_name = _("từ đơn vị cũ")
    verbose_name_plural = _("Hình thành từ đơn vị cũ")
    fields = ("old", "is_partial", "effective_on", "source")
    readonly_fields = fields


@admin.register(Locality)
class LocalityAdmin(_ReadOnly, _FoldedSearch):
    """Provinces, districts and communes of both lists, searchable without diacritics."""

    list_display = ["code", "full_name", "level", "parent", "code_system", "valid_from", "valid_to"]
    list_filter = ["code_system", "level", "kind", "province_code"]
    list_select_related = ["parent"]
    search_fields = ["search_name"]
    code_fields = ("code",)
    ordering = ["code_system", "level", "code"]
    readonly_fields = ["path_names"]
    fields = [
        "code",
        "code_system",
        "name",
        "kind",
        "level",
        "parent",
        "province_code",
        "valid_from",
        "valid_to",
        "path_names",
    ]
    inlines = [_SuccessorInline, _PredecessorInline]
    show_full_result_count = False

    @admin.display(description=_("địa danh đầy đủ"))
    def path_names(self, obj: Locality) -> str:
        return obj.path_names()

    @admin.display(description=_("tên"), ordering="sort_key")
    def full_name(self, obj: Locality) -> str:
        return obj.full_name


@admin.register(LocalityMapping)
class LocalityMappingAdmin(_ReadOnly, _FoldedSearch):
    """The old→new crosswalk, filterable by level and by whether the old unit was split."""

    list_display = ["old", "old_code", "new", "new_code", "is_partial", "effective_on"]
    list_filter = ["is_partial", "effective_on", "old__level", "new__level"]
    list_select_related = ["old__parent", "new__parent"]
    search_fields = ["old__search_name", "new__search_name"]
    code_fields = ("old__code", "new__code")
    show_full_result_count = False

    @admin.display(description=_("mã cũ"), ordering="old__code")
    def old_code(self, obj: LocalityMapping) -> str:
        return obj.old.code

    @admin.display(description=_("mã mới"), ordering="new__code")
    def new_code(self, obj: LocalityMapping) -> str:
        return obj.new.code
