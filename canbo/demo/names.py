"""Vietnamese personal names for the demo, in Vietnamese order (family, middle, given), from a seeded Faker.

Faker's ``vi_VN`` person provider gives ten unweighted family names, a few dozen given names and one
middle-name list shared by both sexes (so "Thị" can land on a man), and its ``name()`` puts the given
name first. The provider below keeps Faker's lists, adds the weights and the names a highland province
needs (Tày, Mông, Dao, Giáy, Nùng, Hà Nhì, Phù Lá, Thái, La Chí, Bố Y), and splits middle names by sex.
"""

from __future__ import annotations

from collections import OrderedDict

from faker import Faker
from faker.providers.person.vi_VN import Provider as VietnameseNames

# Family names of the Kinh majority with their approximate national shares (per cent).
KINH_FAMILY = OrderedDict(
    [
        ("Nguyễn", 31.5),
        ("Trần", 10.9),
        ("Lê", 9.5),
        ("Phạm", 7.0),
        ("Hoàng", 5.1),
        ("Vũ", 3.9),
        ("Phan", 3.0),
        ("Đặng", 2.1),
        ("Bùi", 2.0),
        ("Đỗ", 1.4),
        ("Ngô", 1.3),
        ("Dương", 1.0),
        ("Đinh", 1.0),
        ("Hà", 1.0),
        ("Trịnh", 0.8),
        ("Lương", 0.7),
        ("Đào", 0.7),
        ("Mai", 0.6),
        ("Vương", 0.5),
        ("Đoàn", 0.5),
        ("Cao", 0.5),
        ("Lưu", 0.4),
        ("Tạ", 0.4),
        ("Triệu", 0.3),
        ("Chu", 0.3),
        ("Lý", 0.3),
        ("Kiều", 0.2),
        ("Quách", 0.2),
        ("Tô", 0.2),
        ("Khúc", 0.1),
    ]
)
KINH_MIDDLE_MALE = OrderedDict(
    [
        ("Văn", 30),
        ("Đức", 10),
        ("Quang", 8),
        ("Minh", 8),
        ("Xuân", 6),
        ("Hữu", 6),
        ("Thanh", 6),
        ("Mạnh", 4),
        ("Tiến", 4),
        ("Ngọc", 4),
        ("Trung", 3),
        ("Công", 3),
        ("Thế", 3),
        ("Hoàng", 3),
        ("Việt", 2),
        ("Anh", 2),
        ("Hải", 2),
        ("Bá", 2),
    ]
)
KINH_MIDDLE_FEMALE = OrderedDict(
    [
        ("Thị", 55),
        ("Thu", 7),
        ("Thanh", 6),
        ("Ngọc", 5),
        ("Minh", 4),
        ("Hồng", 4),
        ("Phương", 3),
        ("Kim", 3),
        ("Hải", 2),
        ("Mai", 2),
        ("Thùy", 3),
        ("Bích", 2),
        ("Lan", 2),
        ("Diệu", 2),
    ]
)
EXTRA_GIVEN_MALE = (
    "Cường",
    "Thắng",
    "Hùng",
    "Tuấn",
    "Long",
    "Sơn",
    "Hiếu",
    "Đạt",
    "Kiên",
    "Thịnh",
    "Toàn",
    "Tâm",
    "Hiệp",
    "Lợi",
    "Chiến",
    "Khánh",
    "Hòa",
    "Bình",
    "Định",
    "Vinh",
    "Thái",
    "Tiến",
    "Hậu",
    "Công",
    "Đông",
    "Giang",
    "Hưởng",
    "Lâm",
    "Nghĩa",
    "Phong",
    "Quân",
    "Sang",
    "Thuận",
    "Trường",
    "Tùng",
    "Việt",
)
EXTRA_GIVEN_FEMALE = (
    "Hằng",
    "Nga",
    "Huyền",
    "Thủy",
    "Trang",
    "Hoa",
    "Loan",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thơ",
    "Thúy",
    "Tuyết",
    "Uyên",
    "Hiền",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Liên",
    "Minh",
    "Ngân",
    "Nhàn",
    "Sen",
    "Thắm",
    "Thoa",
    "Trinh",
    "Vân",
    "Yến",
    "Hường",
    "Lụa",
    "Mơ",
    "Tươi",
)

