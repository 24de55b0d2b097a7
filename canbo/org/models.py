"""Organisation units as a dated tree; elected bodies, their terms, members and nominees."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.core.fields import SortKeyField
from canbo.core.models import Dated, DatedQuerySet, TimeStamped

from .choices import BodyKind, Level, MemberRole, NominationOutcome, Sector, SuccessionKind, UnitKind


class OrgUnitQuerySet(DatedQuerySet):
    """Queries over organisation units."""

    def subtree(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """The unit and every unit below it (by materialised path)."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(Dated):
    """An agency or unit (cơ quan, đơn vị) in the tree, valid between two dates."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    sector = models.CharField(_("khối"), max_length=16, choices=Sector.choices)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    locality = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    search_name = models.CharField(max_length=400, editable=False, db_index=True, default="")
    sort_key = SortKeyField()

    objects = OrgUnitQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name


class UnitSuccession(models.Model):
    """A unit that continued in another: merged into it, split into it, or renamed as it."""

    predecessor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="predecessions")
    kind = models.CharField(_("hình thức"), max_length=10, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("hiệu lực từ"))
    decision = models.ForeignKey(
        "posts.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="org_succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=F("successor")), name="org_succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class ElectedBody(models.Model):
    """A party committee, its standing committee, or a People's Council, attached to a unit."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="bodies"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=BodyKind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    name = models.CharField(_("tên"), max_length=255)
    parent_body = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Ban Thường vụ thuộc Ban Chấp hành."),
    )

    class Meta:
        verbose_name = _("cơ quan dân cử / cấp ủy")
        verbose_name_plural = _("cơ quan dân cử / cấp ủy")
        ordering = ["org_unit__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind"], name="org_body_unique_kind")]

    def __str__(self) -> str:
        return self.name


class Term(Dated):
    """A term of an elected body (nhiệm kỳ), e.g. 2020–2025; valid_to is the actual end."""

    body = models.ForeignKey(ElectedBody, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("nhiệm kỳ"), max_length=20)
    election_date = models.DateField(_("ngày bầu cử / đại hội"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["body", "valid_from"]
        constraints = [
            *Dated.Meta.constraints,
            models.UniqueConstraint(fields=["body", "name"], name="org_term_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.name}"


class Membership(Dated):
    """A person's seat in an elected body for a term, between two dates."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["term", "person__sort_key"]
        indexes = [models.Index(fields=["term", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.term}"


class Nomination(TimeStamped):
    """A person on the list of nominees for the election of a term."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="nominations")
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="nominations"
    )
    nominated_on = models.DateField(_("ngày giới thiệu"))
    constituency = models.CharField(_("đơn vị bầu cử"), max_length=120, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=NominationOutcome.choices, default=NominationOutcome.PENDING
    )

    class Meta:
        verbose_name = _("người ứng cử")
        verbose_name_plural = _("danh sách người ứng cử")
        ordering = ["term", "person__sort_key"]
        constraints = [models.UniqueConstraint(fields=["person", "term"], name="org_nomination_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.term}"
