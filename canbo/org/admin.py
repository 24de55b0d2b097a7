"""Django admin for elected bodies and their terms (read-mostly reference data).

Units and memberships are written through org.services from the web pages, so that paths, audit rows
and period rules stay right; the admin shows them read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import ElectedBody, Membership, OrgUnit, Term


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows rows without allowing writes that would bypass the services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    """Units of the tree (edited on the "Đơn vị" pages)."""

    list_display = ["code", "name", "parent", "level", "sector", "kind", "valid_from", "valid_to"]
    list_filter = ["level", "sector", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "code", "short_name"]


class TermInline(admin.TabularInline):
    """Terms of an elected body."""

    model = Term
    extra = 0
    fields = ["name", "election_date", "valid_from", "valid_to"]


@admin.register(ElectedBody)
class ElectedBodyAdmin(admin.ModelAdmin):
    """Party committees, standing committees and People's Councils, with their terms."""

    list_display = ["name", "kind", "level", "org_unit"]
    list_filter = ["kind", "level"]
    list_select_related = ["org_unit"]
    search_fields = ["name", "org_unit__name"]
    raw_id_fields = ["org_unit", "parent_body"]
    inlines = [TermInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Seats in elected bodies (edited on the person page)."""

    list_display = ["person", "term", "role", "valid_from", "valid_to"]
    list_filter = ["role", "term__body__kind"]
    list_select_related = ["person", "term__body"]
    search_fields = ["person__full_name", "term__body__name"]
