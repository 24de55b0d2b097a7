"""What a province, a district and a commune consist of: units and the posts in each (titles and counts).

Counts marked `scaled` are staff posts multiplied by the generator's scale; leadership posts are fixed
because their numbers are set by law. Names are generic ("Phòng Nghiệp vụ 2") where the real name adds
nothing to a benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from canbo.org.choices import Sector, UnitKind

K, S = UnitKind, Sector


@dataclass(frozen=True)
class Post:
    """A post in a unit: a title and how many people hold it at once."""

    title: str
    count: int = 1
    scaled: bool = False
    ladder: str = ""  # "province" or "district": staff who move up CAN_SU → CHUYEN_VIEN → ...


@dataclass(frozen=True)
class Template:
    """A unit to create, with its posts and the units below it."""

    name: str
    kind: str
    sector: str
    posts: tuple[Post, ...] = ()
    children: tuple[Template, ...] = ()
    role: str = ""  # "party" / "council": the unit that hosts the area's party committee / People's Council


def staff(title: str, count: int, ladder: str = "") -> Post:
    """Staff posts whose number follows the generator's scale."""
    return Post(title, count, scaled=True, ladder=ladder)


DIVISION_NAMES = [
    "Văn phòng",
    "Phòng Tổ chức - Hành chính",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2",
    "Phòng Nghiệp vụ 3",
    "Phòng Pháp chế",
    "Phòng Tổng hợp",
]


def divisions(
    n: int, sector: str, *, head: str, deputy: str, posts: tuple[Post, ...]
) -> tuple[Template, ...]:
    """n divisions with a head, deputies and the given staff posts."""
    kind = K.PUBLIC_SERVICE_UNIT if sector == S.PUBLIC_SERVICE else K.DIVISION
    return tuple(
        Template(
            DIVISION_NAMES[i % len(DIVISION_NAMES)] if i < len(DIVISION_NAMES) else f"Phòng {i + 1}",
            kind,
            sector,
            (Post(head), Post(deputy, 2 if sector != S.PUBLIC_SERVICE else 1), *posts),
        )
        for i in range(n)
    )


def _province_divisions(n: int, sector: str, staff_count: int = 6) -> tuple[Template, ...]:
    return divisions(
        n,
        sector,
        head="TRUONG_PHONG_TINH",
        deputy="PHO_TRUONG_PHONG_TINH",
        posts=(staff("CHUYEN_VIEN", staff_count, ladder="province"),),
    )


OLD_DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Ban Dân tộc",
    "Sở Ngoại vụ",
]
NEW_DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
]
# Departments with sub-departments (chi cục) before 2025, and how many.
CHI_CUC = {
    "Sở Nông nghiệp và Phát triển nông thôn": 3,
    "Sở Tài nguyên và Môi trường": 1,
    "Sở Y tế": 2,
    "Sở Nông nghiệp và Môi trường": 4,
}
MASS_ORGS = [
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên",
    "Liên đoàn Lao động",
]
SERVICE_UNITS = [
    "Bệnh viện Đa khoa",
    "Trường Chính trị",
    "Đài Phát thanh và Truyền hình",
    "Trường Cao đẳng",
    "Trung tâm Kiểm soát bệnh tật",
    "Báo",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Xúc tiến đầu tư",
]


