"""What a province, a district and a commune consist of: units and the posts in each (titles and counts).

Titles are codes of the reference catalogue (canbo/reference/data/titles.json). Counts marked `scaled`
are staff posts multiplied by the generator's scale; leadership posts are fixed because their numbers
are set by law. Names are generic ("Phòng Nghiệp vụ 2") where the real name adds nothing to a benchmark.
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


def lead(head: str, deputy: str = "", deputies: int = 0) -> tuple[Post, ...]:
    """A head and (optionally) deputies."""
    return (Post(head), Post(deputy, deputies)) if deputy and deputies else (Post(head),)


DIVISION_NAMES = [
    "Văn phòng", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Pháp chế", "Phòng Tổng hợp",
]  # fmt: skip


def divisions(n: int, sector: str, staff_n: int = 6, *, head: str = "TRUONG_PHONG_TINH",
              deputy: str = "PHO_TRUONG_PHONG_TINH", title: str = "CHUYEN_VIEN", ladder: str = "province",
              name: str = "") -> tuple[Template, ...]:  # fmt: skip
    """n divisions (or wards, schools…) with a head, deputies and staff."""
    kind = K.PUBLIC_SERVICE_UNIT if sector == S.PUBLIC_SERVICE else K.DIVISION
    return tuple(
        Template(
            f"{name} {i + 1}"
            if name
            else (DIVISION_NAMES[i] if i < len(DIVISION_NAMES) else f"Phòng {i + 1}"),
            kind,
            sector,
            (*lead(head, deputy, 2 if sector != S.PUBLIC_SERVICE else 1), staff(title, staff_n, ladder)),
        )
        for i in range(n)
    )


OLD_DEPARTMENTS = [
    "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Ngoại vụ",
]  # fmt: skip
NEW_DEPARTMENTS = [
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ",
]  # fmt: skip
# Departments with sub-departments (chi cục), and how many.
CHI_CUC = {"Sở Nông nghiệp và Phát triển nông thôn": 3, "Sở Tài nguyên và Môi trường": 1, "Sở Y tế": 2,
           "Sở Nông nghiệp và Môi trường": 4}  # fmt: skip
# Provincial branches of central agencies (cơ quan ngành dọc): name, head, deputy.
VERTICAL = [
    ("Công an tỉnh", "GIAM_DOC_CONG_AN_TINH", "PHO_GIAM_DOC_CONG_AN_TINH"),
    ("Bộ Chỉ huy Quân sự tỉnh", "CHI_HUY_TRUONG_BCHQS_TINH", "PHO_CHI_HUY_TRUONG_BCHQS_TINH"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "CHI_HUY_TRUONG_BDBP_TINH", "PHO_CHI_HUY_TRUONG_BDBP_TINH"),
    ("Tòa án nhân dân tỉnh", "CHANH_AN_TAND_TINH", "PHO_CHANH_AN_TAND_TINH"),
    ("Viện kiểm sát nhân dân tỉnh", "VIEN_TRUONG_VKSND_TINH", "PHO_VIEN_TRUONG_VKSND_TINH"),
    ("Cục Thuế tỉnh", "CUC_TRUONG_CUC_THUE_TINH", "PHO_CUC_TRUONG_CUC_THUE_TINH"),
    ("Kho bạc Nhà nước tỉnh", "GIAM_DOC_KHO_BAC_TINH", "PHO_GIAM_DOC_KHO_BAC_TINH"),
    ("Bảo hiểm xã hội tỉnh", "GIAM_DOC_BHXH_TINH", "PHO_GIAM_DOC_BHXH_TINH"),
    ("Cục Thống kê tỉnh", "CUC_TRUONG_THONG_KE_TINH", "PHO_CUC_TRUONG_THONG_KE_TINH"),
    ("Ngân hàng Nhà nước chi nhánh tỉnh", "GIAM_DOC_NHNN_TINH", "PHO_GIAM_DOC_NHNN_TINH"),
    ("Cục Hải quan tỉnh", "CUC_TRUONG_HAI_QUAN_TINH", "PHO_CUC_TRUONG_HAI_QUAN_TINH"),
]
MASS_ORGS = [
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên",
    "Liên đoàn Lao động",
]
SERVICE_UNITS = [
    "Bệnh viện Đa khoa", "Trường Chính trị", "Đài Phát thanh và Truyền hình", "Trường Cao đẳng",
    "Trung tâm Kiểm soát bệnh tật", "Báo", "Ban Quản lý dự án đầu tư xây dựng", "Trung tâm Xúc tiến đầu tư",
]  # fmt: skip


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
        Template("Tỉnh ủy", K.PARTY_COMMITTEE, S.PARTY,
                 (Post("BI_THU_TINH_UY"), Post("PHO_BI_THU_TT_TINH_UY"), Post("PHO_BI_THU_TINH_UY", 1 + extra)),
                 role="party"),
        *(Template(f"{name} Tỉnh ủy", K.PARTY_AGENCY, S.PARTY, lead("TRUONG_BAN_TINH_UY", "PHO_TRUONG_BAN_TINH_UY", 3 + extra),
                   divisions(n, S.PARTY, staff_n)) for name, n in party_agencies),
        Template("Ủy ban Kiểm tra Tỉnh ủy", K.PARTY_AGENCY, S.PARTY,
                 lead("CHU_NHIEM_UBKT_TINH_UY", "PHO_CHU_NHIEM_UBKT_TINH_UY", 3 + extra), divisions(4, S.PARTY, staff_n)),
        Template("Văn phòng Tỉnh ủy", K.PARTY_AGENCY, S.PARTY,
                 lead("CHANH_VAN_PHONG_TINH_UY", "PHO_CHANH_VAN_PHONG_TINH_UY", 3 + extra), divisions(4, S.PARTY, staff_n)),
        Template("Đảng ủy Khối các cơ quan tỉnh" if not new else "Đảng ủy các cơ quan Đảng tỉnh", K.PARTY_COMMITTEE,
                 S.PARTY, lead("BI_THU_DANG_UY_KHOI", "PHO_BI_THU_DANG_UY_KHOI", 2), divisions(2, S.PARTY, staff_n // 2 or 1)),
        Template("Hội đồng nhân dân tỉnh", K.PEOPLES_COUNCIL, S.STATE,
                 lead("CHU_TICH_HDND_TINH", "PHO_CHU_TICH_HDND_TINH", 2),
                 tuple(Template(f"Ban {name}", K.DIVISION, S.STATE, lead("TRUONG_BAN_HDND_TINH", "PHO_TRUONG_BAN_HDND_TINH", 1 + extra))
                       for name in ("Kinh tế - Ngân sách", "Pháp chế", "Văn hóa - Xã hội", "Dân tộc")),
                 role="council"),
        Template("Văn phòng Đoàn ĐBQH và HĐND tỉnh", K.DEPARTMENT, S.STATE,
                 lead("CHANH_VAN_PHONG_DBQH_HDND_TINH", "PHO_CHANH_VAN_PHONG_DBQH_HDND_TINH", 2),
                 divisions(3, S.STATE, staff_n)),
        Template("Ủy ban nhân dân tỉnh", K.PEOPLES_COMMITTEE, S.STATE,
                 lead("CHU_TICH_UBND_TINH", "PHO_CHU_TICH_UBND_TINH", 3 + extra)),
        Template("Văn phòng UBND tỉnh", K.DEPARTMENT, S.STATE,
                 lead("CHANH_VAN_PHONG_UBND_TINH", "PHO_CHANH_VAN_PHONG_UBND_TINH", 3 + extra), divisions(5, S.STATE, staff_n)),
        Template("Thanh tra tỉnh", K.DEPARTMENT, S.STATE,
                 lead("CHANH_THANH_TRA_TINH", "PHO_CHANH_THANH_TRA_TINH", 3 + extra), divisions(4, S.STATE, staff_n)),
    ]  # fmt: skip
    if not new:
        units.append(Template("Ban Dân tộc tỉnh", K.DEPARTMENT, S.STATE,
                              lead("TRUONG_BAN_DAN_TOC_TINH", "PHO_TRUONG_BAN_DAN_TOC_TINH", 2),
                              divisions(3, S.STATE, staff_n)))  # fmt: skip
    for name in NEW_DEPARTMENTS if new else OLD_DEPARTMENTS:
        chi_cuc = tuple(
            Template(f"Chi cục {i + 1}", K.DIVISION, S.STATE,
                     (*lead("CHI_CUC_TRUONG", "PHO_CHI_CUC_TRUONG", 2), staff("CHUYEN_VIEN", 8, "province")))
            for i in range(CHI_CUC.get(name, 0))
        )  # fmt: skip
        centre = Template(f"Trung tâm thuộc {name}", K.PUBLIC_SERVICE_UNIT, S.PUBLIC_SERVICE,
                          (*lead("THU_TRUONG_DVSN_THUOC_SO", "PHO_THU_TRUONG_DVSN_THUOC_SO", 1), staff("VIEN_CHUC", 12)))  # fmt: skip
        schools = (
            divisions(10 * merged, S.PUBLIC_SERVICE, 40, head="HIEU_TRUONG_TINH", deputy="PHO_HIEU_TRUONG_TINH",
                      title="VIEN_CHUC", ladder="", name="Trường THPT số")
            if name == "Sở Giáo dục và Đào tạo" else ()
        )  # fmt: skip
        units.append(Template(name, K.DEPARTMENT, S.STATE, lead("GIAM_DOC_SO", "PHO_GIAM_DOC_SO", 3 + extra),
                              divisions(5, S.STATE, staff_n) + chi_cuc + (centre,) + schools))  # fmt: skip
    for name, head, deputy in VERTICAL:
        units.append(
            Template(name, K.DEPARTMENT, S.STATE, lead(head, deputy, 3), divisions(4, S.STATE, staff_n))
        )
    units.append(Template("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", K.MASS_ORGANISATION, S.FRONT,
                          lead("CHU_TICH_UBMTTQ_TINH", "PHO_CHU_TICH_UBMTTQ_TINH", 3 + extra),
                          divisions(3, S.FRONT, staff_n)))  # fmt: skip
    for name in MASS_ORGS:
        units.append(Template(f"{name} tỉnh", K.MASS_ORGANISATION, S.FRONT,
                              lead("TRUONG_DOAN_THE_TINH", "PHO_DOAN_THE_TINH", 2),
                              divisions(2, S.FRONT, staff_n // 2 or 1)))  # fmt: skip
    for i in range(len(SERVICE_UNITS) * merged):
        name = SERVICE_UNITS[i % len(SERVICE_UNITS)] + (
            f" {i // len(SERVICE_UNITS) + 1}" if i >= len(SERVICE_UNITS) else ""
        )
        units.append(Template(f"{name} tỉnh", K.PUBLIC_SERVICE_UNIT, S.PUBLIC_SERVICE,
                              lead("THU_TRUONG_DVSN_TINH", "PHO_THU_TRUONG_DVSN_TINH", 2),
                              divisions(4, S.PUBLIC_SERVICE, 40, head="TRUONG_KHOA", deputy="PHO_TRUONG_KHOA",
                                        title="VIEN_CHUC", ladder="", name="Khoa")))  # fmt: skip
    return tuple(units)


DISTRICT_DIVISIONS = [
    "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế", "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội", "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế",
]  # fmt: skip


def district_units() -> tuple[Template, ...]:
    """The agencies of a district (until 30/06/2025), below the district's root unit."""

    def unit(name: str, kind: str, sector: str, posts: tuple[Post, ...], n_staff: int) -> Template:
        return Template(name, kind, sector, (*posts, staff("CHUYEN_VIEN_HUYEN", n_staff, "district")))

    schools = divisions(10, S.PUBLIC_SERVICE, 40, head="HIEU_TRUONG_HUYEN", deputy="PHO_HIEU_TRUONG_HUYEN",
                        title="VIEN_CHUC_HUYEN", ladder="", name="Trường số")  # fmt: skip
    wards = divisions(4, S.PUBLIC_SERVICE, 30, head="TRUONG_KHOA_HUYEN", deputy="PHO_TRUONG_KHOA_HUYEN",
                      title="VIEN_CHUC_HUYEN", ladder="", name="Khoa")  # fmt: skip
    return (
        Template("Huyện ủy", K.PARTY_COMMITTEE, S.PARTY, (Post("BI_THU_HUYEN_UY"), Post("PHO_BI_THU_HUYEN_UY")), role="party"),
        *(unit(f"{name} Huyện ủy", K.PARTY_AGENCY, S.PARTY, lead("TRUONG_BAN_HUYEN_UY", "PHO_TRUONG_BAN_HUYEN_UY", 2), 3)
          for name in ("Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận")),
        unit("Ủy ban Kiểm tra Huyện ủy", K.PARTY_AGENCY, S.PARTY,
             lead("CHU_NHIEM_UBKT_HUYEN_UY", "PHO_CHU_NHIEM_UBKT_HUYEN_UY", 1), 3),
        unit("Văn phòng Huyện ủy", K.PARTY_AGENCY, S.PARTY,
             lead("CHANH_VAN_PHONG_HUYEN_UY", "PHO_CHANH_VAN_PHONG_HUYEN_UY", 1), 4),
        Template("Hội đồng nhân dân huyện", K.PEOPLES_COUNCIL, S.STATE,
                 (Post("CHU_TICH_HDND_HUYEN"), Post("PHO_CHU_TICH_HDND_HUYEN")), role="council"),
        Template("Ủy ban nhân dân huyện", K.PEOPLES_COMMITTEE, S.STATE,
                 lead("CHU_TICH_UBND_HUYEN", "PHO_CHU_TICH_UBND_HUYEN", 2)),
        unit("Văn phòng HĐND và UBND huyện", K.DIVISION, S.STATE,
             lead("CHANH_VAN_PHONG_HDND_UBND_HUYEN", "PHO_CHANH_VAN_PHONG_HDND_UBND_HUYEN", 2), 6),
        unit("Thanh tra huyện", K.DIVISION, S.STATE, lead("CHANH_THANH_TRA_HUYEN", "PHO_CHANH_THANH_TRA_HUYEN", 1), 4),
        *(unit(name, K.DIVISION, S.STATE, lead("TRUONG_PHONG_HUYEN", "PHO_TRUONG_PHONG_HUYEN", 2), 5)
          for name in DISTRICT_DIVISIONS),
        unit("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", K.MASS_ORGANISATION, S.FRONT,
             lead("CHU_TICH_UBMTTQ_HUYEN", "PHO_CHU_TICH_UBMTTQ_HUYEN", 1), 3),
        *(unit(f"{name} huyện", K.MASS_ORGANISATION, S.FRONT, lead("TRUONG_DOAN_THE_HUYEN", "PHO_DOAN_THE_HUYEN", 1), 2)
          for name in MASS_ORGS[:4]),
        Template("Trung tâm Y tế huyện", K.PUBLIC_SERVICE_UNIT, S.PUBLIC_SERVICE,
                 lead("THU_TRUONG_DVSN_HUYEN", "PHO_THU_TRUONG_DVSN_HUYEN", 2), wards),
        Template("Trung tâm Văn hóa - Thể thao huyện", K.PUBLIC_SERVICE_UNIT, S.PUBLIC_SERVICE,
                 (*lead("THU_TRUONG_DVSN_HUYEN", "PHO_THU_TRUONG_DVSN_HUYEN", 1), staff("VIEN_CHUC_HUYEN", 20))),
        *schools,
    )  # fmt: skip


