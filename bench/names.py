"""Vietnamese personal names, drawn as integer codes and turned into strings once per distinct name.

Two million people share a few tens of thousands of distinct names, so folding and sort keys
(canbo.core.text) are computed per distinct (family, middle, given) triple and broadcast back.
"""

from __future__ import annotations

import numpy as np

from canbo.core.text import fold, person_sort_key

# Family names with rough national frequencies (most common first).
FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 1.5),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 1.5),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đào", 0.6),
    ("Đinh", 0.6),
    ("Lương", 0.4),
    ("Trịnh", 0.5),
    ("Mai", 0.3),
    ("Cao", 0.3),
    ("Tạ", 0.2),
    ("Lưu", 0.2),
    ("Chu", 0.2),
    ("Hà", 0.4),
    ("Vương", 0.2),
]
# Family names common among ethnic minorities of the northern mountains and the Central Highlands.
MINORITY_FAMILY = [
    ("Hoàng", 3),
    ("Nông", 3),
    ("Lò", 2),
    ("Lường", 2),
    ("Quàng", 1.5),
    ("Giàng", 1.5),
    ("Sùng", 1.5),
    ("Vàng", 1.5),
    ("Thào", 1),
    ("Lục", 1),
    ("Triệu", 1),
    ("Bàn", 1),
    ("Hà", 2),
    ("Ma", 1),
    ("Đinh", 1),
    ("Y", 1),
    ("Ksor", 1),
    ("Rơ Mah", 0.7),
    ("Thạch", 1),
    ("Kim", 0.7),
    ("Sơn", 0.7),
    ("Lâm", 0.7),
]
MALE_MIDDLE = [
    ("Văn", 30),
    ("Đức", 6),
    ("Minh", 6),
    ("Hữu", 5),
    ("Quang", 5),
    ("Thanh", 4),
    ("Ngọc", 3),
    ("Xuân", 3),
    ("Công", 3),
    ("Đình", 4),
    ("Mạnh", 2),
    ("Tiến", 2),
    ("Trung", 2),
    ("Thế", 2),
    ("Anh", 2),
    ("Duy", 2),
    ("Việt", 1.5),
    ("Hoàng", 1.5),
    ("Tuấn", 1),
    ("A", 1.5),
]
FEMALE_MIDDLE = [
    ("Thị", 45),
    ("Thu", 4),
    ("Thanh", 4),
    ("Ngọc", 4),
    ("Minh", 3),
    ("Phương", 2),
    ("Hồng", 3),
    ("Thùy", 2),
    ("Kim", 2),
    ("Bích", 1.5),
    ("Mai", 1.5),
    ("Diệu", 1),
    ("Hải", 1),
    ("Quỳnh", 1),
]
MALE_GIVEN = [
    "Anh",
    "Bình",
    "Cường",
    "Chiến",
    "Dũng",
    "Đạt",
    "Đông",
    "Đức",
    "Giang",
    "Hải",
    "Hào",
    "Hiếu",
    "Hòa",
    "Hoàng",
    "Hùng",
    "Huy",
    "Hưng",
    "Khải",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Linh",
    "Lợi",
    "Long",
    "Lực",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Ngọc",
    "Nguyên",
    "Nhân",
    "Phong",
    "Phúc",
    "Phương",
    "Quang",
    "Quân",
    "Quốc",
    "Quý",
    "Sơn",
    "Tài",
    "Tâm",
    "Tân",
    "Thắng",
    "Thanh",
    "Thành",
    "Thịnh",
    "Thông",
    "Tiến",
    "Toàn",
    "Trung",
    "Trường",
    "Tú",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Xuân",
    "Páo",
    "Chứ",
    "Sính",
]
FEMALE_GIVEN = [
    "An",
    "Anh",
    "Bích",
    "Châu",
    "Chi",
    "Diệp",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hòa",
    "Hồng",
    "Huệ",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Ly",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Sen",
    "Tâm",
    "Thảo",
    "Thơ",
    "Thu",
    "Thủy",
    "Thúy",
    "Thư",
    "Trang",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
    "Mỷ",
]


def _weights(pairs: list[tuple[str, float]]) -> tuple[list[str], np.ndarray]:
    names = [name for name, _weight in pairs]
    weights = np.array([weight for _name, weight in pairs], dtype=float)
    return names, weights / weights.sum()


def draw_names(rng: np.random.Generator, *, female: np.ndarray, minority: np.ndarray) -> np.ndarray:
    """Draw one name per person and return an integer name id per person (see name_strings)."""
    n = len(female)
    fam, fam_w = _weights(FAMILY)
    mfam, mfam_w = _weights(MINORITY_FAMILY)
    family = rng.choice(len(fam), size=n, p=fam_w)
    family_minority = rng.choice(len(mfam), size=n, p=mfam_w) + len(fam)
    family = np.where(minority & (rng.random(n) < 0.7), family_minority, family)
    mm, mm_w = _weights(MALE_MIDDLE)
    fm, fm_w = _weights(FEMALE_MIDDLE)
    middle = np.where(
        female, rng.choice(len(fm), size=n, p=fm_w) + len(mm), rng.choice(len(mm), size=n, p=mm_w)
    )
    given = np.where(
        female,
        rng.integers(0, len(FEMALE_GIVEN), size=n) + len(MALE_GIVEN),
        rng.integers(0, len(MALE_GIVEN), size=n),
    )
    # One integer per (family, middle, given): dense enough to factorise with np.unique.
    return (family.astype(np.int64) * 1000 + middle) * 1000 + given


def name_strings(name_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full name, folded search text and person sort key for each person, computed once per distinct name."""
    families = [name for name, _w in FAMILY] + [name for name, _w in MINORITY_FAMILY]
    middles = [name for name, _w in MALE_MIDDLE] + [name for name, _w in FEMALE_MIDDLE]
    givens = MALE_GIVEN + FEMALE_GIVEN
    distinct, inverse = np.unique(name_ids, return_inverse=True)
    full, folded, keys = [], [], []
    for name_id in distinct.tolist():
        given = givens[name_id % 1000]
        middle = middles[(name_id // 1000) % 1000]
        family = families[name_id // 1_000_000]
        name = f"{family} {middle} {given}"
        full.append(name)
        folded.append(fold(name))
        keys.append(person_sort_key(name))
    full_names, search_texts, sort_keys = (np.array(v, dtype=object)[inverse] for v in (full, folded, keys))
    return full_names, search_texts, sort_keys