def province_units(*, new: bool, merged: int) -> tuple[Template, ...]:
    """The province's agencies below its root (before 01/07/2025 per old province, after per new one)."""
    extra = merged - 1 if new else 0  # a merged province keeps more deputies and staff
    staff_n = 6 * merged if new else 6
    party_agencies = (
        [("Ban Tổ chức", 4), ("Ban Tuyên giáo và Dân vận", 4), ("Ban Nội chính", 2)]
        if new
        else [("Ban Tổ chức", 4), ("Ban Tuyên giáo", 3), ("Ban Dân vận", 2), ("Ban Nội chính", 2)]
    )
    units: list[Template] = [
        Template(
            "Tỉnh ủy",
            K.PARTY_COMMITTEE,
            S.PARTY,
            (Post("BI_THU_TINH_UY"), Post("PHO_BI_THU_TT_TINH_UY"), Post("PHO_BI_THU_TINH_UY", 1 + extra)),
            role="party",
        ),
        *(
            Template(
                f"{name} Tỉnh ủy",
                K.PARTY_AGENCY,
                S.PARTY,
                (Post("TRUONG_BAN_TINH_UY"), Post("PHO_TRUONG_BAN_TINH_UY", 3 + extra)),
                _province_divisions(n, S.PARTY, staff_n),
            )
            for name, n in party_agencies
        ),
        Template(
            "Ủy ban Kiểm tra Tỉnh ủy",
            K.PARTY_AGENCY,
            S.PARTY,
            (Post("CHU_NHIEM_UBKT_TINH_UY"), Post("PHO_CHU_NHIEM_UBKT_TINH_UY", 3 + extra)),
            _province_divisions(4, S.PARTY, staff_n),
        ),
        Template(
            "Văn phòng Tỉnh ủy",
            K.PARTY_AGENCY,
            S.PARTY,
            (Post("CHANH_VAN_PHONG_TINH_UY"), Post("PHO_CHANH_VAN_PHONG_TINH_UY", 3 + extra)),
            _province_divisions(4, S.PARTY, staff_n),
        ),
        Template(
            "Hội đồng nhân dân tỉnh",
            K.PEOPLES_COUNCIL,
            S.STATE,
            (Post("CHU_TICH_HDND_TINH"), Post("PHO_CHU_TICH_HDND_TINH", 2)),
            tuple(
                Template(
                    f"Ban {name}",
                    K.DIVISION,
                    S.STATE,
                    (Post("TRUONG_BAN_HDND_TINH"), Post("PHO_TRUONG_BAN_HDND_TINH", 1 + extra)),
                )
                for name in ("Kinh tế - Ngân sách", "Pháp chế", "Văn hóa - Xã hội", "Dân tộc")
            ),
            role="council",
        ),
        Template(
            "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            K.DEPARTMENT,
            S.STATE,
            (Post("CHANH_VAN_PHONG_DBQH_HDND_TINH"),),
            _province_divisions(3, S.STATE, staff_n),
        ),
        Template(
            "Ủy ban nhân dân tỉnh",
            K.PEOPLES_COMMITTEE,
            S.STATE,
            (Post("CHU_TICH_UBND_TINH"), Post("PHO_CHU_TICH_UBND_TINH", 3 + extra)),
        ),
    ]
    if not new:
        units.append(
            Template(
                "Văn phòng UBND tỉnh",
                K.DEPARTMENT,
                S.STATE,
                (Post("CHANH_VAN_PHONG_UBND_TINH"), Post("PHO_CHANH_VAN_PHONG_UBND_TINH", 3)),
                _province_divisions(5, S.STATE),
            )
        )
        units.append(
            Template(
                "Thanh tra tỉnh",
                K.DEPARTMENT,
                S.STATE,
                (Post("CHANH_THANH_TRA_TINH"), Post("PHO_CHANH_THANH_TRA_TINH", 3)),
                _province_divisions(4, S.STATE),
            )
        )
    for name in NEW_DEPARTMENTS if new else OLD_DEPARTMENTS:
        head, deputy = {
            "Thanh tra tỉnh": ("CHANH_THANH_TRA_TINH", "PHO_CHANH_THANH_TRA_TINH"),
            "Văn phòng UBND tỉnh": ("CHANH_VAN_PHONG_UBND_TINH", "PHO_CHANH_VAN_PHONG_UBND_TINH"),
        }.get(name, ("GIAM_DOC_SO", "PHO_GIAM_DOC_SO"))
        chi_cuc = tuple(
            Template(
                f"Chi cục {i + 1}",
                K.DIVISION,
                S.STATE,
                (Post("CHI_CUC_TRUONG"), Post("PHO_CHI_CUC_TRUONG", 2), staff("CHUYEN_VIEN", 8, "province")),
            )
            for i in range(CHI_CUC.get(name, 0))
        )
        units.append(
            Template(
                name,
                K.DEPARTMENT,
                S.STATE,
                (Post(head), Post(deputy, 3 + extra)),
                _province_divisions(5, S.STATE, staff_n) + chi_cuc,
            )
        )
    units.append(
        Template(
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            K.MASS_ORGANISATION,
            S.FRONT,
            (Post("CHU_TICH_UBMTTQ_TINH"), Post("PHO_CHU_TICH_UBMTTQ_TINH", 3 + extra)),
            _province_divisions(3, S.FRONT, staff_n),
        )
    )
    for name in MASS_ORGS:
        units.append(
            Template(
                f"{name} tỉnh",
                K.MASS_ORGANISATION,
                S.FRONT,
                (Post("TRUONG_DOAN_THE_TINH"), Post("PHO_DOAN_THE_TINH", 2)),
                _province_divisions(2, S.FRONT, staff_n // 2 or 1),
            )
        )
    for i in range(len(SERVICE_UNITS) * merged):
        name = SERVICE_UNITS[i % len(SERVICE_UNITS)] + (
            f" {i // len(SERVICE_UNITS) + 1}" if i >= len(SERVICE_UNITS) else ""
        )
        units.append(
            Template(
                f"{name} tỉnh",
                K.PUBLIC_SERVICE_UNIT,
                S.PUBLIC_SERVICE,
                (Post("THU_TRUONG_DVSN_TINH"), Post("PHO_THU_TRUONG_DVSN_TINH", 2)),
                divisions(
                    4,
                    S.PUBLIC_SERVICE,
                    head="TRUONG_PHONG_TINH",
                    deputy="PHO_TRUONG_PHONG_TINH",
                    posts=(staff("VIEN_CHUC", 50),),
                ),
            )
        )
    return tuple(units)


def _district_division(name: str, n_staff: int = 5) -> Template:
    return Template(
        name,
        K.DIVISION,
        S.STATE,
        (
            Post("TRUONG_PHONG_HUYEN"),
            Post("PHO_TRUONG_PHONG_HUYEN", 2),
            staff("CHUYEN_VIEN_HUYEN", n_staff, ladder="district"),
        ),
    )


DISTRICT_DIVISIONS = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Kinh tế",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Thanh tra huyện",
]


