"""App config: Organisation units as a dated tree; elected bodies, terms and members."""

from django.apps import AppConfig


class OrgConfig(AppConfig):
    """Organisation units as a dated tree; elected bodies, terms and members."""

    name = "canbo.org"
    label = "org"
    verbose_name = "Tổ chức"
