"""Choices for rule versions, calendar exceptions and retirement records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How well a rule's value was verified (the letters of domain/regulations.md)."""

    VERIFIED = "V", _("Đã kiểm chứng trên văn bản")
    PARTLY = "P", _("Kiểm chứng một phần")
    MEMORY = "M", _("Chưa kiểm chứng")
    DESIGN = "design", _("Quy ước của hệ thống")


#: Confidence levels whose shipped defaults wait for an administrator's confirmation.
NEEDS_CONFIRMATION = frozenset({Confidence.PARTLY, Confidence.MEMORY, Confidence.DESIGN})


class DayKind(models.TextChoices):
    """What a calendar exception makes of a day."""

    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class EarlyRetirementReason(models.TextChoices):
    """Grounds for retiring before the statutory age (NĐ 135/2020 Art 5), plus a decided case."""

    HAZARDOUS_WORK = "hazardous", _("Đủ 15 năm làm nghề, công việc nặng nhọc, độc hại, nguy hiểm")
    DIFFICULT_AREA = (
        "difficult_area",
        _("Đủ 15 năm làm việc ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn"),
    )
    WORK_CAPACITY = "work_capacity", _("Suy giảm khả năng lao động từ 61% trở lên")
    STREAMLINING = (
        "streamlining",
        _("Nghỉ hưu trước tuổi theo chính sách tinh giản biên chế, sắp xếp tổ chức"),
    )
    OTHER = "other", _("Trường hợp khác theo quyết định của cấp có thẩm quyền")


class RetirementVariant(models.TextChoices):
    """Which age applies in the precomputed retirement table."""

    STANDARD = "standard", _("Tuổi nghỉ hưu chung")
    SENIOR_FEMALE = "senior_female", _("Nữ lãnh đạo nghỉ hưu ở tuổi cao hơn (NĐ 83/2022)")
