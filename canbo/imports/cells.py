"""Reading cells: text, dates, numbers and code-list values, with Vietnamese messages for what is wrong.

A workbook repeats the same values thousands of times ("Kinh", "Không", "01/01/2010"), so each reader
remembers what it gave for every distinct cell value; the code-list matchers of canbo.reference run
once per distinct value, not once per cell.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from canbo.core.dates import DatePrecision, format_partial, today
from canbo.core.text import fold, normalize_spaces
from canbo.org.choices import BodyKind, Level, MemberRole, NominationOutcome, Sector, UnitKind
from canbo.people.choices import QualificationKind, StaffCategory, StudyMode, TrainingKind
from canbo.people.models import Ethnicity, QualificationLevel, Religion
from canbo.posts.choices import ExpertiseField
from canbo.posts.models import ManagementCategory, Title
from canbo.reference.normalize import (
    match_ethnicity,
    match_level,
    match_religion,
    match_sex,
    parse_partial_date,
)

from .choices import RatingLevel

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SHOWN = 60


class CellError(Exception):
    """A cell that cannot be read; the message says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def compact(text: Any) -> str:
    """Folded text without anything but ASCII letters and digits ("Cấp tỉnh" → "captinh")."""
    return _NON_ALNUM.sub("", fold(str(text)))


