"""Build the demo province's unit tree, posts and staff targets in memory from the blueprint and the map."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from canbo.org.choices import Level, Sector, SuccessionKind, UnitKind

from . import blueprint as bp
from .dates import LAST_OLD_DAY, PROVINCE_FOUNDED, REFORM_DAY
from .state import Area, Seat, TitleInfo, Unit

K = UnitKind
P, S, F, PS = Sector.PARTY, Sector.STATE, Sector.FRONT, Sector.PUBLIC_SERVICE

BASELINE_PROVINCE_DISTRICT_STAFF = 26_400
BASELINE_COMMUNE_STAFF = 4_100


Span = tuple[dt.date, dt.date | None]
"""A unit's first and last day (None: still exists)."""


_OWN_ISSUER = {
    K.PARTY_COMMITTEE,
    K.PARTY_AGENCY,
    K.PEOPLES_COUNCIL,
    K.PEOPLES_COMMITTEE,
    K.DEPARTMENT,
    K.MASS_ORGANISATION,
}
"""Kinds of unit that sign their own decisions; the others' decisions come from the unit above them."""


class MissingTitleError(LookupError):
    """A post of the blueprint has no title in the catalogue at the unit's level."""


@dataclass(frozen=True)
class Place:
    """A locality as the generator needs it."""

    id: int
    code: str
    kind: str  # "huyện", "xã", "phường"…
    name: str

    @property
    def full(self) -> str:
        """The kind and the name: "huyện Bát Xát"."""
        return f"{self.kind} {self.name}"


@dataclass
class Geography:
    """The old province, its districts and communes, and the new commune each old commune merged into."""

    province: Place
    new_province: Place | None
    districts: list[Place]
    communes: dict[str, list[Place]]  # district code → communes
    new_commune_of: dict[int, Place]  # old commune id → new commune


class Catalogue:
    """Titles by code; resolves a post's preferred codes to the first one at the unit's level."""

    def __init__(self, titles: Iterable[TitleInfo]) -> None:
        self.by_code = {title.code: title for title in titles}
        self.fallbacks: Counter[tuple[str, str]] = Counter()

    def resolve(self, codes: Sequence[str], level: str, *, optional: bool = False) -> TitleInfo | None:
        """The first title among codes that exists at level; None for a missing optional post."""
        for index, code in enumerate(codes):
            title = self.by_code.get(code)
            if title is not None and title.level == level:
                if index:
                    self.fallbacks[(codes[0], code)] += 1
                return title
        if optional:
            return None
        raise MissingTitleError(f"No title among {', '.join(codes)} at level {level} in the catalogue.")


@dataclass
class Structure:
    """Everything the tree builder made: areas, units in creation order (parents first), seats."""

    province: Area
    areas: list[Area]
    units: list[Unit]
    seats: list[Seat]
    new_areas: list[Area] = field(default_factory=list)


def _spread(items: Sequence[object], count: int) -> list[int]:
    """Indexes of count items spread evenly over the sequence."""
    n = len(items)
    count = max(0, min(count, n))
    return sorted({int(i * n / count) for i in range(count)}) if count else []