# Staff of a district's public service units (moved to the communes on 01/07/2025).
DISTRICT_SERVICE_STAFF = 10 * 40 + 4 * 30 + 20

OLD_COMMUNE_POSTS = (
    Post("BI_THU_DANG_UY_XA_TRUOC_2025"), Post("PHO_BI_THU_DANG_UY_XA_TRUOC_2025"),
    Post("CHU_TICH_HDND_XA_TRUOC_2025"), Post("PHO_CHU_TICH_HDND_XA_TRUOC_2025"),
    Post("CHU_TICH_UBND_XA_TRUOC_2025"), Post("PHO_CHU_TICH_UBND_XA_TRUOC_2025", 2),
    Post("CHU_TICH_UBMTTQ_XA"), Post("BI_THU_DOAN_XA"), Post("CHU_TICH_HOI_PHU_NU_XA"),
    Post("CHU_TICH_HOI_NONG_DAN_XA"), Post("CHU_TICH_HOI_CCB_XA"), Post("CHI_HUY_TRUONG_QS_XA"),
    staff("CONG_CHUC_VAN_PHONG_THONG_KE_XA", 2), staff("CONG_CHUC_TU_PHAP_HO_TICH_XA", 1),
    staff("CONG_CHUC_DIA_CHINH_XA", 2), staff("CONG_CHUC_TAI_CHINH_KE_TOAN_XA", 1),
    staff("CONG_CHUC_VAN_HOA_XA_HOI_XA", 2),
)  # fmt: skip
NEW_COMMUNE_POSTS = (
    Post("BI_THU_DANG_UY_XA"), Post("PHO_BI_THU_DANG_UY_XA", 2), Post("CHU_TICH_HDND_XA"), Post("PHO_CHU_TICH_HDND_XA"),
    Post("CHU_TICH_UBND_XA"), Post("PHO_CHU_TICH_UBND_XA", 2), Post("CHU_TICH_UBMTTQ_XA"), Post("BI_THU_DOAN_XA"),
    Post("CHU_TICH_HOI_PHU_NU_XA"), Post("CHU_TICH_HOI_NONG_DAN_XA"), Post("CHU_TICH_HOI_CCB_XA"),
    Post("CHI_HUY_TRUONG_QS_XA"),
)  # fmt: skip


