"""Read free text as reference values and check identifiers and dates, for forms, services and imports.

Every public function returns the matched object or value, or raises `ValidationError` with a Vietnamese
message that names the offending value; nothing else escapes for any input text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canbo.core.dates import DatePrecision, today
from canbo.core.text import fold
from canbo.people.choices import QualificationKind, Sex
from canbo.people.models import Ethnicity, EthnicityAlias, QualificationLevel, Religion

from . import catalog

__all__ = [
    "NationalIdInfo",
    "decode_national_id",
    "ethnicity_key",
    "match_ethnicity",
    "match_level",
    "match_religion",
    "match_sex",
    "national_id_for",
    "parse_partial_date",
    "validate_national_id",
]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_SHORT_CODE = re.compile(r"[0-9]{1,2}", re.ASCII)
_SHOWN_MAX = 60
_ALIAS_MAX_LENGTH = 60  # EthnicityAlias.alias_folded


def _shown(value: Any) -> str:
    """The value as quoted in a message, cut short so a long cell does not flood the message."""
    text = str(value).strip()
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _as_text(value: Any) -> str:
    """Text of a cell: integral floats from spreadsheets lose their ".0"; None becomes empty."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _compact(text: str) -> str:
    """Folded text with everything but ASCII letters and digits removed."""
    return _NON_ALNUM.sub("", fold(text))


# --- Ethnicity -------------------------------------------------------------------------------------------


def ethnicity_key(text: str | None) -> str:
    """The matching key of an ethnicity name: folded, without apostrophes, hyphens, spaces or other marks."""
    return _compact(text or "")


def _equivalent_code(code: str, source: str, target: str) -> str | None:
    """The code in the target system of the group that has the given code in the source system."""
    systems = catalog.code_systems()
    if source not in systems or target not in systems:
        return None
    pivot = next((e.same_as for e in systems[source].entries if e.code == code), None)
    return next((e.code for e in systems[target].entries if e.same_as == pivot), None)


def match_ethnicity(text: Any, *, code_system: str = catalog.DEFAULT_CODE_SYSTEM) -> Ethnicity:
    """Find the ethnic group named or coded by text ("HMông", "H'mông", "Mèo", "08") in a code system."""
    value = _as_text(text)
    if not value:
        raise ValidationError(_("Chưa nhập dân tộc."), code="required")
    if _SHORT_CODE.fullmatch(value):
        code = value.zfill(2)
        found = Ethnicity.objects.filter(code_system=code_system, code=code).first()
        if found is None:
            raise ValidationError(
                _("Mã dân tộc “%(value)s” không có trong bảng mã %(system)s."),
                code="unknown_code",
                params={"value": _shown(value), "system": code_system},
            )
        return found
    key = ethnicity_key(value)
    if key.startswith("dantoc") and len(key) > len("dantoc"):
        key = key[len("dantoc") :]
    alias = None
    if 0 < len(key) <= _ALIAS_MAX_LENGTH:
        alias = EthnicityAlias.objects.select_related("ethnicity").filter(alias_folded=key).first()
    if alias is None:
        raise ValidationError(
            _(
                "Không nhận ra dân tộc “%(value)s”: hãy ghi tên theo danh mục (ví dụ Kinh, Tày, Mông) "
                "hoặc mã 2 chữ số."
            ),
            code="unknown",
            params={"value": _shown(value)},
        )
    ethnicity = alias.ethnicity
    if ethnicity.code_system == code_system:
        return ethnicity
    target = _equivalent_code(ethnicity.code, ethnicity.code_system, code_system)
    found = Ethnicity.objects.filter(code_system=code_system, code=target).first() if target else None
    if found is None:
        raise ValidationError(
            _("Dân tộc “%(value)s” không có trong bảng mã %(system)s."),
            code="not_in_system",
            params={"value": _shown(value), "system": code_system},
        )
    return found


# --- Religion --------------------------------------------------------------------------------------------

_RELIGION_PREFIXES = ("tongiao", "giaohoi", "dao")


@cache
def _religion_aliases() -> dict[str, str]:
    """Religion keys from the shipped list, key → code."""
    index: dict[str, str] = {}
    for entry in catalog.religions():
        for spelling in (entry.name, *entry.aliases):
            index.setdefault(_compact(spelling), entry.code)
    return index


