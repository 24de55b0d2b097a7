"""Form 2C (Mẫu 2C-BNV/2008, sơ yếu lý lịch cán bộ, công chức) as plain data, from the people dossiers.

The Word and PDF writers both render the `Form2C` built here, so the two files always say the same thing.
The labels, hints and table headings are the official Vietnamese text of the form: they are deliberately
not translated (a filed form is Vietnamese whatever the interface language), and the builder runs under
the Vietnamese locale so that choice labels (sex, study mode, relation) come out in Vietnamese too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from canbo.conduct.choices import DisciplineForm, DisciplineSystem, RatingLevel
from canbo.conduct.models import AnnualRating
from canbo.core.dates import DatePrecision, format_partial
from canbo.core.formatting import format_date, format_number
from canbo.org.choices import BodyKind, MemberRole, UnitKind
from canbo.org.models import OrgUnit
from canbo.people.choices import FamilyRelation, QualificationKind, Sex
from canbo.people.models import FamilyMember, Person, Qualification
from canbo.people.selectors import Dossier
from canbo.posts.models import Assignment, ManagementCategory

FORM_CODE = "Mẫu 2C-BNV/2008"
TITLE = "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC"
# What an empty answer looks like on the printed form: a dotted leader to write on by hand.
DOTS = "…………"
# The photo is cropped to the 4×6 box's proportions and scaled down to 300 dpi at 4×6 cm.
PHOTO_PIXELS = (472, 709)
# The management category "the agency itself manages" names no authority: the employing agency is it.
AGENCY_MANAGED_CATEGORY = "CO_QUAN"
_MANAGED_BY = re.compile(r"\s+quản lý\b.*$")

# Relations on the spouse's side go to table 30 b); every other relation to table 30 a).
SPOUSE_SIDE = {FamilyRelation.FATHER_IN_LAW, FamilyRelation.MOTHER_IN_LAW}
_RELATION_ORDER = {value: index for index, value in enumerate(FamilyRelation.values)}
# "Vợ/chồng", "Bố vợ/chồng": the form names the one relation that applies, by the person's sex.
_RELATION_BY_SEX: dict[tuple[str, str], str] = {
    (FamilyRelation.SPOUSE, Sex.MALE): "Vợ",
    (FamilyRelation.SPOUSE, Sex.FEMALE): "Chồng",
    (FamilyRelation.FATHER_IN_LAW, Sex.MALE): "Bố vợ",
    (FamilyRelation.FATHER_IN_LAW, Sex.FEMALE): "Bố chồng",
    (FamilyRelation.MOTHER_IN_LAW, Sex.MALE): "Mẹ vợ",
    (FamilyRelation.MOTHER_IN_LAW, Sex.FEMALE): "Mẹ chồng",
}

TRAINING_HEADERS = [
    "Tên trường",
    "Chuyên ngành đào tạo, bồi dưỡng",
    "Từ tháng, năm – đến tháng, năm",
    "Hình thức đào tạo",
    "Văn bằng, chứng chỉ, trình độ gì",
]
TRAINING_NOTE = (
    "Ghi chú: Hình thức đào tạo: Chính quy, tại chức, chuyên tu, bồi dưỡng …; "
    "Văn bằng: TSKH, TS, ThS, Cử nhân, Kỹ sư …"
)
WORK_HEADERS = [
    "Từ tháng, năm đến tháng, năm",
    "Chức danh, chức vụ, đơn vị công tác (đảng, chính quyền, đoàn thể, tổ chức xã hội), kể cả thời gian "
    "được đào tạo, bồi dưỡng về chuyên môn, nghiệp vụ, …",
]
FAMILY_HEADERS = [
    "Mối quan hệ",
    "Họ và tên",
    "Năm sinh",
    "Quê quán, nghề nghiệp, chức danh, chức vụ, đơn vị công tác, học tập, nơi ở (trong, ngoài nước); "
    "thành viên các tổ chức chính trị - xã hội …",
]
FAMILY_OWN_HEADING = "a) Về bản thân: Cha, Mẹ, Vợ (hoặc chồng), các con, anh chị em ruột"
FAMILY_SPOUSE_HEADING = "b) Về bên vợ (hoặc chồng): Cha, Mẹ, anh chị em ruột"
SALARY_ROWS = ["Tháng/năm", "Mã ngạch/bậc", "Hệ số lương"]
SALARY_COLUMNS = 8
PERSONAL_HISTORY_PROMPTS = [
    "- Khai rõ: bị bắt, bị tù (từ ngày tháng năm nào đến ngày tháng năm nào, ở đâu), đã khai báo cho ai, "
    "những vấn đề gì? Bản thân có làm việc trong chế độ cũ (cơ quan, đơn vị nào, địa điểm, chức danh, "
    "chức vụ, thời gian làm việc …)",
    "- Tham gia hoặc có quan hệ với các tổ chức chính trị, kinh tế, xã hội nào ở nước ngoài (làm gì, "
    "tổ chức nào, đặt trụ sở ở đâu …?):",
    "- Có thân nhân (Cha, Mẹ, Vợ, Chồng, con, anh chị em ruột) ở nước ngoài (làm gì, địa chỉ …)?",
]
SECTION_TITLES = {
    "27": "27) ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ, TIN HỌC",
    "28": "28) TÓM TẮT QUÁ TRÌNH CÔNG TÁC",
    "29": "29) ĐẶC ĐIỂM LỊCH SỬ BẢN THÂN:",
    "30": "30) QUAN HỆ GIA ĐÌNH",
    "31": "31) DIỄN BIẾN QUÁ TRÌNH LƯƠNG CỦA CÁN BỘ, CÔNG CHỨC",
    "32": "32) NHẬN XÉT, ĐÁNH GIÁ CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ, CÔNG CHỨC",
}
SIGN_LEFT = (
    "Người khai",
    "Tôi xin cam đoan những lời khai trên đây là đúng sự thật",
    "(Ký tên, ghi rõ họ tên)",
)
SIGN_RIGHT = (
    "……, Ngày …… tháng …… năm 20……",
    "Thủ trưởng cơ quan, đơn vị quản lý và sử dụng CBCC",
    "(Ký tên, đóng dấu)",
)
HEADER_MANAGING = "Cơ quan, đơn vị có thẩm quyền quản lý CBCC:"
HEADER_EMPLOYING = "Cơ quan, đơn vị sử dụng CBCC:"
HEADER_CODE = "Số hiệu cán bộ, công chức:"
PHOTO_CAPTION = "Ảnh màu (4 × 6 cm)"
# Blank rows printed in a table that has no data, so it can still be filled in by hand.
BLANK_TABLE_ROWS = 3
BLANK_LINES_29 = 3
BLANK_LINES_32 = 4
# Under the recorded ratings in item 32, lines are left for the agency's own comment.
MIN_COMMENT_LINES_32 = 2


@dataclass(frozen=True)
class Field:
    """One "label: value" pair on a line of the form; an empty value prints as a dotted leader."""

    label: str
    value: str = ""

    @property
    def shown(self) -> str:
        """The value as printed."""
        return self.value or DOTS


@dataclass(frozen=True)
class Line:
    """A line of items 1–26: its fields in order, and the form's small italic hint below it."""

    number: str
    fields: tuple[Field, ...]
    hint: str = ""


