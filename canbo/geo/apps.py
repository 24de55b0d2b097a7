"""App config: Localities with validity dates and the 2025 old→new mapping."""

from django.apps import AppConfig


class GeoConfig(AppConfig):
    """Localities with validity dates and the 2025 old→new mapping."""

    name = "canbo.geo"
    label = "geo"
    verbose_name = "Địa giới hành chính"