# Names of the minority groups of the Lào Cai highlands: family names, middle names by sex, given names.
MINORITY_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "tay": {
        "family": ("Hoàng", "Nông", "Lục", "Ma", "Hà", "Lương", "Đinh", "Bế", "Lộc", "Vi", "Triệu", "Nguyễn"),
        "middle_m": ("Văn", "Đức", "Minh", "Quang", "Văn"),
        "middle_f": ("Thị", "Thị", "Thu", "Thanh"),
        "given_m": ("Thuận", "Sinh", "Thành", "Tuyên", "Hưng", "Khánh", "Lượng", "Mạnh", "Chiến", "Quyết"),
        "given_f": ("Hoa", "Nguyệt", "Thơm", "Hiền", "Lan", "Vân", "Dung", "Thắm", "Xuân", "Duyên"),
    },
    "mong": {
        "family": ("Giàng", "Sùng", "Vàng", "Lý", "Thào", "Hầu", "Sình", "Lầu", "Mua", "Cư", "Vừ", "Má"),
        "middle_m": ("A", "Seo", "Văn", "Mí", "A", "Seo"),
        "middle_f": ("Thị", "Thị", "Thị", "Mỷ"),
        "given_m": (
            "Chứ",
            "Dính",
            "Sử",
            "Pao",
            "Sính",
            "Lử",
            "Páo",
            "Dế",
            "Chá",
            "Chúng",
            "Tủa",
            "Phử",
            "Quáng",
        ),
        "given_f": ("Mỷ", "Sua", "Dung", "Ly", "Chở", "Pàng", "Dính", "Lan", "Súa", "Mai", "Sinh"),
    },
    "dao": {
        "family": ("Triệu", "Bàn", "Lý", "Đặng", "Chảo", "Tẩn", "Phùn", "Lò", "Bàn", "Triệu"),
        "middle_m": ("Văn", "Láo", "Văn", "Tài", "Kim"),
        "middle_f": ("Thị", "Thị", "Mùi"),
        "given_m": ("Lở", "Phin", "Chòi", "San", "Chạn", "Kiều", "Sinh", "Vần", "Quẩy", "Tả", "Phấu"),
        "given_f": ("Mẩy", "Phây", "Chài", "Thanh", "Kiều", "Mây", "Dua", "Lai", "Sinh"),
    },
    "giay": {
        "family": ("Lù", "Vương", "Lồ", "Hoàng", "Sần", "Lò", "Lương"),
        "middle_m": ("Văn", "Văn", "Đình"),
        "middle_f": ("Thị", "Thị"),
        "given_m": ("Pao", "Chiến", "Sình", "Vàng", "Phong", "Tằng", "Dũng"),
        "given_f": ("Pha", "Dính", "Xuân", "Hoa", "Mai", "Sen"),
    },
    "nung": {
        "family": ("Nông", "Hoàng", "Vi", "Lương", "Chu", "Mã", "Sần", "Lý"),
        "middle_m": ("Văn", "Văn", "Minh"),
        "middle_f": ("Thị", "Thị"),
        "given_m": ("Cường", "Hải", "Hùng", "Sáng", "Thái", "Vượng", "Lâm"),
        "given_f": ("Lan", "Hoa", "Duyên", "Huệ", "Thu", "Nhung"),
    },
    "hanhi": {
        "family": ("Chu", "Ly", "Phu", "Lỳ", "Pờ", "Sừ", "Hầu", "Lò", "Ma", "Vù"),
        "middle_m": ("Văn", "Mí", "Xá", "Văn"),
        "middle_f": ("Thị", "Thị", "Mé"),
        "given_m": ("Pù", "Ha", "Chờ", "Xe", "Cà", "Phạ", "Lù"),
        "given_f": ("Xá", "Me", "Pa", "Giờ", "Lụ", "Hoa"),
    },
    "thai": {
        "family": ("Lò", "Lường", "Cầm", "Hà", "Điêu", "Quàng", "Tòng", "Lù", "Vì"),
        "middle_m": ("Văn", "Văn", "Xuân"),
        "middle_f": ("Thị", "Thị"),
        "given_m": ("Pâng", "Thoan", "Chăn", "Ngoan", "Khánh", "Ánh", "Tính"),
        "given_f": ("Ngân", "Tiên", "Xuân", "Biên", "Hương", "Mai"),
    },
    "other": {
        "family": ("Vương", "Pờ", "Lèng", "Lử", "Pống", "Sin", "Củi", "Vàng", "Lý", "Hoàng"),
        "middle_m": ("Văn", "Văn", "Seo"),
        "middle_f": ("Thị", "Thị"),
        "given_m": ("Nhìn", "Sáng", "Chiến", "Lình", "Páo", "Tình", "Khiêm"),
        "given_f": ("Dung", "Chi", "Xuân", "Liên", "Nga", "Mai"),
    },
}