class Builder:
    """Creates units and seats with consecutive ids, parents before children."""

    def __init__(self, catalogue: Catalogue, rng: random.Random, *, first_id: int = 1) -> None:
        self.catalogue = catalogue
        self.rng = rng
        self.first_id = first_id
        self.province_name = ""
        """The province's name, put in place of "Lào Cai" in the blueprint's unit names."""
        self.units: list[Unit] = []
        self.seats: list[Seat] = []
        self._codes: set[str] = set()

    def unit(
        self,
        *,
        parent: Unit | None,
        name: str,
        short: str,
        segment: str,
        kind: str,
        sector: str,
        area: Area,
        level: str,
        span: Span,
        profile: str = "agency",
        issuer: str = "",
    ) -> Unit:
        """Create a unit below parent, with a code made of the parent's code and a segment."""
        if self.province_name:
            name = name.replace("Lào Cai", self.province_name)
            short = short.replace("Lào Cai", self.province_name)
        code = f"{parent.code}.{segment}" if parent else segment
        base, n = code, 2
        while code in self._codes:
            code = f"{base}{n}"
            n += 1
        self._codes.add(code)
        unit = Unit(
            id=self.first_id + len(self.units),
            code=code,
            name=name,
            short_name=short[:80],
            parent=parent,
            level=level,
            sector=sector,
            kind=kind,
            area=area,
            valid_from=span[0],
            valid_to=span[1],
            profile=profile,
            issuer=issuer or (name if kind in _OWN_ISSUER or parent is None else parent.issuer),
        )
        unit.path = f"{parent.path if parent else ''}{unit.id:06d}/"
        unit.depth = parent.depth + 1 if parent else 0
        if parent is not None:
            unit.position = len(parent.children) + 1
            parent.children.append(unit)
        self.units.append(unit)
        area.units.append(unit)
        return unit

    def posts(self, unit: Unit, posts: Iterable[bp.Post]) -> dict[str, list[Seat]]:
        """Create the seats of a unit's posts; returns them by role."""
        by_role: dict[str, list[Seat]] = {}
        for post in posts:
            title = self.catalogue.resolve(post.codes, unit.level, optional=post.optional)
            if title is None:
                continue
            seats = [
                Seat(unit=unit, title=title, role=post.role, tier=post.tier, index=i)
                for i in range(post.seats)
            ]
            if title.is_sole and len(seats) > 1:
                raise MissingTitleError(
                    f"{title.code} is a sole post but {unit.name} plans {len(seats)} seats."
                )
            unit.seats.extend(seats)
            unit.area.seats.extend(seats)
            self.seats.extend(seats)
            by_role.setdefault(post.role, []).extend(seats)
        return by_role

    def staff(self, unit: Unit, weight: float, codes: Sequence[tuple[str, float]]) -> None:
        """Give a unit a staff pool of the given weight and staff titles."""
        titles = []
        for code, share in codes:
            title = self.catalogue.resolve((code,), unit.level, optional=True)
            if title is not None:
                titles.append((title, share))
        if not titles:
            raise MissingTitleError(f"No staff title among {[c for c, _ in codes]} at level {unit.level}.")
        unit.staff_titles = tuple(titles)
        unit.staff_weight = weight

    def plan(
        self,
        parent: Unit,
        plan: bp.UnitPlan,
        area: Area,
        level: str,
        segment: str,
        *,
        name: str | None = None,
        span: Span,
    ) -> Unit:
        """Create a unit from a blueprint plan, with its posts, staff and children."""
        unit = self.unit(
            parent=parent,
            name=name or plan.name,
            short=plan.short or plan.name,
            segment=segment,
            kind=plan.kind,
            sector=plan.sector,
            area=area,
            level=level,
            span=span,
            profile=plan.profile,
            issuer=(name or plan.name)
            if plan.kind in (K.DEPARTMENT, K.PARTY_AGENCY, K.MASS_ORGANISATION)
            else "",
        )
        self.posts(unit, plan.posts)
        if plan.staff:
            self.staff(unit, plan.staff, plan.staff_codes)
        for index, child in enumerate(plan.children, start=1):
            self.plan(unit, child, area, level, f"{index:02d}", name=f"{child.name}, {unit.name}", span=span)
        return unit


def link(dependent: Seat, primary: Seat) -> None:
    """Make dependent a post held concurrently by whoever holds primary."""
    dependent.held_with = primary
    primary.companions.append(dependent)


@dataclass(frozen=True)
class StaffTargets:
    """Staff on the baseline day at scale 1.0: provincial and district units (leaders included), and the
    commune cadres and civil servants per commune (never scaled: the seeds' commune rows count them)."""

    province_district: int = BASELINE_PROVINCE_DISTRICT_STAFF
    commune: int = BASELINE_COMMUNE_STAFF


