"""Choices for programmes and targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    """The kind of policy document."""

    SCHEME = "scheme", _("Đề án")
    RESOLUTION = "resolution", _("Nghị quyết")
    PLAN = "plan", _("Kế hoạch")


class Comparison(models.TextChoices):
    """How a value is compared with a target."""

    RANGE = "range", _("Trong khoảng")
    AT_LEAST = "at_least", _("Ít nhất")
    MORE_THAN = "more_than", _("Trên")
    AT_MOST = "at_most", _("Không quá")
    EXACTLY = "exactly", _("Đúng bằng")
    MATCH_STRUCTURE = "match_structure", _("Phù hợp cơ cấu dân số")


class Status(models.TextChoices):
    """Where an indicator stands against its target."""

    ACHIEVED = "achieved", _("Đạt")
    NOT_YET = "not_yet", _("Chưa đạt")
    NOT_APPLICABLE = "not_applicable", _("Không áp dụng")
    NO_TARGET = "no_target", _("Chưa có chỉ tiêu")
