"""Reading ethnicity, religion, sex and qualification levels from the way people write them."""

import pytest
from django.core.exceptions import ValidationError

from canbo.people.choices import QualificationKind
from canbo.people.models import QualificationLevel
from canbo.reference import catalog
from canbo.reference.normalize import _pick, match_ethnicity, match_level, match_religion, match_sex

pytestmark = pytest.mark.django_db

# regulations.md §7, spelling by spelling, with the 1979 code each must reach.
SPEC_ALIASES = {
    "08": ["Mông", "HMông", "H'Mông", "H'mông", "Hmông", "Mèo"],
    "05": ["Khơ-me", "Khmer", "Khơ me"],
    "10": ["Gia-rai", "Gia Rai", "Jrai"],
    "12": ["Ê-đê", "Ê Đê", "Êđê"],
    "13": ["Ba-na", "Bahnar"],
    "14": ["Xơ-đăng", "Xơ Đăng"],
    "16": ["Cơ-ho", "K'Ho"],
    "21": ["Ra-glai", "Raglai"],
    "20": ["Mnông", "M'Nông"],
    "22": ["Xtiêng", "X'Tiêng", "S'tiêng"],
    "26": ["Cơ-tu", "Katu"],
    "27": ["Gié-Triêng", "Giẻ Triêng"],
    "29": ["Khơ-mú", "Khơ Mú", "Kmụ"],
    "31": ["Tà-ôi", "Tà Ôi", "Pa Cô"],
    "47": ["Co Lao", "Cờ Lao", "Cơ Lao"],
    "36": ["Chu-ru", "Chu Ru"],
    "53": ["Ơ-đu", "Ơ Đu"],
    "54": ["Rơ-măm", "Rơ Măm"],
    "52": ["Brâu", "Brao"],
    "15": ["Sán Chay", "Cao Lan-Sán Chỉ"],
    "09": ["Dao", "Mán"],
    "04": ["Hoa", "Hán"],
}


def shipped_spellings():
    for entry in catalog.code_systems()[catalog.CODE_SYSTEM_1979].entries:
        for spelling in (entry.name, *entry.aliases, *entry.exonyms):
            yield spelling, entry.code
    for entry in catalog.code_systems()[catalog.CODE_SYSTEM_2008].entries:
        yield entry.name, entry.same_as


def messages(exc_info):
    return " ".join(exc_info.value.messages)


@pytest.mark.parametrize(("code", "spelling"), [(c, s) for c, names in SPEC_ALIASES.items() for s in names])
def test_every_alias_in_the_regulations_matches(loaded, code, spelling):
    found = match_ethnicity(spelling)
    assert (found.code_system, found.code) == (catalog.CODE_SYSTEM_1979, code)


@pytest.mark.parametrize(("spelling", "code"), list(shipped_spellings()))
def test_every_shipped_spelling_matches(loaded, spelling, code):
    assert match_ethnicity(spelling).code == code


@pytest.mark.parametrize(
    "spelling",
    ["H Mông", "HMONG", "hmong", "H\u2019Mông", "  h'mông ", "H-Mông", "Dân tộc Mông", "Hmo\u0302ng"],
)
def test_case_diacritics_punctuation_and_spaces_do_not_matter(loaded, spelling):
    assert match_ethnicity(spelling).code == "08"


@pytest.mark.parametrize("value", ["08", "8", 8, 8.0])
def test_code_numbers_match_in_the_default_system(loaded, value):
    assert match_ethnicity(value).name == "HMông"


def test_codes_and_names_resolve_in_the_2008_system(loaded):
    assert match_ethnicity("04", code_system=catalog.CODE_SYSTEM_2008).name == "Mường"
    muong = match_ethnicity("Mường", code_system=catalog.CODE_SYSTEM_2008)
    assert (muong.code_system, muong.code) == (catalog.CODE_SYSTEM_2008, "04")
    assert match_ethnicity("Mèo", code_system=catalog.CODE_SYSTEM_2008).code == "08"
    assert match_ethnicity("Ngái", code_system=catalog.CODE_SYSTEM_2008).code == "43"


def test_foreigner_has_no_2008_code(loaded):
    with pytest.raises(ValidationError, match="Người nước ngoài"):
        match_ethnicity("Người nước ngoài", code_system=catalog.CODE_SYSTEM_2008)


