"""Grants are managed in the admin by system administrators."""

from django.contrib import admin

from .models import Grant


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    """List and edit grants."""

    list_display = ["user", "role", "unit", "valid_from", "valid_to", "note"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "note"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["user"]
