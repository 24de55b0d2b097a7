"""App configuration of the REST API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (read-only for now; writes will go through the services)."""

    name = "canbo.api"
    label = "api"
    verbose_name = _("Giao diện lập trình (API)")