def new_commune_units(service_staff: int) -> tuple[Template, ...]:
    """The offices of a commune from 01/07/2025, its service centre, schools and health station."""
    teachers = max(1, round(service_staff * 0.8 / 2))
    return (
        *(Template(name, K.DIVISION, S.STATE, (*lead("TRUONG_PHONG_XA", "PHO_TRUONG_PHONG_XA", 2), staff("CHUYEN_VIEN_XA", 8)))
          for name in ("Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội")),
        Template("Trung tâm Phục vụ hành chính công", K.PUBLIC_SERVICE_UNIT, S.STATE,
                 (*lead("GIAM_DOC_TTPVHCC_XA", "PHO_GIAM_DOC_TTPVHCC_XA", 1), staff("CHUYEN_VIEN_XA", 5))),
        *divisions(2, S.PUBLIC_SERVICE, teachers, head="HIEU_TRUONG_XA", deputy="PHO_HIEU_TRUONG_XA",
                   title="VIEN_CHUC_XA", ladder="", name="Trường số"),
        Template("Trạm Y tế", K.PUBLIC_SERVICE_UNIT, S.PUBLIC_SERVICE,
                 (*lead("THU_TRUONG_DVSN_XA", "PHO_THU_TRUONG_DVSN_XA", 1),
                  Post("VIEN_CHUC_XA", max(1, service_staff - 2 * teachers)))),
    )  # fmt: skip


