"""The demo province's organisation as data: which units exist, which posts each has, how many staff.

Numbers are for scale 1.0 and are tuned so that on 11/12/2020 the province has the staff figures of
the Hà Giang resolution (30.483 staff, 2.943 provincial and district leaders, 384 cadres managed by the
provincial Standing Committee) on the geography of Lào Cai. Titles are named by their code in the
reference catalogue (canbo/reference/data/titles.json); a post lists codes in order of preference so
that a more specific title is used as soon as the catalogue has it, and an optional post is left out
when none of its codes exists.

``tier`` orders posts across levels for careers (0 = staff): a vacancy is filled from the tiers just
below it, and a work history climbs the same ladder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canbo.org.choices import Sector, UnitKind


@dataclass(frozen=True)
class Post:
    """A leadership post of a unit: title codes by preference, number of seats, career tier."""

    role: str
    codes: tuple[str, ...]
    tier: int
    seats: int = 1
    optional: bool = False
    held_with: str | None = None
    """Role of another post (in this unit or its parent) whose holder often holds this one concurrently."""
    held_with_share: float = 0.0


@dataclass(frozen=True)
class UnitPlan:
    """A unit to create: name, kind, sector, posts, staff weight and the plans of its children."""

    name: str
    short: str
    kind: str
    sector: str
    posts: tuple[Post, ...] = ()
    staff: float = 0.0
    """Relative staff weight; the generator scales all weights so the province reaches its staff target."""
    staff_codes: tuple[tuple[str, float], ...] = ()
    children: tuple[UnitPlan, ...] = field(default=())
    profile: str = "agency"
    """Drives the people drawn for the unit: agency, service, school, health, commune, party."""


P, S, F, PS = Sector.PARTY, Sector.STATE, Sector.FRONT, Sector.PUBLIC_SERVICE
K = UnitKind

# Staff titles by level and kind of unit, with shares.
PROV_AGENCY_STAFF = (
    ("CHUYEN_VIEN", 0.68),
    ("CHUYEN_VIEN_CHINH", 0.17),
    ("CAN_SU", 0.07),
    ("NHAN_VIEN", 0.08),
)
PROV_SERVICE_STAFF = (("VIEN_CHUC", 0.9), ("NHAN_VIEN", 0.1))
DIST_AGENCY_STAFF = (("CHUYEN_VIEN_HUYEN", 0.8), ("CAN_SU_HUYEN", 0.1), ("NHAN_VIEN_HUYEN", 0.1))
DIST_SERVICE_STAFF = (("VIEN_CHUC_HUYEN", 0.92), ("NHAN_VIEN_HUYEN", 0.08))
COMMUNE_CIVIL_SERVANTS = (
    ("CONG_CHUC_VAN_PHONG_THONG_KE_XA", 0.24),
    ("CONG_CHUC_TU_PHAP_HO_TICH_XA", 0.18),
    ("CONG_CHUC_DIA_CHINH_XA", 0.24),
    ("CONG_CHUC_TAI_CHINH_KE_TOAN_XA", 0.14),
    ("CONG_CHUC_VAN_HOA_XA_HOI_XA", 0.20),
)
NEW_COMMUNE_STAFF = (("CHUYEN_VIEN_XA", 1.0),)
NEW_COMMUNE_SERVICE_STAFF = (("VIEN_CHUC_XA", 1.0),)


def _division(
    name: str,
    head: tuple[str, ...],
    deputy: tuple[str, ...],
    *,
    deputies: int = 1,
    staff: float = 6.0,
    staff_codes: tuple[tuple[str, float], ...] = PROV_AGENCY_STAFF,
    sector: str = S,
    kind: str = K.DIVISION,
    head_tier: int = 5,
    profile: str = "agency",
) -> UnitPlan:
    """A division-level unit (phòng, chi cục, khoa) with its head, deputies and staff."""
    posts = (Post("head", head, head_tier), Post("deputy", deputy, head_tier - 1, seats=deputies))
    return UnitPlan(name, "", kind, sector, posts, staff, staff_codes, profile=profile)


def prov_division(name: str, *, sector: str = S, staff: float = 6.0, deputies: int = 0) -> UnitPlan:
    """A division of a provincial agency (two deputies when it has six staff or more)."""
    deputies = deputies or (2 if staff >= 6 else 1)
    return _division(
        name,
        ("TRUONG_PHONG_TINH",),
        ("PHO_TRUONG_PHONG_TINH",),
        sector=sector,
        staff=staff,
        deputies=deputies,
    )


def sub_department(name: str, *, staff: float = 14.0) -> UnitPlan:
    """A sub-department (chi cục) of a provincial department."""
    return _division(name, ("CHI_CUC_TRUONG",), ("PHO_CHI_CUC_TRUONG",), staff=staff, deputies=2)


def dept_service_unit(
    name: str,
    *,
    staff: float = 25.0,
    deputies: int = 2,
    profile: str = "service",
    divisions: tuple[str, ...] = (),
) -> UnitPlan:
    """A public service unit under a provincial department (centre, hospital, school)."""
    children = tuple(
        _division(
            d,
            ("TRUONG_KHOA", "TRUONG_PHONG_TINH"),
            ("PHO_TRUONG_KHOA", "PHO_TRUONG_PHONG_TINH"),
            sector=PS,
            kind=K.DIVISION,
            staff=staff / max(len(divisions), 1) * 0.8,
            staff_codes=PROV_SERVICE_STAFF,
            profile=profile,
            deputies=2 if staff >= 200 else 1,
        )
        for d in divisions
    )
    posts = (
        Post("head", ("THU_TRUONG_DVSN_THUOC_SO", "TRUONG_PHONG_TINH"), 5),
        Post("deputy", ("PHO_THU_TRUONG_DVSN_THUOC_SO", "PHO_TRUONG_PHONG_TINH"), 4, seats=deputies),
    )
    own_staff = staff * (0.2 if divisions else 1.0)
    return UnitPlan(
        name, "", K.PUBLIC_SERVICE_UNIT, PS, posts, own_staff, PROV_SERVICE_STAFF, children, profile=profile
    )


def prov_service_unit(
    name: str,
    short: str,
    divisions: tuple[str, ...],
    *,
    sector: str = PS,
    staff: float = 30.0,
    deputies: int = 3,
    profile: str = "service",
) -> UnitPlan:
    """A public service unit directly under the province (its head is managed by the Standing Committee)."""
    children = tuple(
        _division(
            d,
            ("TRUONG_PHONG_TINH",),
            ("PHO_TRUONG_PHONG_TINH",),
            sector=sector,
            staff=staff / len(divisions),
            staff_codes=PROV_SERVICE_STAFF,
            profile=profile,
        )
        for d in divisions
    )
    posts = (
        Post("head", ("THU_TRUONG_DVSN_TINH",), 8),
        Post("deputy", ("PHO_THU_TRUONG_DVSN_TINH",), 7, seats=deputies),
    )
    return UnitPlan(
        name, short, K.PUBLIC_SERVICE_UNIT, sector, posts, 4.0, PROV_SERVICE_STAFF, children, profile=profile
    )


def department(
    name: str,
    short: str,
    divisions: tuple[str, ...],
    *,
    deputies: int = 3,
    sub_departments: tuple[str, ...] = (),
    services: tuple[UnitPlan, ...] = (),
    head: tuple[str, ...] = ("GIAM_DOC_SO",),
    deputy: tuple[str, ...] = ("PHO_GIAM_DOC_SO",),
    division_staff: float = 6.0,
) -> UnitPlan:
    """A provincial department (sở or equivalent) with its office, inspectorate, divisions and units."""
    children = (
        prov_division("Văn phòng", staff=division_staff + 2),
        *(prov_division(d, staff=division_staff) for d in divisions),
        *(sub_department(d) for d in sub_departments),
        *services,
    )
    posts = (Post("head", head, 8), Post("deputy", deputy, 7, seats=deputies))
    return UnitPlan(name, short, K.DEPARTMENT, S, posts, 1.0, PROV_AGENCY_STAFF, children)


def party_agency(
    name: str,
    short: str,
    divisions: tuple[str, ...],
    *,
    head: tuple[str, ...],
    deputy: tuple[str, ...],
    deputies: int = 3,
) -> UnitPlan:
    """An advisory agency of the provincial party committee (ban, văn phòng, ủy ban kiểm tra)."""
    children = tuple(prov_division(d, sector=P, staff=6.0) for d in divisions)
    posts = (Post("head", head, 8), Post("deputy", deputy, 7, seats=deputies))
    return UnitPlan(name, short, K.PARTY_AGENCY, P, posts, 1.0, PROV_AGENCY_STAFF, children, profile="party")


def mass_org(name: str, short: str, divisions: tuple[str, ...], *, deputies: int = 2) -> UnitPlan:
    """A provincial socio-political organisation (Tỉnh đoàn, Hội…)."""
    children = tuple(prov_division(d, sector=F, staff=4.0) for d in divisions)
    posts = (
        Post("head", ("TRUONG_DOAN_THE_TINH",), 8),
        Post("deputy", ("PHO_DOAN_THE_TINH",), 7, seats=deputies),
    )
    return UnitPlan(name, short, K.MASS_ORGANISATION, F, posts, 1.0, PROV_AGENCY_STAFF, children)


HOSPITAL_WARDS = (
    "Khoa Khám bệnh",
    "Khoa Hồi sức tích cực - Chống độc",
    "Khoa Nội tổng hợp",
    "Khoa Ngoại tổng hợp",
    "Khoa Nhi",
    "Khoa Sản",
    "Khoa Truyền nhiễm",
    "Khoa Chẩn đoán hình ảnh",
    "Khoa Xét nghiệm",
    "Khoa Dược",
    "Phòng Kế hoạch tổng hợp",
    "Phòng Tổ chức cán bộ",
)

PARTY_AGENCIES = (
    party_agency(
        "Văn phòng Tỉnh ủy",
        "VPTU",
        ("Phòng Tổng hợp", "Phòng Hành chính - Lưu trữ", "Phòng Tài chính - Quản trị", "Phòng Cơ yếu"),
        head=("CHANH_VAN_PHONG_TINH_UY",),
        deputy=("PHO_CHANH_VAN_PHONG_TINH_UY",),
    ),
    party_agency(
        "Ban Tổ chức Tỉnh ủy",
        "BTCTU",
        (
            "Phòng Tổ chức đảng - đảng viên",
            "Phòng Cán bộ",
            "Phòng Bảo vệ chính trị nội bộ",
            "Phòng Địa phương",
            "Văn phòng Ban",
        ),
        head=("TRUONG_BAN_TINH_UY",),
        deputy=("PHO_TRUONG_BAN_TINH_UY",),
    ),
    party_agency(
        "Ủy ban Kiểm tra Tỉnh ủy",
        "UBKTTU",
        ("Phòng Kiểm tra số 1", "Phòng Kiểm tra số 2", "Phòng Kiểm tra số 3", "Văn phòng Ủy ban"),
        head=("CHU_NHIEM_UBKT_TINH_UY",),
        deputy=("PHO_CHU_NHIEM_UBKT_TINH_UY",),
    ),
    party_agency(
        "Ban Tuyên giáo Tỉnh ủy",
        "BTGTU",
        ("Phòng Tuyên truyền", "Phòng Lý luận chính trị - Lịch sử Đảng", "Phòng Khoa giáo", "Văn phòng Ban"),
        head=("TRUONG_BAN_TINH_UY",),
        deputy=("PHO_TRUONG_BAN_TINH_UY",),
    ),
    party_agency(
        "Ban Dân vận Tỉnh ủy",
        "BDVTU",
        ("Phòng Dân vận chính quyền - đoàn thể", "Phòng Dân tộc - Tôn giáo", "Văn phòng Ban"),
        head=("TRUONG_BAN_TINH_UY",),
        deputy=("PHO_TRUONG_BAN_TINH_UY",),
        deputies=2,
    ),
    party_agency(
        "Ban Nội chính Tỉnh ủy",
        "BNCTU",
        ("Phòng Nội chính", "Phòng Phòng, chống tham nhũng", "Văn phòng Ban"),
        head=("TRUONG_BAN_TINH_UY",),
        deputy=("PHO_TRUONG_BAN_TINH_UY",),
        deputies=2,
    ),
    party_agency(
        "Đảng ủy Khối các cơ quan tỉnh",
        "ĐUK",
        ("Ban Tổ chức", "Ban Tuyên giáo", "Văn phòng"),
        head=("BI_THU_DANG_UY_KHOI", "TRUONG_BAN_TINH_UY"),
        deputy=("PHO_BI_THU_DANG_UY_KHOI", "PHO_TRUONG_BAN_TINH_UY"),
        deputies=2,
    ),
    prov_service_unit(
        "Trường Chính trị tỉnh",
        "TCT",
        (
            "Khoa Xây dựng Đảng",
            "Khoa Lý luận cơ sở",
            "Khoa Nhà nước và pháp luật",
            "Phòng Tổ chức - Hành chính",
            "Phòng Quản lý đào tạo",
        ),
        sector=P,
        staff=40.0,
        deputies=2,
    ),
    prov_service_unit(
        "Báo Lào Cai",
        "BLC",
        ("Phòng Thư ký tòa soạn", "Phòng Phóng viên", "Phòng Báo điện tử", "Phòng Hành chính - Trị sự"),
        sector=P,
        staff=60.0,
        deputies=2,
    ),
)

DEPARTMENTS = (
    department(
        "Sở Nội vụ",
        "SNV",
        (
            "Thanh tra Sở",
            "Phòng Tổ chức - Biên chế",
            "Phòng Công chức - Viên chức",
            "Phòng Xây dựng chính quyền và Công tác thanh niên",
        ),
        sub_departments=("Ban Thi đua - Khen thưởng", "Ban Tôn giáo", "Chi cục Văn thư - Lưu trữ"),
    ),
    department(
        "Sở Tài chính",
        "STC",
        (
            "Thanh tra Sở",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính hành chính sự nghiệp",
            "Phòng Tài chính đầu tư",
            "Phòng Quản lý giá và công sản",
        ),
    ),
    department(
        "Sở Kế hoạch và Đầu tư",
        "SKHĐT",
        (
            "Thanh tra Sở",
            "Phòng Tổng hợp - Quy hoạch",
            "Phòng Kinh tế ngành",
            "Phòng Đăng ký kinh doanh",
            "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư",
        ),
        services=(dept_service_unit("Trung tâm Xúc tiến đầu tư", staff=15),),
    ),
    department(
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        (
            "Thanh tra Sở",
            "Phòng Giáo dục Trung học",
            "Phòng Giáo dục Mầm non - Tiểu học",
            "Phòng Giáo dục chuyên nghiệp - Thường xuyên",
            "Phòng Tổ chức cán bộ",
            "Phòng Khảo thí - Kiểm định",
        ),
        deputies=4,
    ),
    department(
        "Sở Y tế",
        "SYT",
        (
            "Thanh tra Sở",
            "Phòng Nghiệp vụ Y",
            "Phòng Nghiệp vụ Dược",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Tổ chức cán bộ",
        ),
        sub_departments=("Chi cục Dân số - Kế hoạch hóa gia đình", "Chi cục An toàn vệ sinh thực phẩm"),
        services=(
            dept_service_unit(
                "Bệnh viện Đa khoa tỉnh", staff=650, deputies=3, profile="health", divisions=HOSPITAL_WARDS
            ),
            dept_service_unit(
                "Bệnh viện Sản Nhi", staff=380, deputies=3, profile="health", divisions=HOSPITAL_WARDS[:8]
            ),
            dept_service_unit(
                "Bệnh viện Đa khoa số 2",
                staff=220,
                deputies=2,
                profile="health",
                divisions=HOSPITAL_WARDS[:6],
            ),
            dept_service_unit(
                "Bệnh viện Y dược cổ truyền",
                staff=150,
                deputies=2,
                profile="health",
                divisions=HOSPITAL_WARDS[:4],
            ),
            dept_service_unit(
                "Bệnh viện Nội tiết", staff=110, deputies=2, profile="health", divisions=HOSPITAL_WARDS[:4]
            ),
            dept_service_unit(
                "Bệnh viện Phục hồi chức năng",
                staff=90,
                deputies=2,
                profile="health",
                divisions=HOSPITAL_WARDS[:3],
            ),
            dept_service_unit(
                "Trung tâm Kiểm soát bệnh tật",
                staff=160,
                deputies=3,
                profile="health",
                divisions=(
                    "Khoa Phòng, chống bệnh truyền nhiễm",
                    "Khoa Dinh dưỡng",
                    "Khoa Sức khỏe môi trường",
                    "Khoa Xét nghiệm",
                    "Phòng Kế hoạch - Nghiệp vụ",
                ),
            ),
            dept_service_unit("Trung tâm Pháp y", staff=20, deputies=1, profile="health"),
            dept_service_unit("Trung tâm Kiểm nghiệm", staff=25, deputies=1, profile="health"),
        ),
        deputies=4,
    ),
    department(
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN",
        ("Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"),
        sub_departments=(
            "Chi cục Kiểm lâm",
            "Chi cục Thủy lợi",
            "Chi cục Trồng trọt và Bảo vệ thực vật",
            "Chi cục Chăn nuôi và Thú y",
            "Chi cục Phát triển nông thôn",
        ),
        services=(
            dept_service_unit("Trung tâm Dịch vụ nông nghiệp", staff=60),
            dept_service_unit("Ban Quản lý rừng phòng hộ", staff=40),
        ),
        deputies=4,
    ),
    department(
        "Sở Tài nguyên và Môi trường",
        "STNMT",
        (
            "Thanh tra Sở",
            "Phòng Quản lý đất đai",
            "Phòng Tài nguyên nước - Khoáng sản",
            "Phòng Biến đổi khí hậu",
        ),
        sub_departments=("Chi cục Bảo vệ môi trường",),
        services=(
            dept_service_unit("Văn phòng Đăng ký đất đai", staff=90),
            dept_service_unit("Trung tâm Quan trắc tài nguyên và môi trường", staff=20),
        ),
    ),
    department(
        "Sở Xây dựng",
        "SXD",
        (
            "Thanh tra Sở",
            "Phòng Quy hoạch - Kiến trúc",
            "Phòng Quản lý xây dựng",
            "Phòng Phát triển đô thị và Nhà ở",
        ),
        services=(dept_service_unit("Trung tâm Kiểm định chất lượng xây dựng", staff=20),),
    ),
    department(
        "Sở Giao thông vận tải",
        "SGTVT",
        (
            "Thanh tra Sở",
            "Phòng Quản lý kết cấu hạ tầng giao thông",
            "Phòng Quản lý vận tải, phương tiện và người lái",
        ),
        services=(dept_service_unit("Ban Quản lý bảo trì đường bộ", staff=30),),
    ),
    department(
        "Sở Công Thương",
        "SCT",
        ("Thanh tra Sở", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng"),
        services=(dept_service_unit("Trung tâm Khuyến công và Xúc tiến thương mại", staff=20),),
    ),
    department(
        "Sở Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        (
            "Thanh tra Sở",
            "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp",
            "Phòng Người có công",
            "Phòng Bảo trợ xã hội - Trẻ em",
        ),
        services=(
            dept_service_unit("Trung tâm Bảo trợ xã hội", staff=35),
            dept_service_unit("Trung tâm Dịch vụ việc làm", staff=25),
        ),
    ),
    department(
        "Sở Văn hóa và Thể thao",
        "SVHTT",
        (
            "Thanh tra Sở",
            "Phòng Quản lý văn hóa",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Xây dựng nếp sống văn hóa và gia đình",
        ),
        services=(
            dept_service_unit("Bảo tàng tỉnh", staff=25),
            dept_service_unit("Thư viện tỉnh", staff=20),
            dept_service_unit("Trung tâm Văn hóa - Điện ảnh", staff=30),
        ),
    ),
    department(
        "Sở Du lịch",
        "SDL",
        ("Thanh tra Sở", "Phòng Quản lý du lịch", "Phòng Phát triển du lịch"),
        services=(dept_service_unit("Trung tâm Thông tin và Xúc tiến du lịch", staff=20),),
        deputies=2,
    ),
    department(
        "Sở Thông tin và Truyền thông",
        "STTTT",
        ("Thanh tra Sở", "Phòng Báo chí - Xuất bản", "Phòng Bưu chính - Viễn thông - Công nghệ thông tin"),
        services=(dept_service_unit("Trung tâm Công nghệ thông tin và Truyền thông", staff=25),),
        deputies=2,
    ),
    department(
        "Sở Khoa học và Công nghệ",
        "SKHCN",
        ("Thanh tra Sở", "Phòng Quản lý khoa học", "Phòng Quản lý công nghệ và Sở hữu trí tuệ"),
        sub_departments=("Chi cục Tiêu chuẩn - Đo lường - Chất lượng",),
        services=(dept_service_unit("Trung tâm Ứng dụng và Thống kê khoa học và công nghệ", staff=20),),
        deputies=2,
    ),
    department(
        "Sở Tư pháp",
        "STP",
        (
            "Thanh tra Sở",
            "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
        ),
        services=(
            dept_service_unit("Trung tâm Trợ giúp pháp lý nhà nước", staff=15),
            dept_service_unit("Phòng Công chứng số 1", staff=8, deputies=1),
        ),
    ),
    department(
        "Sở Ngoại vụ", "SNgV", ("Phòng Lãnh sự và Quản lý biên giới", "Phòng Hợp tác quốc tế"), deputies=2
    ),
    department(
        "Ban Dân tộc tỉnh",
        "BDT",
        ("Thanh tra Ban", "Phòng Chính sách dân tộc", "Phòng Kế hoạch - Tổng hợp"),
        head=("TRUONG_BAN_DAN_TOC_TINH", "GIAM_DOC_SO"),
        deputy=("PHO_TRUONG_BAN_DAN_TOC_TINH", "PHO_GIAM_DOC_SO"),
        deputies=2,
    ),
    department(
        "Thanh tra tỉnh",
        "TTT",
        ("Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Phòng, chống tham nhũng"),
        head=("CHANH_THANH_TRA_TINH",),
        deputy=("PHO_CHANH_THANH_TRA_TINH",),
    ),
    department(
        "Văn phòng Ủy ban nhân dân tỉnh",
        "VPUBND",
        (
            "Phòng Tổng hợp",
            "Phòng Kinh tế",
            "Phòng Khoa giáo - Văn xã",
            "Phòng Nội chính - Pháp chế",
            "Phòng Hành chính - Tổ chức",
            "Phòng Quản trị - Tài vụ",
        ),
        services=(
            dept_service_unit("Trung tâm Phục vụ hành chính công tỉnh", staff=20),
            dept_service_unit("Cổng Thông tin điện tử tỉnh", staff=12, deputies=1),
        ),
        head=("CHANH_VAN_PHONG_UBND_TINH",),
        deputy=("PHO_CHANH_VAN_PHONG_UBND_TINH",),
        deputies=4,
    ),
)

PROVINCIAL_SERVICE_UNITS = (
    prov_service_unit(
        "Đài Phát thanh và Truyền hình tỉnh",
        "PTTH",
        ("Phòng Thời sự", "Phòng Chuyên đề", "Phòng Kỹ thuật - Công nghệ", "Phòng Hành chính - Tổng hợp"),
        staff=90.0,
    ),
    prov_service_unit(
        "Trường Cao đẳng Lào Cai",
        "CĐLC",
        (
            "Khoa Kỹ thuật - Công nghệ",
            "Khoa Nông lâm",
            "Khoa Y dược",
            "Khoa Văn hóa - Du lịch",
            "Phòng Đào tạo",
            "Phòng Tổ chức - Hành chính",
        ),
        staff=180.0,
    ),
    prov_service_unit(
        "Ban Quản lý dự án đầu tư xây dựng tỉnh",
        "BQLDA",
        ("Phòng Kế hoạch - Tổng hợp", "Phòng Kỹ thuật", "Phòng Tài chính - Kế toán"),
        staff=45.0,
        deputies=2,
    ),
    prov_service_unit(
        "Ban Quản lý Khu kinh tế tỉnh",
        "BQLKKT",
        ("Phòng Quản lý đầu tư", "Phòng Quản lý quy hoạch - xây dựng", "Văn phòng Ban"),
        staff=40.0,
        deputies=2,
    ),
)

FRONT_DIVISIONS = ("Ban Dân chủ - Pháp luật", "Ban Tuyên giáo", "Ban Phong trào", "Văn phòng")
MASS_ORGS = (
    mass_org("Tỉnh đoàn", "TĐ", ("Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Phong trào"), deputies=3),
    mass_org(
        "Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", ("Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Gia đình - Xã hội")
    ),
    mass_org("Hội Nông dân tỉnh", "HND", ("Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Kinh tế - Xã hội")),
    mass_org("Hội Cựu chiến binh tỉnh", "HCCB", ("Văn phòng", "Ban Tổ chức - Chính sách")),
    mass_org(
        "Liên đoàn Lao động tỉnh",
        "LĐLĐ",
        ("Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Chính sách - Pháp luật"),
    ),
)


def vertical_agency(name: str, short: str, head: str, deputy: str, deputies: int) -> UnitPlan:
    """A provincial branch of a central agency (ngành dọc): its head and deputies sit on the province's
    list of cadres managed by the Standing Committee; its staff are not the province's and are left out."""
    posts = (Post("head", (head,), 8), Post("deputy", (deputy,), 7, seats=deputies))
    return UnitPlan(name, short, K.DEPARTMENT, S, posts)


