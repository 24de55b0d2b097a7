"""Django admin for titles and management categories (code lists); assignments go through the web forms."""

from __future__ import annotations

from django.contrib import admin

from .models import ManagementCategory, Title


@admin.register(ManagementCategory)
class ManagementCategoryAdmin(admin.ModelAdmin):
    """Who manages a cadre."""

    list_display = ["position", "code", "name"]
    list_display_links = ["code", "name"]
    search_fields = ["name", "code"]
    ordering = ["position", "code"]


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    """Posts and titles by level, rank and management category."""

    list_display = [
        "code",
        "name",
        "level",
        "rank",
        "is_leadership",
        "is_sole",
        "management_category",
        "is_active",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["level", "rank", "is_leadership", "is_sole", "management_category", "is_active"]
    list_select_related = ["management_category"]
    search_fields = ["name", "code"]
    ordering = ["level", "position", "name"]