# Staff grades a holder moves up in place: title → (next title, years in grade first, yearly rate).
LADDERS = {
    "province": {"CAN_SU": ("CHUYEN_VIEN", 3, 0.3), "CHUYEN_VIEN": ("CHUYEN_VIEN_CHINH", 9, 0.12)},
    "district": {"CAN_SU_HUYEN": ("CHUYEN_VIEN_HUYEN", 3, 0.3)},
}
LADDER_ENTRY = {"province": ("CAN_SU", "CHUYEN_VIEN"), "district": ("CAN_SU_HUYEN", "CHUYEN_VIEN_HUYEN")}

# Concurrent posts (kiêm nhiệm): the holder of the first title also holds the second, in the area's
# party committee unit, for the same period.
CONCURRENT = {
    "CHU_TICH_UBND_XA_TRUOC_2025": "PHO_BI_THU_DANG_UY_XA_TRUOC_2025",
    "CHU_TICH_UBND_XA": "PHO_BI_THU_DANG_UY_XA",
    "CHU_TICH_UBND_HUYEN": "PHO_BI_THU_HUYEN_UY",
    "CHU_TICH_UBND_TINH": "PHO_BI_THU_TINH_UY",
}
# The commune's key posts (the tier of district division heads), before and after the reform.
COMMUNE_KEY = {
    "BI_THU_DANG_UY_XA", "CHU_TICH_HDND_XA", "CHU_TICH_UBND_XA",
    "BI_THU_DANG_UY_XA_TRUOC_2025", "CHU_TICH_HDND_XA_TRUOC_2025", "CHU_TICH_UBND_XA_TRUOC_2025",
}  # fmt: skip