VERTICAL_AGENCIES = (
    vertical_agency("Công an tỉnh", "CA", "GIAM_DOC_CONG_AN_TINH", "PHO_GIAM_DOC_CONG_AN_TINH", 4),
    vertical_agency(
        "Bộ Chỉ huy Quân sự tỉnh", "BCHQS", "CHI_HUY_TRUONG_BCHQS_TINH", "PHO_CHI_HUY_TRUONG_BCHQS_TINH", 3
    ),
    vertical_agency(
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "BĐBP",
        "CHI_HUY_TRUONG_BDBP_TINH",
        "PHO_CHI_HUY_TRUONG_BDBP_TINH",
        3,
    ),
    vertical_agency("Tòa án nhân dân tỉnh", "TAND", "CHANH_AN_TAND_TINH", "PHO_CHANH_AN_TAND_TINH", 2),
    vertical_agency(
        "Viện kiểm sát nhân dân tỉnh", "VKSND", "VIEN_TRUONG_VKSND_TINH", "PHO_VIEN_TRUONG_VKSND_TINH", 2
    ),
    vertical_agency("Cục Thuế tỉnh", "CT", "CUC_TRUONG_CUC_THUE_TINH", "PHO_CUC_TRUONG_CUC_THUE_TINH", 3),
    vertical_agency("Kho bạc Nhà nước tỉnh", "KBNN", "GIAM_DOC_KHO_BAC_TINH", "PHO_GIAM_DOC_KHO_BAC_TINH", 2),
    vertical_agency("Bảo hiểm xã hội tỉnh", "BHXH", "GIAM_DOC_BHXH_TINH", "PHO_GIAM_DOC_BHXH_TINH", 2),
    vertical_agency(
        "Cục Thống kê tỉnh", "CTK", "CUC_TRUONG_THONG_KE_TINH", "PHO_CUC_TRUONG_THONG_KE_TINH", 2
    ),
    vertical_agency(
        "Ngân hàng Nhà nước Việt Nam, Chi nhánh tỉnh",
        "NHNN",
        "GIAM_DOC_NHNN_TINH",
        "PHO_GIAM_DOC_NHNN_TINH",
        2,
    ),
    vertical_agency(
        "Cục Hải quan tỉnh", "CHQ", "CUC_TRUONG_HAI_QUAN_TINH", "PHO_CUC_TRUONG_HAI_QUAN_TINH", 2
    ),
)
# Public service centres a department may run (trung tâm thuộc sở); tuning adds them where a seed counts
# more heads of units than the blueprint has.
DEPARTMENT_CENTRES = (
    "Trung tâm Dịch vụ",
    "Trung tâm Kỹ thuật",
    "Trung tâm Thông tin",
    "Trung tâm Tư vấn",
    "Trung tâm Đào tạo, bồi dưỡng",
    "Trung tâm Kiểm định",
)
COUNCIL_COMMITTEES = ("Ban Pháp chế", "Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội", "Ban Dân tộc")

