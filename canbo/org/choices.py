"""Choices for organisation units and elected bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Administrative level of a unit or post."""

    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Sector(models.TextChoices):
    """Block of the political system a unit belongs to."""

    PARTY = "party", _("Khối Đảng")
    STATE = "state", _("Khối chính quyền")
    FRONT = "front", _("Mặt trận Tổ quốc và các đoàn thể")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")


class UnitKind(models.TextChoices):
    """What sort of body a unit is."""

    PARTY_COMMITTEE = "party_committee", _("Cấp ủy (Tỉnh ủy, Huyện ủy, Đảng ủy)")
    PARTY_AGENCY = "party_agency", _("Cơ quan tham mưu của cấp ủy")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DIVISION = "division", _("Phòng và tương đương")
    MASS_ORGANISATION = "mass_org", _("Mặt trận, đoàn thể")
    PUBLIC_SERVICE_UNIT = "service_unit", _("Đơn vị sự nghiệp")
    ADMINISTRATION = "administration", _("Khối hành chính (nhóm đơn vị)")


class SuccessionKind(models.TextChoices):
    """How a unit came from another."""

    MERGED = "merged", _("Hợp nhất / sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAMED = "renamed", _("Đổi tên")


class BodyKind(models.TextChoices):
    """Kinds of elected body."""

    PARTY_EXECUTIVE = "party_executive", _("Ban Chấp hành (cấp ủy)")
    PARTY_STANDING = "party_standing", _("Ban Thường vụ")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")


class MemberRole(models.TextChoices):
    """A member's role in an elected body."""

    MEMBER = "member", _("Ủy viên / đại biểu")
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")


class NominationOutcome(models.TextChoices):
    """Result of a nomination."""

    PENDING = "pending", _("Chưa bầu")
    ELECTED = "elected", _("Trúng cử")
    NOT_ELECTED = "not_elected", _("Không trúng cử")
    WITHDRAWN = "withdrawn", _("Rút khỏi danh sách")