def match_religion(text: Any) -> Religion:
    """Find the religion named or coded by text ("Không", "Thiên Chúa giáo", "01")."""
    value = _as_text(text)
    if not value:
        raise ValidationError(
            _("Chưa nhập tôn giáo; ghi “Không” nếu không theo tôn giáo nào."), code="required"
        )
    rows = list(Religion.objects.all())
    by_code = {row.code: row for row in rows}
    if _SHORT_CODE.fullmatch(value):
        found = by_code.get(value.zfill(2))
        if found is None:
            raise ValidationError(
                _("Mã tôn giáo “%(value)s” không có trong danh mục."),
                code="unknown_code",
                params={"value": _shown(value)},
            )
        return found
    index = {_compact(row.name): row.code for row in rows}
    for key, code in _religion_aliases().items():
        index.setdefault(key, code)
    key = _compact(value)
    candidates = [key] + [
        key[len(p) :] for p in _RELIGION_PREFIXES if key.startswith(p) and len(key) > len(p)
    ]
    for candidate in candidates:
        matched = index.get(candidate)
        if matched is not None and matched in by_code:
            return by_code[matched]
    raise ValidationError(
        _(
            "Không nhận ra tôn giáo “%(value)s”: hãy ghi tên theo danh mục (ví dụ Không, Phật giáo, Công giáo)."
        ),
        code="unknown",
        params={"value": _shown(value)},
    )


# --- Sex -------------------------------------------------------------------------------------------------

_MALE = frozenset({"nam", "m", "male", "trai", "namgioi"})
_FEMALE = frozenset({"nu", "f", "female", "gai", "nugioi"})


def match_sex(text: Any) -> str:
    """Read "Nam", "M", "Nữ", "nu", "F"… as the stored value "nam" or "nu"."""
    value = _as_text(text)
    key = _compact(value)
    if key.startswith("gioitinh"):
        key = key[len("gioitinh") :]
    if key in _MALE:
        return Sex.MALE.value
    if key in _FEMALE:
        return Sex.FEMALE.value
    if not value:
        raise ValidationError(_("Chưa nhập giới tính."), code="required")
    raise ValidationError(
        _("Không nhận ra giới tính “%(value)s”: hãy ghi Nam hoặc Nữ."),
        code="unknown",
        params={"value": _shown(value)},
    )


# --- Qualification levels --------------------------------------------------------------------------------


def _level_tokens(text: str) -> tuple[str, ...]:
    """Letter and digit runs of folded text, y read as i (sỹ = sĩ) and numbers without leading zeros."""
    tokens = _TOKEN.findall(fold(text).replace("y", "i"))
    return tuple((t.lstrip("0") or "0") if t.isdigit() else t for t in tokens)