@dataclass(frozen=True)
class Table:
    """A bordered table of the form; `headers` is empty for the salary table, whose labels run down."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # centimetres, summing to the text width (16.5 cm on A4 with the official margins)


@dataclass
class Form2C:
    """Everything printed on one person's form 2C, as it stood on a date."""

    person_id: int
    full_name: str
    as_of: dt.date
    managing_agency: str
    employing_agency: str
    code: str
    photo: bytes | None
    lines: list[Line]
    training: Table
    work: Table
    family_own: Table
    family_spouse: Table
    salary: Table
    assessment: list[str]
    # Item 29: each question of the form with the person's answer ("" when not declared or not shown).
    personal_history: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_personal_history(self) -> bool:
        """Whether any question of item 29 has an answer to print."""
        return any(answer for _prompt, answer in self.personal_history)


# -------------------------------------------------------------------------------------------- formatting


def _date(day: dt.date | None) -> str:
    return format_date(day) if day else ""


def _month(day: dt.date | None, precision: str = DatePrecision.MONTH) -> str:
    """Month and year (the tables' "tháng, năm"), or less when less is known."""
    if day is None:
        return ""
    return format_partial(day, DatePrecision.YEAR if precision == DatePrecision.YEAR else DatePrecision.MONTH)


def _birth(person: Person) -> str:
    """ "17 tháng 05 năm 1980", with dots for the parts a partial birth date does not know."""
    day = person.birth_date
    precision = person.birth_date_precision
    dd = f"{day.day:02d}" if precision == DatePrecision.DAY else "……"
    mm = f"{day.month:02d}" if precision in (DatePrecision.DAY, DatePrecision.MONTH) else "……"
    return f"{dd} tháng {mm} năm {day.year}"


