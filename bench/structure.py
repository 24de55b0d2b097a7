"""The unit tree and its seats (one seat = one post one person holds at a time), built from the localities.

Tree (ids assigned depth-first, so paths are deterministic)::

    Toàn quốc (national root)
      └ new province (root from 01/07/2025's point of view, valid throughout)
          ├ old province merged into it (valid until 30/06/2025)
          │   ├ provincial agencies → divisions
          │   └ districts → district agencies; old communes
          ├ provincial agencies of the new province (from 01/07/2025) → divisions
          └ new communes (from 01/07/2025) → offices, public service unit

Each locality level carries the boundary keys that the not-local rule compares; units point at the
locality of their level (old units at QĐ 124/2004 localities, new ones at QĐ 19/2025 localities).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from canbo.core.text import fold, name_sort_key
from canbo.org.choices import Level, Sector, UnitKind

from . import blueprint as bp

UNITS_FROM = dt.date(1985, 1, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)

# Ethnic-minority share of the population by old province code (2019 census, rounded; others 2%).
MINORITY_SHARE = {
    "02": 0.88,
    "04": 0.95,
    "06": 0.88,
    "08": 0.53,
    "10": 0.65,
    "11": 0.82,
    "12": 0.85,
    "14": 0.83,
    "15": 0.55,
    "17": 0.73,
    "19": 0.28,
    "20": 0.83,
    "22": 0.13,
    "24": 0.13,
    "25": 0.17,
    "26": 0.04,
    "38": 0.17,
    "40": 0.15,
    "45": 0.09,
    "49": 0.09,
    "51": 0.12,
    "56": 0.05,
    "58": 0.23,
    "60": 0.05,
    "62": 0.53,
    "64": 0.46,
    "66": 0.32,
    "67": 0.32,
    "68": 0.23,
    "70": 0.18,
    "75": 0.07,
    "79": 0.07,
    "84": 0.32,
    "91": 0.13,
    "94": 0.35,
    "95": 0.09,
}


@dataclass
class Geography:
    """The localities the generator needs, as plain arrays and lists (read once from the database)."""

    new_provinces: list[tuple[int, str, str, str]]  # id, code, name, kind
    old_provinces: list[tuple[int, str, str, str, str]]  # id, code, name, kind, new province code
    districts: list[tuple[int, str, str, str, int]]  # id, code, name, kind, old province id
    communes: list[tuple[int, str, str, str, int]]  # id, code, name, kind, district id
    new_communes: list[tuple[int, str, str, str, str]]  # id, code, name, kind, new province code
    predecessors: dict[int, list[int]]  # new commune id → old commune ids


def geography_read() -> Geography:
    """Read provinces, districts, communes and the crosswalk from the database."""
    from canbo.geo.models import CodeSystem, Locality, LocalityMapping

    old = Locality.objects.filter(code_system=CodeSystem.QD124_2004)
    new = Locality.objects.filter(code_system=CodeSystem.QD19_2025)
    predecessors: dict[int, list[int]] = defaultdict(list)
    for old_id, new_id in LocalityMapping.objects.filter(old__level="commune").values_list(
        "old_id", "new_id"
    ):
        predecessors[new_id].append(old_id)
    return Geography(
        new_provinces=list(
            new.filter(level="province").order_by("code").values_list("id", "code", "name", "kind")
        ),
        old_provinces=list(
            old.filter(level="province")
            .order_by("code")
            .values_list("id", "code", "name", "kind", "new_province")
        ),
        districts=list(
            old.filter(level="district")
            .order_by("code")
            .values_list("id", "code", "name", "kind", "parent_id")
        ),
        communes=list(
            old.filter(level="commune")
            .order_by("code")
            .values_list("id", "code", "name", "kind", "parent_id")
        ),
        new_communes=list(
            new.filter(level="commune")
            .order_by("code")
            .values_list("id", "code", "name", "kind", "province_code")
        ),
        predecessors={key: sorted(value) for key, value in predecessors.items()},
    )


@dataclass
class Titles:
    """The title catalogue as the generator needs it."""

    ids: dict[str, int]
    is_sole: dict[str, bool]
    level: dict[str, str]
    rank: dict[str, str]

    def tier(self, code: str) -> int:
        """Seniority tier 1 (provincial leadership) … 6 (staff) used for promotions."""
        rank, level = self.rank[code], self.level[code]
        if rank == "key":
            return 1 if level == Level.PROVINCE else (2 if level == Level.DISTRICT else 4)
        if rank in ("head", "deputy"):
            return {"head": 2, "deputy": 3}[rank]
        if rank == "division_head":
            return 4
        if rank == "division_deputy":
            return 5
        if rank == "commune_cadre":
            return 4 if code in bp.COMMUNE_KEY else 5
        return 6


def titles_read() -> Titles:
    """Read the title catalogue loaded by reference_load()."""
    from canbo.posts.models import Title

    rows = list(Title.objects.values_list("code", "id", "is_sole", "level", "rank"))
    return Titles(
        ids={r[0]: r[1] for r in rows},
        is_sole={r[0]: r[2] for r in rows},
        level={r[0]: r[3] for r in rows},
        rank={r[0]: r[4] for r in rows},
    )


CATEGORY_CODES = ["can_bo", "cong_chuc", "vien_chuc"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _name_keys(name: str) -> tuple[str, str]:
    return fold(name)[:400], name_sort_key(name)


@dataclass
class Structure:
    """Units (rows for org_orgunit), seats (generator only) and bodies, as columns."""

    units: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    seat_groups: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    seats: dict[str, np.ndarray] = field(default_factory=dict)
    bodies: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    # Old communes (locality ids) ordered by new province, old province, district, for home-town draws.
    home_pool: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    home_any: int = 0  # home_pool[:home_any] holds every old commune of the chosen provinces
    province_roots: list[int] = field(default_factory=list)
    old_codes: list[str] = field(default_factory=list)  # code of each old province, by index
    old_codes_of_new: list[list[str]] = field(
        default_factory=list
    )  # codes of the old provinces in each new one
    national_root: int = 1
    n_old_provinces: int = 0
    n_districts: int = 0
    n_new_provinces: int = 0


class Builder:
    """Builds the structure for the chosen new provinces (all 34 by default)."""

    def __init__(self, geo: Geography, titles: Titles, *, scale: float, provinces: list[str] | None) -> None:
        self.geo, self.titles, self.scale = geo, titles, scale
        self.chosen = [p for p in geo.new_provinces if provinces is None or p[1] in provinces]
        if not self.chosen:
            raise SystemExit(f"No new province with code in {provinces}.")
        self.s = Structure()
        self.next_id = 1
        self.paths: dict[int, str] = {}
        self.depths: dict[int, int] = {}

    # -- units ---------------------------------------------------------------------------------
    def unit(
        self,
        *,
        parent: int | None,
        name: str,
        kind: str,
        sector: str,
        level: str,
        locality: int | None,
        new: bool,
        position: int,
    ) -> int:
        """Append one unit row and return its id."""
        pk = self.next_id
        self.next_id += 1
        path = (self.paths[parent] if parent else "") + f"{pk:06d}/"
        depth = self.depths[parent] + 1 if parent else 0
        self.paths[pk], self.depths[pk] = path, depth
        search, sort_key = _name_keys(name)
        u = self.s.units
        for key, value in (
            ("id", pk),
            ("parent_id", parent),
            ("code", f"BU{pk:07d}"),
            ("name", name),
            ("path", path),
            ("depth", depth),
            ("level", level),
            ("sector", sector),
            ("kind", kind),
            ("locality_id", locality),
            ("position", position),
            ("search_name", search),
            ("sort_key", sort_key),
            ("valid_from", REFORM_DAY if new else UNITS_FROM),
            ("valid_to", None if new else LAST_OLD_DAY),
        ):
            u[key].append(value)
        return pk

    def seats(self, unit: int, posts: tuple[bp.Post, ...], area: dict[str, int | float]) -> None:
        """Record the posts of a unit as seat groups (expanded to one row per seat later)."""
        for post in posts:
            count = max(1, round(post.count * self.scale)) if post.scaled else post.count
            g = self.s.seat_groups
            g["unit"].append(unit)
            g["title"].append(post.title)
            g["count"].append(count)
            g["ladder"].append(post.ladder)
            for key, value in area.items():
                g[key].append(value)

    def tree(
        self,
        templates: tuple[bp.Template, ...],
        *,
        parent: int,
        suffix: str,
        level: str,
        locality: int,
        new: bool,
        area: dict[str, int | float],
        roles: dict[str, int],
    ) -> None:
        """Create template units below parent, depth first."""
        for position, template in enumerate(templates):
            name = f"{template.name} {suffix}".strip() if suffix else template.name
            pk = self.unit(
                parent=parent,
                name=name,
                kind=template.kind,
                sector=template.sector,
                level=level,
                locality=locality,
                new=new,
                position=position,
            )
            if template.role:
                roles[template.role] = pk
            sector_area = {**area, "public": int(template.sector == Sector.PUBLIC_SERVICE)}
            self.seats(pk, template.posts, sector_area)
            self.tree(
                template.children,
                parent=pk,
                suffix="",
                level=level,
                locality=locality,
                new=new,
                area=area,
                roles={},
            )

    def body(
        self, *, level: str, new: bool, party_unit: int, council_unit: int, area_kind: str, area_key: int
    ) -> None:
        """Remember an area whose party committee and People's Council the records step creates."""
        b = self.s.bodies
        for key, value in (
            ("level", level),
            ("new", new),
            ("party_unit", party_unit),
            ("council_unit", council_unit),
            ("area_kind", area_kind),
            ("area_key", area_key),
        ):
            b[key].append(value)

    # -- the whole country ---------------------------------------------------------------------
    def build(self) -> Structure:
        """Build units, seats and bodies for the chosen provinces."""
        geo, s = self.geo, self.s
        old_by_new: dict[str, list[tuple[int, str, str, str, str]]] = defaultdict(list)
        for row in geo.old_provinces:
            old_by_new[row[4]].append(row)
        districts_by_province: dict[int, list] = defaultdict(list)
        for row in geo.districts:
            districts_by_province[row[4]].append(row)
        communes_by_district: dict[int, list] = defaultdict(list)
        for row in geo.communes:
            communes_by_district[row[4]].append(row)
        new_communes_by_province: dict[str, list] = defaultdict(list)
        for row in geo.new_communes:
            new_communes_by_province[row[4]].append(row)

        # Home-town pool: old communes grouped by new province, old province and district.
        pool: list[int] = []
        ranges: dict[tuple[str, int], tuple[int, int]] = {}
        for p_index, (_pid, pcode, _pname, _pkind) in enumerate(self.chosen):
            p_start = len(pool)
            for oid, *_rest in old_by_new[pcode]:
                o_start = len(pool)
                for did, *_drest in districts_by_province[oid]:
                    d_start = len(pool)
                    pool.extend(c[0] for c in communes_by_district[did])
                    ranges["d", did] = (d_start, len(pool))
                ranges["o", oid] = (o_start, len(pool))
            ranges["p", p_index] = (p_start, len(pool))
        pred_offset = len(pool)
        pred_ranges: dict[int, tuple[int, int]] = {}
        for pcode in (p[1] for p in self.chosen):
            for nid, *_rest in new_communes_by_province[pcode]:
                start = len(pool)
                pool.extend(geo.predecessors.get(nid, []))
                pred_ranges[nid] = (start, len(pool))
        s.home_pool = np.array(pool, dtype=np.int64)
        s.home_any = pred_offset

        national = self.unit(
            parent=None,
            name="Toàn quốc",
            kind=UnitKind.ADMINISTRATION,
            sector=Sector.STATE,
            level=Level.PROVINCE,
            locality=None,
            new=False,
            position=0,
        )
        # The national root and the province roots exist on both sides of the reform.
        s.units["valid_to"][-1] = None
        s.national_root = national
        old_index = district_index = 0
        for p_index, (pid, pcode, pname, pkind) in enumerate(self.chosen):
            olds = old_by_new[pcode]
            root = self.unit(
                parent=national,
                name=_cap(f"{pkind} {pname}"),
                kind=UnitKind.ADMINISTRATION,
                sector=Sector.STATE,
                level=Level.PROVINCE,
                locality=pid,
                new=False,
                position=p_index,
            )
            s.units["valid_to"][-1] = None
            s.province_roots.append(root)
            shares = [MINORITY_SHARE.get(o[1], 0.02) for o in olds]
            s.old_codes_of_new.append([o[1] for o in olds])
            for position, (oid, ocode, oname, okind, _new) in enumerate(olds):
                s.old_codes.append(ocode)
                o_root = self.unit(
                    parent=root,
                    name=_cap(f"{okind} {oname} (đến 30/06/2025)"),
                    kind=UnitKind.ADMINISTRATION,
                    sector=Sector.STATE,
                    level=Level.PROVINCE,
                    locality=oid,
                    new=False,
                    position=position,
                )
                wide = ranges["o", oid]
                share = MINORITY_SHARE.get(ocode, 0.02)
                base = {
                    "new": 0,
                    "prov": old_index,
                    "newprov": p_index,
                    "dist": -1,
                    "comm": -1,
                    "local": 0,
                    "minority": share,
                    "home_exact": -1,
                    "near_lo": wide[0],
                    "near_hi": wide[1],
                    "wide_lo": wide[0],
                    "wide_hi": wide[1],
                    "p_exact": 0.0,
                    "p_near": 0.0,
                    "p_wide": 0.85,
                }
                roles: dict[str, int] = {}
                self.tree(
                    bp.province_units(new=False, merged=1),
                    parent=o_root,
                    suffix=oname,
                    level=Level.PROVINCE,
                    locality=oid,
                    new=False,
                    area={**base, "party": -1},
                    roles=roles,
                )
                self._fix_party(roles)
                self.body(
                    level=Level.PROVINCE,
                    new=False,
                    party_unit=roles["party"],
                    council_unit=roles["council"],
                    area_kind="prov",
                    area_key=old_index,
                )
                for d_position, (did, _dcode, dname, dkind, _parent) in enumerate(districts_by_province[oid]):
                    d_root = self.unit(
                        parent=o_root,
                        name=_cap(f"{dkind} {dname}"),
                        kind=UnitKind.ADMINISTRATION,
                        sector=Sector.STATE,
                        level=Level.DISTRICT,
                        locality=did,
                        new=False,
                        position=100 + d_position,
                    )
                    near = ranges["d", did]
                    d_area = {
                        **base,
                        "dist": district_index,
                        "near_lo": near[0],
                        "near_hi": near[1],
                        "p_near": 0.8,
                        "p_wide": 0.95,
                    }
                    d_roles: dict[str, int] = {}
                    self.tree(
                        bp.district_units(),
                        parent=d_root,
                        suffix=dname,
                        level=Level.DISTRICT,
                        locality=did,
                        new=False,
                        area={**d_area, "party": -1},
                        roles=d_roles,
                    )
                    self._fix_party(d_roles)
                    self.body(
                        level=Level.DISTRICT,
                        new=False,
                        party_unit=d_roles["party"],
                        council_unit=d_roles["council"],
                        area_kind="dist",
                        area_key=district_index,
                    )
                    for c_position, (cid, _ccode, cname, ckind, _d) in enumerate(communes_by_district[did]):
                        c_unit = self.unit(
                            parent=d_root,
                            name=_cap(f"{ckind} {cname}"),
                            kind=UnitKind.ADMINISTRATION,
                            sector=Sector.STATE,
                            level=Level.COMMUNE,
                            locality=cid,
                            new=False,
                            position=1000 + c_position,
                        )
                        c_area = {
                            **d_area,
                            "comm": c_unit,
                            "local": 1,
                            "home_exact": cid,
                            "party": c_unit,
                            "p_exact": 0.75,
                            "p_near": 0.9,
                            "p_wide": 0.98,
                            "public": 0,
                        }
                        self.seats(c_unit, bp.OLD_COMMUNE_POSTS, c_area)
                        self.body(
                            level=Level.COMMUNE,
                            new=False,
                            party_unit=c_unit,
                            council_unit=c_unit,
                            area_kind="comm",
                            area_key=c_unit,
                        )
                    district_index += 1
                old_index += 1
            # The new province from 01/07/2025.
            p_wide = ranges["p", p_index]
            p_base = {
                "new": 1,
                "prov": 1000 + p_index,
                "newprov": p_index,
                "dist": -1,
                "comm": -1,
                "local": 0,
                "minority": float(np.mean(shares)),
                "home_exact": -1,
                "near_lo": p_wide[0],
                "near_hi": p_wide[1],
                "wide_lo": p_wide[0],
                "wide_hi": p_wide[1],
                "p_exact": 0.0,
                "p_near": 0.0,
                "p_wide": 0.85,
            }
            roles = {}
            self.tree(
                bp.province_units(new=True, merged=len(olds)),
                parent=root,
                suffix=pname,
                level=Level.PROVINCE,
                locality=pid,
                new=True,
                area={**p_base, "party": -1},
                roles=roles,
            )
            self._fix_party(roles)
            self.body(
                level=Level.PROVINCE,
                new=True,
                party_unit=roles["party"],
                council_unit=roles["council"],
                area_kind="prov",
                area_key=1000 + p_index,
            )
            communes = new_communes_by_province[pcode]
            # Schools and health stations moved from the districts to the communes.
            old_service = (
                sum(len(districts_by_province[o[0]]) for o in olds) * bp.DISTRICT_SERVICE_STAFF * self.scale
            )
            service_staff = max(1, round(old_service / max(1, len(communes))))
            for c_position, (nid, _ncode, nname, nkind, _p) in enumerate(communes):
                c_unit = self.unit(
                    parent=root,
                    name=_cap(f"{nkind} {nname}"),
                    kind=UnitKind.ADMINISTRATION,
                    sector=Sector.STATE,
                    level=Level.COMMUNE,
                    locality=nid,
                    new=True,
                    position=1000 + c_position,
                )
                near = pred_ranges[nid]
                c_area = {
                    **p_base,
                    "comm": c_unit,
                    "local": 1,
                    "near_lo": near[0],
                    "near_hi": near[1],
                    "p_near": 0.75,
                    "p_wide": 0.98,
                    "party": c_unit,
                    "public": 0,
                }
                self.seats(c_unit, bp.NEW_COMMUNE_POSTS, c_area)
                self.tree(
                    bp.new_commune_units(service_staff),
                    parent=c_unit,
                    suffix="",
                    level=Level.COMMUNE,
                    locality=nid,
                    new=True,
                    area=c_area,
                    roles={},
                )
                self.body(
                    level=Level.COMMUNE,
                    new=True,
                    party_unit=c_unit,
                    council_unit=c_unit,
                    area_kind="comm",
                    area_key=c_unit,
                )
        s.n_old_provinces, s.n_districts, s.n_new_provinces = old_index, district_index, len(self.chosen)
        self._expand()
        return s

    def _fix_party(self, roles: dict[str, int]) -> None:
        """Point the area's seats (recorded with party=-1) at the area's party committee unit."""
        g = self.s.seat_groups
        for i in range(len(g["party"]) - 1, -1, -1):
            if g["party"][i] != -1:
                break
            g["party"][i] = roles["party"]

    def _expand(self) -> None:
        """Turn seat groups into one row per seat, with tier, category and ids resolved."""
        g, t = self.s.seat_groups, self.titles
        count = np.array(g["count"], dtype=np.int64)
        codes = g["title"]
        title_id = np.array([t.ids[c] for c in codes], dtype=np.int64)
        tier = np.array([t.tier(c) for c in codes], dtype=np.int8)
        sole = np.array([t.is_sole[c] for c in codes], dtype=bool)
        public = np.array(g["public"], dtype=bool)
        category = np.array(
            [
                2 if (c.startswith("VIEN_CHUC")) else (0 if t.rank[c] in ("key", "commune_cadre") else 1)
                for c in codes
            ],
            dtype=np.int8,
        )
        category = np.where(public, 2, category).astype(np.int8)
        ladder = np.array([{"": 0, "province": 1, "district": 2}[x] for x in g["ladder"]], dtype=np.int8)
        seats: dict[str, np.ndarray] = {
            "unit": np.array(g["unit"], dtype=np.int64),
            "title": title_id,
            "tier": tier,
            "sole": sole,
            "category": category,
            "ladder": ladder,
        }
        for key in (
            "new",
            "prov",
            "newprov",
            "dist",
            "comm",
            "local",
            "home_exact",
            "near_lo",
            "near_hi",
            "wide_lo",
            "wide_hi",
            "party",
        ):
            seats[key] = np.array(g[key], dtype=np.int64)
        for key in ("minority", "p_exact", "p_near", "p_wide"):
            seats[key] = np.array(g[key], dtype=np.float64)
        self.s.seats = {key: np.repeat(value, count) for key, value in seats.items()}
        self.s.seat_groups = {}


def structure_build(*, scale: float, provinces: list[str] | None) -> Structure:
    """Read localities and titles, and build the unit tree, seats and body areas."""
    return Builder(geography_read(), titles_read(), scale=scale, provinces=provinces).build()