@pytest.mark.parametrize(("value", "fragment"), [("Klingon", "Klingon"), ("57", "57"), ("", "Chưa nhập")])
def test_unknown_ethnicities_are_refused_by_name(loaded, value, fragment):
    with pytest.raises(ValidationError) as exc_info:
        match_ethnicity(value)
    assert fragment in messages(exc_info)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Không", "00"),
        ("không có", "00"),
        ("0", "00"),
        ("00", "00"),
        ("Phật giáo", "01"),
        ("đạo Phật", "01"),
        ("PHAT GIAO", "01"),
        ("Công giáo", "02"),
        ("Thiên Chúa giáo", "02"),
        ("Đạo Thiên Chúa", "02"),
        ("Tin lành", "03"),
        ("Cao Đài", "04"),
        ("Hòa Hảo", "05"),
        ("Hồi giáo", "06"),
        ("Baha'i", "07"),
        ("Bà La Môn", "14"),
        ("Tôn giáo: Cao Đài", "04"),
        ("16", "16"),
    ],
)
def test_religions_match_names_aliases_and_codes(loaded, text, code):
    assert match_religion(text).code == code


@pytest.mark.parametrize(("value", "fragment"), [("", "Không"), ("Pastafari", "Pastafari"), ("17", "17")])
def test_unknown_or_blank_religion_is_refused(loaded, value, fragment):
    with pytest.raises(ValidationError) as exc_info:
        match_religion(value)
    assert fragment in messages(exc_info)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nam", "nam"),
        ("nam", "nam"),
        ("NAM", "nam"),
        ("M", "nam"),
        ("male", "nam"),
        ("Nữ", "nu"),
        ("nữ", "nu"),
        ("NỮ", "nu"),
        ("nu", "nu"),
        ("F", "nu"),
        ("Female", "nu"),
        ("Giới tính: Nữ", "nu"),
    ],
)
def test_sex_is_read_in_every_usual_spelling(text, value):
    assert match_sex(text) == value


@pytest.mark.parametrize("text", ["", "X", "Nam/Nữ", "2"])
def test_unknown_sex_is_refused(text):
    with pytest.raises(ValidationError):
        match_sex(text)


LEVEL_CASES = [
    ("education", "Sơ cấp", "SO_CAP"),
    ("education", "Trung cấp", "TRUNG_CAP"),
    ("education", "THCN", "TRUNG_CAP"),
    ("education", "Cao đẳng sư phạm", "CAO_DANG"),
    ("education", "Đại học", "DAI_HOC"),
    ("education", "ĐH", "DAI_HOC"),
    ("education", "Cử nhân", "DAI_HOC"),
    ("education", "Cử nhân Luật", "DAI_HOC"),
    ("education", "Kỹ sư", "DAI_HOC"),
    ("education", "Kĩ sư xây dựng", "DAI_HOC"),
    ("education", "Thạc sỹ", "THAC_SI"),
    ("education", "ThS", "THAC_SI"),
    ("education", "Th.S Kinh tế", "THAC_SI"),
    ("education", "thạc sĩ", "THAC_SI"),
    ("education", "Tiến sĩ", "TIEN_SI"),
    ("education", "PGS.TS", "TIEN_SI"),
    ("education", "Tiến sĩ Khoa học máy tính", "TIEN_SI"),
    ("education", "Tiến sĩ khoa học", "TIEN_SI_KH"),
    ("education", "TSKH", "TIEN_SI_KH"),
    ("education", "Trình độ: Thạc sĩ", "THAC_SI"),
    ("education", "THAC_SI", "THAC_SI"),
    ("political_theory", "Sơ cấp", "SO_CAP"),
    ("political_theory", "Trung cấp LLCT", "TRUNG_CAP"),
    ("political_theory", "Trung cấp lý luận chính trị - hành chính", "TRUNG_CAP_HC"),
    ("political_theory", "Cao cấp LLCT", "CAO_CAP"),
    ("political_theory", "CCLLCT", "CAO_CAP"),
    ("political_theory", "Cao cấp lý luận chính trị", "CAO_CAP"),
    ("political_theory", "Cao cấp", "CAO_CAP"),
    ("political_theory", "LLCT cao cấp", "CAO_CAP"),
    ("political_theory", "Cao cấp LLCT-Hành chính", "CAO_CAP_HC"),
    ("political_theory", "Cao cấp LLCT - HC", "CAO_CAP_HC"),
    ("political_theory", "Cử nhân chính trị", "CU_NHAN"),
    ("political_theory", "Tương đương cao cấp", "CAO_CAP_TD"),
    ("state_management", "Cán sự", "CAN_SU"),
    ("state_management", "Chuyên viên", "CHUYEN_VIEN"),
    ("state_management", "Chuyên viên chính", "CHUYEN_VIEN_CHINH"),
    ("state_management", "QLNN ngạch chuyên viên cao cấp", "CHUYEN_VIEN_CAO_CAP"),
    ("state_management", "CVCC", "CHUYEN_VIEN_CAO_CAP"),
    ("foreign_language", "B2", "BAC_4"),
    ("foreign_language", "Bậc 4", "BAC_4"),
    ("foreign_language", "bac 4", "BAC_4"),
    ("foreign_language", "Bậc 4/6", "BAC_4"),
    ("foreign_language", "Tiếng Anh B1", "BAC_3"),
    ("foreign_language", "B1 tiếng Anh", "BAC_3"),
    ("foreign_language", "A1", "BAC_1"),
    ("foreign_language", "C2", "BAC_6"),
    ("foreign_language", "Tiếng Anh B", "CU_B"),
    ("foreign_language", "Anh văn trình độ C", "CU_C"),
    ("foreign_language", "Chứng chỉ A", "CU_A"),
    ("foreign_language", "Đại học ngoại ngữ", "DAI_HOC"),
    ("foreign_language", "Cử nhân tiếng Anh", "DAI_HOC"),
    ("it", "Cơ bản", "CO_BAN"),
    ("it", "Ứng dụng CNTT cơ bản", "CO_BAN"),
    ("it", "Chuẩn kỹ năng sử dụng CNTT cơ bản", "CO_BAN"),
    ("it", "Nâng cao", "NANG_CAO"),
    ("it", "Tin học B", "CU_B"),
    ("it", "Tin học văn phòng A", "CU_A"),
    ("it", "Trung cấp tin học", "TRUNG_CAP"),
    ("it", "Cao đẳng CNTT", "CAO_DANG"),
    ("it", "Đại học CNTT", "DAI_HOC"),
    ("it", "Kỹ sư công nghệ thông tin", "DAI_HOC"),
    ("ethnic_language", "Giao tiếp được", "GIAO_TIEP"),
    ("ethnic_language", "Tiếng Mông: giao tiếp được", "GIAO_TIEP"),
    ("ethnic_language", "Thành thạo", "THANH_THAO"),
    ("ethnic_language", "Thông thạo tiếng Dao", "THANH_THAO"),
    ("international", "Được xác nhận", "DUOC_XAC_NHAN"),
    ("international", "Có", "DUOC_XAC_NHAN"),
]