def build_structure(
    geo: Geography,
    catalogue: Catalogue,
    rng: random.Random,
    *,
    scale: float,
    today: dt.date,
    segment: str = "LC",
    first_id: int = 1,
    staff: StaffTargets | None = None,
    tuning: Callable[[Builder, Structure], None] | None = None,
) -> Structure:
    """Create the province: provincial agencies, districts and old communes, and new communes after 2025.

    Every unit and post exists at every scale, so that the leadership the indicators count does not depend
    on it; the scale sizes only the staff pools of provincial and district units.
    """
    b = Builder(catalogue, rng, first_id=first_id)
    b.province_name = geo.province.name
    start = PROVINCE_FOUNDED
    province = Area(
        "province", "province", f"tỉnh {geo.province.name}", geo.province.name, geo.province.id, start, None
    )
    areas = [province]
    pname = geo.province.name
    root = b.unit(
        parent=None,
        name=f"Tỉnh {pname}",
        short=pname,
        segment=segment,
        kind=K.ADMINISTRATION,
        sector=S,
        area=province,
        level=Level.PROVINCE,
        span=(start, None),
        issuer=f"Ủy ban nhân dân tỉnh {pname}",
    )
    prov = Level.PROVINCE
    common: Span = (start, None)

    # The provincial party committee and its advisory agencies.
    tu = b.unit(
        parent=root,
        name=f"Tỉnh ủy {pname}",
        short="Tỉnh ủy",
        segment="TU",
        kind=K.PARTY_COMMITTEE,
        sector=P,
        area=province,
        level=prov,
        profile="party",
        issuer=f"Tỉnh ủy {pname}",
        span=common,
    )
    province.party = tu
    tu_seats = b.posts(
        tu,
        (
            bp.Post("secretary", ("BI_THU_TINH_UY",), 10),
            bp.Post("standing_deputy", ("PHO_BI_THU_TT_TINH_UY",), 10),
            bp.Post("deputy_secretary", ("PHO_BI_THU_TINH_UY",), 10),
        ),
    )
    for index, plan in enumerate(bp.PARTY_AGENCIES, start=1):
        b.plan(tu, plan, province, prov, f"{index:02d}", span=common)

    # The People's Council, its committees and its office.
    hd = b.unit(
        parent=root,
        name=f"Hội đồng nhân dân tỉnh {pname}",
        short="HĐND tỉnh",
        segment="HD",
        kind=K.PEOPLES_COUNCIL,
        sector=S,
        area=province,
        level=prov,
        issuer=f"Hội đồng nhân dân tỉnh {pname}",
        span=common,
    )
    province.council = hd
    hd_seats = b.posts(
        hd,
        (
            bp.Post("chair", ("CHU_TICH_HDND_TINH",), 10),
            bp.Post("vice_chair", ("PHO_CHU_TICH_HDND_TINH",), 9, seats=2),
        ),
    )
    for index, name in enumerate(bp.COUNCIL_COMMITTEES, 1):
        committee = b.unit(
            parent=hd,
            name=f"{name}, Hội đồng nhân dân tỉnh {pname}",
            short=name,
            segment=f"B{index}",
            kind=K.DIVISION,
            sector=S,
            area=province,
            level=prov,
            span=common,
        )
        b.posts(
            committee,
            (
                bp.Post("head", ("TRUONG_BAN_HDND_TINH",), 8),
                bp.Post("deputy", ("PHO_TRUONG_BAN_HDND_TINH",), 7),
            ),
        )
    office = bp.UnitPlan(
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "VPĐĐBQH&HĐND",
        K.DEPARTMENT,
        S,
        (
            bp.Post("head", ("CHANH_VAN_PHONG_DBQH_HDND_TINH",), 8),
            bp.Post("deputy", ("PHO_CHANH_VAN_PHONG_DBQH_HDND_TINH", "PHO_TRUONG_PHONG_TINH"), 7, seats=2),
        ),
        2.0,
        bp.PROV_AGENCY_STAFF,
        tuple(
            bp.prov_division(d, staff=6.0)
            for d in (
                "Phòng Công tác Quốc hội",
                "Phòng Công tác Hội đồng nhân dân",
                "Phòng Hành chính - Tổ chức - Quản trị",
            )
        ),
    )
    b.plan(hd, office, province, prov, "VP", span=common)

    # The People's Committee and the departments.
    ub = b.unit(
        parent=root,
        name=f"Ủy ban nhân dân tỉnh {pname}",
        short="UBND tỉnh",
        segment="UB",
        kind=K.PEOPLES_COMMITTEE,
        sector=S,
        area=province,
        level=prov,
        issuer=f"Ủy ban nhân dân tỉnh {pname}",
        span=common,
    )
    province.committee = ub
    ub_seats = b.posts(
        ub,
        (
            bp.Post("chair", ("CHU_TICH_UBND_TINH",), 10),
            bp.Post("vice_chair", ("PHO_CHU_TICH_UBND_TINH",), 9, seats=3),
        ),
    )
    departments: dict[str, Unit] = {}
    for index, plan in enumerate(bp.DEPARTMENTS, start=1):
        departments[plan.short] = b.plan(ub, plan, province, prov, f"{index:02d}", span=common)
    for index, plan in enumerate(bp.PROVINCIAL_SERVICE_UNITS, start=1):
        b.plan(ub, plan, province, prov, f"S{index}", span=common)

    # The Fatherland Front and the socio-political organisations.
    mt = b.unit(
        parent=root,
        name=f"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {pname}",
        short="UBMTTQ tỉnh",
        segment="MT",
        kind=K.MASS_ORGANISATION,
        sector=F,
        area=province,
        level=prov,
        issuer=f"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {pname}",
        span=common,
    )
    province.front = mt
    b.posts(
        mt,
        (
            bp.Post("chair", ("CHU_TICH_UBMTTQ_TINH",), 9),
            bp.Post("vice_chair", ("PHO_CHU_TICH_UBMTTQ_TINH",), 7, seats=3),
        ),
    )
    b.staff(mt, 2.0, bp.PROV_AGENCY_STAFF)
    for index, name in enumerate(bp.FRONT_DIVISIONS, start=1):
        b.plan(
            mt,
            bp.prov_division(name, sector=F, staff=4.0),
            province,
            prov,
            f"{index:02d}",
            name=f"{name}, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            span=common,
        )
    for index, plan in enumerate(bp.MASS_ORGS, start=1):
        b.plan(mt, plan, province, prov, f"D{index}", name=f"{plan.name} {pname}", span=common)

    # Provincial branches of central agencies: leaders only (their staff are not the province's).
    for index, plan in enumerate(bp.VERTICAL_AGENCIES, start=1):
        b.plan(root, plan, province, prov, f"V{index:02d}", name=f"{plan.name} {pname}", span=common)

    link(tu_seats["deputy_secretary"][0], ub_seats["chair"][0])
    link(hd_seats["chair"][0], tu_seats["secretary"][0])

    # Districts, their communes, and (after the reform) the new communes.
    chosen = list(geo.districts)
    gd = departments.get("SGDĐT")
    yt = departments.get("SYT")
    old_areas: list[Area] = []
    district_areas: list[Area] = []
    for place in chosen:
        communes = geo.communes.get(place.code, [])
        district = _build_district(b, root, place, communes, province)
        district_areas.append(district)
        old_areas.extend(a for a in areas_of_district(district))
        if gd is not None:
            for n in range(1, bp.HIGH_SCHOOLS_PER_DISTRICT + 1):
                school = b.unit(
                    parent=gd,
                    name=f"Trường Trung học phổ thông số {n} {place.full}",
                    short=f"THPT số {n} {place.name}",
                    segment=f"T{place.code}{n}",
                    kind=K.PUBLIC_SERVICE_UNIT,
                    sector=PS,
                    area=province,
                    level=prov,
                    profile="school",
                    span=common,
                )
                b.posts(school, bp.HIGH_SCHOOL_POSTS)
                b.staff(school, bp.HIGH_SCHOOL_STAFF, bp.PROV_SERVICE_STAFF)
    areas.extend(district_areas)
    areas.extend(old_areas)

    structure = Structure(province=province, areas=areas, units=b.units, seats=b.seats)
    if today >= REFORM_DAY:
        structure.new_areas = _build_new_communes(b, root, geo, district_areas, province, yt)
        areas.extend(structure.new_areas)
    if tuning is not None:
        tuning(b, structure)
    _set_staff_targets(structure, scale, staff or StaffTargets())
    return structure


