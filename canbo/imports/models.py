"""Import jobs with their problems (the annual ratings a workbook carries are canbo.conduct.AnnualRating)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStamped

from .choices import JobAction, JobStatus, Severity


class ImportJob(TimeStamped):
    """One uploaded workbook: checked first (preview), then written on request, each step in the background."""

    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", max_length=255)
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_code = models.CharField(
        _("phạm vi đơn vị"),
        max_length=40,
        blank=True,
        help_text=_("Chỉ nhận đơn vị này và các đơn vị cấp dưới."),
    )
    from_command_line = models.BooleanField(
        _("nhập từ dòng lệnh"),
        default=False,
        help_text=_("Lượt nhập từ dòng lệnh không bị giới hạn theo phân quyền của người nhập."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    action = models.CharField(
        _("việc cần làm"), max_length=10, choices=JobAction.choices, default=JobAction.PREVIEW
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    phase = models.CharField(_("bước"), max_length=160, blank=True)
    counts = models.JSONField(_("số bản ghi"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    annotated = models.FileField(
        _("bản đánh dấu lỗi"), upload_to="imports/%Y/%m/", max_length=255, blank=True
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    committed_at = models.DateTimeField(_("ghi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="imports_job_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.filename}"

    @property
    def is_busy(self) -> bool:
        """Whether the job is waiting or working (the page then polls its progress)."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.COMMITTING)

    @property
    def can_commit(self) -> bool:
        """Whether the checked workbook may be written: previewed, with no error."""
        return self.status == JobStatus.PREVIEWED and self.error_count == 0


class ImportProblem(models.Model):
    """One problem found in a workbook: where (sheet, row, column), the value, and why, in Vietnamese."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="problems")
    severity = models.CharField(_("mức"), max_length=8, choices=Severity.choices, default=Severity.ERROR)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    row = models.PositiveIntegerField(_("dòng"), null=True, blank=True)
    column = models.CharField(_("cột"), max_length=160, blank=True)
    column_index = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 = cột A")
    value = models.CharField(_("giá trị"), max_length=255, blank=True)
    message = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("vấn đề trong tệp nhập")
        verbose_name_plural = _("vấn đề trong tệp nhập")
        ordering = ["job", "id"]
        indexes = [models.Index(fields=["job", "severity"])]

    def __str__(self) -> str:
        return f"{self.sheet} {self.row or ''} {self.column}: {self.message}"