@pytest.mark.parametrize(("kind", "text", "code"), LEVEL_CASES)
def test_levels_are_read_from_usual_spellings(loaded, kind, text, code):
    level = match_level(kind, text)
    assert (level.kind, level.code) == (kind, code)


def test_kind_may_be_given_as_the_choice(loaded):
    assert match_level(QualificationKind.EDUCATION, "ThS").code == "THAC_SI"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("education", "Tốt nghiệp phổ thông"),
        ("education", "Cao học viên"),
        ("political_theory", "Thạc sĩ"),
        ("foreign_language", "IELTS 6.5"),
        ("foreign_language", "Trung cấp"),
        ("it", "Tin học văn phòng"),
        ("international", "Không"),
    ],
)
def test_unknown_levels_are_refused_with_the_value_and_the_choices(loaded, kind, text):
    with pytest.raises(ValidationError) as exc_info:
        match_level(kind, text)
    text_of_error = messages(exc_info)
    assert f"“{text}”" in text_of_error
    assert QualificationLevel.objects.filter(kind=kind).values_list("name", flat=True)[0] in text_of_error


def test_blank_level_is_refused(loaded):
    with pytest.raises(ValidationError, match="Chưa nhập lý luận chính trị"):
        match_level("political_theory", "  ")


def test_unknown_kind_is_a_programming_error(loaded):
    with pytest.raises(ValueError, match="kind"):
        match_level("cooking", "Đại học")


def test_levels_added_by_an_administrator_match_by_name_and_code(loaded):
    QualificationLevel.objects.create(kind="education", code="CK1", name="Bác sĩ chuyên khoa cấp I", rank=5)
    assert match_level("education", "Bác sĩ chuyên khoa cấp I").code == "CK1"
    assert match_level("education", "ck1").code == "CK1"
    assert match_level("education", "Bác sĩ").code == "DAI_HOC"


def test_a_level_missing_from_the_database_asks_for_the_reference_load(db):
    with pytest.raises(ValidationError, match="nạp danh mục"):
        match_level("education", "ThS")


def test_equal_longest_matches_are_ambiguous():
    assert _pick({}) is None
    assert _pick({"A": 3, "B": 5}) == "B"
    assert _pick({"A": 5, "B": 5}) == ("A", "B")
