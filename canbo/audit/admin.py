"""Read-only admin view of the audit trail."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The trail can be read and searched, never edited."""

    list_display = ["at", "actor", "action", "object_type", "object_repr", "source", "client_ip"]
    list_filter = ["action", "object_type", "source"]
    search_fields = ["object_repr", "object_id", "reference"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