def areas_of_district(district: Area) -> list[Area]:
    """The old communes of a district area (kept on its committee unit's children's areas)."""
    seen: list[Area] = []
    for unit in district.units:
        for child in unit.children:
            if child.area is not district and child.area.kind == "commune" and child.area not in seen:
                seen.append(child.area)
    return seen


def _district_word(place: Place) -> tuple[str, str]:
    """The party-committee word and the adjective for a district-level unit: (Huyện ủy, huyện)."""
    if place.kind == "thành phố":
        return "Thành ủy", "thành phố"
    if place.kind == "thị xã":
        return "Thị ủy", "thị xã"
    return "Huyện ủy", "huyện"


def _build_district(b: Builder, root: Unit, place: Place, communes: list[Place], province: Area) -> Area:
    """A district with its party committee, council, committee, front, units, schools and communes."""
    dist = Level.DISTRICT
    word, adjective = _district_word(place)
    urban = place.kind != "huyện"
    area = Area(
        f"d{place.code}",
        "district",
        place.full,
        place.name,
        place.id,
        PROVINCE_FOUNDED,
        LAST_OLD_DAY,
        parent=province,
    )
    common: Span = (PROVINCE_FOUNDED, LAST_OLD_DAY)
    top = b.unit(
        parent=root,
        name=place.full[0].upper() + place.full[1:],
        short=place.name,
        segment=f"H{place.code}",
        kind=K.ADMINISTRATION,
        sector=S,
        area=area,
        level=dist,
        issuer=f"Ủy ban nhân dân {place.full}",
        span=common,
    )
    hu = b.unit(
        parent=top,
        name=f"{word} {place.name}",
        short=word,
        segment="HU",
        kind=K.PARTY_COMMITTEE,
        sector=P,
        area=area,
        level=dist,
        profile="party",
        issuer=f"{word} {place.name}",
        span=common,
    )
    area.party = hu
    hu_seats = b.posts(
        hu,
        (
            bp.Post("secretary", ("BI_THU_HUYEN_UY",), 8),
            bp.Post("standing_deputy", ("PHO_BI_THU_HUYEN_UY",), 7),
            bp.Post("deputy_secretary", ("PHO_BI_THU_HUYEN_UY",), 7),
        ),
    )
    for i, (name, head, deputy, deputies, staff) in enumerate(bp.DISTRICT_PARTY_AGENCIES, start=1):
        unit = b.unit(
            parent=hu,
            name=f"{name.replace('Huyện ủy', word)} {place.name}",
            short=name,
            segment=f"{i:02d}",
            kind=K.PARTY_AGENCY,
            sector=P,
            area=area,
            level=dist,
            profile="party",
            span=common,
        )
        b.posts(unit, (bp.Post("head", head, 5), bp.Post("deputy", deputy, 4, seats=deputies)))
        b.staff(unit, staff, bp.DIST_AGENCY_STAFF)
    hd = b.unit(
        parent=top,
        name=f"Hội đồng nhân dân {place.full}",
        short="HĐND",
        segment="HD",
        kind=K.PEOPLES_COUNCIL,
        sector=S,
        area=area,
        level=dist,
        span=common,
    )
    area.council = hd
    hd_seats = b.posts(
        hd,
        (
            bp.Post("chair", ("CHU_TICH_HDND_HUYEN",), 7),
            bp.Post("vice_chair", ("PHO_CHU_TICH_HDND_HUYEN",), 6),
        ),
    )
    ub = b.unit(
        parent=top,
        name=f"Ủy ban nhân dân {place.full}",
        short="UBND",
        segment="UB",
        kind=K.PEOPLES_COMMITTEE,
        sector=S,
        area=area,
        level=dist,
        issuer=f"Ủy ban nhân dân {place.full}",
        span=common,
    )
    area.committee = ub
    ub_seats = b.posts(
        ub,
        (
            bp.Post("chair", ("CHU_TICH_UBND_HUYEN",), 7),
            bp.Post("vice_chair", ("PHO_CHU_TICH_UBND_HUYEN",), 6, seats=3 if len(communes) > 12 else 2),
        ),
    )
    for i, (name, head, deputy, deputies, staff) in enumerate(bp.DISTRICT_DIVISIONS, start=1):
        name = bp.URBAN_DIVISION_NAMES.get(name, name) if urban else name
        unit = b.unit(
            parent=ub,
            name=f"{name} {place.full}",
            short=name,
            segment=f"{i:02d}",
            kind=K.DIVISION,
            sector=S,
            area=area,
            level=dist,
            span=common,
        )
        b.posts(unit, (bp.Post("head", head, 5), bp.Post("deputy", deputy, 4, seats=deputies)))
        b.staff(unit, staff, bp.DIST_AGENCY_STAFF)
    for i, (name, sector, staff, deputies, profile) in enumerate(bp.DISTRICT_SERVICE_UNITS, start=1):
        parent = hu if sector == P else ub
        unit = b.unit(
            parent=parent,
            name=f"{name} {place.full}",
            short=name,
            segment=f"S{i}",
            kind=K.PUBLIC_SERVICE_UNIT,
            sector=sector,
            area=area,
            level=dist,
            profile=profile,
            span=common,
        )
        b.posts(
            unit,
            (
                bp.Post("head", bp.DISTRICT_SERVICE_HEAD, 5),
                bp.Post("deputy", bp.DISTRICT_SERVICE_DEPUTY, 4, seats=deputies),
            ),
        )
        wards = bp.DISTRICT_HEALTH_WARDS if profile == "health" else ()
        b.staff(
            unit,
            staff * (0.3 if wards else 1.0),
            bp.DIST_SERVICE_STAFF if sector == PS else bp.DIST_AGENCY_STAFF,
        )
        for w, ward in enumerate(wards, start=1):
            child = b.unit(
                parent=unit,
                name=f"{ward}, {unit.name}",
                short=ward,
                segment=f"{w:02d}",
                kind=K.DIVISION,
                sector=PS,
                area=area,
                level=dist,
                profile=profile,
                span=common,
            )
            b.posts(
                child,
                (bp.Post("head", bp.DISTRICT_WARD_HEAD, 4), bp.Post("deputy", bp.DISTRICT_WARD_DEPUTY, 3)),
            )
            b.staff(child, staff * 0.7 / len(wards), bp.DIST_SERVICE_STAFF)
    mt = b.unit(
        parent=top,
        name=f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full}",
        short="UBMTTQ",
        segment="MT",
        kind=K.MASS_ORGANISATION,
        sector=F,
        area=area,
        level=dist,
        issuer=f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full}",
        span=common,
    )
    area.front = mt
    b.posts(
        mt,
        (
            bp.Post("chair", ("CHU_TICH_UBMTTQ_HUYEN",), 5),
            bp.Post("vice_chair", ("PHO_CHU_TICH_UBMTTQ_HUYEN", "PHO_TRUONG_BAN_HUYEN_UY"), 4, seats=2),
        ),
    )
    b.staff(mt, 4.0, bp.DIST_AGENCY_STAFF)
    for i, name in enumerate(bp.DISTRICT_MASS_ORGS, start=1):
        name = name.replace("huyện", adjective).replace("Huyện", adjective.capitalize())
        unit = b.unit(
            parent=mt,
            name=f"{name} {place.name}",
            short=name,
            segment=f"D{i}",
            kind=K.MASS_ORGANISATION,
            sector=F,
            area=area,
            level=dist,
            span=common,
        )
        b.posts(
            unit,
            (
                bp.Post("head", ("TRUONG_DOAN_THE_HUYEN",), 5),
                bp.Post("deputy", ("PHO_DOAN_THE_HUYEN", "PHO_TRUONG_PHONG_HUYEN"), 4),
            ),
        )
        b.staff(unit, 2.0, bp.DIST_AGENCY_STAFF)
    link(hu_seats["deputy_secretary"][0], ub_seats["chair"][0])
    if b.rng.random() < 0.5:
        link(hd_seats["chair"][0], hu_seats["secretary"][0])

    for commune in communes:
        c_area = _build_old_commune(b, top, commune, area)
        for s_index, (prefix, staff, deputies, share) in enumerate(bp.COMMUNE_SCHOOLS, start=1):
            if s_index > 1 and b.rng.random() > share:
                continue
            school = b.unit(
                parent=ub,
                name=f"{prefix} {commune.name}",
                short=f"{prefix} {commune.name}",
                segment=f"{commune.code}{s_index}",
                kind=K.PUBLIC_SERVICE_UNIT,
                sector=PS,
                area=area,
                level=dist,
                profile="school",
                span=common,
            )
            extra = 1 if b.rng.random() < 0.75 else 0
            b.posts(
                school,
                (
                    bp.Post("head", bp.SCHOOL_HEAD, 4),
                    bp.Post("deputy", bp.SCHOOL_DEPUTY, 3, seats=deputies + extra),
                ),
            )
            b.staff(school, staff, bp.DIST_SERVICE_STAFF)
            school.home = c_area  # the school follows its commune in 2025
    return area


