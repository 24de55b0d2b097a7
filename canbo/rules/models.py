"""Rule versions with citations and validity, calendar exceptions, and the records rules read.

RuleVersion holds the values of a rule for a period; CalendarException the days the Government swaps or
adds; EarlyRetirement and AppointmentFile the individual facts a check needs that the work history does
not carry; RetirementDate the retirement date of every (sex, birth month) precomputed from the rule in
force, so that "who retires in the next 12 months" is one join in SQL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import Dated, DatedQuerySet, TimeStamped

from .choices import NEEDS_CONFIRMATION, Confidence, DayKind, EarlyRetirementReason, RetirementVariant


class RuleVersion(Dated):
    """The parameters of one rule for a period, with the document and article they come from."""

    rule = models.CharField(_("quy định"), max_length=80, db_index=True)
    parameters = models.JSONField(_("tham số"), default=dict)
    source = models.CharField(_("văn bản"), max_length=200)
    article = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    confidence = models.CharField(_("mức kiểm chứng"), max_length=8, choices=Confidence.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("phiên bản quy định")
        verbose_name_plural = _("phiên bản quy định")
        ordering = ["rule", "valid_from"]
        constraints = [
            *Dated.Meta.constraints,
            models.UniqueConstraint(
                fields=["rule", "valid_from"],
                name="rules_ruleversion_unique_start",
                violation_error_message=_("Quy định này đã có một phiên bản bắt đầu từ ngày đó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.valid_from:%d/%m/%Y})"

    @property
    def awaiting_confirmation(self) -> bool:
        """Whether this version is a placeholder (P/M/design) that no administrator has confirmed yet."""
        return self.confidence in NEEDS_CONFIRMATION and self.confirmed_at is None

    @property
    def citation(self) -> str:
        """Document and article, as shown next to a check's result."""
        return f"{self.source}, {self.article}" if self.article else self.source


class CalendarException(TimeStamped):
    """A day the Government makes a day off (swap, extra holiday) or a working day (make-up Saturday)."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=DayKind.choices)
    name = models.CharField(_("nội dung"), max_length=200)
    source = models.CharField(_("văn bản"), max_length=200)
    confidence = models.CharField(
        _("mức kiểm chứng"), max_length=8, choices=Confidence.choices, default=Confidence.VERIFIED
    )

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}: {self.name}"


class EarlyRetirement(TimeStamped):
    """A recorded decision that a person retires before the statutory age, and the date it sets."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="early_retirement")
    retires_on = models.DateField(_("ngày nghỉ hưu"), help_text=_("Ngày cuối cùng trước khi nghỉ hưu."))
    reason = models.CharField(_("căn cứ"), max_length=20, choices=EarlyRetirementReason.choices)
    basis = models.CharField(_("quyết định, văn bản"), max_length=200)

    class Meta:
        verbose_name = _("nghỉ hưu trước tuổi")
        verbose_name_plural = _("nghỉ hưu trước tuổi")

    def __str__(self) -> str:
        return f"{self.person} — {self.retires_on:%d/%m/%Y}"


class AppointmentFile(TimeStamped):
    """The dossier of an appointment: when the organisation board received it, and any age exception."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    assignment = models.OneToOneField(
        "posts.Assignment", on_delete=models.CASCADE, related_name="appointment_file"
    )
    received_on = models.DateField(_("ngày nhận hồ sơ"))
    is_first_or_higher = models.BooleanField(
        _("bổ nhiệm lần đầu hoặc chức vụ cao hơn"),
        default=True,
        help_text=_("Bỏ chọn khi là bổ nhiệm lại hoặc điều động sang chức vụ tương đương."),
    )
    age_exception = models.CharField(
        _("trường hợp đặc biệt về tuổi"),
        max_length=300,
        blank=True,
        help_text=_(
            "Văn bản của cấp có thẩm quyền cho phép bổ nhiệm khi còn dưới thời gian quy định đến tuổi hưu."
        ),
    )

    class Meta:
        verbose_name = _("hồ sơ bổ nhiệm")
        verbose_name_plural = _("hồ sơ bổ nhiệm")

    def __str__(self) -> str:
        return f"{self.assignment} — {self.received_on:%d/%m/%Y}"


class ReappointmentNotice(TimeStamped):
    """The notice that tells a cadre to prepare for reappointment (QĐ 377 Art 40), with its reference."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    assignment = models.OneToOneField(
        "posts.Assignment", on_delete=models.CASCADE, related_name="reappointment_notice"
    )
    notified_on = models.DateField(_("ngày thông báo"))
    reference = models.CharField(_("số văn bản thông báo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thông báo bổ nhiệm lại")
        verbose_name_plural = _("thông báo bổ nhiệm lại")

    def __str__(self) -> str:
        return f"{self.assignment} — {self.notified_on:%d/%m/%Y}"


class RetirementDate(models.Model):
    """The statutory retirement date of everyone of one sex born in one month, from the rule in force."""

    sex = models.CharField(max_length=3)
    born_in = models.DateField(help_text="First day of the birth month.")
    variant = models.CharField(max_length=16, choices=RetirementVariant.choices)
    age_months = models.PositiveSmallIntegerField()
    retires_on = models.DateField(help_text="Last day of the month the age is reached.")
    version = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("ngày nghỉ hưu theo tháng sinh")
        verbose_name_plural = _("ngày nghỉ hưu theo tháng sinh")
        constraints = [
            models.UniqueConstraint(fields=["sex", "born_in", "variant"], name="rules_retirementdate_unique"),
            models.CheckConstraint(
                condition=Q(retires_on__gt=models.F("born_in")), name="rules_retirement_after_birth"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sex} {self.born_in:%m/%Y} → {self.retires_on:%d/%m/%Y}"
