"""Choices for titles and assignments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleRank(models.TextChoices):
    """Tier of a post within its level (used by indicator populations and rules)."""

    KEY = "key", _("Lãnh đạo chủ chốt")
    HEAD = "head", _("Cấp trưởng (sở, ban, ngành và tương đương)")
    DEPUTY = "deputy", _("Cấp phó (sở, ban, ngành và tương đương)")
    DIVISION_HEAD = "division_head", _("Cấp trưởng phòng và tương đương")
    DIVISION_DEPUTY = "division_deputy", _("Cấp phó phòng và tương đương")
    COMMUNE_CADRE = "commune_cadre", _("Cán bộ cấp xã")
    STAFF = "staff", _("Không giữ chức vụ lãnh đạo")
