"""The canonical workbook: its sheets and columns, the other names they go by, and how headers are matched.

Headers, sheet names and the notes below are the workbook format itself, so they stay in Vietnamese
whatever the interface language. `docs/import-format.md` documents the same lists (a test checks that
every header and alias appears there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from canbo.core.text import fold

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING = re.compile(r"^\s*(?:[0-9]+|[ivxlc]+)\s*[.)/-]\s*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """The matching key of a header or sheet name: no case, diacritics, spacing, punctuation or "(notes)"."""
    value = "" if text is None else str(text)
    value = _BRACKETS.sub(" ", value)
    value = _NUMBERING.sub("", fold(value))
    return _NON_ALNUM.sub("", value)


# Kinds of cell: how the importer reads a column (canbo.imports.cells).
TEXT = "text"
DATE = "date"  # a full date, day included
PARTIAL = "partial"  # day, month/year or year (stored with its precision)
START = "start"  # a period start: a month or year means its first day
END = "end"  # a period end: a month or year means its last day
CHOICE = "choice"  # one value of a code list (drop-down in the template)
BOOL = "bool"
INT = "int"
YEAR = "year"
DECIMAL = "decimal"
PLACE = "place"  # free text naming an administrative unit
PLACE_CODE = "place_code"
NATIONAL_ID = "national_id"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, the other headers that mean it, and how its cells are read."""

    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: str = ""
    note: str = ""
    example: str = ""
    width: int = 18
    future: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet of the canonical workbook."""

    key: str
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""
    person_ref: bool = False
    by_key: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_key.update({column.key: column for column in self.columns})

    def column(self, key: str) -> Column:
        """The column with the given key."""
        return self.by_key[key]


_ID_ALIASES = (
    "Số CCCD",
    "CCCD",
    "Số căn cước",
    "Số căn cước công dân",
    "Số thẻ căn cước",
    "Căn cước công dân",
    "Số CMND/CCCD",
    "CMND/CCCD",
    "Số CMND",
    "Số định danh",
    "Mã định danh",
    "Mã số định danh cá nhân",
)
_NAME_ALIASES = ("Họ tên", "Họ và tên khai sinh", "Họ tên khai sinh", "Tên cán bộ", "Họ, tên")
_BIRTH_ALIASES = (
    "Ngày tháng năm sinh",
    "Ngày, tháng, năm sinh",
    "Sinh ngày",
    "Năm sinh",
    "Ngày sinh (dd/mm/yyyy)",
)
_CODE_ALIASES = ("Mã cán bộ", "Số hiệu", "Mã CB", "Số hiệu CBCC", "Mã số cán bộ")

PERSON_REF = (
    Column(
        "ref_national_id",
        "Số định danh cá nhân",
        NATIONAL_ID,
        aliases=_ID_ALIASES,
        note="Số định danh cá nhân (12 chữ số) của cán bộ; để tìm cán bộ trong sheet Cán bộ hoặc trong hệ thống.",
        example="010185000123",
        width=16,
    ),
    Column(
        "ref_code",
        "Số hiệu cán bộ",
        aliases=_CODE_ALIASES,
        note="Dùng khi không có số định danh cá nhân.",
        width=14,
    ),
    Column(
        "ref_name",
        "Họ và tên",
        aliases=_NAME_ALIASES,
        note="Cùng với ngày sinh, dùng khi không có số định danh cá nhân hay số hiệu.",
        example="Nguyễn Thị Hằng",
        width=24,
    ),
    Column("ref_birth", "Ngày sinh", PARTIAL, aliases=_BIRTH_ALIASES, example="02/03/1985", width=12),
)

UNITS = Sheet(
    "units",
    "Đơn vị",
    aliases=("Don vi", "Cơ quan, đơn vị", "Danh sách đơn vị", "Đơn vị, tổ chức", "Cơ quan"),
    note="Cơ quan, đơn vị; đơn vị cấp trên phải đứng trước hoặc đã có trong hệ thống.",
    columns=(
        Column(
            "code",
            "Mã đơn vị",
            required=True,
            aliases=("Mã", "Mã ĐV", "Mã cơ quan", "Mã cơ quan, đơn vị"),
            note="Mã ổn định, không trùng; dùng để tham chiếu từ các sheet khác.",
            example="SNV",
            width=14,
        ),
        Column(
            "name",
            "Tên đơn vị",
            required=True,
            aliases=("Tên", "Tên cơ quan", "Tên cơ quan, đơn vị", "Đơn vị"),
            example="Sở Nội vụ",
            width=36,
        ),
        Column("short_name", "Tên viết tắt", aliases=("Viết tắt",), width=14),
        Column(
            "parent",
            "Mã đơn vị cấp trên",
            aliases=("Đơn vị cấp trên", "Mã cấp trên", "Trực thuộc", "Cấp trên", "Thuộc"),
            note="Để trống nếu là đơn vị gốc.",
            width=14,
        ),
        Column("level", "Cấp", CHOICE, required=True, aliases=("Cấp hành chính",), choices="level", width=12),
        Column("sector", "Khối", CHOICE, required=True, aliases=("Khối ngành",), choices="sector", width=22),
        Column(
            "kind", "Loại đơn vị", CHOICE, required=True, aliases=("Loại", "Loại hình"), choices="unit_kind"
        ),
        Column(
            "locality",
            "Địa bàn",
            PLACE,
            aliases=("Địa bàn hành chính", "Địa phương"),
            note="Tên đơn vị hành chính, ví dụ “xã Bản Phiệt, tỉnh Lào Cai”.",
            width=28,
        ),
        Column(
            "locality_code",
            "Mã ĐVHC địa bàn",
            PLACE_CODE,
            aliases=("Mã địa bàn",),
            note="Mã đơn vị hành chính (QĐ 19/2025; ghi “(QĐ 124/2004)” sau mã cũ). Có mã thì không cần tên.",
            width=12,
        ),
        Column("position", "Thứ tự", INT, aliases=("Số thứ tự trong cây",), width=8),
        Column(
            "valid_from",
            "Từ ngày",
            START,
            required=True,
            aliases=("Ngày thành lập", "Hiệu lực từ", "Thành lập", "Từ"),
            example="01/10/1991",
            width=12,
        ),
        Column(
            "valid_to",
            "Đến ngày",
            END,
            aliases=("Ngày giải thể", "Hiệu lực đến", "Ngày kết thúc", "Đến"),
            width=12,
        ),
    ),
)

PEOPLE = Sheet(
    "people",
    "Cán bộ",
    aliases=(
        "Can bo",
        "Danh sách cán bộ",
        "Cán bộ, công chức",
        "CBCCVC",
        "Nhân sự",
        "Hồ sơ",
        "Sơ yếu lý lịch",
    ),
    note=(
        "Một dòng một người. Cán bộ được nhận ra theo số định danh cá nhân, nếu không có thì theo số hiệu, "
        "nếu không có thì theo họ tên, ngày sinh và quê quán."
    ),
    columns=(
        Column("code", "Số hiệu cán bộ", aliases=_CODE_ALIASES, width=14),
        Column(
            "full_name",
            "Họ và tên",
            required=True,
            aliases=_NAME_ALIASES,
            example="Nguyễn Thị Hằng",
            width=24,
        ),
        Column("other_names", "Tên gọi khác", aliases=("Tên khác", "Bí danh"), width=14),
        Column(
            "birth_date",
            "Ngày sinh",
            PARTIAL,
            required=True,
            aliases=_BIRTH_ALIASES,
            note="dd/mm/yyyy; chỉ biết tháng thì mm/yyyy, chỉ biết năm thì yyyy.",
            example="02/03/1985",
            width=12,
        ),
        Column(
            "sex",
            "Giới tính",
            CHOICE,
            required=True,
            aliases=("Giới", "Nam/Nữ", "Phái"),
            choices="sex",
            width=9,
        ),
        Column(
            "ethnicity",
            "Dân tộc",
            CHOICE,
            required=True,
            choices="ethnicity",
            note="Tên (Kinh, Tày, Mông…) hoặc mã 2 chữ số theo QĐ 121-TCTK/PPCĐ.",
            example="Mông",
            width=12,
        ),
        Column(
            "religion",
            "Tôn giáo",
            CHOICE,
            required=True,
            choices="religion",
            note="Ghi “Không” nếu không theo tôn giáo nào.",
            example="Không",
            width=12,
        ),
        Column(
            "birthplace",
            "Nơi sinh",
            PLACE,
            aliases=("Nơi sinh (xã, huyện, tỉnh)",),
            note="Như trong giấy khai sinh, ví dụ “xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai”.",
            width=32,
        ),
        Column("birthplace_code", "Mã ĐVHC nơi sinh", PLACE_CODE, width=12),
        Column(
            "home_town",
            "Quê quán",
            PLACE,
            aliases=("Nguyên quán", "Quê"),
            note="Tên mới hoặc tên cũ (trước 01/07/2025) đều được.",
            width=32,
        ),
        Column("home_town_code", "Mã ĐVHC quê quán", PLACE_CODE, aliases=("Mã quê quán",), width=12),
        Column(
            "permanent_address",
            "Nơi thường trú",
            aliases=(
                "Hộ khẩu thường trú",
                "Nơi đăng ký hộ khẩu thường trú",
                "Thường trú",
                "Địa chỉ thường trú",
            ),
            width=28,
        ),
        Column(
            "current_address",
            "Nơi ở hiện nay",
            aliases=("Chỗ ở hiện nay", "Nơi ở", "Địa chỉ hiện nay", "Chỗ ở", "Địa chỉ"),
            width=28,
        ),
        Column(
            "national_id",
            "Số định danh cá nhân",
            NATIONAL_ID,
            aliases=_ID_ALIASES,
            note="12 chữ số (số thẻ căn cước). Nên ghi dạng văn bản để giữ số 0 ở đầu.",
            example="010185000123",
            width=16,
        ),
        Column(
            "national_id_issued_on",
            "Ngày cấp CCCD",
            DATE,
            aliases=("Ngày cấp", "Ngày cấp căn cước"),
            width=12,
        ),
        Column("social_insurance_no", "Số sổ BHXH", aliases=("Số BHXH", "Sổ BHXH", "Mã số BHXH"), width=14),
        Column(
            "staff_category",
            "Đối tượng",
            CHOICE,
            aliases=("Đối tượng cán bộ", "Loại cán bộ", "Phân loại"),
            choices="staff_category",
            note="Cán bộ, Công chức, Viên chức hoặc Người lao động; để trống là Công chức.",
            width=14,
        ),
        Column(
            "occupation_at_recruitment",
            "Nghề nghiệp khi được tuyển dụng",
            aliases=("Nghề nghiệp khi tuyển dụng",),
            width=20,
        ),
        Column("recruited_on", "Ngày tuyển dụng", DATE, aliases=("Ngày được tuyển dụng",), width=12),
        Column("recruiting_agency", "Cơ quan tuyển dụng", width=24),
        Column(
            "general_education",
            "Giáo dục phổ thông",
            aliases=("Trình độ phổ thông", "Trình độ văn hóa", "Văn hóa", "GDPT"),
            example="12/12",
            width=10,
        ),
        Column(
            "party_joined_on",
            "Ngày vào Đảng",
            DATE,
            aliases=("Ngày kết nạp Đảng", "Ngày kết nạp", "Ngày vào Đảng CSVN"),
            width=12,
        ),
        Column(
            "party_official_on",
            "Ngày chính thức",
            DATE,
            aliases=("Ngày vào Đảng chính thức", "Ngày chính thức vào Đảng", "Ngày Đảng chính thức"),
            width=12,
        ),
        Column(
            "mass_org_joined",
            "Tham gia tổ chức chính trị - xã hội",
            aliases=("Ngày tham gia tổ chức chính trị - xã hội",),
            width=20,
        ),
        Column("army_service", "Nhập ngũ, xuất ngũ, quân hàm", aliases=("Quân ngũ",), width=20),
        Column(
            "honorary_title",
            "Danh hiệu được phong tặng",
            aliases=("Danh hiệu", "Danh hiệu cao nhất"),
            width=20,
        ),
        Column("strengths", "Sở trường công tác", aliases=("Sở trường",), width=20),
        Column("health", "Tình trạng sức khỏe", aliases=("Sức khỏe",), width=14),
        Column("notes", "Ghi chú", width=24),
        Column(
            "managing_unit",
            "Đơn vị quản lý hồ sơ",
            aliases=(
                "Mã đơn vị quản lý hồ sơ",
                "Cơ quan, đơn vị quản lý hồ sơ",
                "Cơ quan quản lý hồ sơ",
                "Mã đơn vị quản lý",
                "Đơn vị quản lý",
                "Mã đơn vị",
            ),
            note=(
                "Mã đơn vị (trong sheet Đơn vị hoặc trong hệ thống) giữ hồ sơ của cán bộ. Để trống thì lấy đơn vị "
                "của chức vụ chính gần nhất ở sheet Quá trình công tác."
            ),
            width=14,
        ),
    ),
)

WORK = Sheet(
    "work",
    "Quá trình công tác",
    aliases=("Qua trinh cong tac", "QTCT", "Công tác", "Quá trình công tác, chức vụ", "Chức vụ"),
    person_ref=True,
    note=(
        "Một dòng một chức vụ đã giữ. Từ/đến chỉ có tháng hoặc năm thì lấy ngày đầu/ngày cuối của tháng, năm đó. "
        "Dòng được nhận ra theo cán bộ, đơn vị, chức vụ và ngày bắt đầu."
    ),
    columns=(
        *PERSON_REF,
        Column(
            "valid_from",
            "Từ ngày",
            START,
            required=True,
            aliases=("Từ tháng, năm", "Từ tháng năm", "Từ", "Bắt đầu", "Ngày bắt đầu"),
            example="09/2008",
            width=12,
        ),
        Column(
            "valid_to",
            "Đến ngày",
            END,
            aliases=("Đến tháng, năm", "Đến tháng năm", "Đến", "Kết thúc", "Ngày kết thúc"),
            note="Để trống nếu đang giữ.",
            width=12,
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            aliases=("Mã cơ quan", "Mã ĐV", "Mã cơ quan, đơn vị"),
            note="Mã trong sheet Đơn vị hoặc trong hệ thống. Để trống thì tìm theo tên đơn vị.",
            width=14,
        ),
        Column("unit_name", "Tên đơn vị", aliases=("Đơn vị", "Cơ quan, đơn vị", "Đơn vị công tác"), width=30),
        Column(
            "title",
            "Chức vụ",
            CHOICE,
            required=True,
            aliases=("Chức danh", "Chức vụ, chức danh", "Mã chức vụ", "Chức vụ đảm nhiệm"),
            choices="title",
            note="Tên hoặc mã chức vụ theo danh mục.",
            example="Phó Giám đốc Sở",
            width=30,
        ),
        Column(
            "is_concurrent",
            "Kiêm nhiệm",
            BOOL,
            choices="yes_no",
            note="“Có” nếu là chức vụ kiêm nhiệm.",
            width=10,
        ),
        Column(
            "term_ends_on",
            "Hết thời hạn bổ nhiệm",
            DATE,
            aliases=("Thời hạn bổ nhiệm", "Hết hạn bổ nhiệm"),
            width=12,
            future=True,
        ),
        Column(
            "decision_number", "Số quyết định", aliases=("Số QĐ", "Quyết định số", "Quyết định"), width=14
        ),
        Column(
            "decision_signed_on",
            "Ngày ký quyết định",
            DATE,
            aliases=("Ngày ký", "Ngày quyết định", "Ngày QĐ"),
            width=12,
        ),
        Column("decision_signer", "Người ký", width=20),
        Column("decision_issuer", "Cơ quan ban hành", aliases=("Cơ quan ra quyết định",), width=20),
        Column("description", "Mô tả", aliases=("Diễn giải", "Nội dung", "Ghi chú"), width=30),
        Column(
            "management_category",
            "Diện quản lý",
            CHOICE,
            choices="management_category",
            note="Chỉ để đối chiếu: diện quản lý đi theo chức vụ trong danh mục.",
            width=24,
        ),
    ),
)

QUALIFICATIONS = Sheet(
    "qualifications",
    "Trình độ",
    aliases=(
        "Trinh do",
        "Trình độ đào tạo",
        "Đào tạo",
        "Bằng cấp",
        "Văn bằng, chứng chỉ",
    ),
    person_ref=True,
    note="Một dòng một văn bằng, chứng chỉ; trình độ chọn theo loại.",
    columns=(
        *PERSON_REF,
        Column(
            "kind",
            "Loại trình độ",
            CHOICE,
            required=True,
            aliases=("Loại", "Loại văn bằng"),
            choices="qualification_kind",
            example="Lý luận chính trị",
            width=22,
        ),
        Column(
            "level",
            "Trình độ",
            CHOICE,
            required=True,
            aliases=("Mức", "Văn bằng, chứng chỉ", "Trình độ đào tạo", "Bằng cấp", "Văn bằng"),
            choices="qualification_level",
            note="Ví dụ ThS, Cao cấp LLCT, Chuyên viên chính, B2, Cơ bản.",
            example="Cao cấp",
            width=22,
        ),
        Column("field", "Chuyên ngành", aliases=("Ngành", "Chuyên ngành đào tạo", "Ngành đào tạo"), width=20),
        Column(
            "language",
            "Ngoại ngữ, tiếng dân tộc",
            aliases=("Ngoại ngữ", "Tiếng dân tộc", "Thứ tiếng"),
            width=14,
        ),
        Column(
            "institution",
            "Cơ sở đào tạo",
            aliases=("Trường", "Nơi đào tạo", "Tên trường", "Cơ sở đào tạo, bồi dưỡng"),
            width=24,
        ),
        Column("mode", "Hình thức đào tạo", CHOICE, aliases=("Hình thức",), choices="study_mode", width=16),
        Column("started_on", "Bắt đầu học", DATE, aliases=("Từ ngày", "Từ", "Ngày nhập học"), width=12),
        Column(
            "obtained_on",
            "Ngày cấp bằng",
            PARTIAL,
            required=True,
            aliases=(
                "Ngày cấp",
                "Ngày tốt nghiệp",
                "Năm tốt nghiệp",
                "Năm cấp",
                "Thời gian cấp",
                "Đến ngày",
                "Đến",
            ),
            note="dd/mm/yyyy, mm/yyyy hoặc yyyy.",
            example="2015",
            width=12,
        ),
        Column("note", "Ghi chú", width=20),
    ),
)

_BODY_COLUMNS = (
    Column(
        "unit",
        "Mã đơn vị",
        required=True,
        aliases=("Mã cơ quan", "Mã ĐV"),
        note="Đơn vị có cấp ủy hoặc HĐND.",
        width=14,
    ),
    Column(
        "body_kind",
        "Cơ quan",
        CHOICE,
        required=True,
        aliases=("Loại cơ quan", "Cấp ủy/HĐND", "Cơ quan dân cử"),
        choices="body_kind",
        example="Ban Chấp hành",
        width=20,
    ),
    Column("body_name", "Tên cơ quan", note="Dùng khi tạo mới cơ quan.", width=30),
    Column("term", "Nhiệm kỳ", required=True, example="2020-2025", width=11),
    Column(
        "term_from",
        "Nhiệm kỳ từ ngày",
        DATE,
        aliases=("Ngày bắt đầu nhiệm kỳ",),
        note="Cần khi nhiệm kỳ chưa có trong hệ thống.",
        width=12,
        future=True,
    ),
    Column("term_to", "Nhiệm kỳ đến ngày", DATE, aliases=("Ngày kết thúc nhiệm kỳ",), width=12, future=True),
    Column(
        "election_date",
        "Ngày bầu cử",
        DATE,
        aliases=("Ngày đại hội", "Ngày bầu cử, đại hội"),
        width=12,
        future=True,
    ),
)

MEMBERSHIPS = Sheet(
    "memberships",
    "Cấp ủy - HĐND",
    aliases=("Cap uy - HDND", "Cấp ủy, HĐND", "Cấp ủy", "HĐND", "Thành viên cấp ủy, HĐND", "Cấp ủy viên"),
    person_ref=True,
    note="Một dòng một lượt là thành viên cấp ủy, ban thường vụ hoặc đại biểu HĐND trong một nhiệm kỳ.",
    columns=(
        *PERSON_REF,
        *_BODY_COLUMNS,
        Column(
            "role",
            "Vai trò",
            CHOICE,
            aliases=("Chức vụ trong cấp ủy", "Chức danh trong cơ quan"),
            choices="member_role",
            width=14,
        ),
        Column("valid_from", "Từ ngày", DATE, required=True, aliases=("Từ",), width=12),
        Column("valid_to", "Đến ngày", DATE, aliases=("Đến",), note="Để trống: đến hết nhiệm kỳ.", width=12),
        Column("note", "Ghi chú", width=20),
    ),
)

NOMINATIONS = Sheet(
    "nominations",
    "Ứng cử",
    aliases=("Ung cu", "Giới thiệu ứng cử", "Danh sách ứng cử", "Người ứng cử"),
    person_ref=True,
    note="Một dòng một lượt được giới thiệu ứng cử vào một nhiệm kỳ.",
    columns=(
        *PERSON_REF,
        *_BODY_COLUMNS,
        Column("nominated_on", "Ngày giới thiệu", DATE, required=True, width=12),
        Column("constituency", "Đơn vị bầu cử", width=20),
        Column(
            "outcome", "Kết quả", CHOICE, aliases=("Kết quả bầu cử",), choices="nomination_outcome", width=14
        ),
    ),
)

RATINGS = Sheet(
    "ratings",
    "Đánh giá xếp loại",
    aliases=("Danh gia xep loai", "Đánh giá, xếp loại", "Xếp loại", "Đánh giá", "Xếp loại chất lượng"),
    person_ref=True,
    note="Một dòng một năm. Điểm (0–100) chỉ ghi từ năm 2026 (NĐ 335/2025).",
    columns=(
        *PERSON_REF,
        Column("year", "Năm", YEAR, required=True, aliases=("Năm đánh giá",), example="2025", width=8),
        Column(
            "level",
            "Xếp loại",
            CHOICE,
            required=True,
            aliases=("Mức xếp loại", "Kết quả xếp loại", "Kết quả đánh giá", "Mức"),
            choices="rating_level",
            note="HTXSNV, HTTNV, HTNV hoặc KHTNV.",
            example="HTTNV",
            width=12,
        ),
        Column("score", "Điểm", DECIMAL, aliases=("Tổng điểm", "Điểm đánh giá"), example="85", width=8),
    ),
)

TRAINING = Sheet(
    "training",
    "Đào tạo, bồi dưỡng",
    aliases=(
        "Dao tao, boi duong",
        "Bồi dưỡng",
        "Khóa bồi dưỡng",
        "Khóa đào tạo, bồi dưỡng",
        "Quá trình đào tạo, bồi dưỡng",
    ),
    person_ref=True,
    note=(
        "Một dòng một khóa đào tạo, bồi dưỡng đã dự. Từ/đến chỉ có tháng hoặc năm thì lấy ngày đầu/ngày cuối của "
        "tháng, năm đó. Dòng được nhận ra theo cán bộ, tên khóa học và ngày bắt đầu."
    ),
    columns=(
        *PERSON_REF,
        Column(
            "name",
            "Tên khóa học",
            required=True,
            aliases=("Tên khóa", "Khóa học", "Tên lớp", "Nội dung bồi dưỡng", "Tên khóa đào tạo, bồi dưỡng"),
            example="Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 2",
            width=36,
        ),
        Column(
            "kind",
            "Loại bồi dưỡng",
            CHOICE,
            required=True,
            aliases=("Loại", "Loại khóa học", "Hình thức bồi dưỡng"),
            choices="training_kind",
            example="Bồi dưỡng theo tiêu chuẩn chức danh",
            width=26,
        ),
        Column(
            "institution",
            "Cơ sở đào tạo",
            aliases=("Trường", "Nơi đào tạo", "Nơi bồi dưỡng", "Tên trường", "Cơ sở đào tạo, bồi dưỡng"),
            width=24,
        ),
        Column(
            "started_on",
            "Từ ngày",
            START,
            required=True,
            aliases=("Từ tháng, năm", "Từ tháng năm", "Từ", "Bắt đầu", "Ngày bắt đầu"),
            example="03/2022",
            width=12,
        ),
        Column(
            "ended_on",
            "Đến ngày",
            END,
            required=True,
            aliases=("Đến tháng, năm", "Đến tháng năm", "Đến", "Kết thúc", "Ngày kết thúc"),
            example="05/2022",
            width=12,
        ),
        Column("note", "Ghi chú", width=24),
    ),
)

PLANNING = Sheet(
    "planning",
    "Quy hoạch",
    aliases=("Quy hoach", "Danh sách quy hoạch", "Quy hoạch cán bộ", "Quy hoạch chức danh"),
    person_ref=True,
    note=(
        "Một dòng một lượt được quy hoạch vào một chức danh của một đơn vị, một nhiệm kỳ. "
        "Dòng được nhận ra theo cán bộ, chức danh, đơn vị và ngày bắt đầu."
    ),
    columns=(
        *PERSON_REF,
        Column(
            "title",
            "Chức danh quy hoạch",
            CHOICE,
            required=True,
            aliases=("Mã chức danh", "Chức danh", "Chức vụ quy hoạch", "Chức danh được quy hoạch"),
            choices="title",
            note="Mã hoặc tên chức danh theo danh mục.",
            example="PHO_GIAM_DOC_SO",
            width=30,
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            aliases=("Mã cơ quan", "Mã ĐV", "Mã cơ quan, đơn vị"),
            note="Đơn vị của chức danh quy hoạch: mã trong sheet Đơn vị hoặc trong hệ thống.",
            width=14,
        ),
        Column(
            "term_label",
            "Nhiệm kỳ quy hoạch",
            required=True,
            aliases=("Nhiệm kỳ", "Giai đoạn quy hoạch"),
            example="2025-2030",
            width=12,
        ),
        Column(
            "valid_from",
            "Từ ngày",
            START,
            required=True,
            aliases=("Từ", "Ngày bắt đầu", "Hiệu lực từ", "Có hiệu lực từ"),
            note="Ngày quyết định quy hoạch có hiệu lực (có thể sau ngày hôm nay).",
            example="01/02/2025",
            width=12,
            future=True,
        ),
        Column(
            "valid_to",
            "Đến ngày",
            END,
            aliases=("Đến", "Ngày kết thúc", "Hiệu lực đến", "Ngày đưa ra khỏi quy hoạch"),
            note="Để trống nếu còn trong quy hoạch.",
            width=12,
        ),
        Column("approved_by", "Cơ quan phê duyệt", aliases=("Cấp phê duyệt", "Cơ quan ban hành"), width=24),
        Column(
            "decision_number", "Số quyết định", aliases=("Số QĐ", "Quyết định số", "Quyết định"), width=14
        ),
        Column(
            "decision_date",
            "Ngày quyết định",
            DATE,
            aliases=("Ngày ký quyết định", "Ngày ký", "Ngày QĐ"),
            width=12,
        ),
        Column(
            "expertise_field",
            "Lĩnh vực chuyên môn",
            CHOICE,
            aliases=("Lĩnh vực", "Lĩnh vực chuyên sâu"),
            choices="expertise_field",
            width=22,
        ),
        Column(
            "deep_expertise",
            "Yêu cầu chuyên môn sâu",
            BOOL,
            aliases=("Chuyên môn sâu", "Chuyên sâu"),
            choices="yes_no",
            note="“Có” nếu là quy hoạch từ lĩnh vực yêu cầu chuyên môn sâu (khi đó phải ghi lĩnh vực).",
            width=12,
        ),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    UNITS,
    PEOPLE,
    WORK,
    QUALIFICATIONS,
    MEMBERSHIPS,
    NOMINATIONS,
    RATINGS,
    TRAINING,
    PLANNING,
)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
REQUIRED_SHEETS = (PEOPLE.key,)
CODE_LIST_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
REPORT_SHEET = "Kết quả kiểm tra"
_SHEET_INDEX = {
    header_key(name): sheet for sheet in SHEETS for name in (sheet.name, sheet.key, *sheet.aliases)
}


def sheet_for(name: str) -> Sheet | None:
    """The canonical sheet a workbook's sheet (or a CSV file) name designates, if any."""
    return _SHEET_INDEX.get(header_key(name))


def column_index(sheet: Sheet) -> dict[str, Column]:
    """Header keys (canonical and alternative) of a sheet's columns."""
    index: dict[str, Column] = {}
    for column in sheet.columns:
        for name in (column.header, *column.aliases):
            index.setdefault(header_key(name), column)
    return index