def district_units() -> tuple[Template, ...]:
    """The agencies of a district (until 30/06/2025), below the district's root unit."""
    agencies = tuple(
        Template(
            f"{name} Huyện ủy",
            K.PARTY_AGENCY,
            S.PARTY,
            (
                Post("TRUONG_BAN_HUYEN_UY"),
                Post("PHO_TRUONG_BAN_HUYEN_UY", 2),
                staff("CHUYEN_VIEN_HUYEN", 3, "district"),
            ),
        )
        for name in ("Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận")
    )
    return (
        Template(
            "Huyện ủy",
            K.PARTY_COMMITTEE,
            S.PARTY,
            (Post("BI_THU_HUYEN_UY"), Post("PHO_BI_THU_HUYEN_UY")),
            role="party",
        ),
        *agencies,
        Template(
            "Ủy ban Kiểm tra Huyện ủy",
            K.PARTY_AGENCY,
            S.PARTY,
            (Post("CHU_NHIEM_UBKT_HUYEN_UY"), staff("CHUYEN_VIEN_HUYEN", 4, "district")),
        ),
        Template(
            "Văn phòng Huyện ủy",
            K.PARTY_AGENCY,
            S.PARTY,
            (Post("CHANH_VAN_PHONG_HUYEN_UY"), staff("CHUYEN_VIEN_HUYEN", 5, "district")),
        ),
        Template(
            "Hội đồng nhân dân huyện",
            K.PEOPLES_COUNCIL,
            S.STATE,
            (Post("CHU_TICH_HDND_HUYEN"), Post("PHO_CHU_TICH_HDND_HUYEN")),
            role="council",
        ),
        Template(
            "Ủy ban nhân dân huyện",
            K.PEOPLES_COMMITTEE,
            S.STATE,
            (Post("CHU_TICH_UBND_HUYEN"), Post("PHO_CHU_TICH_UBND_HUYEN", 2)),
        ),
        Template(
            "Văn phòng HĐND và UBND huyện",
            K.DIVISION,
            S.STATE,
            (
                Post("CHANH_VAN_PHONG_HDND_UBND_HUYEN"),
                Post("PHO_TRUONG_PHONG_HUYEN", 2),
                staff("CHUYEN_VIEN_HUYEN", 6, "district"),
            ),
        ),
        *(_district_division(name) for name in DISTRICT_DIVISIONS),
        Template(
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
            K.MASS_ORGANISATION,
            S.FRONT,
            (Post("CHU_TICH_UBMTTQ_HUYEN"), staff("CHUYEN_VIEN_HUYEN", 3, "district")),
        ),
        *(
            Template(
                f"{name} huyện",
                K.MASS_ORGANISATION,
                S.FRONT,
                (Post("TRUONG_DOAN_THE_HUYEN"), staff("CHUYEN_VIEN_HUYEN", 2, "district")),
            )
            for name in MASS_ORGS[:4]
        ),
        *(
            Template(
                name,
                K.PUBLIC_SERVICE_UNIT,
                S.PUBLIC_SERVICE,
                (
                    Post("TRUONG_PHONG_HUYEN"),
                    Post("PHO_TRUONG_PHONG_HUYEN", 2),
                    staff("VIEN_CHUC_HUYEN", 200),
                ),
            )
            for name in ("Trung tâm Y tế huyện", "Các trường học huyện", "Trung tâm Văn hóa - Thể thao huyện")
        ),
    )


