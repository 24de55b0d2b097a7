"""Output serializers of the API (read-only; input will get serializers of its own with the writes)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canbo.org.choices import Level, MemberRole, Sector, UnitKind
from canbo.org.models import Membership, OrgUnit
from canbo.people.choices import QualificationKind, Sex, StaffCategory, StudyMode, TrainingKind
from canbo.people.models import Person, Qualification, TrainingCourse
from canbo.posts.models import Assignment
from canbo.programmes.models import Indicator, Programme, Target

# ------------------------------------------------------------------------------------------------ units


class UnitSerializer(serializers.ModelSerializer[OrgUnit]):
    """A unit of the tree as listed."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của đơn vị."))
    code = serializers.CharField(help_text=_("Mã đơn vị."))
    name = serializers.CharField(help_text=_("Tên đơn vị."))
    short_name = serializers.CharField(help_text=_("Tên viết tắt."))
    parent_id = serializers.IntegerField(allow_null=True, help_text=_("Mã số của đơn vị cấp trên trực tiếp."))
    depth = serializers.IntegerField(help_text=_("Độ sâu trong cây đơn vị (0 là gốc)."))
    level = serializers.ChoiceField(choices=Level.choices, help_text=_("Cấp."))
    sector = serializers.ChoiceField(choices=Sector.choices, help_text=_("Khối."))
    kind = serializers.ChoiceField(choices=UnitKind.choices, help_text=_("Loại đơn vị."))
    valid_from = serializers.DateField(help_text=_("Ngày bắt đầu tồn tại."))
    valid_to = serializers.DateField(allow_null=True, help_text=_("Ngày kết thúc (trống: còn tồn tại)."))

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "parent_id",
            "depth",
            "level",
            "sector",
            "kind",
            "valid_from",
            "valid_to",
        ]
        read_only_fields = fields


class UnitDetailSerializer(UnitSerializer):
    """One unit, with its parent's name."""

    parent_name = serializers.CharField(
        source="parent.name", allow_null=True, default=None, help_text=_("Tên đơn vị cấp trên.")
    )

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "parent_name"]
        read_only_fields = fields


# ----------------------------------------------------------------------------------------------- people


class CurrentPostSerializer(serializers.Serializer[Any]):
    """A person's main (non-concurrent) post on the as-of date, read from the selector's annotations."""

    assignment_id = serializers.IntegerField(
        source="cur_assignment_id", help_text=_("Mã số của bản ghi công tác.")
    )
    title = serializers.CharField(source="cur_title_name", help_text=_("Chức vụ chính."))
    unit_id = serializers.IntegerField(source="cur_unit_id", help_text=_("Mã số của đơn vị công tác."))
    unit_name = serializers.CharField(source="cur_unit_name", help_text=_("Tên đơn vị công tác."))

    def to_representation(self, instance: Any) -> Any:
        if getattr(instance, "cur_assignment_id", None) is None:
            return None
        return super().to_representation(instance)