def _build_old_commune(b: Builder, top: Unit, place: Place, district: Area) -> Area:
    """A commune before 2025 with its party committee, council, committee and front."""
    com = Level.COMMUNE
    area = Area(
        f"c{place.code}",
        "commune",
        place.full,
        place.name,
        place.id,
        PROVINCE_FOUNDED,
        LAST_OLD_DAY,
        parent=district,
    )
    common: Span = (PROVINCE_FOUNDED, LAST_OLD_DAY)
    name = place.full[0].upper() + place.full[1:]
    group = b.unit(
        parent=top,
        name=name,
        short=place.name,
        segment=f"X{place.code}",
        kind=K.ADMINISTRATION,
        sector=S,
        area=area,
        level=com,
        issuer=f"Ủy ban nhân dân {place.full}",
        span=common,
    )
    party = b.unit(
        parent=group,
        name=f"Đảng ủy {place.full}",
        short="Đảng ủy",
        segment="DU",
        kind=K.PARTY_COMMITTEE,
        sector=P,
        area=area,
        level=com,
        profile="commune",
        issuer=f"Đảng ủy {place.full}",
        span=common,
    )
    council = b.unit(
        parent=group,
        name=f"Hội đồng nhân dân {place.full}",
        short="HĐND",
        segment="HD",
        kind=K.PEOPLES_COUNCIL,
        sector=S,
        area=area,
        level=com,
        profile="commune",
        span=common,
    )
    committee = b.unit(
        parent=group,
        name=f"Ủy ban nhân dân {place.full}",
        short="UBND",
        segment="UB",
        kind=K.PEOPLES_COMMITTEE,
        sector=S,
        area=area,
        level=com,
        profile="commune",
        span=common,
    )
    front = b.unit(
        parent=group,
        name=f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full}",
        short="UBMTTQ",
        segment="MT",
        kind=K.MASS_ORGANISATION,
        sector=F,
        area=area,
        level=com,
        profile="commune",
        span=common,
    )
    area.party, area.council, area.committee, area.front = party, council, committee, front
    party_seats = b.posts(party, bp.OLD_COMMUNE_PARTY)
    council_seats = b.posts(council, bp.OLD_COMMUNE_COUNCIL)
    b.posts(committee, bp.OLD_COMMUNE_COMMITTEE)
    b.posts(front, bp.OLD_COMMUNE_FRONT)
    b.staff(committee, 1.0, bp.COMMUNE_CIVIL_SERVANTS)
    if b.rng.random() < 0.6:
        link(council_seats["chair"][0], party_seats["secretary"][0])
    return area