OLD_COMMUNE_POSTS = (
    Post("BI_THU_DANG_UY_XA"),
    Post("PHO_BI_THU_DANG_UY_XA"),
    Post("CHU_TICH_HDND_XA"),
    Post("PHO_CHU_TICH_HDND_XA"),
    Post("CHU_TICH_UBND_XA"),
    Post("PHO_CHU_TICH_UBND_XA", 2),
    Post("CHU_TICH_UBMTTQ_XA"),
    Post("BI_THU_DOAN_XA"),
    Post("CHU_TICH_HOI_PHU_NU_XA"),
    Post("CHU_TICH_HOI_NONG_DAN_XA"),
    Post("CHU_TICH_HOI_CCB_XA"),
    Post("CHI_HUY_TRUONG_QS_XA"),
    staff("CONG_CHUC_VAN_PHONG_THONG_KE_XA", 2),
    staff("CONG_CHUC_TU_PHAP_HO_TICH_XA", 1),
    staff("CONG_CHUC_DIA_CHINH_XA", 2),
    staff("CONG_CHUC_TAI_CHINH_KE_TOAN_XA", 1),
    staff("CONG_CHUC_VAN_HOA_XA_HOI_XA", 2),
)
NEW_COMMUNE_POSTS = (
    Post("BI_THU_DANG_UY_XA"),
    Post("PHO_BI_THU_DANG_UY_XA", 2),
    Post("CHU_TICH_HDND_XA"),
    Post("PHO_CHU_TICH_HDND_XA"),
    Post("CHU_TICH_UBND_XA"),
    Post("PHO_CHU_TICH_UBND_XA", 2),
    Post("CHU_TICH_UBMTTQ_XA"),
    Post("BI_THU_DOAN_XA"),
    Post("CHU_TICH_HOI_PHU_NU_XA"),
    Post("CHU_TICH_HOI_NONG_DAN_XA"),
    Post("CHU_TICH_HOI_CCB_XA"),
    Post("CHI_HUY_TRUONG_QS_XA"),
)


def new_commune_units(service_staff: int) -> tuple[Template, ...]:
    """The offices of a commune from 01/07/2025, and its public service unit (schools, health station)."""
    offices = tuple(
        Template(
            name,
            K.DIVISION,
            S.STATE,
            (Post("TRUONG_PHONG_XA"), Post("PHO_TRUONG_PHONG_XA", 2), staff("CHUYEN_VIEN_XA", 8)),
        )
        for name in ("Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội")
    )
    return (
        *offices,
        Template(
            "Đơn vị sự nghiệp công lập xã",
            K.PUBLIC_SERVICE_UNIT,
            S.PUBLIC_SERVICE,
            (Post("TRUONG_PHONG_XA"), Post("PHO_TRUONG_PHONG_XA"), Post("VIEN_CHUC_XA", service_staff)),
        ),
    )


# Staff grades a holder moves up in place: title → (next title, years in grade first, yearly rate).
LADDERS = {
    "province": {"CAN_SU": ("CHUYEN_VIEN", 3, 0.3), "CHUYEN_VIEN": ("CHUYEN_VIEN_CHINH", 9, 0.12)},
    "district": {"CAN_SU_HUYEN": ("CHUYEN_VIEN_HUYEN", 3, 0.3)},
}
LADDER_ENTRY = {"province": ("CAN_SU", "CHUYEN_VIEN"), "district": ("CAN_SU_HUYEN", "CHUYEN_VIEN_HUYEN")}

# Concurrent posts (kiêm nhiệm): the holder of the first title also holds the second, in the area's
# party committee unit, for the same period.
CONCURRENT = {
    "CHU_TICH_UBND_XA": "PHO_BI_THU_DANG_UY_XA",
    "CHU_TICH_UBND_HUYEN": "PHO_BI_THU_HUYEN_UY",
    "CHU_TICH_UBND_TINH": "PHO_BI_THU_TINH_UY",
}
