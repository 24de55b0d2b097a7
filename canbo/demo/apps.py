"""App config: The deterministic demo province generator."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The deterministic demo province generator."""

    name = "canbo.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