def _build_new_communes(
    b: Builder, root: Unit, geo: Geography, districts: list[Area], province: Area, health: Unit | None
) -> list[Area]:
    """The communes of 01/07/2025, each the successor of the old communes merged into it."""
    com = Level.COMMUNE
    common: Span = (REFORM_DAY, None)
    old_areas = [area for district in districts for area in areas_of_district(district)]
    groups: dict[int, list[Area]] = {}
    places: dict[int, Place] = {}
    for old in sorted(old_areas, key=lambda area: area.key):
        new = geo.new_commune_of.get(old.locality_id)
        if new is None:
            continue
        groups.setdefault(new.id, []).append(old)
        places[new.id] = new
    result: list[Area] = []
    for new_id in sorted(groups, key=lambda i: places[i].code):
        place = places[new_id]
        olds = groups[new_id]
        area = Area(
            f"n{place.code}",
            "new_commune",
            place.full,
            place.name,
            place.id,
            REFORM_DAY,
            None,
            parent=province,
        )
        votes = Counter(old.parent.key for old in olds if old.parent is not None)
        area.district = next(d for d in districts if d.key == max(sorted(votes), key=lambda k: votes[k]))
        name = place.full[0].upper() + place.full[1:]
        group = b.unit(
            parent=root,
            name=name,
            short=place.name,
            segment=f"N{place.code}",
            kind=K.ADMINISTRATION,
            sector=S,
            area=area,
            level=com,
            issuer=f"Ủy ban nhân dân {place.full}",
            span=common,
        )
        party = b.unit(
            parent=group,
            name=f"Đảng ủy {place.full}",
            short="Đảng ủy",
            segment="DU",
            kind=K.PARTY_COMMITTEE,
            sector=P,
            area=area,
            level=com,
            profile="party",
            issuer=f"Đảng ủy {place.full}",
            span=common,
        )
        council = b.unit(
            parent=group,
            name=f"Hội đồng nhân dân {place.full}",
            short="HĐND",
            segment="HD",
            kind=K.PEOPLES_COUNCIL,
            sector=S,
            area=area,
            level=com,
            span=common,
        )
        committee = b.unit(
            parent=group,
            name=f"Ủy ban nhân dân {place.full}",
            short="UBND",
            segment="UB",
            kind=K.PEOPLES_COMMITTEE,
            sector=S,
            area=area,
            level=com,
            issuer=f"Ủy ban nhân dân {place.full}",
            span=common,
        )
        front = b.unit(
            parent=group,
            name=f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full}",
            short="UBMTTQ",
            segment="MT",
            kind=K.MASS_ORGANISATION,
            sector=F,
            area=area,
            level=com,
            span=common,
        )
        area.party, area.council, area.committee, area.front = party, council, committee, front
        party_seats = b.posts(party, bp.NEW_COMMUNE_PARTY)
        council_seats = b.posts(council, bp.NEW_COMMUNE_COUNCIL)
        committee_seats = b.posts(committee, bp.NEW_COMMUNE_COMMITTEE)
        b.posts(front, bp.NEW_COMMUNE_FRONT)
        link(party_seats["deputy_secretary"][1], committee_seats["chair"][0])
        if b.rng.random() < 0.5:
            link(council_seats["chair"][0], party_seats["secretary"][0])
        b.staff(party, 8.0, bp.NEW_COMMUNE_STAFF)
        b.staff(front, 4.0, bp.NEW_COMMUNE_STAFF)
        divisions = bp.NEW_WARD_DIVISIONS if place.kind == "phường" else bp.NEW_COMMUNE_DIVISIONS
        for i, division in enumerate(divisions, start=1):
            unit = b.unit(
                parent=committee,
                name=f"{division} {place.full}",
                short=division,
                segment=f"{i:02d}",
                kind=K.DIVISION,
                sector=S,
                area=area,
                level=com,
                span=common,
            )
            b.posts(
                unit,
                (
                    bp.Post("head", ("TRUONG_PHONG_XA",), 3),
                    bp.Post("deputy", ("PHO_TRUONG_PHONG_XA",), 2, seats=2),
                ),
            )
            b.staff(unit, 14.0, bp.NEW_COMMUNE_STAFF)
        centre = b.unit(
            parent=committee,
            name=f"Trung tâm Phục vụ hành chính công {place.full}",
            short="Trung tâm Phục vụ hành chính công",
            segment="S1",
            kind=K.PUBLIC_SERVICE_UNIT,
            sector=PS,
            area=area,
            level=com,
            profile="service",
            span=common,
        )
        b.posts(
            centre,
            (
                bp.Post("head", ("GIAM_DOC_TTPVHCC_XA", "TRUONG_PHONG_XA"), 3),
                bp.Post("deputy", ("PHO_GIAM_DOC_TTPVHCC_XA", "PHO_TRUONG_PHONG_XA"), 2),
            ),
        )
        b.staff(centre, 8.0, bp.NEW_COMMUNE_SERVICE_STAFF)
        for old in olds:
            old.successor = area
        result.append(area)

    # Schools follow their commune; district health centres become provincial regional centres.
    for district in districts:
        for unit in list(district.units):
            if unit.profile == "school" and unit.home is not None:
                target = unit.home.successor
                if target is None or target.committee is None:
                    continue
                school = b.unit(
                    parent=target.committee,
                    name=unit.name,
                    short=unit.short_name,
                    segment=f"T{unit.code.rsplit('.', 1)[-1]}",
                    kind=K.PUBLIC_SERVICE_UNIT,
                    sector=PS,
                    area=target,
                    level=com,
                    profile="school",
                    span=common,
                )
                deputies = sum(1 for seat in unit.seats if seat.role == "deputy")
                b.posts(
                    school,
                    (
                        bp.Post("head", bp.NEW_SCHOOL_HEAD, 3),
                        bp.Post("deputy", bp.NEW_SCHOOL_DEPUTY, 2, seats=deputies),
                    ),
                )
                b.staff(school, unit.staff_weight, bp.NEW_COMMUNE_SERVICE_STAFF)
                unit.successor, unit.succession_kind = school, SuccessionKind.RENAMED
            elif unit.profile == "health" and unit.kind == K.PUBLIC_SERVICE_UNIT and health is not None:
                centre = b.unit(
                    parent=health,
                    name=f"Trung tâm Y tế khu vực {district.place}",
                    short=f"TTYT khu vực {district.place}",
                    segment=f"Y{district.key}",
                    kind=K.PUBLIC_SERVICE_UNIT,
                    sector=PS,
                    area=province,
                    level=Level.PROVINCE,
                    profile="health",
                    span=common,
                )
                b.posts(
                    centre,
                    (
                        bp.Post("head", ("THU_TRUONG_DVSN_THUOC_SO", "TRUONG_PHONG_TINH"), 5),
                        bp.Post(
                            "deputy", ("PHO_THU_TRUONG_DVSN_THUOC_SO", "PHO_TRUONG_PHONG_TINH"), 4, seats=3
                        ),
                    ),
                )
                b.staff(centre, unit.staff_weight, bp.PROV_SERVICE_STAFF)
                unit.successor, unit.succession_kind = centre, SuccessionKind.RENAMED
                for w, ward in enumerate(unit.children, start=1):
                    child = b.unit(
                        parent=centre,
                        name=f"{ward.short_name}, {centre.name}",
                        short=ward.short_name,
                        segment=f"{w:02d}",
                        kind=K.DIVISION,
                        sector=PS,
                        area=province,
                        level=Level.PROVINCE,
                        profile="health",
                        span=common,
                    )
                    b.posts(
                        child,
                        (
                            bp.Post("head", ("TRUONG_KHOA", "TRUONG_PHONG_TINH"), 4),
                            bp.Post("deputy", ("PHO_TRUONG_KHOA", "PHO_TRUONG_PHONG_TINH"), 3),
                        ),
                    )
                    b.staff(child, ward.staff_weight, bp.PROV_SERVICE_STAFF)
                    ward.successor, ward.succession_kind = child, SuccessionKind.RENAMED
    return result


