"""App config: roles and unit-scoped grants."""

from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Who may see and change what: roles granted on a unit subtree for a period."""

    name = "canbo.access"
    label = "access"
    verbose_name = "Phân quyền"
