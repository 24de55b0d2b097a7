"""Worklists and alerts: every list of people who need action under a rule, within the user's scope."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklistsConfig(AppConfig):
    name = "canbo.worklists"
    label = "worklists"
    verbose_name = _("Danh sách việc cần làm")

    def ready(self) -> None:
        # Each app registers its lists in its own `worklists.py`; import them all once.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("worklists")
