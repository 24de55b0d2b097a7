"""The rest of each person's form 2C once their career is known: origins, ids, party, qualifications, family."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from canbo.org.choices import Level, Sector
from canbo.people.choices import FamilyRelation, QualificationKind, StaffCategory, StudyMode

from .dates import BASELINE, ONE_DAY, PROVINCE_FOUNDED, REFORM_DAY, add_years, day_between
from .names import full_name
from .population import ETHNICITY_CODES, NAME_GROUPS
from .state import Area, Assignment, Person

Q = QualificationKind

# Share of holders who are "local" (home town in the unit's commune or district) on the baseline day,
# for the posts that LC-18 counts (rows 7 and 8): 110/152 commune secretaries and 83/152 commune
# chairs were not local, 8/9 district secretaries and 9/9 district chairs.
LOCAL_SHARE = {
    "BI_THU_DANG_UY_XA": 1 - 110 / 152,
    "BI_THU_DANG_UY_XA_TRUOC_2025": 1 - 110 / 152,
    "CHU_TICH_UBND_XA": 1 - 83 / 152,
    "CHU_TICH_UBND_XA_TRUOC_2025": 1 - 83 / 152,
    "BI_THU_HUYEN_UY": 1 / 9,
    "CHU_TICH_UBND_HUYEN": 0.0,
}

# Provinces (old codes) that Kinh staff of the highlands often come from, with weights.
ORIGIN_PROVINCES = (
    ("34", 10),
    ("36", 9),
    ("30", 7),
    ("33", 6),
    ("35", 5),
    ("25", 8),
    ("15", 8),
    ("38", 8),
    ("40", 7),
    ("26", 5),
    ("01", 6),
    ("27", 3),
    ("37", 4),
    ("42", 3),
    ("08", 3),
    ("02", 3),
    ("12", 2),
)


@dataclass
class Places:
    """Localities the generator draws origins and addresses from (ids, names and province codes)."""

    province_code: str  # the demo province's old code, "10"
    province_name: str
    home: list[int]  # old communes of the province
    home_by_district: dict[int, list[int]]  # district locality id → its communes
    elsewhere: dict[str, list[int]]  # old province code → sample of its old communes
    label: dict[int, str]  # commune id → "xã A, huyện B, tỉnh C"
    province_of: dict[int, str]  # commune id → old province code
    kind_of: dict[int, str]  # commune id → xã / phường / thị trấn
    new_of: dict[int, int]  # old commune id → new commune id (crosswalk)
    capital_district: int  # the district locality of the provincial capital
    segment: str = "LC"  # prefix of the people's codes
    predecessor: str = "Ủy ban nhân dân tỉnh Hoàng Liên Sơn"  # who recruited before 01/10/1991


@dataclass
class Lookups:
    """Reference ids by code."""

    ethnicity: dict[str, int]
    religion: dict[str, int]
    levels: dict[tuple[str, str], int]
    ranks: dict[int, tuple[int, bool]] = field(default_factory=dict)  # level id → (rank, is_legacy)


@dataclass
class PersonRow:
    """The fixed part of form 2C for one person, ready to write."""

    values: dict[str, object]


@dataclass
class Extras:
    """Rows that hang off people: qualifications and family members, as plain dicts."""

    qualifications: list[dict[str, object]] = field(default_factory=list)
    family: list[dict[str, object]] = field(default_factory=list)


FIELDS = {
    "agency": (
        "Luật",
        "Kinh tế",
        "Quản lý nhà nước",
        "Hành chính học",
        "Kế toán",
        "Tài chính - Ngân hàng",
        "Xây dựng Đảng và Chính quyền nhà nước",
        "Quản trị kinh doanh",
        "Công nghệ thông tin",
        "Nông học",
        "Lâm nghiệp",
        "Quản lý đất đai",
        "Xây dựng dân dụng và công nghiệp",
        "Ngữ văn",
        "Lịch sử",
    ),
    "party": (
        "Xây dựng Đảng và Chính quyền nhà nước",
        "Chính trị học",
        "Triết học",
        "Luật",
        "Ngữ văn",
        "Báo chí",
        "Lịch sử",
        "Kinh tế",
    ),
    "school": (
        "Sư phạm Toán",
        "Sư phạm Ngữ văn",
        "Sư phạm Tiếng Anh",
        "Giáo dục Mầm non",
        "Giáo dục Tiểu học",
        "Sư phạm Vật lý",
        "Sư phạm Hóa học",
        "Sư phạm Lịch sử",
        "Sư phạm Địa lý",
        "Giáo dục thể chất",
        "Sư phạm Tin học",
        "Sư phạm Sinh học",
    ),
    "health": (
        "Y đa khoa",
        "Điều dưỡng",
        "Dược",
        "Y học cổ truyền",
        "Y tế công cộng",
        "Hộ sinh",
        "Kỹ thuật xét nghiệm y học",
        "Răng - Hàm - Mặt",
    ),
    "service": (
        "Báo chí",
        "Công nghệ thông tin",
        "Kế toán",
        "Văn hóa học",
        "Thư viện",
        "Nông học",
        "Xây dựng",
        "Quản trị kinh doanh",
        "Du lịch",
    ),
    "commune": (
        "Luật",
        "Quản lý nhà nước",
        "Kế toán",
        "Quản lý đất đai",
        "Nông học",
        "Chăn nuôi - Thú y",
        "Hành chính",
        "Xây dựng Đảng và Chính quyền nhà nước",
        "Lâm sinh",
        "Văn hóa quần chúng",
    ),
}
UNIVERSITIES = {
    "agency": (
        "Đại học Kinh tế Quốc dân",
        "Đại học Luật Hà Nội",
        "Học viện Hành chính Quốc gia",
        "Học viện Tài chính",
        "Đại học Thái Nguyên",
        "Đại học Nông Lâm - Đại học Thái Nguyên",
        "Đại học Quốc gia Hà Nội",
        "Đại học Xây dựng",
        "Học viện Nông nghiệp Việt Nam",
    ),
    "party": (
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        "Học viện Báo chí và Tuyên truyền",
        "Đại học Quốc gia Hà Nội",
        "Đại học Luật Hà Nội",
    ),
    "school": (
        "Đại học Sư phạm Hà Nội",
        "Đại học Sư phạm - Đại học Thái Nguyên",
        "Đại học Sư phạm Hà Nội 2",
        "Đại học Hùng Vương",
        "Đại học Tây Bắc",
    ),
    "health": (
        "Đại học Y Hà Nội",
        "Đại học Y Dược - Đại học Thái Nguyên",
        "Đại học Dược Hà Nội",
        "Học viện Y Dược học cổ truyền Việt Nam",
        "Đại học Điều dưỡng Nam Định",
    ),
    "service": (
        "Đại học Văn hóa Hà Nội",
        "Đại học Thái Nguyên",
        "Đại học Kinh tế Quốc dân",
        "Đại học Quốc gia Hà Nội",
    ),
    "commune": (
        "Đại học Thái Nguyên",
        "Học viện Hành chính Quốc gia",
        "Đại học Luật Hà Nội",
        "Đại học Nông Lâm - Đại học Thái Nguyên",
        "Đại học Tây Bắc",
    ),
}
COLLEGES = {
    "school": ("Trường Cao đẳng Sư phạm Lào Cai", "Trường Cao đẳng Sư phạm Yên Bái"),
    "health": ("Trường Cao đẳng Y tế Phú Thọ", "Trường Trung cấp Y tế Lào Cai"),
}
DEFAULT_COLLEGE = ("Trường Cao đẳng Lào Cai", "Trường Trung cấp Kinh tế - Kỹ thuật Lào Cai")
PARTY_SCHOOLS = ("Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Chính trị khu vực I")


class Recorder:
    """Fills in form 2C, qualifications and families for the simulated people, in id order."""

    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        places: Places,
        lookups: Lookups,
        *,
        today: dt.date,
        day: dt.date = BASELINE,
        national_ids: set[str] | None = None,
    ) -> None:
        self.rng = rng
        self.fake = fake
        self.places = places
        self.lookups = lookups
        self.today = today
        self.day = day
        """The day the calibrated traits hold on (the seed's baseline day)."""
        self._ids: set[str] = national_ids if national_ids is not None else set()
        self.extras = Extras()
        self._inside_cache: dict[str, list[int]] = {}
        self._elsewhere = [code for code, _ in ORIGIN_PROVINCES if places.elsewhere.get(code)]
        self._elsewhere_weights = [w for code, w in ORIGIN_PROVINCES if places.elsewhere.get(code)]

    # ------------------------------------------------------------------ helpers
    def _day(self, start: dt.date, end: dt.date) -> dt.date:
        return day_between(self.rng, start, min(end, self.today))

    def _level(self, kind: str, code: str) -> int:
        return self.lookups.levels[(kind, code)]

    def _qualification(
        self,
        person: Person,
        kind: str,
        code: str,
        obtained: dt.date,
        *,
        years: float = 0,
        field_name: str = "",
        institution: str = "",
        mode: str = "",
        language: str = "",
    ) -> None:
        if obtained > self.today:
            return
        started = obtained - dt.timedelta(days=int(years * 365.25)) if years else None
        self.extras.qualifications.append(
            {
                "person_id": person.id,
                "kind": kind,
                "level_id": self._level(kind, code),
                "field": field_name,
                "language": language,
                "institution": institution,
                "mode": mode,
                "started_on": started,
                "obtained_on": obtained,
            }
        )

    @staticmethod
    def anchor(person: Person) -> Assignment:
        """The main post a person held on the baseline day, or their first post if they came later."""
        return next(
            (a for a in person.history if a.start <= BASELINE and (a.end is None or a.end >= BASELINE)),
            person.history[0],
        )

    @classmethod
    def segment(cls, person: Person) -> str:
        """Which population a person belongs to for qualification levels: leader, division, commune…"""
        anchor = cls.anchor(person)
        unit = anchor.unit
        if unit.level == Level.COMMUNE and unit.valid_from < REFORM_DAY:
            return "commune_cadre" if anchor.title.is_leadership else "commune_staff"
        if person.peak_tier >= 5:
            return "leader"
        if person.peak_tier >= 2:
            return "division"
        return unit.profile

    def _inside(self, area: Area) -> list[int]:
        """Old communes counted as "local" to an area: itself, its district's, or the whole province's."""
        key = area.key
        if key not in self._inside_cache:
            places = self.places
            if area.kind == "commune":
                inside = [area.locality_id] if area.locality_id in places.label else []
            elif area.kind == "district":
                inside = places.home_by_district.get(area.locality_id, [])
            elif area.kind == "new_commune":
                inside = sorted(
                    old
                    for old, new in places.new_of.items()
                    if new == area.locality_id and places.province_of.get(old) == places.province_code
                )
            else:
                inside = []
            self._inside_cache[key] = inside or places.home
        return self._inside_cache[key]

    def _origins(self, person: Person) -> tuple[int, int]:
        """Home town and birthplace; "local" to the post held on the baseline day as often as the seeds say."""
        rng = self.rng
        anchor = self.anchor(person)
        area = anchor.unit.area
        inside = self._inside(area)
        kinh = person.group == "kinh"
        share = LOCAL_SHARE.get(anchor.title.code)
        if share is None:
            share = (0.55 if kinh else 0.97) if area.kind == "province" else (0.5 if kinh else 0.8)
        local = rng.random() < share
        if person.traits is not None and person.traits.local is not None:
            local = person.traits.local
        if local:
            home = rng.choice(inside)
            birth = home if rng.random() < 0.8 else rng.choice(inside)
            return home, birth
        inside_set = set(inside)
        if kinh and (area.kind == "province" or rng.random() < 0.6):
            province = rng.choices(self._elsewhere, weights=self._elsewhere_weights)[0]
            home = rng.choice(self.places.elsewhere[province])
        else:
            home = self._outside(inside_set)
        birth = home if rng.random() < 0.6 else self._outside(inside_set)
        return home, birth

    def _outside(self, inside: set[int]) -> int:
        """A commune of the province outside the given ones (any commune if there is none)."""
        for _ in range(8):
            commune = self.rng.choice(self.places.home)
            if commune not in inside:
                return commune
        return self.rng.choice(self.places.home)

    # ------------------------------------------------------------------ form 2C
    def person_row(self, person: Person) -> PersonRow:
        """The person's form 2C values (and, as side effects, their qualifications and family)."""
        rng = self.rng
        kinh = person.group == "kinh"
        home, birth = self._origins(person)
        first = person.history[0]
        if first.start >= REFORM_DAY:  # recorded after 01/07/2025: home town with the new names
            home = self.places.new_of.get(home, home)
        religion = "00"
        x = rng.random()
        if person.group == "mong" and x < 0.06:
            religion = "03"
        elif kinh and x < 0.02:
            religion = "01"
        elif kinh and x < 0.035:
            religion = "02"
        national_id = self._national_id(person, birth)
        issued = self._day(max(dt.date(2021, 3, 1), add_years(person.birth, 14)), dt.date(2022, 12, 31))
        if first.start > dt.date(2022, 12, 31):
            issued = self._day(dt.date(2021, 3, 1), first.start)
        segment = self.segment(person)
        party_joined, party_official = self._party(person, segment)
        recruited = min(person.recruited_on or first.start, first.start)
        main = person.history[-1]
        values: dict[str, object] = {
            "id": person.id,
            "code": f"{self.places.segment}{person.id:06d}",
            "full_name": person.full_name,
            "birth_date": person.birth,
            "sex": "nu" if person.female else "nam",
            "ethnicity_id": self.lookups.ethnicity[ETHNICITY_CODES[person.group]],
            "religion_id": self.lookups.religion[religion],
            "birthplace_id": birth,
            "birthplace_text": self.places.label.get(birth, ""),
            "home_town_id": home,
            "home_town_text": self.places.label.get(home, ""),
            "permanent_address": self._address(person),
            "national_id": national_id,
            "national_id_issued_on": issued,
            "occupation_at_recruitment": _occupation(first.unit.profile, first.title.is_leadership),
            "recruited_on": recruited,
            "recruiting_agency": (
                first.unit.issuer if recruited >= PROVINCE_FOUNDED else self.places.predecessor
            ),
            "staff_category": _staff_category(main.title.code, main.title.rank, main.unit.sector),
            "general_education": "10/10" if person.birth.year < 1972 and rng.random() < 0.7 else "12/12",
            "party_joined_on": party_joined,
            "party_official_on": party_official,
            "mass_org_joined": f"Đoàn TNCS Hồ Chí Minh: 26/03/{person.birth.year + rng.randint(15, 18)}",
            "army_service": self._army(person),
            "health": "Tốt" if rng.random() < 0.9 else "Bình thường",
            "social_insurance_no": f"{self.places.province_code}{person.id + 15_000_000:08d}",
        }
        values["current_address"] = (
            values["permanent_address"] if rng.random() < 0.9 else self._address(person)
        )
        first_row = len(self.extras.qualifications)
        self._qualifications(person, segment)
        if person.traits is not None:
            self._calibrate(person, first_row)
        if person.peak_tier >= 3:
            self._family(person)
        return PersonRow(values)

    def citizen_row(self, person: Person) -> PersonRow:
        """Form 2C for a member of an elected body outside the payroll (a village head, a teacher, a farmer…).

        Born and living in the body's area, no post and no recruitment: the body's unit keeps the record,
        which is what places the person in a user's scope."""
        rng = self.rng
        unit = person.citizen_of
        assert unit is not None
        inside = self._inside(unit.area)
        home = rng.choice(inside)
        birth = home if rng.random() < 0.85 else rng.choice(inside)
        national_id = self._national_id(person, birth)
        issued = self._day(max(dt.date(2021, 3, 1), add_years(person.birth, 14)), dt.date(2022, 12, 31))
        joined = official = None
        if person.party_member:
            joined = self._day(add_years(person.birth, 20), add_years(person.birth, 24))
            official = joined + dt.timedelta(days=365 + rng.randint(0, 40))
            if official > self.today:
                official = None
        address = self._address_in(rng.choice(inside))
        values: dict[str, object] = {
            "id": person.id,
            "code": f"{self.places.segment}{person.id:06d}",
            "managing_unit_id": unit.id,
            "full_name": person.full_name,
            "birth_date": person.birth,
            "sex": "nu" if person.female else "nam",
            "ethnicity_id": self.lookups.ethnicity[ETHNICITY_CODES[person.group]],
            "religion_id": self.lookups.religion["00"],
            "birthplace_id": birth,
            "birthplace_text": self.places.label.get(birth, ""),
            "home_town_id": home,
            "home_town_text": self.places.label.get(home, ""),
            "permanent_address": address,
            "current_address": address,
            "national_id": national_id,
            "national_id_issued_on": issued,
            "occupation_at_recruitment": person.occupation,
            "staff_category": StaffCategory.WORKER,
            "general_education": "12/12" if person.birth.year >= 1975 or rng.random() < 0.4 else "9/12",
            "party_joined_on": joined,
            "party_official_on": official,
            "health": "Tốt",
        }
        return PersonRow(values)

    # ------------------------------------------------------------------ calibrated qualifications
    def _calibrate(self, person: Person, first_row: int) -> None:
        """Make the person's qualifications on the seed's day agree with the traits the calibration set."""
        traits = person.traits
        assert traits is not None
        rows = self.extras.qualifications[first_row:]
        if traits.university is not None:
            self._hold(person, rows, Q.EDUCATION, "DAI_HOC", want=traits.university)
        if traits.postgraduate is not None:
            if traits.postgraduate:
                self._hold(person, rows, Q.EDUCATION, "DAI_HOC", want=True)
            self._hold(person, rows, Q.EDUCATION, "THAC_SI", want=traits.postgraduate)
        if traits.theory is not None:
            self._hold(person, rows, Q.POLITICAL_THEORY, "TRUNG_CAP", want=traits.theory)
        if traits.international is not None:
            self._hold(person, rows, Q.FOREIGN_LANGUAGE, "BAC_4", want=traits.international)
            if not traits.international:
                self._hold(person, rows, Q.INTERNATIONAL, "DUOC_XAC_NHAN", want=False)

    def _counts(self, row: dict[str, object], kind: str, least: int) -> bool:
        """Whether a qualification row is of kind at a level of rank least or higher (not a legacy one)."""
        if row["kind"] != kind:
            return False
        rank, legacy = self.lookups.ranks[int(row["level_id"])]  # type: ignore[call-overload]
        return rank >= least and not (kind == Q.FOREIGN_LANGUAGE and legacy)

    def _hold(
        self, person: Person, rows: list[dict[str, object]], kind: str, code: str, *, want: bool
    ) -> None:
        """Give the person the level by the seed's day (want), or make sure they had none of it by then.

        A level the person must not have yet is dated after the seeds (2021–2025: the improvement the
        programmes ask for); a missing one is added, or an existing later one moved before the day.
        """
        least = self.lookups.ranks[self._level(kind, code)][0]
        matching = [r for r in rows if self._counts(r, kind, least)]
        held = [r for r in matching if r["obtained_on"] <= self.day]  # type: ignore[operator]
        if want and held:
            return
        if not want:
            for row in held:
                self._redate(row, self._day(dt.date(2021, 3, 1), dt.date(2025, 12, 31)))
            return
        earliest = add_years(person.birth, {"THAC_SI": 27, "DAI_HOC": 22}.get(code, 25))
        obtained = self._day(min(earliest, BASELINE - ONE_DAY), BASELINE - ONE_DAY)
        if matching:
            self._redate(matching[0], obtained)
            return
        years = {"THAC_SI": 2.0, "DAI_HOC": 4.0, "TRUNG_CAP": 1.0}.get(code, 0.0)
        institutions: dict[str, str] = {
            Q.EDUCATION: "Đại học Thái Nguyên",
            Q.POLITICAL_THEORY: "Trường Chính trị tỉnh",
            Q.FOREIGN_LANGUAGE: "Trường Đại học Sư phạm Hà Nội",
        }
        institution = institutions.get(kind, "")
        self._qualification(
            person,
            kind,
            code,
            obtained,
            years=years,
            institution=institution,
            mode=StudyMode.IN_SERVICE if kind != Q.FOREIGN_LANGUAGE else "",
            language="Tiếng Anh" if kind == Q.FOREIGN_LANGUAGE else "",
        )

    def _redate(self, row: dict[str, object], obtained: dt.date) -> None:
        """Move a qualification to another day, keeping the length of the course."""
        started = row.get("started_on")
        if isinstance(started, dt.date):
            row["started_on"] = obtained - (row["obtained_on"] - started)  # type: ignore[operator]
        row["obtained_on"] = obtained

    def _national_id(self, person: Person, birthplace: int) -> str:
        """A 12-digit personal identification number: province of registration, century/sex, year, serial."""
        province = self.places.province_of.get(birthplace, self.places.province_code)
        century = (person.birth.year - 1900) // 100
        digit = 2 * century + (1 if person.female else 0)
        prefix = f"0{province}{digit}{person.birth.year % 100:02d}"
        while True:
            number = f"{prefix}{self.rng.randint(0, 999_999):06d}"
            if number not in self._ids:
                self._ids.add(number)
                return number

    def _address(self, person: Person) -> str:
        main = person.history[-1]
        commune = self.rng.choice(
            self._inside(main.unit.area)
            if main.unit.area.kind != "province"
            else self.places.home_by_district.get(self.places.capital_district, self.places.home)
        )
        return self._address_in(commune)

    def _address_in(self, commune: int) -> str:
        """A hamlet or street group in the commune, with the commune's full name."""
        kind = self.places.kind_of.get(commune, "xã")
        prefix = (
            f"Tổ dân phố số {self.rng.randint(1, 30)}"
            if kind in ("phường", "thị trấn")
            else (
                f"Thôn {self.rng.randint(1, 12)}"
                if self.rng.random() < 0.6
                else f"Bản {self.fake.random_element(_HAMLETS)}"
            )
        )
        return f"{prefix}, {self.places.label.get(commune, '')}"

    def _army(self, person: Person) -> str:
        if person.female or self.rng.random() > 0.08:
            return ""
        start = add_years(person.birth, self.rng.randint(18, 20)) + dt.timedelta(
            days=self.rng.randint(0, 200)
        )
        end = add_years(start, self.rng.choice((2, 2, 3)))
        rank = self.rng.choice(("Hạ sĩ", "Trung sĩ", "Thượng sĩ", "Thiếu úy"))
        return f"Nhập ngũ {start:%d/%m/%Y}, xuất ngũ {end:%d/%m/%Y}, {rank}"

    def _party(self, person: Person, segment: str) -> tuple[dt.date | None, dt.date | None]:
        share = {
            "leader": 1.0,
            "division": 0.97,
            "commune_cadre": 0.98,
            "commune_staff": 0.62,
            "party": 0.9,
            "agency": 0.55,
            "school": 0.36,
            "health": 0.32,
            "service": 0.45,
        }.get(segment, 0.5)
        if self.rng.random() >= share:
            return None, None
        first_lead = next((a.start for a in person.history if a.title.is_leadership), None)
        latest = add_years(person.birth, 38)
        if first_lead is not None:
            latest = min(latest, first_lead - dt.timedelta(days=400))
        earliest = add_years(person.birth, 20)
        if latest <= earliest:
            latest = earliest + dt.timedelta(days=200)
        joined = self._day(earliest, latest)
        official = joined + dt.timedelta(days=365 + self.rng.randint(0, 40))
        if official > self.today:
            return joined, None
        return joined, official

    # ------------------------------------------------------------------ qualifications
    def _qualifications(self, person: Person, segment: str) -> None:
        rng = self.rng
        profile = {
            "leader": "agency",
            "division": person.profile if person.profile != "leader" else "agency",
            "commune_cadre": "commune",
            "commune_staff": "commune",
        }.get(segment, segment)
        if profile not in FIELDS:
            profile = "agency"
        at22 = add_years(person.birth, 22) + dt.timedelta(days=rng.randint(150, 200))
        field_name = rng.choice(FIELDS[profile])
        tier = person.peak_tier
        # Education.
        if segment in ("commune_cadre", "commune_staff"):
            base = rng.random()
            university_before = base < (0.45 if segment == "commune_cadre" else 0.55)
            if university_before:
                self._degree(person, "DAI_HOC", at22, profile, field_name)
            else:
                lower = "TRUNG_CAP" if rng.random() < 0.62 else "CAO_DANG"
                self._degree(person, lower, add_years(person.birth, 20), profile, field_name, college=True)
                r = rng.random()
                if r < 0.25:  # in-service degree before the baseline
                    self._degree(
                        person,
                        "DAI_HOC",
                        self._day(dt.date(2010, 1, 1), BASELINE),
                        profile,
                        field_name,
                        mode=StudyMode.IN_SERVICE,
                    )
                elif r < 0.25 + 0.75 * 0.4:  # and the improvement the programmes ask for
                    self._degree(
                        person,
                        "DAI_HOC",
                        self._day(dt.date(2021, 3, 1), dt.date(2025, 12, 31)),
                        profile,
                        field_name,
                        mode=StudyMode.IN_SERVICE,
                    )
        else:
            shares = {
                "school": (0.08, 0.22, 0.67, 0.03),
                "health": (0.28, 0.22, 0.44, 0.06),
                "service": (0.08, 0.12, 0.76, 0.04),
                "agency": (0.01, 0.03, 0.88, 0.08),
                "party": (0.01, 0.02, 0.88, 0.09),
            }.get(profile, (0.01, 0.03, 0.88, 0.08))
            if segment in ("leader", "division"):
                master = 0.5 if tier >= 8 else 0.38 if tier >= 6 else 0.27 if tier >= 5 else 0.19
                shares = (0.0, 0.02, 0.98 - master, master)
            x = rng.random()
            if x < shares[0]:
                self._degree(
                    person, "TRUNG_CAP", add_years(person.birth, 20), profile, field_name, college=True
                )
            elif x < shares[0] + shares[1]:
                self._degree(
                    person, "CAO_DANG", add_years(person.birth, 21), profile, field_name, college=True
                )
                if rng.random() < 0.3:
                    self._degree(
                        person,
                        "DAI_HOC",
                        self._day(add_years(person.birth, 27), self.today),
                        profile,
                        field_name,
                        mode=StudyMode.IN_SERVICE,
                    )
            else:
                in_service = rng.random() < 0.2
                obtained = (
                    self._day(add_years(person.birth, 26), add_years(person.birth, 34))
                    if in_service
                    else at22
                )
                self._degree(
                    person,
                    "DAI_HOC",
                    obtained,
                    profile,
                    field_name,
                    mode=StudyMode.IN_SERVICE if in_service else StudyMode.FULL_TIME,
                )
                if x >= 1 - shares[3]:
                    late = rng.random() < 0.2
                    start = dt.date(2021, 1, 1) if late else add_years(person.birth, 30)
                    end = dt.date(2025, 12, 31) if late else min(add_years(person.birth, 46), BASELINE)
                    self._degree(
                        person, "THAC_SI", self._day(start, max(start, end)), profile, field_name, years=2
                    )
                    if segment == "leader" and rng.random() < (0.12 if tier >= 8 else 0.04):
                        self._degree(
                            person,
                            "TIEN_SI",
                            self._day(add_years(person.birth, 38), BASELINE),
                            profile,
                            field_name,
                            years=4,
                        )
        # Political theory.
        self._political_theory(person, segment)
        # State management.
        if segment == "leader":
            code = "CHUYEN_VIEN_CAO_CAP" if tier >= 8 and rng.random() < 0.5 else "CHUYEN_VIEN_CHINH"
            self._qualification(
                person,
                Q.STATE_MANAGEMENT,
                code,
                self._day(add_years(person.birth, 35), add_years(person.birth, 50)),
                institution="Học viện Hành chính Quốc gia",
                mode=StudyMode.SHORT_COURSE,
            )
        elif (
            segment in ("division", "agency", "party")
            or (segment == "commune_staff" and rng.random() < 0.7)
            or (segment == "commune_cadre" and rng.random() < 0.5)
        ):
            code = "CHUYEN_VIEN_CHINH" if segment == "division" and rng.random() < 0.35 else "CHUYEN_VIEN"
            if segment.startswith("commune") and rng.random() < 0.3:
                code = "CAN_SU"
            self._qualification(
                person,
                Q.STATE_MANAGEMENT,
                code,
                self._day(add_years(person.birth, 26), add_years(person.birth, 40)),
                institution="Trường Chính trị tỉnh",
                mode=StudyMode.SHORT_COURSE,
            )
        # Foreign language and IT.
        self._language(person, segment)
        self._it(person)
        # Minority language for Kinh commune cadres.
        if segment.startswith("commune") and person.group == "kinh" and rng.random() < 0.4:
            self._qualification(
                person,
                Q.ETHNIC_LANGUAGE,
                rng.choice(("GIAO_TIEP", "GIAO_TIEP", "THANH_THAO")),
                self._day(add_years(person.birth, 25), self.today),
                language=rng.choice(("Tiếng Mông", "Tiếng Dao", "Tiếng Tày")),
                institution="Trường Chính trị tỉnh",
                mode=StudyMode.SHORT_COURSE,
            )

    def _degree(
        self,
        person: Person,
        code: str,
        obtained: dt.date,
        profile: str,
        field_name: str,
        *,
        college: bool = False,
        mode: str = StudyMode.FULL_TIME,
        years: float = 0,
    ) -> None:
        if college:
            institution = self.rng.choice(COLLEGES.get(profile, DEFAULT_COLLEGE))
        else:
            institution = self.rng.choice(UNIVERSITIES.get(profile, UNIVERSITIES["agency"]))
        span = years or {"TRUNG_CAP": 2, "CAO_DANG": 3, "DAI_HOC": 4}.get(code, 2)
        self._qualification(
            person,
            Q.EDUCATION,
            code,
            obtained,
            years=span,
            field_name=field_name,
            institution=institution,
            mode=mode,
        )

    def _political_theory(self, person: Person, segment: str) -> None:
        rng = self.rng
        tier = person.peak_tier
        x = rng.random()
        at = add_years
        if segment == "leader":
            top = (
                "CAO_CAP"
                if x < 0.62
                else "CAO_CAP_HC"
                if x < 0.74
                else "CU_NHAN"
                if x < 0.84
                else ("TRUNG_CAP" if x < 0.985 else "SO_CAP")
            )
        elif segment == "division":
            top = (
                "CAO_CAP"
                if x < 0.22
                else "TRUNG_CAP_HC"
                if x < 0.55
                else "TRUNG_CAP"
                if x < 0.91
                else "SO_CAP"
            )
        elif segment == "commune_cadre":
            top = "TRUNG_CAP" if x < 0.52 else "CAO_CAP" if x < 0.57 else "SO_CAP"
        elif segment == "commune_staff":
            top = "TRUNG_CAP" if x < 0.5 else "SO_CAP" if x < 0.9 else ""
        elif segment == "party":
            top = "TRUNG_CAP" if x < 0.35 else "SO_CAP" if x < 0.9 else ""
        else:
            top = "TRUNG_CAP" if x < 0.08 else "SO_CAP" if x < 0.45 else ""
        if not top:
            return
        school = "Trường Chính trị tỉnh"
        # Leaders mostly hold the level before they take the post that requires it.
        leads = [a for a in person.history if a.title.is_leadership]
        first_lead = leads[0].start if leads else None
        top_start = (
            max(leads, key=lambda a: (a.title.rank in ("key", "head"), a.start)).start if leads else None
        )
        if top in ("CAO_CAP", "CAO_CAP_HC", "CU_NHAN"):
            end = top_start + years_(rng.choice((0, 0, 0, 0, 1))) if top_start else at(person.birth, 47)
            advanced = self._day(max(at(person.birth, 30), end - years_(7)), end)
            # Whoever led before the advanced course had done the intermediate one first.
            if (first_lead is not None and first_lead < advanced) or rng.random() < 0.5:
                before = first_lead - dt.timedelta(days=30) if first_lead else at(person.birth, 34)
                before = min(before, advanced - years_(2))
                self._qualification(
                    person,
                    Q.POLITICAL_THEORY,
                    "TRUNG_CAP",
                    self._day(max(at(person.birth, 24), before - years_(6)), before),
                    years=1,
                    institution=school,
                    mode=StudyMode.IN_SERVICE,
                )
            self._qualification(
                person,
                Q.POLITICAL_THEORY,
                top,
                advanced,
                years=1.5,
                institution=rng.choice(PARTY_SCHOOLS),
                mode=StudyMode.IN_SERVICE,
            )
        elif top.startswith("TRUNG_CAP"):
            end = first_lead + years_(rng.choice((0, 0, 0, 0, 1))) if first_lead else at(person.birth, 42)
            if segment.startswith("commune"):  # the seeds count these on the baseline day
                end = min(end, BASELINE) if rng.random() < 0.9 else end
            self._qualification(
                person,
                Q.POLITICAL_THEORY,
                top,
                self._day(max(at(person.birth, 24), end - years_(8)), end),
                years=1,
                institution=school,
                mode=StudyMode.IN_SERVICE,
            )
        else:
            self._qualification(
                person,
                Q.POLITICAL_THEORY,
                "SO_CAP",
                self._day(at(person.birth, 23), at(person.birth, 35)),
                institution="Trung tâm Chính trị huyện",
                mode=StudyMode.SHORT_COURSE,
            )
            # Commune cadres who only had the elementary course went on to the intermediate one.
            if segment == "commune_cadre" and rng.random() < 0.4:
                self._qualification(
                    person,
                    Q.POLITICAL_THEORY,
                    "TRUNG_CAP",
                    self._day(dt.date(2021, 3, 1), dt.date(2025, 12, 31)),
                    years=1,
                    institution=school,
                    mode=StudyMode.IN_SERVICE,
                )
        if tier >= 7 and rng.random() < 0.01:
            self._qualification(
                person, Q.INTERNATIONAL, "DUOC_XAC_NHAN", self._day(at(person.birth, 35), self.today)
            )

    def _language(self, person: Person, segment: str) -> None:
        rng = self.rng
        if rng.random() < 0.12:
            return
        language = (
            "Tiếng Anh"
            if rng.random() < 0.84
            else rng.choice(("Tiếng Trung Quốc", "Tiếng Trung Quốc", "Tiếng Pháp", "Tiếng Nga"))
        )
        high = 0.012 if segment == "leader" else 0.03
        if person.profile == "school" and rng.random() < 0.08:
            high = 0.5
        if rng.random() < high:
            code = rng.choice(("BAC_4", "BAC_4", "BAC_5", "DAI_HOC"))
            obtained = self._day(add_years(person.birth, 22), self.today)
        elif person.birth.year < 1978:
            code = rng.choice(("CU_A", "CU_B", "CU_B", "CU_C"))
            obtained = self._day(add_years(person.birth, 22), dt.date(2013, 12, 31))
        else:
            code = rng.choice(("BAC_2", "BAC_2", "BAC_3", "BAC_1"))
            obtained = self._day(max(add_years(person.birth, 22), dt.date(2014, 6, 1)), self.today)
        self._qualification(person, Q.FOREIGN_LANGUAGE, code, obtained, language=language)

    def _it(self, person: Person) -> None:
        rng = self.rng
        if rng.random() < 0.1:
            return
        if person.birth.year < 1980 and rng.random() < 0.6:
            code = rng.choice(("CU_A", "CU_B"))
            obtained = self._day(add_years(person.birth, 24), dt.date(2015, 12, 31))
        else:
            code = "NANG_CAO" if rng.random() < 0.07 else "CO_BAN"
            obtained = self._day(max(add_years(person.birth, 22), dt.date(2015, 1, 1)), self.today)
        self._qualification(person, Q.IT, code, obtained)

    # ------------------------------------------------------------------ family (form 2C item 30)
    def _family(self, person: Person) -> None:
        rng = self.rng
        fake = self.fake
        group = NAME_GROUPS.get(person.group, person.group)
        family_name = person.full_name.split(" ", 1)[0]
        father = full_name(fake, female=False, group=group)
        rows = [
            (
                FamilyRelation.FATHER,
                f"{family_name} {father.split(' ', 1)[1]}",
                person.birth.year - rng.randint(22, 34),
            ),
            (
                FamilyRelation.MOTHER,
                full_name(fake, female=True, group=group),
                person.birth.year - rng.randint(20, 30),
            ),
        ]
        spouse_female = not person.female
        spouse = full_name(fake, female=spouse_female, group=group if rng.random() < 0.8 else "kinh")
        rows.append((FamilyRelation.SPOUSE, spouse, person.birth.year + rng.randint(-4, 4)))
        children_family = family_name if not person.female else spouse.split(" ", 1)[0]
        for _ in range(rng.choice((1, 2, 2, 2, 3))):
            female = rng.random() < 0.5
            child = full_name(fake, female=female, group=group)
            year = person.birth.year + rng.randint(24, 36)
            if year > self.today.year:
                continue
            rows.append((FamilyRelation.CHILD, f"{children_family} {child.split(' ', 1)[1]}", year))
        for relation, name, year in rows:
            detail = (
                "Nghỉ hưu"
                if relation in (FamilyRelation.FATHER, FamilyRelation.MOTHER)
                else (
                    "Học sinh"
                    if year > self.today.year - 18
                    else rng.choice(("Giáo viên", "Cán bộ", "Nhân viên", "Kinh doanh", "Làm ruộng", "Bác sĩ"))
                )
            )
            self.extras.family.append(
                {
                    "person_id": person.id,
                    "relation": relation,
                    "full_name": name,
                    "birth_year": year,
                    "details": detail,
                }
            )


_HAMLETS = (
    "Mường Hum",
    "Nậm Chạc",
    "Phìn Hồ",
    "Cốc Lầy",
    "Lũng Pô",
    "Sín Chải",
    "Ngải Thầu",
    "Tả Van",
    "Lao Chải",
    "Hầu Thào",
    "Nậm Pung",
    "Khe Lếch",
    "Làng Mới",
    "Bản Phố",
    "Na Hối",
)


def years_(n: float) -> dt.timedelta:
    """A number of years as a time span."""
    return dt.timedelta(days=int(n * 365.25))


def _occupation(profile: str, leader: bool) -> str:
    return {
        "school": "Giáo viên",
        "health": "Nhân viên y tế",
        "commune": "Cán bộ xã",
        "party": "Cán bộ",
        "service": "Viên chức",
    }.get(profile, "Chuyên viên" if not leader else "Cán bộ")


def _staff_category(code: str, rank: str, sector: str) -> str:
    """The legal category of staff for a person's current post."""
    if rank in ("key", "commune_cadre") or code.startswith(("TRUONG_DOAN_THE", "PHO_DOAN_THE")):
        return StaffCategory.CADRE
    if code.startswith("NHAN_VIEN"):
        return StaffCategory.WORKER
    if code.startswith("VIEN_CHUC") or sector == Sector.PUBLIC_SERVICE:
        return StaffCategory.PUBLIC_EMPLOYEE
    return StaffCategory.CIVIL_SERVANT
