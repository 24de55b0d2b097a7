"""Choices of import jobs, their problems and annual ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where an import job stands."""

    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang kiểm tra")
    PREVIEWED = "previewed", _("Đã kiểm tra")
    COMMITTING = "committing", _("Đang ghi")
    COMMITTED = "committed", _("Đã ghi vào hệ thống")
    FAILED = "failed", _("Không đọc được")


class JobAction(models.TextChoices):
    """What a queued job is waiting to do."""

    PREVIEW = "preview", _("Kiểm tra")
    COMMIT = "commit", _("Ghi")


class Severity(models.TextChoices):
    """An error stops the import; a warning is shown and the row is taken in."""

    ERROR = "error", _("Lỗi")
    WARNING = "warning", _("Cảnh báo")


class RatingLevel(models.TextChoices):
    """The four quality-rating levels (NĐ 90/2020, QĐ 366-QĐ/TW, NĐ 335/2025)."""

    EXCELLENT = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "HTNV", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "KHTNV", _("Không hoàn thành nhiệm vụ")