def _place(locality: Any, text: str) -> str:
    return locality.path_names() if locality is not None else text


def _qualification(item: Qualification | None) -> str:
    """A level with its specialisation or language: "Thạc sĩ, Quản lý công", "Tiếng Anh, Bậc 3 (B1)"."""
    if item is None:
        return ""
    if item.kind == QualificationKind.FOREIGN_LANGUAGE and item.language:
        return f"{item.language}, {item.level.name}"
    return f"{item.level.name}, {item.field}" if item.field else item.level.name


def relation_label(member: FamilyMember, sex: str) -> str:
    """The relation as the form writes it for this person ("Chồng" rather than "Vợ/chồng")."""
    return _RELATION_BY_SEX.get((member.relation, sex), str(member.get_relation_display()))


def _role(membership: Any) -> str:
    """The role in an elected body as written in a record: "Ủy viên", "Đại biểu", "Bí thư"…"""
    if membership.role == MemberRole.MEMBER:
        return "Đại biểu" if membership.term.body.kind == BodyKind.PEOPLES_COUNCIL else "Ủy viên"
    return str(membership.get_role_display())


# ------------------------------------------------------------------------------------------- org names


class UnitNames:
    """Names of units and their ancestors, loaded for a whole batch of dossiers in one query."""

    def __init__(self, assignments: Iterable[Assignment]) -> None:
        self._units: dict[int, OrgUnit] = {}
        wanted: set[int] = set()
        for item in assignments:
            self._units[item.unit.pk] = item.unit
            wanted.update(int(part) for part in item.unit.path.split("/") if part)
        wanted -= set(self._units)
        if wanted:
            for unit in OrgUnit.objects.filter(pk__in=wanted).only("id", "name", "kind", "parent_id", "path"):
                self._units[unit.pk] = unit

    def agency(self, unit: OrgUnit) -> OrgUnit:
        """The agency a unit belongs to: the unit itself, or for a division (phòng) the body above it."""
        node = unit
        while node.kind == UnitKind.DIVISION and node.parent_id is not None and node.parent_id in self._units:
            node = self._units[node.parent_id]
        return node

    def full_name(self, unit: OrgUnit) -> str:
        """ "Phòng Công chức, Sở Nội vụ": a division is named with the agency it belongs to."""
        agency = self.agency(unit)
        return unit.name if agency.pk == unit.pk else f"{unit.name}, {agency.name}"


def _unit_name(unit: OrgUnit | None) -> str:
    return unit.name if unit is not None else ""


def _post(assignment: Assignment, units: UnitNames) -> str:
    return f"{assignment.title.name}, {units.full_name(assignment.unit)}"


def _managing_agency(
    main: Assignment | None, units: UnitNames, categories: dict[int, ManagementCategory]
) -> str:
    """Who manages the cadre, from the main post's management category ("Ban Thường vụ Tỉnh ủy")."""
    if main is None:
        return ""
    category = categories.get(main.title.management_category_id or 0)
    if category is None:
        return ""
    if category.code == AGENCY_MANAGED_CATEGORY:
        return units.agency(main.unit).name
    return _MANAGED_BY.sub("", category.name).strip()


# ------------------------------------------------------------------------------------------------ photo


def photo_bytes(person: Person) -> bytes | None:
    """The person's photo cropped to 4×6 and re-encoded as JPEG, or None when there is none or it is unreadable."""
    if not person.photo:
        return None
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with person.photo.open("rb") as handle, Image.open(handle) as original:
            upright = ImageOps.exif_transpose(original) or original
            fitted = ImageOps.fit(upright.convert("RGB"), PHOTO_PIXELS)
            buffer = io.BytesIO()
            fitted.save(buffer, format="JPEG", quality=88)
            return buffer.getvalue()
    except (OSError, ValueError, UnidentifiedImageError):
        return None


# --------------------------------------------------------------------------------------------- builders