# A high school per this many communes, spread over the districts (LC has about 30 upper-secondary schools).
HIGH_SCHOOLS_PER_DISTRICT = 3
HIGH_SCHOOL_STAFF = 62.0
HIGH_SCHOOL_POSTS = (
    Post("head", ("HIEU_TRUONG_TINH", "THU_TRUONG_DVSN_THUOC_SO", "TRUONG_PHONG_TINH"), 5),
    Post(
        "deputy",
        ("PHO_HIEU_TRUONG_TINH", "PHO_THU_TRUONG_DVSN_THUOC_SO", "PHO_TRUONG_PHONG_TINH"),
        4,
        seats=2,
    ),
)

# District level.
AgencyRow = tuple[str, tuple[str, ...], tuple[str, ...], int, float]
"""(name, head title codes, deputy title codes, deputies, staff weight)."""

DISTRICT_PARTY_AGENCIES: tuple[AgencyRow, ...] = (
    (
        "Văn phòng Huyện ủy",
        ("CHANH_VAN_PHONG_HUYEN_UY",),
        ("PHO_CHANH_VAN_PHONG_HUYEN_UY", "PHO_TRUONG_BAN_HUYEN_UY"),
        1,
        7,
    ),
    ("Ban Tổ chức Huyện ủy", ("TRUONG_BAN_HUYEN_UY",), ("PHO_TRUONG_BAN_HUYEN_UY",), 2, 5),
    (
        "Ủy ban Kiểm tra Huyện ủy",
        ("CHU_NHIEM_UBKT_HUYEN_UY",),
        ("PHO_CHU_NHIEM_UBKT_HUYEN_UY", "PHO_TRUONG_BAN_HUYEN_UY"),
        2,
        4,
    ),
    ("Ban Tuyên giáo Huyện ủy", ("TRUONG_BAN_HUYEN_UY",), ("PHO_TRUONG_BAN_HUYEN_UY",), 1, 4),
    ("Ban Dân vận Huyện ủy", ("TRUONG_BAN_HUYEN_UY",), ("PHO_TRUONG_BAN_HUYEN_UY",), 1, 3),
)
DISTRICT_DIVISIONS: tuple[AgencyRow, ...] = (
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        ("CHANH_VAN_PHONG_HDND_UBND_HUYEN",),
        ("PHO_CHANH_VAN_PHONG_HDND_UBND_HUYEN", "PHO_TRUONG_PHONG_HUYEN"),
        2,
        14,
    ),
    ("Phòng Nội vụ", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 6),
    ("Phòng Tư pháp", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 1, 3),
    ("Phòng Tài chính - Kế hoạch", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 7),
    ("Phòng Tài nguyên và Môi trường", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 6),
    ("Phòng Lao động - Thương binh và Xã hội", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 6),
    ("Phòng Văn hóa và Thông tin", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 1, 4),
    ("Phòng Giáo dục và Đào tạo", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 8),
    ("Phòng Y tế", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 1, 2),
    (
        "Thanh tra huyện",
        ("CHANH_THANH_TRA_HUYEN", "TRUONG_PHONG_HUYEN"),
        ("PHO_CHANH_THANH_TRA_HUYEN", "PHO_TRUONG_PHONG_HUYEN"),
        1,
        4,
    ),
    ("Phòng Nông nghiệp và Phát triển nông thôn", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 7),
    ("Phòng Kinh tế và Hạ tầng", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 2, 6),
    ("Phòng Dân tộc", ("TRUONG_PHONG_HUYEN",), ("PHO_TRUONG_PHONG_HUYEN",), 1, 3),
)
# Towns and cities have an economy division and an urban-management division instead of the rural pair.
URBAN_DIVISION_NAMES = {
    "Phòng Nông nghiệp và Phát triển nông thôn": "Phòng Kinh tế",
    "Phòng Kinh tế và Hạ tầng": "Phòng Quản lý đô thị",
}
DISTRICT_SERVICE_UNITS: tuple[tuple[str, str, float, int, str], ...] = (
    ("Trung tâm Chính trị", P, 6.0, 1, "party"),
    ("Trung tâm Y tế", PS, 190.0, 3, "health"),
    ("Trung tâm Văn hóa, Thể thao và Truyền thông", PS, 18.0, 1, "service"),
    ("Trung tâm Dịch vụ nông nghiệp", PS, 16.0, 1, "service"),
    ("Ban Quản lý dự án đầu tư xây dựng", PS, 14.0, 1, "service"),
    ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", PS, 22.0, 1, "school"),
)
DISTRICT_HEALTH_WARDS = (
    "Khoa Khám bệnh",
    "Khoa Nội - Nhi - Lây",
    "Khoa Ngoại - Sản",
    "Khoa Hồi sức cấp cứu",
    "Khoa Kiểm soát bệnh tật",
    "Khoa Dược - Xét nghiệm",
)
DISTRICT_WARD_HEAD = ("TRUONG_KHOA_HUYEN", "TRUONG_PHONG_HUYEN")
DISTRICT_WARD_DEPUTY = ("PHO_TRUONG_KHOA_HUYEN", "PHO_TRUONG_PHONG_HUYEN")
DISTRICT_SERVICE_HEAD = ("THU_TRUONG_DVSN_HUYEN", "TRUONG_PHONG_HUYEN")
DISTRICT_SERVICE_DEPUTY = ("PHO_THU_TRUONG_DVSN_HUYEN", "PHO_TRUONG_PHONG_HUYEN")
DISTRICT_MASS_ORGS = (
    "Huyện đoàn",
    "Hội Liên hiệp Phụ nữ huyện",
    "Hội Nông dân huyện",
    "Hội Cựu chiến binh huyện",
    "Liên đoàn Lao động huyện",
)
# Schools run by a district, per commune: (name prefix, staff weight, deputies, share of communes that have it).
COMMUNE_SCHOOLS: tuple[tuple[str, float, int, float], ...] = (
    ("Trường Mầm non", 24.0, 1, 1.0),
    ("Trường Tiểu học", 30.0, 1, 0.95),
    ("Trường Trung học cơ sở", 28.0, 1, 0.85),
)
SCHOOL_HEAD = ("HIEU_TRUONG_HUYEN", "THU_TRUONG_DVSN_HUYEN", "TRUONG_PHONG_HUYEN")
SCHOOL_DEPUTY = ("PHO_HIEU_TRUONG_HUYEN", "PHO_THU_TRUONG_DVSN_HUYEN", "PHO_TRUONG_PHONG_HUYEN")
NEW_SCHOOL_HEAD = ("HIEU_TRUONG_XA", "THU_TRUONG_DVSN_XA", "TRUONG_PHONG_XA")
NEW_SCHOOL_DEPUTY = ("PHO_HIEU_TRUONG_XA", "PHO_THU_TRUONG_DVSN_XA", "PHO_TRUONG_PHONG_XA")

