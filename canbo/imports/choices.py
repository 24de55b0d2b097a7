"""Choices of import jobs and their problems (rating levels live with the ratings, in canbo.conduct)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.conduct.choices import RatingLevel as RatingLevel  # the workbook's rating column reads these


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