def shown(value: Any) -> str:
    """A cell value as written in a message or in the report (dates the Vietnamese way)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_partial(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _messages(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# Other words people write for the values of the project's choices (besides their labels and codes).
CHOICE_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "level": {
        Level.PROVINCE: ("tỉnh", "thành phố trực thuộc trung ương"),
        Level.DISTRICT: ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh"),
        Level.COMMUNE: ("xã", "phường", "thị trấn", "đặc khu", "cơ sở"),
    },
    "sector": {
        Sector.PARTY: ("Đảng",),
        Sector.STATE: ("Chính quyền", "Nhà nước", "Khối nhà nước"),
        Sector.FRONT: ("MTTQ", "Mặt trận", "Đoàn thể", "MTTQ và các đoàn thể", "Khối MTTQ và đoàn thể"),
        Sector.PUBLIC_SERVICE: ("Sự nghiệp", "Khối sự nghiệp"),
    },
    "unit_kind": {
        UnitKind.PARTY_COMMITTEE: ("Cấp ủy", "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thành ủy"),
        UnitKind.PARTY_AGENCY: ("Cơ quan tham mưu", "Ban Đảng", "Ban của Tỉnh ủy"),
        UnitKind.PEOPLES_COUNCIL: ("HĐND",),
        UnitKind.PEOPLES_COMMITTEE: ("UBND",),
        UnitKind.DEPARTMENT: ("Sở", "Ban", "Ngành", "Sở, ngành"),
        UnitKind.DIVISION: ("Phòng", "Phòng và tương đương"),
        UnitKind.MASS_ORGANISATION: ("Đoàn thể", "Mặt trận"),
        UnitKind.PUBLIC_SERVICE_UNIT: ("Sự nghiệp", "Đơn vị sự nghiệp công lập"),
        UnitKind.ADMINISTRATION: ("Khối", "Nhóm đơn vị"),
    },
    "staff_category": {
        StaffCategory.CADRE: ("CB",),
        StaffCategory.CIVIL_SERVANT: ("CC",),
        StaffCategory.PUBLIC_EMPLOYEE: ("VC",),
        StaffCategory.WORKER: ("NLĐ", "Hợp đồng", "Lao động hợp đồng"),
    },
    "qualification_kind": {
        QualificationKind.EDUCATION: ("Chuyên môn", "Trình độ chuyên môn", "Chuyên môn nghiệp vụ", "Học vấn"),
        QualificationKind.POLITICAL_THEORY: ("LLCT", "Chính trị", "Lý luận", "Trình độ lý luận chính trị"),
        QualificationKind.STATE_MANAGEMENT: ("QLNN", "Quản lý nhà nước", "Trình độ quản lý nhà nước"),
        QualificationKind.FOREIGN_LANGUAGE: ("Ngoại ngữ", "Trình độ ngoại ngữ", "Tiếng Anh"),
        QualificationKind.IT: ("Tin học", "Trình độ tin học", "CNTT", "Công nghệ thông tin"),
        QualificationKind.ETHNIC_LANGUAGE: ("Tiếng dân tộc", "Tiếng DTTS"),
        QualificationKind.INTERNATIONAL: ("Quốc tế", "Làm việc trong môi trường quốc tế"),
    },
    "study_mode": {
        StudyMode.FULL_TIME: ("Chính quy", "Tập trung"),
        StudyMode.IN_SERVICE: ("Tại chức", "Vừa làm vừa học", "Không tập trung", "VLVH"),
        StudyMode.DISTANCE: ("Từ xa", "Đào tạo từ xa", "Trực tuyến"),
        StudyMode.SHORT_COURSE: ("Bồi dưỡng", "Ngắn hạn", "Bồi dưỡng ngắn hạn"),
        StudyMode.OTHER: ("Khác",),
    },
    "body_kind": {
        BodyKind.PARTY_EXECUTIVE: ("Ban Chấp hành", "BCH", "Cấp ủy", "Ban Chấp hành Đảng bộ"),
        BodyKind.PARTY_STANDING: ("Ban Thường vụ", "BTV", "Thường vụ"),
        BodyKind.PEOPLES_COUNCIL: ("HĐND", "Hội đồng nhân dân", "Đại biểu HĐND"),
    },
    "member_role": {
        MemberRole.MEMBER: ("Ủy viên", "Đại biểu", "Thành viên", "Cấp ủy viên", "Đại biểu HĐND"),
        MemberRole.SECRETARY: ("Bí thư",),
        MemberRole.DEPUTY_SECRETARY: ("Phó Bí thư",),
        MemberRole.CHAIR: ("Chủ tịch",),
        MemberRole.VICE_CHAIR: ("Phó Chủ tịch",),
    },
    "nomination_outcome": {
        NominationOutcome.PENDING: ("Chưa bầu cử",),
        NominationOutcome.ELECTED: ("Trúng", "Đắc cử"),
        NominationOutcome.NOT_ELECTED: ("Không trúng", "Trượt"),
        NominationOutcome.WITHDRAWN: ("Rút", "Rút tên"),
    },
    "rating_level": {
        RatingLevel.EXCELLENT: ("HTXS", "Xuất sắc", "Hoàn thành xuất sắc"),
        RatingLevel.GOOD: ("HTT", "Tốt", "Hoàn thành tốt"),
        RatingLevel.COMPLETED: ("HT", "Hoàn thành"),
        RatingLevel.NOT_COMPLETED: ("KHT", "Không hoàn thành", "Không đạt"),
    },
    "training_kind": {
        TrainingKind.KNOWLEDGE_UPDATE: ("Cập nhật kiến thức", "Bồi dưỡng cập nhật"),
        TrainingKind.TITLE_STANDARD: ("Theo chức danh", "Tiêu chuẩn chức danh", "Bồi dưỡng theo chức danh"),
        TrainingKind.OTHER: ("Khác",),
    },
    "expertise_field": {
        ExpertiseField.IT: ("CNTT",),
        ExpertiseField.AGRICULTURE: ("Nông nghiệp", "Lâm nghiệp"),
        ExpertiseField.EDUCATION: ("Giáo dục",),
        ExpertiseField.CONSTRUCTION: ("Xây dựng",),
        ExpertiseField.OTHER: ("Khác",),
    },
}
CHOICE_CLASSES: dict[str, type[models.TextChoices]] = {
    "level": Level,
    "sector": Sector,
    "unit_kind": UnitKind,
    "staff_category": StaffCategory,
    "qualification_kind": QualificationKind,
    "study_mode": StudyMode,
    "body_kind": BodyKind,
    "member_role": MemberRole,
    "nomination_outcome": NominationOutcome,
    "rating_level": RatingLevel,
    "training_kind": TrainingKind,
    "expertise_field": ExpertiseField,
}
YES = ("có", "x", "1", "true", "đúng", "yes", "kiêm nhiệm", "có kiêm nhiệm", "kn")
NO = ("không", "0", "false", "sai", "no", "ko")


def vietnamese_label(label: Any) -> str:
    """The Vietnamese text of a (lazy) label, whatever the active language."""
    with translation.override("vi"):
        return str(label)


def choice_labels(name: str) -> list[str]:
    """The Vietnamese labels of a choice list, in order (what the template's drop-down offers)."""
    return [vietnamese_label(label) for _value, label in CHOICE_CLASSES[name].choices]


def _choice_index(name: str) -> dict[str, str]:
    """Compact spellings → value: the code, the Vietnamese and English labels, and the aliases."""
    index: dict[str, str] = {}
    choices = CHOICE_CLASSES[name]
    for value, label in choices.choices:
        for spelling in (value, vietnamese_label(label), *CHOICE_ALIASES.get(name, {}).get(value, ())):
            index.setdefault(compact(spelling), value)
        with translation.override("en"):
            index.setdefault(compact(str(label)), value)
    return index


class CellReader:
    """Reads the cells of one import; remembers the result for each distinct value of each column kind."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._texts: dict[str, str] = {}
        self._choices = {name: _choice_index(name) for name in CHOICE_CLASSES}
        self._titles: dict[str, Title | None] | None = None
        self._categories: dict[str, ManagementCategory] | None = None

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """compute() once per key; a CellError is remembered and raised again."""
        try:
            found = self._memo[key]
        except KeyError:
            try:
                found = compute()
            except CellError as exc:
                found = exc
            except ValidationError as exc:
                found = CellError(_messages(exc))
            self._memo[key] = found
        if isinstance(found, CellError):
            raise found
        return found

    # --- plain values ---

    def text(self, value: Any) -> str:
        """Text of a cell: numbers without ".0", dates as dd/mm/yyyy, spaces collapsed."""
        if value is None:
            return ""
        if value.__class__ is str:
            found = self._texts.get(value)
            if found is None:
                found = self._texts[value] = normalize_spaces(value)
            return found
        if isinstance(value, bool):
            return _("Có") if value else _("Không")
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.date):
            return shown(value)
        return normalize_spaces(str(value))

    def partial(self, value: Any, *, future: bool = False) -> tuple[dt.date, str]:
        """A date that may lack its day or month: (date, precision), unknown parts stored as 1."""
        found: tuple[dt.date, str] = self._cached(
            ("partial", type(value), value, future), lambda: parse_partial_date(value, allow_future=future)
        )
        return found

    def date(self, value: Any, *, future: bool = False) -> dt.date:
        """A full date; a month or a year alone is refused (the field keeps no precision)."""
        day, precision = self.partial(value, future=future)
        if precision != DatePrecision.DAY:
            raise CellError(
                _("Cột này cần đủ ngày/tháng/năm (ví dụ 05/03/1985); “%(value)s” chỉ có %(part)s.")
                % {
                    "value": shown(value),
                    "part": _("tháng/năm") if precision == DatePrecision.MONTH else _("năm"),
                }
            )
        return day

    def period_start(self, value: Any, *, future: bool = False) -> dt.date:
        """The first day of the day, month or year written (after today only where the column allows it)."""
        return self.partial(value, future=future)[0]

    def period_end(self, value: Any) -> dt.date:
        """The last day of the day, month or year written (a period's end is inclusive)."""
        day, precision = self.partial(value, future=True)
        if precision == DatePrecision.YEAR:
            return dt.date(day.year, 12, 31)
        if precision == DatePrecision.MONTH:
            return day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return day

    def boolean(self, value: Any) -> bool:
        """Yes or no: Có/Không, x, 1/0, TRUE/FALSE."""
        if isinstance(value, bool):
            return value
        key = fold(self.text(value))
        if key in {fold(word) for word in YES}:
            return True
        if key in {fold(word) for word in NO} or not key:
            return False
        raise CellError(_("Không hiểu “%(value)s”: hãy ghi Có hoặc Không.") % {"value": shown(value)})

    def integer(self, value: Any) -> int:
        """A whole number."""
        number = self._number(value)
        if abs(number) > 10**9 or number != number.to_integral_value():
            raise CellError(_("“%(value)s” không phải là số nguyên.") % {"value": shown(value)})
        return int(number)

    def _number(self, value: Any) -> Decimal:
        """A finite number from a cell; a decimal comma is accepted (85,5)."""
        text = self.text(value).replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
            if number.is_finite() and number.adjusted() < 15:
                return number
        except (ArithmeticError, ValueError):  # decimal's errors are ArithmeticErrors
            pass
        raise CellError(_("“%(value)s” không phải là số.") % {"value": shown(value)})

    def year(self, value: Any) -> int:
        """A year (1900 to next year), written as 2025, "2025" or "năm 2025"."""
        if isinstance(value, dt.date):
            return value.year
        text = re.sub(r"^\s*n[aă]m\s*", "", self.text(value), flags=re.IGNORECASE)
        number = self.integer(text)
        if not 1900 <= number <= today().year + 1:
            raise CellError(_("Năm “%(value)s” không hợp lệ.") % {"value": shown(value)})
        return number

    def decimal(self, value: Any) -> Decimal:
        """A number with at most two decimals; a decimal comma is accepted (85,5)."""
        number = self._number(value)
        if number.adjusted() >= 6 or number != number.quantize(Decimal("0.01")):
            raise CellError(
                _("“%(value)s” không phải là số có tối đa 2 chữ số thập phân.") % {"value": shown(value)}
            )
        return number

    @staticmethod
    def national_id(value: Any) -> str:
        """The digits of a personal identification number; numbers from spreadsheets get back their leading zeros."""
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
            return f"{value:012d}"
        return re.sub(r"[\s.]+", "", "" if value is None else str(value))

    # --- code lists ---

    def choice(self, name: str, value: Any) -> Any:
        """The value of a code list that a cell names (by code, label or another usual spelling)."""
        text = self.text(value)
        if name == "sex":
            return self._cached(("sex", text), lambda: match_sex(text))
        if name == "ethnicity":
            return self._cached(("ethnicity", text), lambda: match_ethnicity(text))
        if name == "religion":
            return self._cached(("religion", text), lambda: match_religion(text))
        if name == "title":
            return self._cached(("title", text), lambda: self._title(text))
        if name == "management_category":
            return self._cached(("category", text), lambda: self._category(text))
        if name == "yes_no":
            return self.boolean(value)
        found = self._choices[name].get(compact(text))
        if found is None:
            if name == "rating_level":
                labels = ", ".join(
                    f"{value} ({vietnamese_label(label)})" for value, label in RatingLevel.choices
                )
            else:
                labels = ", ".join(choice_labels(name))
            raise CellError(
                _("Không nhận ra “%(value)s”. Giá trị hợp lệ: %(values)s.")
                % {"value": shown(value), "values": labels}
            )
        return found

    def level(self, kind: str, value: Any) -> QualificationLevel:
        """The level of a qualification scale named by a cell ("ThS", "Cao cấp LLCT", "B2")."""
        text = self.text(value)
        found: QualificationLevel = self._cached(("level", kind, text), lambda: match_level(kind, text))
        return found

    def _title(self, text: str) -> Title:
        if self._titles is None:
            self._titles = {}
            for title in Title.objects.select_related("management_category"):
                self._titles[compact(title.code)] = title
                key = compact(title.name)
                self._titles[key] = None if key in self._titles and self._titles[key] != title else title
        match = re.search(
            r"\[([^\]]+)\]\s*$|\(([A-Z0-9_]+)\)\s*$", text
        )  # "Name [CODE]" as the export may write
        keys = [compact(text)]
        if match:
            keys.insert(0, compact(match.group(1) or match.group(2)))
        for key in keys:
            if key in self._titles:
                found = self._titles[key]
                if found is None:
                    raise CellError(
                        _("Có nhiều chức vụ tên “%(value)s” trong danh mục; hãy ghi mã chức vụ.")
                        % {"value": text}
                    )
                return found
        if not text:
            raise CellError(_("Chưa nhập chức vụ."))
        raise CellError(
            _("Không có chức vụ “%(value)s” trong danh mục chức vụ; hãy chọn trong danh sách hoặc ghi mã.")
            % {"value": shown(text)}
        )

    def _category(self, text: str) -> ManagementCategory:
        if self._categories is None:
            self._categories = {}
            for category in ManagementCategory.objects.all():
                self._categories.setdefault(compact(category.code), category)
                self._categories.setdefault(compact(category.name), category)
        found = self._categories.get(compact(text))
        if found is None:
            raise CellError(_("Không có diện quản lý “%(value)s” trong danh mục.") % {"value": shown(text)})
        return found


def code_list_values() -> dict[str, list[str]]:
    """The values offered by each drop-down of the template, from the database code lists."""
    lists = {name: choice_labels(name) for name in CHOICE_CLASSES}
    lists["rating_level"] = list(RatingLevel.values)
    lists["sex"] = ["Nam", "Nữ"]
    lists["yes_no"] = ["Có", "Không"]
    lists["ethnicity"] = list(
        Ethnicity.objects.filter(is_active=True, code_system="QD121-TCTK/1979")
        .order_by("code")
        .values_list("name", flat=True)
    )
    lists["religion"] = list(
        Religion.objects.filter(is_active=True).order_by("code").values_list("name", flat=True)
    )
    lists["title"] = list(
        Title.objects.filter(is_active=True)
        .order_by("level", "position", "name")
        .values_list("name", flat=True)
    )
    lists["management_category"] = list(
        ManagementCategory.objects.order_by("position").values_list("name", flat=True)
    )
    for kind in QualificationKind.values:
        lists[f"level:{kind}"] = list(
            QualificationLevel.objects.filter(kind=kind, is_active=True)
            .order_by("rank", "code")
            .values_list("name", flat=True)
        )
    return lists
