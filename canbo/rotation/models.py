"""Sensitive positions held (periodic position change), exemptions, and rotation/secondment/transfer records.

SensitivePosition is the obligation: a person without a leadership post holding a position in a field the
rule "position_change.fields" lists, since a date; the change is due when the field's period has run.
PositionChangeExemption records, per person and with dates, why the change is deferred (NĐ 59/2019 Art 38).
Movement records a rotation (luân chuyển), secondment (biệt phái) or transfer (điều động): from which unit,
to which unit and post, by which decision, from when, until when planned and when it actually ended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import Dated, DatedQuerySet


class ExemptionReason(models.TextChoices):
    PREGNANCY = "thai_san", _("Mang thai hoặc nuôi con dưới 36 tháng tuổi")
    DISCIPLINE_REVIEW = "xem_xet_ky_luat", _("Đang bị xem xét, xử lý kỷ luật")
    INVESTIGATION = "dieu_tra", _("Đang bị thanh tra, kiểm tra, điều tra, truy tố, xét xử")
    ILLNESS = "benh_hiem_ngheo", _("Điều trị bệnh hiểm nghèo")
    STUDY = "hoc_tap", _("Học tập tập trung từ 12 tháng trở lên")
    SECONDMENT = "biet_phai", _("Đang biệt phái")


class MovementKind(models.TextChoices):
    ROTATION = "luan_chuyen", _("Luân chuyển")
    SECONDMENT = "biet_phai", _("Biệt phái")
    TRANSFER = "dieu_dong", _("Điều động")


class SensitivePosition(Dated):
    """A person holding, since valid_from, a position in a field that must be changed periodically."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="sensitive_positions")
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    field = models.CharField(_("lĩnh vực"), max_length=40)
    position = models.CharField(_("vị trí công tác"), max_length=200)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("vị trí phải định kỳ chuyển đổi")
        verbose_name_plural = _("vị trí phải định kỳ chuyển đổi")
        ordering = ["person", "valid_from"]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"


class PositionChangeExemption(Dated):
    """Why and for how long a person's periodic position change is deferred."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="position_change_exemptions"
    )
    reason = models.CharField(_("lý do"), max_length=20, choices=ExemptionReason.choices)
    basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("trường hợp chưa chuyển đổi vị trí")
        verbose_name_plural = _("trường hợp chưa chuyển đổi vị trí")
        ordering = ["person", "valid_from"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_reason_display()}"


class Movement(Dated):
    """A rotation, secondment or transfer: valid_from is the start, valid_to the actual end (empty: ongoing)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(_("hình thức"), max_length=12, choices=MovementKind.choices)
    from_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("từ đơn vị")
    )
    to_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đến đơn vị")
    )
    to_title = models.ForeignKey(
        "posts.Title",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chức vụ"),
    )
    to_post = models.CharField(_("vị trí, chức vụ (ghi rõ)"), max_length=200, blank=True)
    decision = models.CharField(_("quyết định"), max_length=200)
    decided_on = models.DateField(_("ngày quyết định"))
    planned_end = models.DateField(_("dự kiến kết thúc"), null=True, blank=True)
    exception_basis = models.CharField(
        _("trường hợp đặc biệt"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản của cấp có thẩm quyền khi người được luân chuyển chưa đủ điều kiện về tuổi."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("luân chuyển, biệt phái, điều động")
        verbose_name_plural = _("luân chuyển, biệt phái, điều động")
        ordering = ["person", "valid_from"]
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("valid_from")),
                name="rotation_movement_planned_after_start",
                violation_error_message=_("Ngày dự kiến kết thúc không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__lte=F("valid_from")),
                name="rotation_movement_decided_before_start",
                violation_error_message=_("Ngày quyết định không được sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} ({self.valid_from:%d/%m/%Y})"
