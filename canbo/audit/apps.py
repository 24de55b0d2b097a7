"""App config: the append-only audit trail."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Append-only record of every change, with actor, source and before/after values."""

    name = "canbo.audit"
    label = "audit"
    verbose_name = "Nhật ký"

    def ready(self) -> None:
        from .signals import connect

        connect()