class PersonListSerializer(serializers.ModelSerializer[Person]):
    """A person as listed: no identity numbers (those are only in the detail)."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của người trong hệ thống."))
    code = serializers.CharField(allow_null=True, help_text=_("Số hiệu cán bộ."))
    full_name = serializers.CharField(help_text=_("Họ và tên khai sinh."))
    birth_date = serializers.DateField(help_text=_("Ngày sinh (phần chưa biết lưu là 01)."))
    birth_date_display = serializers.CharField(
        help_text=_("Ngày sinh như trong hồ sơ: dd/mm/yyyy, mm/yyyy hoặc yyyy.")
    )
    sex = serializers.ChoiceField(choices=Sex.choices, help_text=_("Giới tính."))
    ethnicity = serializers.CharField(source="ethnicity.name", help_text=_("Dân tộc."))
    staff_category = serializers.ChoiceField(choices=StaffCategory.choices, help_text=_("Đối tượng."))
    current_post = CurrentPostSerializer(
        source="*", allow_null=True, help_text=_("Chức vụ chính vào ngày xem (trống: không giữ chức vụ nào).")
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "code",
            "full_name",
            "birth_date",
            "birth_date_display",
            "sex",
            "ethnicity",
            "staff_category",
            "current_post",
        ]
        read_only_fields = fields


class TrainingCourseSerializer(serializers.ModelSerializer[TrainingCourse]):
    """A training course started by the as-of date (form 2C item 27, "đào tạo, bồi dưỡng")."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của bản ghi."))
    name = serializers.CharField(help_text=_("Tên khóa học."))
    kind = serializers.ChoiceField(choices=TrainingKind.choices, help_text=_("Loại bồi dưỡng."))
    institution = serializers.CharField(help_text=_("Cơ sở đào tạo."))
    started_on = serializers.DateField(help_text=_("Từ ngày."))
    ended_on = serializers.DateField(help_text=_("Đến ngày."))
    note = serializers.CharField(help_text=_("Văn bằng, chứng chỉ được cấp hoặc ghi chú khác."))

    class Meta:
        model = TrainingCourse
        fields = ["id", "name", "kind", "institution", "started_on", "ended_on", "note"]
        read_only_fields = fields


class PersonSensitiveSerializer(serializers.ModelSerializer[Person]):
    """Identity numbers and addresses: the part of the detail that will be masked by role.

    Kept apart so that a role check can drop or mask this one block without touching the rest.
    """

    national_id = serializers.CharField(allow_null=True, help_text=_("Số định danh cá nhân (12 chữ số)."))
    national_id_issued_on = serializers.DateField(allow_null=True, help_text=_("Ngày cấp số định danh."))
    social_insurance_no = serializers.CharField(help_text=_("Số sổ bảo hiểm xã hội."))
    permanent_address = serializers.CharField(help_text=_("Nơi đăng ký hộ khẩu thường trú."))
    current_address = serializers.CharField(help_text=_("Nơi ở hiện nay."))

    class Meta:
        model = Person
        fields = [
            "national_id",
            "national_id_issued_on",
            "social_insurance_no",
            "permanent_address",
            "current_address",
        ]
        read_only_fields = fields


class PersonPoliticalHistorySerializer(serializers.ModelSerializer[Person]):
    """Form 2C item 29, the person's declared history: empty for a role without the political_history tier."""

    arrest_history = serializers.CharField(help_text=_("Bị bắt, bị tù, làm việc trong chế độ cũ."))
    foreign_ties = serializers.CharField(help_text=_("Tham gia, quan hệ với tổ chức ở nước ngoài."))
    relatives_abroad = serializers.CharField(help_text=_("Thân nhân ở nước ngoài."))

    class Meta:
        model = Person
        fields = ["arrest_history", "foreign_ties", "relatives_abroad"]
        read_only_fields = fields


class DisciplineSerializer(serializers.Serializer[Any]):
    """A disciplinary measure decided by the as-of date (form 2C item 22)."""

    system = serializers.CharField(help_text=_("Kỷ luật đảng (party) hoặc hành chính (admin)."))
    form = serializers.CharField(help_text=_("Mã hình thức kỷ luật."))
    form_display = serializers.CharField(source="get_form_display", help_text=_("Hình thức kỷ luật."))
    decision_number = serializers.CharField(help_text=_("Số quyết định."))
    decision_date = serializers.DateField(help_text=_("Ngày quyết định."))
    valid_from = serializers.DateField(help_text=_("Có hiệu lực từ ngày."))
    valid_to = serializers.DateField(allow_null=True, help_text=_("Đến ngày (trống: chưa xác định)."))


