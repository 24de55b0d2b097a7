"""App config for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared base models, text helpers and formatting."""

    name = "canbo.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
