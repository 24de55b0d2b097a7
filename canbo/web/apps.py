"""App config: Templates, static assets, the shell views and shared view base classes."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Templates, static assets, the shell views and shared view base classes."""

    name = "canbo.web"
    label = "web"
    verbose_name = "Giao diện"
