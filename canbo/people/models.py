"""Persons (the core of form 2C) and their dated history: qualifications, family, attachments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.dates import DatePrecision, format_partial
from canbo.core.fields import SortKeyField
from canbo.core.models import TimeStamped

from .choices import (
    AttachmentKind,
    FamilyRelation,
    QualificationKind,
    Sex,
    StaffCategory,
    StudyMode,
    TrainingKind,
)


class Ethnicity(models.Model):
    """An ethnic group from an official code list (the list is stored with each value)."""

    code = models.CharField(_("mã"), max_length=4)
    code_system = models.CharField(_("bảng mã"), max_length=40, default="QD121-TCTK/1979")
    name = models.CharField(_("tên"), max_length=60)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_key = SortKeyField()

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")
        ordering = ["code_system", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_system", "code"],
                name="people_ethnicity_unique_code",
                violation_error_message=_("Mã dân tộc đã tồn tại trong bảng mã này."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class EthnicityAlias(models.Model):
    """Another spelling of an ethnic group's name (Mông = HMông = H'Mông), folded for matching."""

    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("cách viết khác"), max_length=60)
    alias_folded = models.CharField(max_length=60, unique=True, editable=False)

    class Meta:
        verbose_name = _("cách viết khác của tên dân tộc")
        verbose_name_plural = _("cách viết khác của tên dân tộc")

    def __str__(self) -> str:
        return f"{self.alias} → {self.ethnicity}"


class Religion(models.Model):
    """A religion recognised by the State; "Không" is a value, never a blank."""

    code = models.CharField(_("mã"), max_length=4, unique=True)
    name = models.CharField(_("tên"), max_length=80, unique=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("tôn giáo")
        verbose_name_plural = _("tôn giáo")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class QualificationLevel(models.Model):
    """A level in one qualification scale; rank orders levels so "intermediate or higher" is a query."""

    kind = models.CharField(_("loại"), max_length=20, choices=QualificationKind.choices)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=80)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("Bậc cao hơn có số lớn hơn."))
    is_legacy = models.BooleanField(
        _("chứng chỉ cũ"), default=False, help_text=_("Ví dụ chứng chỉ ngoại ngữ A/B/C trước TT 01/2014.")
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("trình độ")
        verbose_name_plural = _("trình độ")
        ordering = ["kind", "rank", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="people_qualification_level_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStamped):
    """A cadre, civil servant or public employee: the fixed part of form 2C (history lives in other tables)."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    code = models.CharField(_("số hiệu cán bộ"), max_length=30, unique=True, null=True, blank=True)
    managing_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("cơ quan, đơn vị quản lý hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Dùng để phân quyền khi cán bộ chưa có quá trình công tác."),
    )
    full_name = models.CharField(_("họ và tên khai sinh"), max_length=120)
    other_names = models.CharField(_("tên gọi khác"), max_length=200, blank=True)
    birth_date = models.DateField(_("ngày sinh"))
    birth_date_precision = models.CharField(
        _("độ chính xác ngày sinh"), max_length=1, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    sex = models.CharField(_("giới tính"), max_length=3, choices=Sex.choices)
    ethnicity = models.ForeignKey(Ethnicity, verbose_name=_("dân tộc"), on_delete=models.PROTECT)
    religion = models.ForeignKey(Religion, verbose_name=_("tôn giáo"), on_delete=models.PROTECT)
    birthplace = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("nơi sinh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    birthplace_text = models.CharField(_("nơi sinh (như trong hồ sơ)"), max_length=255, blank=True)
    home_town = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("quê quán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    home_town_text = models.CharField(_("quê quán (như trong hồ sơ)"), max_length=255, blank=True)
    permanent_address = models.CharField(_("nơi đăng ký hộ khẩu thường trú"), max_length=255, blank=True)
    current_address = models.CharField(_("nơi ở hiện nay"), max_length=255, blank=True)
    national_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, unique=True, null=True, blank=True
    )
    national_id_issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    occupation_at_recruitment = models.CharField(
        _("nghề nghiệp khi được tuyển dụng"), max_length=200, blank=True
    )
    recruited_on = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    recruiting_agency = models.CharField(_("cơ quan tuyển dụng"), max_length=200, blank=True)
    staff_category = models.CharField(
        _("đối tượng"), max_length=20, choices=StaffCategory.choices, default=StaffCategory.CIVIL_SERVANT
    )
    general_education = models.CharField(
        _("giáo dục phổ thông"), max_length=10, blank=True, help_text="12/12"
    )
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    party_official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    mass_org_joined = models.CharField(
        _("ngày tham gia tổ chức chính trị - xã hội"), max_length=200, blank=True
    )
    army_service = models.CharField(_("nhập ngũ, xuất ngũ, quân hàm"), max_length=200, blank=True)
    honorary_title = models.CharField(_("danh hiệu được phong tặng cao nhất"), max_length=200, blank=True)
    strengths = models.CharField(_("sở trường công tác"), max_length=255, blank=True)
    health = models.CharField(_("tình trạng sức khỏe"), max_length=120, blank=True)
    social_insurance_no = models.CharField(_("số sổ BHXH"), max_length=20, blank=True)
    # Form 2C item 29 ("Đặc điểm lịch sử bản thân"): the person's own declaration, answered as three texts
    # (tier political_history). Kept on the person, not as dated rows: the form asks for one statement per
    # question, reviewed with the dossier, and the audit trail already keeps every earlier wording.
    arrest_history = models.TextField(
        _("bị bắt, bị tù, làm việc trong chế độ cũ"),
        blank=True,
        help_text=_("Từ ngày nào đến ngày nào, ở đâu; đã khai báo cho ai, những vấn đề gì."),
    )
    foreign_ties = models.TextField(
        _("tham gia, quan hệ với tổ chức ở nước ngoài"),
        blank=True,
        help_text=_("Tổ chức chính trị, kinh tế, xã hội nào ở nước ngoài; làm gì, trụ sở ở đâu."),
    )
    relatives_abroad = models.TextField(
        _("thân nhân ở nước ngoài"),
        blank=True,
        help_text=_("Cha, mẹ, vợ, chồng, con, anh chị em ruột ở nước ngoài: làm gì, địa chỉ."),
    )
    photo = models.ImageField(_("ảnh 4x6"), upload_to="photos/%Y/", null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    sort_key = SortKeyField()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["sort_key", "birth_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_id__isnull=True) | Q(national_id__regex=r"^[0-9]{12}$"),
                name="people_person_national_id_12_digits",
                violation_error_message=_("Số định danh cá nhân phải gồm đúng 12 chữ số."),
            ),
            models.CheckConstraint(
                condition=Q(party_official_on__isnull=True)
                | Q(party_joined_on__isnull=False, party_official_on__gte=models.F("party_joined_on")),
                name="people_person_party_dates_ordered",
                violation_error_message=_("Ngày chính thức không được trước ngày vào Đảng."),
            ),
            models.CheckConstraint(
                condition=Q(sex__in=[Sex.MALE, Sex.FEMALE]), name="people_person_sex_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_date_display(self) -> str:
        """The birth date at its known precision."""
        return format_partial(self.birth_date, self.birth_date_precision)


class Qualification(TimeStamped):
    """A qualification obtained on a date (form 2C items 15 and 27): degree, certificate or attested skill."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField(_("loại"), max_length=20, choices=QualificationKind.choices, db_index=True)
    level = models.ForeignKey(QualificationLevel, verbose_name=_("trình độ"), on_delete=models.PROTECT)
    field = models.CharField(_("chuyên ngành"), max_length=200, blank=True)
    language = models.CharField(_("ngoại ngữ / tiếng dân tộc"), max_length=60, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=200, blank=True)
    mode = models.CharField(_("hình thức"), max_length=12, choices=StudyMode.choices, blank=True)
    started_on = models.DateField(_("từ"), null=True, blank=True)
    obtained_on = models.DateField(_("ngày cấp bằng/chứng chỉ"))
    obtained_on_precision = models.CharField(
        max_length=1, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("trình độ đạt được")
        verbose_name_plural = _("trình độ đạt được")
        ordering = ["person", "kind", "obtained_on"]
        indexes = [
            models.Index(fields=["kind", "obtained_on", "person"]),
            # The indicator engine's EXISTS(...) per person: find a person's qualifications of a kind by date.
            models.Index(fields=["person", "kind", "obtained_on"], name="people_qual_person_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__lte=models.F("obtained_on")),
                name="people_qualification_dates_ordered",
                violation_error_message=_("Ngày bắt đầu học không được sau ngày cấp bằng."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} ({self.person})"


class FamilyMember(TimeStamped):
    """A relative listed on form 2C item 30."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("quan hệ"), max_length=16, choices=FamilyRelation.choices)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    details = models.CharField(
        _("quê quán, nghề nghiệp, chức danh, chức vụ, đơn vị công tác, học tập, nơi ở"),
        max_length=500,
        blank=True,
    )

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        ordering = ["person", "id"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.full_name}"


class Attachment(TimeStamped):
    """A scanned document kept with the record: decision, diploma, signed form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại"), max_length=12, choices=AttachmentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="attachments/%Y/%m/")
    uploaded_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["person", "-created_at"]

    def __str__(self) -> str:
        return self.title


class TrainingCourse(TimeStamped):
    """A training course a person attended (form 2C item 27, "đào tạo, bồi dưỡng"), dated."""

    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, db_default=1, help_text=_("Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_courses")
    name = models.CharField(_("tên khóa học"), max_length=300)
    kind = models.CharField(_("loại bồi dưỡng"), max_length=20, choices=TrainingKind.choices)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=200, blank=True)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("khóa đào tạo, bồi dưỡng")
        verbose_name_plural = _("khóa đào tạo, bồi dưỡng")
        ordering = ["person", "started_on"]
        indexes = [
            # The indicator engine's EXISTS(...) per person: a person's courses of a kind by end date.
            models.Index(fields=["person", "kind", "ended_on"], name="people_training_person_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")),
                name="people_trainingcourse_dates_ordered",
                violation_error_message=_("Ngày kết thúc khóa học không được trước ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.person})"
