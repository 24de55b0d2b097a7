"""Grants: a user holds a role on a unit subtree (or the whole system) for a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import Dated, DatedQuerySet


class Role(models.TextChoices):
    """The roles of the system (see docs/roles.md)."""

    ADMIN = "admin", _("Quản trị hệ thống")
    SPECIALIST = "specialist", _("Chuyên viên Ban Tổ chức")
    HR_OFFICER = "hr_officer", _("Cán bộ tổ chức của đơn vị")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")
    INSPECTOR = "inspector", _("Ủy ban Kiểm tra (xem và nhật ký)")


class Action(models.TextChoices):
    """What a grant permits."""

    VIEW = "view", _("Xem")
    CHANGE = "change", _("Thêm, sửa, xóa")
    AUDIT = "audit", _("Xem nhật ký")


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({Action.VIEW, Action.CHANGE, Action.AUDIT}),
    Role.SPECIALIST: frozenset({Action.VIEW, Action.CHANGE}),
    Role.HR_OFFICER: frozenset({Action.VIEW, Action.CHANGE}),
    Role.LEADER: frozenset({Action.VIEW}),
    Role.INSPECTOR: frozenset({Action.VIEW, Action.AUDIT}),
}


class Tier(models.TextChoices):
    """Tiers of sensitive fields: a role without a tier sees them hidden or masked everywhere."""

    IDENTIFICATION = "identification", _("Số định danh, bảo hiểm xã hội và địa chỉ")
    FAMILY = "family", _("Quan hệ gia đình")
    HEALTH = "health", _("Sức khỏe")
    POLITICAL_HISTORY = "political_history", _("Đặc điểm lịch sử bản thân")
    DISCIPLINE = "discipline", _("Kỷ luật và kết luận tiêu chuẩn chính trị")


# Which tiers each role sees (data, like ROLE_ACTIONS). Roles that change records see every tier, so a
# form never shows them a masked value to save back. Leaders read dashboards and lists: no tier.
# The inspection committee (Ủy ban Kiểm tra) decides and checks discipline, so it sees that tier.
ROLE_TIERS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Tier.values),
    Role.SPECIALIST: frozenset(Tier.values),
    Role.HR_OFFICER: frozenset(Tier.values),
    Role.LEADER: frozenset(),
    Role.INSPECTOR: frozenset({Tier.IDENTIFICATION, Tier.FAMILY, Tier.DISCIPLINE}),
}

# The Person fields of each tier and how they are hidden (family: the relatives' rows are left out;
# discipline: the conduct records — canbo.conduct — are left out of pages, form 2C, the API and worklists).
TIER_FIELDS: dict[str, tuple[str, ...]] = {
    Tier.IDENTIFICATION: (
        "national_id",
        "national_id_issued_on",
        "social_insurance_no",
        "permanent_address",
        "current_address",
    ),
    Tier.FAMILY: (),
    Tier.HEALTH: ("health",),
    Tier.POLITICAL_HISTORY: ("arrest_history", "foreign_ties", "relatives_abroad"),
    Tier.DISCIPLINE: (),
}


class Grant(Dated):
    """A role held by a user on a unit and everything below it (no unit: the whole system)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("phạm vi (đơn vị và cấp dưới)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    note = models.CharField(_("căn cứ (quyết định phân công)"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user", "valid_from"]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id and self.unit else _("toàn hệ thống")
        return f"{self.user} — {self.get_role_display()} — {scope}"