def _lines(dossier: Dossier, units: UnitNames) -> list[Line]:
    """Items 1–26."""
    person = dossier.person
    current = []
    if dossier.main_post is not None:
        current.append(_post(dossier.main_post, units))
    current.extend(f"kiêm {_post(post, units)}" for post in dossier.concurrent_posts)
    current.extend(f"{_role(m)} {m.term.body.name} nhiệm kỳ {m.term.name}" for m in dossier.memberships_now)
    if person.army_service:
        army = Line(
            "18", (Field("18) Ngày nhập ngũ, ngày xuất ngũ, quân hàm cao nhất:", person.army_service),)
        )
    else:
        army = Line(
            "18",
            (Field("18) Ngày nhập ngũ:"), Field("Ngày xuất ngũ:"), Field("Quân hàm cao nhất:")),
        )
    address_hint = "(Số nhà, đường phố, thành phố, xóm, thôn, xã, huyện, tỉnh)"
    return [
        Line("1", (Field("1) Họ và tên khai sinh (viết chữ in hoa):", person.full_name.upper()),)),
        Line("2", (Field("2) Tên gọi khác:", person.other_names),)),
        Line(
            "3",
            (
                Field("3) Sinh ngày:", _birth(person)),
                Field("Giới tính (nam, nữ):", str(person.get_sex_display())),
            ),
        ),
        Line("4", (Field("4) Nơi sinh:", _place(person.birthplace, person.birthplace_text)),)),
        Line("5", (Field("5) Quê quán:", _place(person.home_town, person.home_town_text)),)),
        Line("6", (Field("6) Dân tộc:", person.ethnicity.name), Field("7) Tôn giáo:", person.religion.name))),
        Line("8", (Field("8) Nơi đăng ký hộ khẩu thường trú:", person.permanent_address),), address_hint),
        Line("9", (Field("9) Nơi ở hiện nay:", person.current_address),), address_hint),
        Line("10", (Field("10) Nghề nghiệp khi được tuyển dụng:", person.occupation_at_recruitment),)),
        Line(
            "11",
            (
                Field("11) Ngày tuyển dụng:", _date(person.recruited_on)),
                Field("Cơ quan tuyển dụng:", person.recruiting_agency),
            ),
        ),
        Line(
            "12",
            (Field("12) Chức vụ (chức danh) hiện tại:", "; ".join(current)),),
            "(Về chính quyền hoặc Đảng, đoàn thể, kể cả chức vụ kiêm nhiệm)",
        ),
        Line("13", (Field("13) Công việc chính được giao:", _main_duties(dossier)),)),
        Line("14", (Field("14) Ngạch công chức (viên chức):"), Field("Mã ngạch:"))),
        Line("14", (Field("Bậc lương:"), Field("Hệ số:"), Field("Ngày hưởng:"))),
        Line("14", (Field("Phụ cấp chức vụ:"), Field("Phụ cấp khác:"))),
        Line(
            "15.1",
            (
                Field(
                    "15.1- Trình độ giáo dục phổ thông (đã tốt nghiệp lớp mấy/thuộc hệ nào):",
                    person.general_education,
                ),
            ),
        ),
        Line(
            "15.2",
            (Field("15.2- Trình độ chuyên môn cao nhất:", _qualification(dossier.education)),),
            "(TSKH, TS, ThS, cử nhân, kỹ sư, cao đẳng, trung cấp, sơ cấp, chuyên ngành)",
        ),
        Line(
            "15.3",
            (Field("15.3- Lý luận chính trị:", _qualification(dossier.political_theory)),),
            "(Cao cấp, trung cấp, sơ cấp và tương đương)",
        ),
        Line(
            "15.4",
            (Field("15.4- Quản lý nhà nước:", _qualification(dossier.state_management)),),
            "(Chuyên viên cao cấp, chuyên viên chính, chuyên viên, cán sự, …)",
        ),
        Line(
            "15.5",
            (Field("15.5- Ngoại ngữ:", _qualification(dossier.foreign_language)),),
            "(Tên ngoại ngữ + trình độ)",
        ),
        Line("15.6", (Field("15.6- Tin học:", _qualification(dossier.it)),), "(Trình độ)"),
        Line(
            "16",
            (
                Field("16) Ngày vào Đảng Cộng sản Việt Nam:", _date(person.party_joined_on)),
                Field("Ngày chính thức:", _date(person.party_official_on)),
            ),
        ),
        Line(
            "17",
            (Field("17) Ngày tham gia tổ chức chính trị - xã hội:", person.mass_org_joined),),
            "(Ngày tham gia tổ chức: Đoàn, Hội, … và làm việc gì trong tổ chức đó)",
        ),
        army,
        Line(
            "19",
            (Field("19) Danh hiệu được phong tặng cao nhất:", person.honorary_title),),
            "(Anh hùng lao động, anh hùng lực lượng vũ trang; nhà giáo, thầy thuốc, nghệ sĩ nhân dân và ưu tú, …)",
        ),
        Line("20", (Field("20) Sở trường công tác:", person.strengths),)),
        Line("21", (Field("21) Khen thưởng:"),), "(Hình thức cao nhất, năm nào)"),
        Line(
            "22",
            (Field("22) Kỷ luật:", _discipline(dossier)),),
            "(Về đảng, chính quyền, đoàn thể, hình thức cao nhất, năm nào)",
        ),
        Line(
            "23",
            (
                Field("23) Tình trạng sức khỏe:", person.health),
                Field("Chiều cao:"),
                Field("Cân nặng (kg):"),
                Field("Nhóm máu:"),
            ),
        ),
        Line(
            "24",
            (Field("24) Là thương binh hạng:"), Field("Là con gia đình chính sách:")),
            "(Con thương binh, con liệt sĩ, người nhiễm chất độc da cam Dioxin)",
        ),
        Line(
            "25",
            (
                Field("25) Số chứng minh nhân dân/căn cước công dân:", person.national_id or ""),
                Field("Ngày cấp:", _date(person.national_id_issued_on)),
            ),
        ),
        Line("26", (Field("26) Số sổ BHXH:", person.social_insurance_no),)),
    ]


