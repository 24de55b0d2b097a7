"""The two provinces of the demo, one per seed programme, with the seed rows each must reproduce.

Lào Cai (old code 10, province 15 after 01/07/2025) carries Đề án 18-ĐA/TU (LC-18), whose Phụ lục 1 is
dated 11/12/2020. Hà Giang (old code 02, merged into Tuyên Quang, 08, on 01/07/2025) carries the Hà
Giang resolution (HG-NQ) and its staff figures: 30.483 staff (26.372 provincial and district, 4.111
commune), 2.943 provincial and district leaders, 384 cadres managed by the provincial Standing Committee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from canbo.org.choices import BodyKind, Sector

from .bodies import SeatTarget
from .calibration import (
    Rule,
    all_of,
    category_in,
    leadership,
    level_in,
    rank_in,
    sector_in,
    title_in,
)
from .dates import BASELINE, SEEDS_LAST_DAY
from .structure import Builder, StaffTargets, Structure
from .tuning import Step, chain, department_centre, fewer_seats, more_seats, more_units, tune

COMMUNE_SECRETARY = ("BI_THU_DANG_UY_XA_TRUOC_2025", "BI_THU_DANG_UY_XA")
COMMUNE_CHAIR = ("CHU_TICH_UBND_XA_TRUOC_2025", "CHU_TICH_UBND_XA")
LEADER_RANKS = ("key", "head", "deputy", "division_head", "division_deputy")


@dataclass(frozen=True)
class ProvinceSpec:
    """One demo province: where it lies, what its records must show, and on which day."""

    code: str
    new_code: str
    segment: str
    programme: str
    predecessor: str
    """Who recruited staff before the province was re-established on 01/10/1991."""
    staff: StaffTargets
    baseline: dt.date
    rules: tuple[Rule, ...]
    steps: tuple[Step, ...] = ()
    extra_commune: str = ""
    """Code of a district town whose locality a 152nd commune of 2020 takes (see ``_geography``)."""
    seats: tuple[SeatTarget, ...] = ()
    """Seed rows over seats in elected bodies on the baseline day (see ``bodies`` and ``seats``)."""

    def tune(self, builder: Builder, structure: Structure) -> None:
        """Bring the province's posts to the sizes of its seed rows."""
        tune(builder, structure, self.rules, self.steps)


PROVINCIAL_HEADS = (
    "BI_THU_TINH_UY",
    "PHO_BI_THU_TT_TINH_UY",
    "PHO_BI_THU_TINH_UY",
    "CHU_TICH_HDND_TINH",
    "PHO_CHU_TICH_HDND_TINH",
    "CHU_TICH_UBND_TINH",
    "PHO_CHU_TICH_UBND_TINH",
    "CHU_TICH_UBMTTQ_TINH",
    "TRUONG_BAN_TINH_UY",
    "CHU_NHIEM_UBKT_TINH_UY",
    "CHANH_VAN_PHONG_TINH_UY",
    "BI_THU_DANG_UY_KHOI",
    "CHANH_VAN_PHONG_DBQH_HDND_TINH",
    "TRUONG_BAN_HDND_TINH",
    "GIAM_DOC_SO",
    "TRUONG_BAN_DAN_TOC_TINH",
    "CHANH_VAN_PHONG_UBND_TINH",
    "CHANH_THANH_TRA_TINH",
    "TRUONG_DOAN_THE_TINH",
    "THU_TRUONG_DVSN_TINH",
    "GIAM_DOC_CONG_AN_TINH",
    "CHI_HUY_TRUONG_BCHQS_TINH",
    "CHI_HUY_TRUONG_BDBP_TINH",
    "CHANH_AN_TAND_TINH",
    "VIEN_TRUONG_VKSND_TINH",
    "CUC_TRUONG_CUC_THUE_TINH",
    "GIAM_DOC_KHO_BAC_TINH",
    "GIAM_DOC_BHXH_TINH",
    "CUC_TRUONG_THONG_KE_TINH",
    "GIAM_DOC_NHNN_TINH",
    "CUC_TRUONG_HAI_QUAN_TINH",
    "CHI_CUC_TRUONG",
    "THU_TRUONG_DVSN_THUOC_SO",
    "HIEU_TRUONG_TINH",
)
"""LC-2: the provincial leaders who head something, as Lào Cai counts them (166 on 11/12/2020)."""

