"""Choices for titles and assignments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleRank(models.TextChoices):
    """Tier of a post within its level (used by indicator populations and rules)."""

    KEY = "key", _("Lãnh đạo chủ chốt")
    HEAD = "head", _("Cấp trưởng (sở, ban, ngành và tương đương)")
    DEPUTY = "deputy", _("Cấp phó (sở, ban, ngành và tương đương)")
    DIVISION_HEAD = "division_head", _("Cấp trưởng phòng và tương đương")
    DIVISION_DEPUTY = "division_deputy", _("Cấp phó phòng và tương đương")
    COMMUNE_CADRE = "commune_cadre", _("Cán bộ cấp xã")
    STAFF = "staff", _("Không giữ chức vụ lãnh đạo")


class ExpertiseField(models.TextChoices):
    """Fields that require deep professional expertise (for planning: quy hoạch), per the HG resolution."""

    FINANCE = "tai_chinh", _("Tài chính")
    BANKING = "ngan_hang", _("Ngân hàng")
    IT = "cong_nghe_thong_tin", _("Công nghệ thông tin")
    HEALTH = "y_te", _("Y tế")
    LAW = "phap_luat", _("Pháp luật")
    SCIENCE = "khoa_hoc_ky_thuat", _("Khoa học, kỹ thuật")
    AGRICULTURE = "nong_nghiep", _("Nông nghiệp, lâm nghiệp")
    EDUCATION = "giao_duc", _("Giáo dục, đào tạo")
    CONSTRUCTION = "xay_dung", _("Xây dựng, quy hoạch đô thị")
    OTHER = "khac", _("Lĩnh vực chuyên sâu khác")