def _padded(rows: list[list[str]], columns: int) -> list[list[str]]:
    return rows or [[""] * columns for _ in range(BLANK_TABLE_ROWS)]


def _training(dossier: Dossier) -> Table:
    """Item 27: degrees, certificates and training courses by start date (Dossier.training)."""
    rows = []
    for row in dossier.training:
        if row.course is not None:
            c = row.course
            period = f"{_month(c.started_on)} – {_month(c.ended_on)}"
            rows.append([c.institution, c.name, period, str(c.get_kind_display()), c.note])
            continue
        q = row.qualification
        assert q is not None
        end = _month(q.obtained_on, q.obtained_on_precision)
        period = f"{_month(q.started_on)} – {end}" if q.started_on else end
        subject = " ".join(part for part in (q.field, q.language) if part)
        rows.append(
            [q.institution, subject, period, str(q.get_mode_display()) if q.mode else "", q.level.name]
        )
    return Table(TRAINING_HEADERS, _padded(rows, 5), [4.3, 3.8, 3.0, 2.4, 3.0])


def _work(dossier: Dossier, units: UnitNames) -> Table:
    """Item 28: posts in date order; a post still held on the date (or ended after it) runs to "nay"."""
    rows = []
    for item in sorted(dossier.work_history, key=lambda a: (a.valid_from, a.is_concurrent, a.pk)):
        ended = item.valid_to is not None and item.valid_to <= dossier.as_of
        start = _month(item.valid_from, item.valid_from_precision)
        period = f"{start} – {_month(item.valid_to, item.valid_to_precision) if ended else 'nay'}"
        text = item.description or _post(item, units)
        if item.is_concurrent and not item.description:
            text = f"Kiêm {text}"
        rows.append([period, text])
    return Table(WORK_HEADERS, _padded(rows, 2), [3.5, 13.0])


def _family(dossier: Dossier) -> tuple[Table, Table]:
    """Item 30 a) and b): relatives in the form's order (parents, spouse, children, siblings)."""
    person = dossier.person
    members = sorted(
        dossier.family, key=lambda m: (_RELATION_ORDER.get(m.relation, 99), m.birth_year or 0, m.pk)
    )
    own: list[list[str]] = []
    spouse: list[list[str]] = []
    for member in members:
        row = [
            relation_label(member, person.sex),
            member.full_name,
            str(member.birth_year or ""),
            member.details,
        ]
        (spouse if member.relation in SPOUSE_SIDE else own).append(row)
    widths = [2.6, 4.2, 1.9, 7.8]
    return Table(FAMILY_HEADERS, _padded(own, 4), widths), Table(FAMILY_HEADERS, _padded(spouse, 4), widths)