PROVINCIAL_DEPUTIES = (
    "PHO_CHU_TICH_UBMTTQ_TINH",
    "PHO_TRUONG_BAN_TINH_UY",
    "PHO_CHU_NHIEM_UBKT_TINH_UY",
    "PHO_CHANH_VAN_PHONG_TINH_UY",
    "PHO_BI_THU_DANG_UY_KHOI",
    "PHO_CHANH_VAN_PHONG_DBQH_HDND_TINH",
    "PHO_TRUONG_BAN_HDND_TINH",
    "PHO_GIAM_DOC_SO",
    "PHO_TRUONG_BAN_DAN_TOC_TINH",
    "PHO_CHANH_VAN_PHONG_UBND_TINH",
    "PHO_CHANH_THANH_TRA_TINH",
    "PHO_DOAN_THE_TINH",
    "PHO_THU_TRUONG_DVSN_TINH",
    "PHO_GIAM_DOC_CONG_AN_TINH",
    "PHO_CHI_HUY_TRUONG_BCHQS_TINH",
    "PHO_CHI_HUY_TRUONG_BDBP_TINH",
    "PHO_CHANH_AN_TAND_TINH",
    "PHO_VIEN_TRUONG_VKSND_TINH",
    "PHO_CUC_TRUONG_CUC_THUE_TINH",
    "PHO_GIAM_DOC_KHO_BAC_TINH",
    "PHO_GIAM_DOC_BHXH_TINH",
    "PHO_CUC_TRUONG_THONG_KE_TINH",
    "PHO_GIAM_DOC_NHNN_TINH",
    "PHO_CUC_TRUONG_HAI_QUAN_TINH",
    "PHO_CHI_CUC_TRUONG",
    "PHO_THU_TRUONG_DVSN_THUOC_SO",
    "PHO_HIEU_TRUONG_TINH",
)
"""LC-1a adds their deputies (428 in all)."""

DISTRICT_LEADERS = (
    "BI_THU_HUYEN_UY",
    "PHO_BI_THU_HUYEN_UY",
    "CHU_TICH_HDND_HUYEN",
    "PHO_CHU_TICH_HDND_HUYEN",
    "CHU_TICH_UBND_HUYEN",
    "PHO_CHU_TICH_UBND_HUYEN",
    "CHU_NHIEM_UBKT_HUYEN_UY",
    "TRUONG_BAN_HUYEN_UY",
    "CHANH_VAN_PHONG_HUYEN_UY",
    "CHU_TICH_UBMTTQ_HUYEN",
)
"""LC-1b: a district's key posts and the heads of its party boards, inspection committee, party office and
Front, whose holders make up the district standing committee (127 in 9 districts on 11/12/2020)."""

AGENCY_SECTORS = (Sector.PARTY, Sector.STATE, Sector.FRONT)

LC_RULES = (
    Rule(
        "LC-1a",
        "young",
        11,
        428,
        all_of(level_in("province"), title_in(*PROVINCIAL_HEADS, *PROVINCIAL_DEPUTIES)),
    ),
    Rule("LC-1b", "young", 10, 127, all_of(level_in("district"), title_in(*DISTRICT_LEADERS))),
    Rule("LC-2", "international", 2, 166, all_of(level_in("province"), title_in(*PROVINCIAL_HEADS))),
    Rule("LC-5", "university", 1998, 3454, all_of(level_in("commune"), sector_in(*AGENCY_SECTORS))),
    Rule("LC-6", "theory", 1978, 3454, all_of(level_in("commune"), sector_in(*AGENCY_SECTORS))),
    Rule("LC-7a", "local", 8, 9, title_in("BI_THU_HUYEN_UY"), value=False),
    Rule("LC-7b", "local", 110, 152, title_in(*COMMUNE_SECRETARY), value=False),
    Rule("LC-8a", "local", 9, 9, title_in("CHU_TICH_UBND_HUYEN"), value=False),
    Rule("LC-8b", "local", 83, 152, title_in(*COMMUNE_CHAIR), value=False),
    Rule(
        "LC-9",
        "postgraduate",
        280,
        1524,
        all_of(level_in("province", "district"), rank_in(*LEADER_RANKS), sector_in(*AGENCY_SECTORS)),
    ),
)

