"""The audit trail: one row per create, change or delete, never updated or removed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What happened."""

    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    VIEW = "view", _("Xem hồ sơ")
    EXPORT = "export", _("Xuất dữ liệu")
    DENIED = "denied", _("Bị từ chối")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_fail", _("Đăng nhập sai")
    LOGOUT = "logout", _("Đăng xuất")
    LOCKOUT = "lockout", _("Khóa đăng nhập do nhập sai nhiều lần")


class AuditEventQuerySet(models.QuerySet):
    """Audit rows may be added, never changed; every insert extends the hash chain."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEvent]:
        from .chain import link

        rows = list(objs)
        with transaction.atomic():  # the chain lock is held until the rows are in
            link(rows)
            return super().bulk_create(rows, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """A change to a record: who, when, from where, what it was before and after."""

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=40, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    person_id = models.BigIntegerField(_("cán bộ liên quan"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    source = models.CharField(_("kênh"), max_length=40, default="system")
    reference = models.CharField(_("căn cứ"), max_length=255, blank=True)
    client_ip = models.GenericIPAddressField(_("địa chỉ máy"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False, default="")
    hash = models.CharField(max_length=64, editable=False, default="", db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        from .chain import link

        # The chain lock is held until the row is in; no savepoint: a failed insert fails the transaction.
        with transaction.atomic(savepoint=False):
            link([self])
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")
