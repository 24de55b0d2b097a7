"""Choices for persons and their history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """Sex as recorded on form 2C."""

    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class StaffCategory(models.TextChoices):
    """Legal category of staff (Luật CBCC 80/2025; Luật Viên chức)."""

    CADRE = "can_bo", _("Cán bộ")
    CIVIL_SERVANT = "cong_chuc", _("Công chức")
    PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
    WORKER = "nguoi_lao_dong", _("Người lao động")


class QualificationKind(models.TextChoices):
    """The kinds of qualification on form 2C item 15, plus the international-work attribute."""

    EDUCATION = "education", _("Trình độ chuyên môn")
    POLITICAL_THEORY = "political_theory", _("Lý luận chính trị")
    STATE_MANAGEMENT = "state_management", _("Quản lý nhà nước")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ")
    IT = "it", _("Tin học")
    ETHNIC_LANGUAGE = "ethnic_language", _("Tiếng dân tộc thiểu số")
    INTERNATIONAL = "international", _("Khả năng làm việc trong môi trường quốc tế")


class StudyMode(models.TextChoices):
    """Mode of study (form 2C item 27)."""

    FULL_TIME = "chinh_quy", _("Chính quy")
    IN_SERVICE = "tai_chuc", _("Tại chức / vừa làm vừa học")
    DISTANCE = "tu_xa", _("Từ xa")
    SHORT_COURSE = "ngan_han", _("Bồi dưỡng ngắn hạn")
    OTHER = "khac", _("Khác")


class AttachmentKind(models.TextChoices):
    """What a scanned file attached to a record is."""

    DECISION = "decision", _("Quyết định")
    DIPLOMA = "diploma", _("Văn bằng, chứng chỉ")
    FORM_2C = "form_2c", _("Sơ yếu lý lịch (bản ký)")
    OTHER = "other", _("Khác")


class FamilyRelation(models.TextChoices):
    """Relations listed on form 2C item 30."""

    FATHER = "bo", _("Bố")
    MOTHER = "me", _("Mẹ")
    SPOUSE = "vo_chong", _("Vợ/chồng")
    CHILD = "con", _("Con")
    SIBLING = "anh_chi_em", _("Anh/chị/em ruột")
    FATHER_IN_LAW = "bo_vo_chong", _("Bố vợ/chồng")
    MOTHER_IN_LAW = "me_vo_chong", _("Mẹ vợ/chồng")
    OTHER = "khac", _("Khác")


class TrainingKind(models.TextChoices):
    """What a training course (form 2C item 27, "đào tạo, bồi dưỡng") was for."""

    KNOWLEDGE_UPDATE = "cap_nhat_kien_thuc", _("Bồi dưỡng cập nhật kiến thức")
    TITLE_STANDARD = "theo_chuc_danh", _("Bồi dưỡng theo tiêu chuẩn chức danh")
    OTHER = "khac", _("Khác")
