"""Discipline records, political-standard conclusions and annual ratings, one person each."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import Dated, DatedQuerySet, TimeStamped

from .choices import DisciplineForm, DisciplineSystem, PoliticalConclusion, RatingLevel


class DisciplineRecord(Dated):
    """A disciplinary measure: its form, Party or State, the decision, and the period it is in effect.

    valid_from is the day the decision takes effect (the bars on promotion and planning count from it);
    valid_to, when known, the day the measure ends.
    """

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="discipline_records")
    form = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineForm.choices)
    system = models.CharField(_("loại kỷ luật"), max_length=8, choices=DisciplineSystem.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=80)
    decision_date = models.DateField(_("ngày quyết định"))
    issued_by = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["person", "-valid_from", "pk"]
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(valid_from__gte=F("decision_date")),
                name="conduct_discipline_effective_after_decision",
                violation_error_message=_("Ngày kỷ luật có hiệu lực không được trước ngày quyết định."),
            ),
        ]
        indexes = [models.Index(fields=["form", "valid_from"], name="conduct_discipline_form_from")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_form_display()} ({self.valid_from:%d/%m/%Y})"


class PoliticalStandardConclusion(TimeStamped):
    """A conclusion on a person's political standard: when, what, by whom, in which document."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="political_standard_conclusions"
    )
    concluded_on = models.DateField(_("ngày kết luận"))
    conclusion = models.CharField(_("kết luận"), max_length=12, choices=PoliticalConclusion.choices)
    concluded_by = models.CharField(_("cơ quan kết luận"), max_length=200)
    document = models.CharField(_("văn bản kết luận"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("kết luận tiêu chuẩn chính trị")
        verbose_name_plural = _("kết luận tiêu chuẩn chính trị")
        ordering = ["person", "-concluded_on", "-pk"]
        indexes = [models.Index(fields=["person", "concluded_on"], name="conduct_polstd_person_day")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_conclusion_display()} ({self.concluded_on:%d/%m/%Y})"


class AnnualRating(TimeStamped):
    """A person's quality rating for a year (đánh giá, xếp loại chất lượng), with the 100-point score from 2026.

    Moved from canbo.imports, keeping its table and its constraint names (imports_annualrating…), so that
    existing databases keep their rows: see migrations imports 0003 and conduct 0002.
    """

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="annual_ratings")
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("mức xếp loại"), max_length=6, choices=RatingLevel.choices)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    source_import = models.ForeignKey(
        "imports.ImportJob",
        verbose_name=_("lượt nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )

    class Meta:
        db_table = "imports_annualrating"
        verbose_name = _("xếp loại chất lượng hằng năm")
        verbose_name_plural = _("xếp loại chất lượng hằng năm")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="imports_annualrating_unique_year",
                violation_error_message=_("Cán bộ đã có xếp loại của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="imports_annualrating_score_range",
                violation_error_message=_("Điểm phải từ 0 đến 100."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1930),
                name="conduct_annualrating_year_from_1930",
                violation_error_message=_("Năm đánh giá phải từ 1930 trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.year}: {self.level}"
