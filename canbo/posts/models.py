"""Titles, management categories, decisions and assignments (the work history)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import DatePrecision
from canbo.core.models import Dated, DatedQuerySet, TimeStamped
from canbo.org.choices import Level

from .choices import ExpertiseField, TitleRank


class ManagementCategory(models.Model):
    """Who manages a cadre (diện quản lý), e.g. the provincial Party Standing Committee."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("diện quản lý")
        verbose_name_plural = _("diện quản lý")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Title(models.Model):
    """A post or title (chức vụ, chức danh) with its level, rank and management category."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chức vụ"), max_length=160)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    rank = models.CharField(_("bậc"), max_length=20, choices=TitleRank.choices)
    is_leadership = models.BooleanField(_("lãnh đạo, quản lý"), default=False)
    is_sole = models.BooleanField(
        _("chỉ một người giữ"),
        default=False,
        help_text=_("Mỗi đơn vị chỉ có một người giữ chức vụ này cùng lúc."),
    )
    management_category = models.ForeignKey(
        ManagementCategory, verbose_name=_("diện quản lý"), null=True, blank=True, on_delete=models.PROTECT
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["level", "position", "name"]

    def __str__(self) -> str:
        return self.name


class Decision(TimeStamped):
    """A decision (quyết định) that appoints, moves or ends a post: number, date, signer."""

    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "signed_on", "issuer"], name="posts_decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Assignment(Dated):
    """A person holding a title in a unit between two dates (form 2C item 28: work history)."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="assignments")
    title = models.ForeignKey(
        Title, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments"
    )
    # A start or end known only as a month or a year (form 2C item 28 writes "03/2015" or "2015") is stored
    # as the period's first day (start) or last day (end), with the precision written.
    valid_from_precision = models.CharField(
        _("độ chính xác ngày bắt đầu"), max_length=1, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    valid_to_precision = models.CharField(
        _("độ chính xác ngày kết thúc"),
        max_length=1,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    is_concurrent = models.BooleanField(_("kiêm nhiệm"), default=False)
    is_sole_post = models.BooleanField(default=False, editable=False, help_text="Copied from title.is_sole.")
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    term_ends_on = models.DateField(_("hết thời hạn bổ nhiệm"), null=True, blank=True)
    description = models.CharField(_("mô tả (như trong lý lịch)"), max_length=300, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "valid_from"]
        indexes = [
            models.Index(fields=["person", "valid_from", "valid_to"]),
            models.Index(fields=["unit", "valid_from", "valid_to"]),
            models.Index(fields=["title", "valid_from", "valid_to"]),
        ]
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(term_ends_on__isnull=True) | Q(term_ends_on__gt=models.F("valid_from")),
                name="posts_assignment_term_after_start",
                violation_error_message=_("Ngày hết thời hạn bổ nhiệm phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}, {self.unit}"


class PlanningEntry(Dated):
    """A person placed in the planning (quy hoạch) for a title in a unit, for a term, by a decision.

    `deep_expertise` marks candidates from fields that require deep professional expertise (HG-NQ
    II.2.2(5)); `expertise_field` says which field. Valid from the decision's effect to its end (or removal).
    """

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="planning_entries")
    title = models.ForeignKey(
        Title,
        verbose_name=_("chức danh quy hoạch"),
        on_delete=models.PROTECT,
        related_name="planning_entries",
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="planning_entries"
    )
    term_label = models.CharField(_("nhiệm kỳ quy hoạch"), max_length=20, help_text=_("Ví dụ: 2025-2030."))
    approved_by = models.CharField(_("cơ quan phê duyệt"), max_length=200, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    expertise_field = models.CharField(
        _("lĩnh vực chuyên môn"), max_length=30, choices=ExpertiseField.choices, blank=True
    )
    deep_expertise = models.BooleanField(_("lĩnh vực yêu cầu chuyên môn sâu"), default=False)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("quy hoạch")
        verbose_name_plural = _("quy hoạch")
        ordering = ["person", "valid_from"]
        indexes = [models.Index(fields=["title", "valid_from", "valid_to"])]
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(deep_expertise=False) | ~Q(expertise_field=""),
                name="posts_planningentry_deep_has_field",
                violation_error_message=_("Quy hoạch thuộc lĩnh vực chuyên sâu phải ghi rõ lĩnh vực."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title} ({self.term_label})"