def _set_staff_targets(structure: Structure, scale: float, staff: StaffTargets) -> None:
    """Size every staff pool so the province reaches its staff figures on the baseline day."""
    baseline_units = [u for u in structure.units if u.valid_from < REFORM_DAY]
    others = [u for u in baseline_units if u.level != Level.COMMUNE]
    # Commune cadres and civil servants: the province's total, less the cadres in seats, spread evenly.
    communes = [area for area in structure.areas if area.kind == "commune"]
    seats = sum(1 for area in communes for seat in area.seats if seat.held_with is None)
    pools = [u for area in communes for u in area.units if u.staff_weight]
    per_commune = {id(area): sum(u.staff_weight for u in area.units if u.staff_weight) for area in communes}
    for unit in pools:  # every commune gets the same share, whatever the weights of its pools
        unit.staff_weight = unit.staff_weight / max(per_commune[id(unit.area)], 1e-9)
    _apportion(pools, max(0, staff.commune - seats))
    seats = sum(1 for u in others for seat in u.seats if seat.held_with is None)
    _apportion(
        [u for u in others if u.staff_weight], max(0, round((staff.province_district - seats) * scale))
    )
    # Units that start with the reform keep the size of the unit they continue; new ones get their weight.
    predecessor = {u.successor.id: u for u in structure.units if u.successor is not None}
    for unit in structure.units:
        if unit.valid_from >= REFORM_DAY and unit.staff_titles:
            before = predecessor.get(unit.id)
            unit.staff_target = (
                before.staff_target if before is not None else round(unit.staff_weight * scale)
            )


def _apportion(units: list[Unit], total: int) -> None:
    """Split total over units in proportion to their staff weights (largest remainders, stable order)."""
    weight = sum(u.staff_weight for u in units)
    if not units or weight <= 0:
        return
    shares = [(u, total * u.staff_weight / weight) for u in units]
    for unit, share in shares:
        unit.staff_target = int(share)
    left = total - sum(int(share) for _, share in shares)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i][1] - int(shares[i][1])), i))
    for i in order[:left]:
        shares[i][0].staff_target += 1