# Commune level before 01/07/2025. Pre-reform commune posts were managed by the district Standing
# Committee; the *_TRUOC_2025 codes name such variants if the catalogue gains them.
OLD_COMMUNE_PARTY = (
    Post("secretary", ("BI_THU_DANG_UY_XA_TRUOC_2025", "BI_THU_DANG_UY_XA"), 4),
    Post("deputy_secretary", ("PHO_BI_THU_DANG_UY_XA_TRUOC_2025", "PHO_BI_THU_DANG_UY_XA"), 3),
)
OLD_COMMUNE_COUNCIL = (
    Post(
        "chair",
        ("CHU_TICH_HDND_XA_TRUOC_2025", "CHU_TICH_HDND_XA"),
        3,
        held_with="secretary",
        held_with_share=0.6,
    ),
    Post("vice_chair", ("PHO_CHU_TICH_HDND_XA_TRUOC_2025", "PHO_CHU_TICH_HDND_XA"), 2),
)
OLD_COMMUNE_COMMITTEE = (
    Post("chair", ("CHU_TICH_UBND_XA_TRUOC_2025", "CHU_TICH_UBND_XA"), 4),
    Post("vice_chair", ("PHO_CHU_TICH_UBND_XA_TRUOC_2025", "PHO_CHU_TICH_UBND_XA"), 3, seats=2),
    Post("military", ("CHI_HUY_TRUONG_QS_XA",), 1),
)
OLD_COMMUNE_FRONT = (
    Post("chair", ("CHU_TICH_UBMTTQ_XA",), 2),
    Post("youth", ("BI_THU_DOAN_XA",), 2),
    Post("women", ("CHU_TICH_HOI_PHU_NU_XA",), 2),
    Post("farmers", ("CHU_TICH_HOI_NONG_DAN_XA",), 2),
    Post("veterans", ("CHU_TICH_HOI_CCB_XA",), 2),
)
COMMUNE_STAFF_PER_COMMUNE = 27.0
"""Staff of a commune (cadres and civil servants) before 2025: 4.111 in the seed over its communes."""

