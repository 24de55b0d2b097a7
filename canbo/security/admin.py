"""The admin site's second-factor devices: removing or changing one goes through the audited services.

django-otp registers plain admins for TOTP and backup-code devices; an administrator resets a user who
lost their phone by deleting the device there. These subclasses route every save and delete through
canbo.security.otp, so each writes its audit row (without the key or the codes).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .otp import device_facts, otp_device_delete, otp_device_save


class AuditedDeviceAdmin(admin.ModelAdmin):
    """Save and delete devices through the audited services."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = None
        if change:
            stored = type(obj).objects.select_related("user").get(pk=obj.pk)
            before = device_facts(stored)
        otp_device_save(actor=request.user, device=obj, created=not change, before=before)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        otp_device_delete(actor=request.user, device=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for device in queryset:
            otp_device_delete(actor=request.user, device=device)


class AuditedTOTPDeviceAdmin(AuditedDeviceAdmin, TOTPDeviceAdmin):
    """TOTP devices (authenticator apps)."""


class AuditedStaticDeviceAdmin(AuditedDeviceAdmin, StaticDeviceAdmin):
    """Backup-code devices."""


for model, model_admin in ((TOTPDevice, AuditedTOTPDeviceAdmin), (StaticDevice, AuditedStaticDeviceAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
