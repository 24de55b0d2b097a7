"""Periodic position change, rotation, secondment and transfer of cadres."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RotationConfig(AppConfig):
    name = "canbo.rotation"
    label = "rotation"
    verbose_name = _("Chuyển đổi vị trí công tác, luân chuyển")