def _strip_noise(tokens: tuple[str, ...], noise: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """Drop leading noise phrases ("trình độ", "tiếng Anh"…) for as long as one matches."""
    phrases = sorted(noise, key=len, reverse=True)
    changed = True
    while changed and tokens:
        changed = False
        for phrase in phrases:
            if phrase and tokens[: len(phrase)] == phrase:
                tokens = tokens[len(phrase) :]
                changed = True
                break
    return tokens


@dataclass
class _LevelIndex:
    """Keys that name the levels of one scale: exact keys and keys allowed as a leading part."""

    noise: tuple[tuple[str, ...], ...]
    contains: bool
    exact: dict[str, str] = field(default_factory=dict)
    prefix: dict[str, str] = field(default_factory=dict)

    def key(self, text: str) -> tuple[str, ...]:
        """Tokens of text without leading noise."""
        return _strip_noise(_level_tokens(text), self.noise)

    def add(self, text: str, code: str, *, exact_only: bool) -> None:
        """Register a spelling of a level; a spelling claimed by two levels is a data error."""
        compact = "".join(self.key(text))
        if not compact:
            return
        targets = (self.exact,) if exact_only else (self.exact, self.prefix)
        for target in targets:
            previous = target.get(compact)
            if previous is not None and previous != code:
                raise ValueError(f"Spelling {text!r} names both {previous} and {code}.")
            target[compact] = code


@cache
def _level_index(kind: str) -> _LevelIndex:
    """The index of the shipped spellings of one scale (database-only levels are added per call)."""
    scale = catalog.qualification_kinds()[kind]
    index = _LevelIndex(noise=tuple(_level_tokens(n) for n in scale.noise), contains=scale.contains)
    for level in scale.levels:
        for spelling in (level.name, level.code):
            index.add(spelling, level.code, exact_only=True)
        for spelling in level.exact_aliases:
            index.add(spelling, level.code, exact_only=True)
        for spelling in level.aliases:
            index.add(spelling, level.code, exact_only=False)
    return index


def _pick(candidates: dict[str, int]) -> str | tuple[str, ...] | None:
    """The code with the longest matching key; a tuple of codes when the longest keys disagree."""
    if not candidates:
        return None
    best = max(candidates.values())
    codes = tuple(sorted(code for code, length in candidates.items() if length == best))
    return codes[0] if len(codes) == 1 else codes


def _find_level_code(index: _LevelIndex, extra: dict[str, str], text: str) -> str | tuple[str, ...] | None:
    """The code named by text: an exact key, else the longest leading key, else (if allowed) any key."""
    tokens = index.key(text)[:40]
    if not tokens:
        return None
    compact = "".join(tokens)
    code = index.exact.get(compact) or extra.get(compact)
    if code:
        return code
    leading: dict[str, int] = {}
    for end in range(1, len(tokens)):
        part = "".join(tokens[:end])
        found = index.prefix.get(part)
        if found:
            leading[found] = max(leading.get(found, 0), len(part))
    picked = _pick(leading)
    if picked is not None or not index.contains:
        return picked
    anywhere: dict[str, int] = {}
    for start in range(len(tokens)):
        for end in range(start + 1, len(tokens) + 1):
            part = "".join(tokens[start:end])
            found = index.prefix.get(part)
            if found:
                anywhere[found] = max(anywhere.get(found, 0), len(part))
    return _pick(anywhere)


def match_level(kind: str, text: Any) -> QualificationLevel:
    """Find the level of a qualification scale named by text ("ThS", "Cao cấp LLCT", "B2", "Tiếng Anh B")."""
    if kind not in QualificationKind.values:
        raise ValueError(f"Unknown qualification kind {kind!r}.")
    kind = QualificationKind(kind).value
    kind_label = str(QualificationKind(kind).label)
    value = _as_text(text)
    if not value:
        raise ValidationError(_("Chưa nhập %(kind)s."), code="required", params={"kind": kind_label.lower()})
    rows = list(QualificationLevel.objects.filter(kind=kind).order_by("rank", "code"))
    by_code = {row.code: row for row in rows}
    index = _level_index(kind)
    extra = _LevelIndex(noise=index.noise, contains=False)
    for row in rows:  # levels added by an administrator match by their name and code
        for spelling in (row.name, row.code):
            compact = "".join(extra.key(spelling))
            if compact and compact not in index.exact:
                extra.exact.setdefault(compact, row.code)
    found = _find_level_code(index, extra.exact, value)
    if isinstance(found, tuple):
        names = ", ".join(by_code[c].name if c in by_code else c for c in found)
        raise ValidationError(
            _("%(kind)s: “%(value)s” khớp với nhiều mức (%(names)s); hãy ghi rõ một mức."),
            code="ambiguous",
            params={"kind": kind_label, "value": _shown(value), "names": names},
        )
    if found is None:
        raise ValidationError(
            _("%(kind)s: không nhận ra “%(value)s”. Các mức trong danh mục: %(names)s."),
            code="unknown",
            params={
                "kind": kind_label,
                "value": _shown(value),
                "names": ", ".join(row.name for row in rows) or "—",
            },
        )
    if found not in by_code:
        raise ValidationError(
            _("%(kind)s: mức “%(code)s” chưa có trong cơ sở dữ liệu; hãy nạp danh mục dùng chung."),
            code="not_loaded",
            params={"code": found, "kind": kind_label},
        )
    return by_code[found]


# --- Personal identification number (số định danh cá nhân) ------------------------------------------------

FIRST_CODED_YEAR = 1900
LAST_CODED_YEAR = 2399


@dataclass(frozen=True)
class NationalIdInfo:
    """What the first six digits of a personal identification number say about its holder."""

    number: str
    province_code: str
    province_name: str
    sex: str
    birth_year: int
    serial: str


def _id_text(value: Any) -> str:
    """Digits of an identification number; numbers from spreadsheets get back their leading zeros."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 0 <= value < 10**12:
        return f"{value:012d}"
    return re.sub(r"\s+", "", "" if value is None else str(value))


def _sex_label(sex: str) -> str:
    return _("nam") if sex == Sex.MALE else _("nữ")


def decode_national_id(value: Any) -> NationalIdInfo:
    """Check the form of a 12-digit personal identification number and decode its province, sex and birth year."""
    return _decode_national_id(value, check_future=True)


def _decode_national_id(value: Any, *, check_future: bool) -> NationalIdInfo:
    """Decode a personal identification number, optionally refusing one whose birth year has not come yet."""
    number = _id_text(value)
    shown = _shown(number or value)
    if not number:
        raise ValidationError(_("Chưa nhập số định danh cá nhân."), code="required")
    if not (number.isascii() and number.isdigit()):
        raise ValidationError(
            _("Số định danh cá nhân “%(value)s” chỉ được gồm chữ số."),
            code="not_digits",
            params={"value": shown},
        )
    if len(number) != 12:
        raise ValidationError(
            _("Số định danh cá nhân “%(value)s” phải gồm đúng 12 chữ số (đang có %(count)s)."),
            code="length",
            params={"value": shown, "count": len(number)},
        )
    provinces = catalog.id_province_codes()
    province = number[:3]
    if province not in provinces:
        raise ValidationError(
            _(
                "Số định danh cá nhân “%(value)s”: 3 chữ số đầu “%(code)s” không phải mã tỉnh nơi đăng ký "
                "khai sinh nào trong danh mục."
            ),
            code="province",
            params={"value": shown, "code": province},
        )
    digit = int(number[3])
    birth_year = FIRST_CODED_YEAR + 100 * (digit // 2) + int(number[4:6])
    if check_future and birth_year > today().year:
        raise ValidationError(
            _(
                "Số định danh cá nhân “%(value)s”: chữ số thứ 4–6 (“%(digits)s”) ứng với năm sinh %(year)s, "
                "là năm chưa tới."
            ),
            code="future",
            params={"value": shown, "digits": number[3:6], "year": birth_year},
        )
    return NationalIdInfo(
        number=number,
        province_code=province,
        province_name=provinces[province],
        sex=Sex.FEMALE.value if digit % 2 else Sex.MALE.value,
        birth_year=birth_year,
        serial=number[6:],
    )


def validate_national_id(value: Any, *, birth_date: dt.date | None = None, sex: Any = None) -> str:
    """Return the 12-digit personal identification number, checked against birth date and sex when given."""
    # With a birth date, a disagreeing century digit gets the precise message rather than "not yet born".
    info = _decode_national_id(value, check_future=birth_date is None)
    number = info.number
    digit = int(number[3])
    errors: list[ValidationError] = []
    declared_sex = match_sex(sex) if sex not in (None, "") else None
    if birth_date is not None:
        year = birth_date.year
        if not FIRST_CODED_YEAR <= year <= LAST_CODED_YEAR:
            errors.append(
                ValidationError(
                    _("Năm sinh %(year)s nằm ngoài khoảng mà số định danh cá nhân mã hóa được (1900–2399)."),
                    code="birth_year_range",
                    params={"year": year},
                )
            )
        else:
            century = (year - FIRST_CODED_YEAR) // 100
            if digit // 2 != century:
                first = 2 * century
                if declared_sex:
                    expected = str(first + (declared_sex == Sex.FEMALE))
                else:
                    expected = _("%(even)s hoặc %(odd)s") % {"even": first, "odd": first + 1}
                start = FIRST_CODED_YEAR + 100 * (digit // 2)
                errors.append(
                    ValidationError(
                        _(
                            "Số định danh cá nhân “%(value)s”: chữ số thứ 4 là “%(digit)s”, dành cho người sinh "
                            "trong các năm %(start)s–%(end)s, nhưng năm sinh khai là %(year)s; chữ số này phải là "
                            "%(expected)s."
                        ),
                        code="century",
                        params={
                            "value": number,
                            "digit": digit,
                            "start": start,
                            "end": start + 99,
                            "year": year,
                            "expected": expected,
                        },
                    )
                )
            if number[4:6] != f"{year % 100:02d}":
                errors.append(
                    ValidationError(
                        _(
                            "Số định danh cá nhân “%(value)s”: chữ số thứ 5–6 là “%(digits)s” nhưng năm sinh khai "
                            "là %(year)s; hai chữ số này phải là “%(expected)s”."
                        ),
                        code="birth_year",
                        params={
                            "value": number,
                            "digits": number[4:6],
                            "year": year,
                            "expected": f"{year % 100:02d}",
                        },
                    )
                )
    if declared_sex is not None and declared_sex != info.sex:
        errors.append(
            ValidationError(
                _(
                    "Số định danh cá nhân “%(value)s”: chữ số thứ 4 là “%(digit)s”, dành cho %(id_sex)s (nam mang "
                    "số chẵn 0, 2, 4…; nữ mang số lẻ 1, 3, 5…), nhưng giới tính khai là %(sex)s."
                ),
                code="sex",
                params={
                    "value": number,
                    "digit": digit,
                    "id_sex": _sex_label(info.sex),
                    "sex": _sex_label(declared_sex),
                },
            )
        )
    if errors:
        raise ValidationError(errors)
    return number


def national_id_for(province_code: str | int, sex: str, birth_year: int, serial: int) -> str:
    """Build a valid personal identification number (for demo data and tests)."""
    code = str(province_code).strip().zfill(3)
    if code not in catalog.id_province_codes():
        raise ValueError(f"Unknown province code of birth registration: {province_code!r}.")
    try:
        sex_value = match_sex(sex)
    except ValidationError as exc:
        raise ValueError(f"Unknown sex: {sex!r}.") from exc
    if not FIRST_CODED_YEAR <= birth_year <= LAST_CODED_YEAR:
        raise ValueError(f"Birth year {birth_year} cannot be encoded (1900–2399).")
    if not 0 <= serial <= 999_999:
        raise ValueError(f"Serial {serial} does not fit in 6 digits.")
    digit = 2 * ((birth_year - FIRST_CODED_YEAR) // 100) + (sex_value == Sex.FEMALE)
    return f"{code}{digit}{birth_year % 100:02d}{serial:06d}"


# --- Partial dates ---------------------------------------------------------------------------------------

MIN_YEAR = 1800
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 0 in the 1900 date system once the 29/02/1900 bug is passed
EXCEL_MAX_SERIAL = (dt.date(9999, 12, 31) - EXCEL_EPOCH).days
# Whole numbers in this range come from a year typed into a number cell: as serials they would be dates
# between 04/12/1904 and 17/03/1908, which never occur in these records.
YEAR_AS_NUMBER = range(MIN_YEAR, 3000)

_TIME_SUFFIX = re.compile(r"(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_DATE_WORDS = re.compile(r"\b(?:ngay|thang|nam)\b")
_DATE_CHARS = re.compile(r"[0-9\s/.\-,]+", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def _invalid_date(value: Any) -> ValidationError:
    return ValidationError(
        _(
            "Không đọc được ngày “%(value)s”: hãy ghi theo dạng ngày/tháng/năm (05/03/1985), "
            "tháng/năm (03/1985) hoặc năm (1985)."
        ),
        code="invalid",
        params={"value": _shown(value)},
    )


def _two_digit_year(yy: int) -> int:
    """A two-digit year in the past hundred years (85 → 1985, 05 → 2005)."""
    year = 2000 + yy
    return year if year <= today().year else year - 100


def _build_date(shown: str, year: int, month: int = 1, day: int = 1) -> dt.date:
    """A real date from its parts, or a message saying which part is impossible."""
    if year < MIN_YEAR:
        raise ValidationError(
            _("Ngày “%(value)s” không hợp lệ: năm %(year)s quá xa."),
            code="year",
            params={"value": shown, "year": year},
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Ngày “%(value)s” không hợp lệ: không có tháng %(month)s."),
            code="month",
            params={"value": shown, "month": month},
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(
            _("Ngày “%(value)s” không tồn tại: tháng %(month)s năm %(year)s chỉ có %(days)s ngày."),
            code="day",
            params={"value": shown, "month": month, "year": year, "days": days},
        )
    return dt.date(year, month, day)


def _date_from_number(value: Any) -> tuple[dt.date, DatePrecision]:
    """A year typed as a number, or an Excel serial date (1900 date system)."""
    number = float(value)
    shown = _shown(value)
    if not math.isfinite(number):
        raise _invalid_date(value)
    whole = math.floor(number)
    if number == whole and whole in YEAR_AS_NUMBER:
        return dt.date(int(whole), 1, 1), DatePrecision.YEAR
    if not 1 <= whole <= EXCEL_MAX_SERIAL:
        raise _invalid_date(value)
    if whole == 60:
        raise ValidationError(
            _("Số ngày Excel “%(value)s” ứng với 29/02/1900, một ngày không có thật."),
            code="day",
            params={"value": shown},
        )
    # Excel counts 29/02/1900 as a day, so serials before it are one day later than from the epoch.
    offset = whole if whole > 60 else whole + 1
    return EXCEL_EPOCH + dt.timedelta(days=offset), DatePrecision.DAY


def _date_from_text(value: str) -> tuple[dt.date, DatePrecision]:
    """Dates written as 05/03/1985, 5/3/85, 1985-03-05, 03/1985, 1985 or "ngày 5 tháng 3 năm 1985"."""
    shown = _shown(value)
    text = _TIME_SUFFIX.sub("", fold(value))
    text = _DATE_WORDS.sub(" ", text).strip()
    if not text or not _DATE_CHARS.fullmatch(text):
        raise _invalid_date(value)
    parts = _DIGITS.findall(text)
    sizes = [len(part) for part in parts]
    if sizes == [4]:
        return _build_date(shown, int(parts[0])), DatePrecision.YEAR
    if len(parts) == 2:
        if sizes[0] <= 2 and sizes[1] == 4:  # 03/1985
            return _build_date(shown, int(parts[1]), int(parts[0])), DatePrecision.MONTH
        if sizes[0] == 4 and sizes[1] <= 2:  # 1985-03
            return _build_date(shown, int(parts[0]), int(parts[1])), DatePrecision.MONTH
        if sizes[0] <= 2 and sizes[1] == 2:  # 03/85
            return _build_date(shown, _two_digit_year(int(parts[1])), int(parts[0])), DatePrecision.MONTH
    if len(parts) == 3:
        if sizes[0] == 4 and sizes[1] <= 2 and sizes[2] <= 2:  # 1985-03-05
            return _build_date(shown, int(parts[0]), int(parts[1]), int(parts[2])), DatePrecision.DAY
        if sizes[0] <= 2 and sizes[1] <= 2 and sizes[2] in (2, 4):  # 05/03/1985, 5/3/85
            year = int(parts[2]) if sizes[2] == 4 else _two_digit_year(int(parts[2]))
            return _build_date(shown, year, int(parts[1]), int(parts[0])), DatePrecision.DAY
    raise _invalid_date(value)


def parse_partial_date(value: Any, *, allow_future: bool = False) -> tuple[dt.date, DatePrecision]:
    """Read a full or partial date from text, a spreadsheet number or a date; unknown parts are stored as 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(_("Chưa nhập ngày."), code="required")
    if isinstance(value, bool):
        raise _invalid_date(value)
    if isinstance(value, dt.datetime):
        day, precision = value.date(), DatePrecision.DAY
    elif isinstance(value, dt.date):
        day, precision = value, DatePrecision.DAY
    elif isinstance(value, numbers.Real | Decimal):
        day, precision = _date_from_number(value)
    elif isinstance(value, str):
        day, precision = _date_from_text(value)
    else:
        raise _invalid_date(value)
    now = today()
    if not allow_future and day > now:
        raise ValidationError(
            _("Ngày “%(value)s” ở tương lai (hôm nay là %(today)s)."),
            code="future",
            params={"value": _shown(value), "today": f"{now:%d/%m/%Y}"},
        )
    return day, precision