class PostSerializer(serializers.ModelSerializer[Assignment]):
    """A post held (an assignment), with its title and unit."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của bản ghi công tác."))
    title_id = serializers.IntegerField(help_text=_("Mã số của chức vụ."))
    title = serializers.CharField(source="title.name", help_text=_("Chức vụ."))
    unit_id = serializers.IntegerField(help_text=_("Mã số của đơn vị."))
    unit_name = serializers.CharField(source="unit.name", help_text=_("Tên đơn vị."))
    is_concurrent = serializers.BooleanField(help_text=_("Kiêm nhiệm."))
    valid_from = serializers.DateField(help_text=_("Từ ngày."))
    valid_to = serializers.DateField(allow_null=True, help_text=_("Đến ngày (trống: đang giữ)."))
    term_ends_on = serializers.DateField(allow_null=True, help_text=_("Hết thời hạn bổ nhiệm."))

    class Meta:
        model = Assignment
        fields = [
            "id",
            "title_id",
            "title",
            "unit_id",
            "unit_name",
            "is_concurrent",
            "valid_from",
            "valid_to",
            "term_ends_on",
        ]
        read_only_fields = fields


class PersonDetailSerializer(PersonListSerializer):
    """One person (form 2C, fixed part) with their posts on the as-of date."""

    other_names = serializers.CharField(help_text=_("Tên gọi khác."))
    religion = serializers.CharField(source="religion.name", help_text=_("Tôn giáo."))
    birthplace_text = serializers.CharField(help_text=_("Nơi sinh (như trong hồ sơ)."))
    home_town_text = serializers.CharField(help_text=_("Quê quán (như trong hồ sơ)."))
    recruited_on = serializers.DateField(allow_null=True, help_text=_("Ngày tuyển dụng."))
    general_education = serializers.CharField(help_text=_("Giáo dục phổ thông, ví dụ 12/12."))
    party_joined_on = serializers.DateField(allow_null=True, help_text=_("Ngày vào Đảng."))
    party_official_on = serializers.DateField(allow_null=True, help_text=_("Ngày chính thức."))
    honorary_title = serializers.CharField(help_text=_("Danh hiệu được phong tặng cao nhất."))
    training_courses = TrainingCourseSerializer(
        many=True,
        source="api_training_courses",
        help_text=_("Khóa đào tạo, bồi dưỡng bắt đầu đến ngày xem, theo thứ tự thời gian (mục 27)."),
    )
    concurrent_posts = PostSerializer(
        many=True, source="api_concurrent_posts", help_text=_("Các chức vụ kiêm nhiệm vào ngày xem.")
    )
    sensitive = PersonSensitiveSerializer(
        source="*", help_text=_("Số định danh, bảo hiểm xã hội và địa chỉ (sẽ bị che theo vai trò).")
    )
    political_history = PersonPoliticalHistorySerializer(
        source="*", help_text=_("Đặc điểm lịch sử bản thân (mục 29); để trống với vai trò không được xem.")
    )
    discipline = DisciplineSerializer(
        many=True,
        source="api_discipline",
        help_text=_("Kỷ luật đến ngày xem (mục 22); danh sách rỗng với vai trò không được xem."),
    )
    hidden_tiers = serializers.SerializerMethodField(
        help_text=_("Các nhóm thông tin nhạy cảm bị che với vai trò của người gọi.")
    )

    class Meta(PersonListSerializer.Meta):
        fields = [
            *PersonListSerializer.Meta.fields,
            "other_names",
            "religion",
            "birthplace_text",
            "home_town_text",
            "recruited_on",
            "general_education",
            "party_joined_on",
            "party_official_on",
            "honorary_title",
            "training_courses",
            "concurrent_posts",
            "sensitive",
            "political_history",
            "discipline",
            "hidden_tiers",
        ]
        read_only_fields = fields

    def get_hidden_tiers(self, obj: Person) -> list[str]:
        return sorted(getattr(obj, "hidden_tiers", ()))


class AssignmentSerializer(PostSerializer):
    """A line of the work history, marked whether it was held on the as-of date."""

    description = serializers.CharField(help_text=_("Mô tả như trong lý lịch."))
    decision = serializers.CharField(
        source="decision.number", allow_null=True, default=None, help_text=_("Số quyết định.")
    )
    decision_signed_on = serializers.DateField(
        source="decision.signed_on", allow_null=True, default=None, help_text=_("Ngày ký quyết định.")
    )
    is_active = serializers.SerializerMethodField(help_text=_("Đang giữ vào ngày xem."))

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "description", "decision", "decision_signed_on", "is_active"]
        read_only_fields = fields

    def get_is_active(self, obj: Assignment) -> bool:
        return obj.is_active_on(self.context["as_of"])


class QualificationSerializer(serializers.ModelSerializer[Qualification]):
    """A qualification obtained by the as-of date."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của bản ghi."))
    kind = serializers.ChoiceField(choices=QualificationKind.choices, help_text=_("Loại trình độ."))
    level_code = serializers.CharField(source="level.code", help_text=_("Mã trình độ."))
    level = serializers.CharField(source="level.name", help_text=_("Trình độ."))
    field = serializers.CharField(help_text=_("Chuyên ngành."))
    language = serializers.CharField(help_text=_("Ngoại ngữ hoặc tiếng dân tộc."))
    institution = serializers.CharField(help_text=_("Cơ sở đào tạo."))
    mode = serializers.ChoiceField(choices=[("", ""), *StudyMode.choices], help_text=_("Hình thức đào tạo."))
    started_on = serializers.DateField(allow_null=True, help_text=_("Ngày bắt đầu học."))
    obtained_on = serializers.DateField(help_text=_("Ngày cấp bằng, chứng chỉ."))

    class Meta:
        model = Qualification
        fields = [
            "id",
            "kind",
            "level_code",
            "level",
            "field",
            "language",
            "institution",
            "mode",
            "started_on",
            "obtained_on",
        ]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    """A seat in an elected body taken by the as-of date."""

    id = serializers.IntegerField(read_only=True, help_text=_("Mã số của bản ghi."))
    body = serializers.CharField(source="term.body.name", help_text=_("Cơ quan dân cử, cấp ủy."))
    body_kind = serializers.CharField(source="term.body.kind", help_text=_("Loại cơ quan."))
    term = serializers.CharField(source="term.name", help_text=_("Nhiệm kỳ."))
    role = serializers.ChoiceField(choices=MemberRole.choices, help_text=_("Vai trò."))
    valid_from = serializers.DateField(help_text=_("Từ ngày."))
    valid_to = serializers.DateField(allow_null=True, help_text=_("Đến ngày (trống: đang là thành viên)."))
    is_active = serializers.SerializerMethodField(help_text=_("Đang là thành viên vào ngày xem."))

    class Meta:
        model = Membership
        fields = ["id", "body", "body_kind", "term", "role", "valid_from", "valid_to", "is_active"]
        read_only_fields = fields

    def get_is_active(self, obj: Membership) -> bool:
        return obj.is_active_on(self.context["as_of"])