class DemoNameProvider(VietnameseNames):
    """Faker's vi_VN names with weights, middle names by sex, and the province's minority names."""

    def family_name_kinh(self) -> str:
        """A Kinh family name drawn with national weights (Faker's own ten are among them)."""
        return str(self.random_element(KINH_FAMILY))

    def middle_name_male(self) -> str:
        """A middle name for a man (never "Thị")."""
        return str(self.random_element(KINH_MIDDLE_MALE))

    def middle_name_female(self) -> str:
        """A middle name for a woman ("Thị" about half the time)."""
        return str(self.random_element(KINH_MIDDLE_FEMALE))

    def given_name_male(self) -> str:
        """A man's given name from Faker's male and unisex lists and a longer local list."""
        pool = self.first_names_male + self.first_names_unisex + EXTRA_GIVEN_MALE
        return str(self.random_element(pool))

    def given_name_female(self) -> str:
        """A woman's given name from Faker's female and unisex lists and a longer local list."""
        pool = self.first_names_female + self.first_names_unisex + EXTRA_GIVEN_FEMALE
        return str(self.random_element(pool))


def make_faker(seed: int) -> Faker:
    """A vi_VN Faker with the demo provider, seeded on its own random generator (never the global one)."""
    fake = Faker("vi_VN")
    fake.add_provider(DemoNameProvider)
    fake.seed_instance(seed)
    return fake


def full_name(fake: Faker, *, female: bool, group: str) -> str:
    """A full name in Vietnamese order for a person of the given sex and name group ("kinh", "mong"…)."""
    if group == "kinh":
        family = fake.family_name_kinh()
        middle = fake.middle_name_female() if female else fake.middle_name_male()
        given = fake.given_name_female() if female else fake.given_name_male()
        if middle == given:
            middle = "Thị" if female else "Văn"
        return f"{family} {middle} {given}"
    names = MINORITY_NAMES.get(group, MINORITY_NAMES["other"])
    family = fake.random_element(names["family"])
    if female:
        middle = fake.random_element(names["middle_f"])
        # Educated cadres of every group often carry common Vietnamese given names.
        given = (
            fake.random_element(names["given_f"]) if fake.random.random() < 0.6 else fake.given_name_female()
        )
    else:
        middle = fake.random_element(names["middle_m"])
        given = (
            fake.random_element(names["given_m"]) if fake.random.random() < 0.6 else fake.given_name_male()
        )
    return f"{family} {middle} {given}"