# New communes from 01/07/2025.
NEW_COMMUNE_PARTY = (
    Post("secretary", ("BI_THU_DANG_UY_XA",), 5),
    Post("deputy_secretary", ("PHO_BI_THU_DANG_UY_XA",), 4, seats=2),
)
NEW_COMMUNE_COUNCIL = (
    Post("chair", ("CHU_TICH_HDND_XA",), 4, held_with="secretary", held_with_share=0.5),
    Post("vice_chair", ("PHO_CHU_TICH_HDND_XA",), 3),
)
NEW_COMMUNE_COMMITTEE = (
    Post("chair", ("CHU_TICH_UBND_XA",), 4),
    Post("vice_chair", ("PHO_CHU_TICH_UBND_XA",), 3, seats=2),
    Post("military", ("CHI_HUY_TRUONG_QS_XA",), 1),
)
NEW_COMMUNE_FRONT = (
    Post("chair", ("CHU_TICH_UBMTTQ_XA",), 3),
    Post("youth", ("BI_THU_DOAN_XA",), 2),
    Post("women", ("CHU_TICH_HOI_PHU_NU_XA",), 2),
    Post("farmers", ("CHU_TICH_HOI_NONG_DAN_XA",), 2),
    Post("veterans", ("CHU_TICH_HOI_CCB_XA",), 2),
)
NEW_COMMUNE_DIVISIONS = (
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
)
NEW_WARD_DIVISIONS = (
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa - Xã hội",
)
NEW_COMMUNE_STAFF_TARGET = 60
"""Civil servants a new commune keeps; surplus staff from the merger leave through retirement."""