# ------------------------------------------------------------------------------------------ programmes


class TargetSerializer(serializers.ModelSerializer[Target]):
    """A yearly target of an indicator."""

    year = serializers.IntegerField(help_text=_("Năm."))
    comparison = serializers.CharField(help_text=_("Cách so sánh (range, at_least, …)."))
    low = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, help_text=_("Mức dưới (%).")
    )
    high = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, help_text=_("Mức trên (%).")
    )
    text = serializers.CharField(help_text=_("Nguyên văn trong văn bản."))

    class Meta:
        model = Target
        fields = ["year", "comparison", "low", "high", "text"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    """An indicator of a programme with its targets."""

    code = serializers.CharField(help_text=_("Mã chỉ tiêu."))
    name = serializers.CharField(help_text=_("Tên chỉ tiêu."))
    subject = serializers.CharField(help_text=_("Đối tượng được đếm (ví dụ “cán bộ nữ”)."))
    targets = TargetSerializer(many=True, help_text=_("Các mục tiêu theo năm."))

    class Meta:
        model = Indicator
        fields = ["code", "name", "subject", "targets"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    """A programme (đề án, nghị quyết) as listed."""

    code = serializers.CharField(help_text=_("Mã đề án."))
    title = serializers.CharField(help_text=_("Tên văn bản."))
    kind = serializers.CharField(help_text=_("Loại văn bản."))
    issuer = serializers.CharField(help_text=_("Cơ quan ban hành."))
    document_number = serializers.CharField(help_text=_("Số hiệu văn bản."))
    document_date = serializers.DateField(allow_null=True, help_text=_("Ngày ban hành."))
    territory_id = serializers.IntegerField(allow_null=True, help_text=_("Mã số của đơn vị gốc (phạm vi)."))
    territory_name = serializers.CharField(
        source="territory.name", allow_null=True, default=None, help_text=_("Tên đơn vị gốc (phạm vi).")
    )
    period_start = serializers.IntegerField(help_text=_("Từ năm."))
    period_end = serializers.IntegerField(help_text=_("Đến năm."))

    class Meta:
        model = Programme
        fields = [
            "code",
            "title",
            "kind",
            "issuer",
            "document_number",
            "document_date",
            "territory_id",
            "territory_name",
            "period_start",
            "period_end",
        ]
        read_only_fields = fields


class ProgrammeDetailSerializer(ProgrammeSerializer):
    """One programme with its summary and indicators."""

    summary = serializers.CharField(help_text=_("Tóm tắt."))
    baseline_date = serializers.DateField(allow_null=True, help_text=_("Ngày số liệu hiện trạng."))
    indicators = IndicatorSerializer(many=True, help_text=_("Các chỉ tiêu."))

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "summary", "baseline_date", "indicators"]
        read_only_fields = fields


class ResultSerializer(serializers.Serializer[Any]):
    """An indicator's figure on the date, from the indicator engine."""

    indicator = serializers.CharField(help_text=_("Mã chỉ tiêu."))
    name = serializers.CharField(help_text=_("Tên chỉ tiêu."))
    numerator = serializers.IntegerField(allow_null=True, help_text=_("Tử số (trống: không áp dụng)."))
    denominator = serializers.IntegerField(allow_null=True, help_text=_("Mẫu số (trống: không áp dụng)."))
    value = serializers.FloatField(allow_null=True, help_text=_("Tỷ lệ phần trăm (4 chữ số thập phân)."))
    value_display = serializers.CharField(help_text=_("Tỷ lệ như hiển thị, ví dụ 2,57%."))
    target = serializers.CharField(allow_null=True, help_text=_("Mục tiêu, ví dụ “≥ 15%”."))
    status = serializers.CharField(help_text=_("Tình trạng (achieved, not_yet, …)."))
    status_label = serializers.CharField(help_text=_("Tình trạng bằng lời."))
    gap = serializers.IntegerField(
        allow_null=True, help_text=_("Số người cần thêm để đạt (dương) hoặc vượt mức trên (âm).")
    )
    note = serializers.CharField(help_text=_("Ghi chú, ví dụ “Cần thêm 3 cán bộ nữ để đạt ≥ 15%”."))
    data_as_of = serializers.DateTimeField(
        allow_null=True,
        help_text=_(
            "Thời điểm của ảnh chụp dữ liệu phân tích đã dùng để tính (trống: tính trực tiếp trên CSDL)."
        ),
    )


class ResultUnitSerializer(serializers.Serializer[Any]):
    """The unit a programme's results are for."""

    id = serializers.IntegerField(help_text=_("Mã số của đơn vị."))
    code = serializers.CharField(help_text=_("Mã đơn vị."))
    name = serializers.CharField(help_text=_("Tên đơn vị."))


class ProgrammeResultsSerializer(serializers.Serializer[Any]):
    """Every indicator of a programme for a unit on a date."""

    programme = serializers.CharField(help_text=_("Mã đề án."))
    as_of = serializers.DateField(help_text=_("Ngày tính."))
    unit = ResultUnitSerializer(
        allow_null=True, help_text=_("Đơn vị được tính (mặc định: phạm vi của đề án).")
    )
    results = ResultSerializer(many=True, help_text=_("Kết quả từng chỉ tiêu."))