LC_STEPS = (
    Step("LC-2", grow=more_units(department_centre)),
    Step(
        "LC-1a",
        grow=more_seats("PHO_GIAM_DOC_SO", "PHO_THU_TRUONG_DVSN_THUOC_SO"),
        shrink=chain(
            fewer_seats("PHO_HIEU_TRUONG_TINH"),
            fewer_seats("PHO_THU_TRUONG_DVSN_THUOC_SO", "PHO_CHI_CUC_TRUONG"),
            fewer_seats("PHO_GIAM_DOC_SO", keep=2),
        ),
    ),
    Step(
        "LC-1b",
        grow=more_seats("PHO_BI_THU_HUYEN_UY", "PHO_CHU_TICH_UBND_HUYEN"),
        shrink=fewer_seats("PHO_CHU_TICH_UBND_HUYEN", "PHO_CHU_TICH_HDND_HUYEN"),
    ),
    Step(
        "LC-9",
        grow=more_seats("PHO_TRUONG_PHONG_TINH", "PHO_TRUONG_PHONG_HUYEN", "PHO_TRUONG_BAN_HUYEN_UY"),
        shrink=fewer_seats("PHO_TRUONG_PHONG_TINH", "PHO_TRUONG_PHONG_HUYEN", keep=0),
    ),
)

LC_SEATS = (
    # Party committee members of the 2020-2025 term at every level (province, districts, communes).
    SeatTarget("LC-3", BodyKind.PARTY_EXECUTIVE, 750, 3199),
    # People's Council deputies of the 2016-2021 term at every level.
    SeatTarget("LC-4", BodyKind.PEOPLES_COUNCIL, 1460, 4495),
)

HG_RULES = (
    Rule("HG-B1", "theory", 2729, 2943, all_of(level_in("province", "district"), leadership)),
    Rule("HG-B2", "young", 21, 384, category_in("BTV_TINH")),
    Rule("HG-3", "female", 61, 384, category_in("BTV_TINH")),
    Rule("HG-B3", "minority", 149, 384, category_in("BTV_TINH")),
)

HG_STEPS = (
    Step(
        "HG-B2",
        grow=more_seats(*PROVINCIAL_DEPUTIES[:24], "PHO_CHU_TICH_UBND_HUYEN", "PHO_CHU_TICH_HDND_HUYEN"),
        shrink=fewer_seats(*PROVINCIAL_DEPUTIES[:24], "PHO_CHU_TICH_UBND_HUYEN"),
    ),
    Step(
        "HG-B1",
        grow=more_seats("PHO_TRUONG_PHONG_HUYEN", "PHO_TRUONG_PHONG_TINH"),
        shrink=chain(
            fewer_seats("PHO_HIEU_TRUONG_HUYEN"),
            fewer_seats("PHO_TRUONG_KHOA_HUYEN", "PHO_TRUONG_KHOA", "PHO_THU_TRUONG_DVSN_HUYEN"),
            fewer_seats("PHO_TRUONG_PHONG_HUYEN", "PHO_TRUONG_PHONG_TINH", keep=0),
        ),
    ),
)

HG_BASELINE = SEEDS_LAST_DAY
"""The Hà Giang resolution prints no date; its figures are read on 01/01/2021 (programmes.json)."""

LAO_CAI = ProvinceSpec(
    code="10",
    new_code="15",
    segment="LC",
    programme="LC-18",
    predecessor="Ủy ban nhân dân tỉnh Hoàng Liên Sơn",
    staff=StaffTargets(province_district=12_000, commune=3_454),
    baseline=BASELINE,
    rules=LC_RULES,
    steps=LC_STEPS,
    extra_commune="02809",
    seats=LC_SEATS,
)
HA_GIANG = ProvinceSpec(
    code="02",
    new_code="08",
    segment="HG",
    programme="HG-NQ",
    predecessor="Ủy ban nhân dân tỉnh Hà Tuyên",
    staff=StaffTargets(province_district=26_372, commune=4_111),
    baseline=HG_BASELINE,
    rules=HG_RULES,
    steps=HG_STEPS,
)
PROVINCES = (LAO_CAI, HA_GIANG)
