"""Choices for discipline records, political-standard conclusions and annual ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisciplineSystem(models.TextChoices):
    """Who imposed the measure: the Party (Điều lệ Đảng, QĐ 22-QĐ/TW) or the State (civil-service law)."""

    PARTY = "party", _("Kỷ luật đảng")
    ADMINISTRATIVE = "admin", _("Kỷ luật hành chính")


class DisciplineForm(models.TextChoices):
    """Disciplinary measures (Điều lệ Đảng Art 35; NĐ 112/2020, NĐ 172/2025 for cadres and civil servants)."""

    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    SALARY_DOWNGRADE = "ha_bac_luong", _("Hạ bậc lương")
    DEMOTION = "giang_chuc", _("Giáng chức")
    REMOVAL = "cach_chuc", _("Cách chức")
    RECALL = "bai_nhiem", _("Bãi nhiệm")
    DISMISSAL = "buoc_thoi_viec", _("Buộc thôi việc")
    EXPULSION = "khai_tru", _("Khai trừ")


#: The measures each system may impose: the Party has four (Điều lệ Đảng Art 35 for party members);
#: the State the civil-servant and cadre measures (NĐ 112/2020 Arts 7–8, NĐ 172/2025).
FORMS_BY_SYSTEM: dict[str, frozenset[str]] = {
    DisciplineSystem.PARTY: frozenset(
        {DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.REMOVAL, DisciplineForm.EXPULSION}
    ),
    DisciplineSystem.ADMINISTRATIVE: frozenset(
        {
            DisciplineForm.REPRIMAND,
            DisciplineForm.WARNING,
            DisciplineForm.SALARY_DOWNGRADE,
            DisciplineForm.DEMOTION,
            DisciplineForm.REMOVAL,
            DisciplineForm.RECALL,
            DisciplineForm.DISMISSAL,
        }
    ),
}


class PoliticalConclusion(models.TextChoices):
    """The outcome of a political-standard review (kết luận tiêu chuẩn chính trị)."""

    MEETS = "dat", _("Đủ tiêu chuẩn chính trị")
    NOT_MEETS = "khong_dat", _("Không đủ tiêu chuẩn chính trị")


class RatingLevel(models.TextChoices):
    """The four quality-rating levels, best first (NĐ 90/2020, QĐ 366-QĐ/TW, NĐ 335/2025)."""

    EXCELLENT = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "HTNV", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "KHTNV", _("Không hoàn thành nhiệm vụ")
