"""Programmes with their tasks, indicators (definitions stored as data) and yearly targets."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStamped

from .choices import Comparison, ProgrammeKind

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Programme(TimeStamped):
    """A scheme, resolution or plan with measurable targets for a territory and a period."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=500)
    kind = models.CharField(_("loại"), max_length=12, choices=ProgrammeKind.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    document_number = models.CharField(_("số hiệu"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    territory = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("phạm vi (đơn vị gốc)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_start = models.PositiveSmallIntegerField(_("từ năm"))
    period_end = models.PositiveSmallIntegerField(_("đến năm"))
    baseline_date = models.DateField(_("ngày số liệu hiện trạng"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)

    class Meta:
        verbose_name = _("đề án, nghị quyết")
        verbose_name_plural = _("đề án, nghị quyết")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="programmes_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class ProgrammeTask(models.Model):
    """A task the programme sets, with its deadline if it has one."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=20)
    text = models.TextField(_("nội dung"))
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    recurrence = models.CharField(_("định kỳ"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["programme", "position"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Indicator(TimeStamped):
    """A measured share: who is counted (population), who of them qualifies (numerator), and parameters."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    subject = models.CharField(
        _("đối tượng đếm ở tử số"), max_length=120, help_text=_("Ví dụ: “nữ”, “cán bộ dưới 40 tuổi”.")
    )
    definition = models.JSONField(
        _("định nghĩa"), help_text=_("Tổng thể (population) và điều kiện (numerator).")
    )
    baseline_numerator = models.PositiveIntegerField(_("hiện trạng: tử số"), null=True, blank=True)
    baseline_denominator = models.PositiveIntegerField(_("hiện trạng: mẫu số"), null=True, blank=True)
    baseline_date = models.DateField(_("ngày hiện trạng"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("hiện trạng (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Chỉ dùng khi văn bản nêu tỉ lệ mà không nêu cặp số."),
    )
    source = models.CharField(_("nguồn trong văn bản"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="programmes_indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(baseline_numerator__isnull=True)
                | Q(baseline_denominator__gte=F("baseline_numerator")),
                name="programmes_indicator_baseline_pair",
                violation_error_message=_("Tử số hiện trạng không được lớn hơn mẫu số."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Target(models.Model):
    """The share an indicator must reach by a year, and how it is compared."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("năm"))
    comparison = models.CharField(_("so sánh"), max_length=16, choices=Comparison.choices)
    low = models.DecimalField(
        _("mức (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    high = models.DecimalField(
        _("mức trên (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    text = models.CharField(_("nguyên văn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="programmes_target_unique_year"),
            models.CheckConstraint(
                condition=(Q(low__isnull=True) | (Q(low__gte=0) & Q(low__lte=100)))
                & (Q(high__isnull=True) | (Q(high__gte=0) & Q(high__lte=100))),
                name="programmes_target_percent_range",
                violation_error_message=_("Mục tiêu phải nằm trong khoảng 0–100%."),
            ),
            models.CheckConstraint(
                condition=~Q(comparison="range") | Q(low__isnull=False, high__gte=F("low")),
                name="programmes_target_range_ordered",
                violation_error_message=_(
                    "Khoảng mục tiêu phải có mức dưới và mức trên, mức dưới không lớn hơn mức trên."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.text or self.comparison}"