_SEVERITY = {value: index for index, value in enumerate(DisciplineForm.values)}


def _discipline(dossier: Dossier) -> str:
    """Item 22: for the Party and for the State, the highest measure decided by the date and its year."""
    parts = []
    for system in DisciplineSystem:
        records = [r for r in dossier.discipline if r.system == system]
        if records:
            top = max(records, key=lambda r: (_SEVERITY.get(r.form, -1), r.decision_date))
            parts.append(f"{system.label}: {top.get_form_display()} (năm {top.decision_date.year})")
    return "; ".join(parts)


def _personal_history(person: Person) -> list[tuple[str, str]]:
    """Item 29: the form's three questions with the person's declared answers."""
    answers = (person.arrest_history, person.foreign_ties, person.relatives_abroad)
    return [
        (prompt, answer.strip()) for prompt, answer in zip(PERSONAL_HISTORY_PROMPTS, answers, strict=True)
    ]


def _main_duties(dossier: Dossier) -> str:
    """Item 13: the main post as the record describes it (its own wording), when it has one."""
    main = dossier.main_post
    return main.description if main is not None and main.description else ""


def _assessment(ratings: Sequence[AnnualRating], as_of: dt.date) -> list[str]:
    """Item 32: the annual quality ratings recorded up to the form's year, oldest first."""
    lines = []
    for rating in sorted(ratings, key=lambda r: r.year):
        if rating.year > as_of.year:
            continue
        text = f"Năm {rating.year}: {RatingLevel(rating.level).label}"
        if rating.score is not None:
            decimals = 0 if rating.score == rating.score.to_integral_value() else 2
            text += f" ({format_number(rating.score, decimals)} điểm)"
        lines.append(f"{text}.")
    return lines


def assessment_blank_lines(form: Form2C) -> int:
    """How many dotted lines item 32 leaves for the agency's comment under the recorded ratings."""
    return max(BLANK_LINES_32 - len(form.assessment), MIN_COMMENT_LINES_32)


def _salary() -> Table:
    """Item 31: salary history is not recorded yet, so the table is printed blank to be filled by hand."""
    rows = [[label] + [""] * SALARY_COLUMNS for label in SALARY_ROWS]
    return Table([], rows, [3.3] + [1.65] * SALARY_COLUMNS)


def form2c_build(*, dossiers: Sequence[Dossier]) -> list[Form2C]:
    """Form 2C for each dossier, with unit and management names loaded once for the whole batch."""
    assignments = [a for d in dossiers for a in d.work_history]
    units = UnitNames(assignments)
    category_ids = {
        d.main_post.title.management_category_id
        for d in dossiers
        if d.main_post is not None and d.main_post.title.management_category_id
    }
    categories = ManagementCategory.objects.in_bulk(category_ids) if category_ids else {}
    ratings: dict[int, list[AnnualRating]] = defaultdict(list)
    for rating in AnnualRating.objects.filter(person_id__in=[d.person.pk for d in dossiers]):
        ratings[rating.person_id].append(rating)
    managing_units = OrgUnit.objects.in_bulk(
        {d.person.managing_unit_id for d in dossiers if d.person.managing_unit_id}
    )
    forms = []
    with translation.override("vi"):
        for dossier in dossiers:
            person = dossier.person
            main = dossier.main_post
            own, spouse = _family(dossier)
            forms.append(
                Form2C(
                    person_id=person.pk,
                    full_name=person.full_name,
                    as_of=dossier.as_of,
                    # Without a post on the date, the unit keeping the dossier is the one that manages it.
                    managing_agency=_managing_agency(main, units, categories)
                    or _unit_name(managing_units.get(person.managing_unit_id or 0)),
                    employing_agency=units.agency(main.unit).name if main is not None else "",
                    code=person.code or "",
                    photo=photo_bytes(person),
                    lines=_lines(dossier, units),
                    training=_training(dossier),
                    work=_work(dossier, units),
                    family_own=own,
                    family_spouse=spouse,
                    salary=_salary(),
                    assessment=_assessment(ratings[person.pk], dossier.as_of),
                    personal_history=_personal_history(person),
                )
            )
    return forms
