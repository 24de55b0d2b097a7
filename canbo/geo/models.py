"""Administrative units (localities) with validity dates, and the 2025 old→new mapping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import active_on
from canbo.core.fields import SortKeyField
from canbo.core.models import TimeStamped
from canbo.core.text import name_sort_key

from .naming import search_key


class LocalityLevel(models.TextChoices):
    """Tier of an administrative unit."""

    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class CodeSystem(models.TextChoices):
    """The official list a locality code comes from."""

    QD124_2004 = "QD124/2004", _("QĐ 124/2004/QĐ-TTg (đến 30/06/2025)")
    QD19_2025 = "QD19/2025", _("QĐ 19/2025/QĐ-TTg (từ 01/07/2025)")


class LocalityQuerySet(models.QuerySet):
    """Queries over localities."""

    def as_of(self, day: dt.date) -> LocalityQuerySet:
        """Localities that existed on day."""
        return self.filter(active_on(day, open_start=True))


class Locality(TimeStamped):
    """A province, district or commune as it existed between valid_from and valid_to."""

    code = models.CharField(_("mã"), max_length=10)
    code_system = models.CharField(_("bảng mã"), max_length=16, choices=CodeSystem.choices)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=40, help_text=_("tỉnh, thành phố, huyện, xã, phường…"))
    level = models.CharField(_("cấp"), max_length=10, choices=LocalityLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.CharField(_("mã tỉnh"), max_length=10, db_index=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    search_name = models.CharField(
        _("tên không dấu"),
        max_length=400,
        editable=False,
        db_index=True,
        default="",
        help_text=_("Tên bỏ dấu, bỏ chữ chỉ loại đơn vị, dùng để tìm kiếm."),
    )
    sort_key = SortKeyField(_("khóa sắp xếp"))
    # Codes of the units containing this one on each side of the 01/07/2025 reform, so that "is this
    # person local to this post?" is one comparison of columns in SQL (filled by geo.boundaries).
    old_province = models.CharField(max_length=10, null=True, blank=True, editable=False)
    old_district = models.CharField(max_length=10, null=True, blank=True, editable=False)
    old_commune = models.CharField(max_length=10, null=True, blank=True, editable=False)
    new_province = models.CharField(max_length=10, null=True, blank=True, editable=False)
    new_commune = models.CharField(max_length=10, null=True, blank=True, editable=False)

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_system", "level", "code"],
                name="geo_locality_unique_code",
                violation_error_message=_("Mã đơn vị hành chính đã tồn tại trong bảng mã này."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="geo_locality_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["level", "province_code"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Recompute the search and sort columns from the name (bulk writes call this themselves)."""
        self.search_name = search_key(self.name)
        self.sort_key = name_sort_key(self.name)

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether this unit existed on day (an empty bound is open)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def full_name(self) -> str:
        """The name with its kind, as written on documents: "xã Bản Phiệt"."""
        return f"{self.kind} {self.name}".strip()

    def path_names(self) -> str:
        """Name with its parents: "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai"."""
        names = []
        node: Locality | None = self
        while node is not None:
            names.append(node.full_name)
            node = node.parent
        return ", ".join(names)


class LocalityMappingQuerySet(models.QuerySet):
    """Queries over crosswalk links."""

    def forward(self, day: dt.date) -> LocalityMappingQuerySet:
        """Links already in force on day (to follow an old unit to its successors)."""
        return self.filter(effective_on__lte=day)

    def backward(self, day: dt.date) -> LocalityMappingQuerySet:
        """Links that came into force after day (to follow a new unit back to its predecessors)."""
        return self.filter(effective_on__gt=day)


class LocalityMapping(models.Model):
    """One link of the old→new crosswalk: an old unit (or part of it) became part of a new one."""

    old = models.ForeignKey(
        Locality, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successors"
    )
    new = models.ForeignKey(
        Locality, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="predecessors"
    )
    effective_on = models.DateField(_("hiệu lực từ"))
    is_partial = models.BooleanField(_("chỉ một phần"), default=False)
    source = models.CharField(_("căn cứ"), max_length=200, blank=True)

    objects = LocalityMappingQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyển đổi địa giới")
        verbose_name_plural = _("chuyển đổi địa giới")
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="geo_mapping_unique_pair"),
            models.CheckConstraint(
                condition=~Q(old=F("new")),
                name="geo_mapping_not_self",
                violation_error_message=_("Một đơn vị không thể chuyển đổi thành chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
