"""Title qualification standards: titles matched to groups by data, qualifications as of the day, the checklist item."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.core import testing as make
from canbo.org.choices import Level
from canbo.people.choices import QualificationKind as K
from canbo.people.models import Qualification
from canbo.posts.choices import TitleRank
from canbo.posts.models import ManagementCategory
from canbo.rules.definitions import validate_parameters
from canbo.rules.eligibility import eligibility
from canbo.rules.selectors import rule_in_force
from canbo.rules.standards import RULE, qualifications_check, standard_for

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 3, 1)

LEVELS = {
    K.EDUCATION: [("CAO_DANG", "Cao đẳng", 3), ("DAI_HOC", "Đại học", 4), ("THAC_SI", "Thạc sĩ", 5)],
    K.POLITICAL_THEORY: [("TRUNG_CAP", "Trung cấp", 2), ("CAO_CAP", "Cao cấp", 3), ("CU_NHAN", "Cử nhân", 3)],
    K.STATE_MANAGEMENT: [
        ("CHUYEN_VIEN", "Chuyên viên", 2),
        ("CHUYEN_VIEN_CHINH", "Chuyên viên chính", 3),
        ("CHUYEN_VIEN_CAO_CAP", "Chuyên viên cao cấp", 4),
    ],
}


@pytest.fixture
def levels(shipped):
    return {
        (kind, code): make.level(kind, code, name, rank)
        for kind, rows in LEVELS.items()
        for code, name, rank in rows
    }


def _title(code, *, level=Level.PROVINCE, rank=TitleRank.STAFF, category=None):
    extra = (
        {
            "management_category": ManagementCategory.objects.get_or_create(
                code=category, defaults={"name": category}
            )[0]
        }
        if category
        else {}
    )
    return make.title(code, code=code, level=level, rank=rank, **extra)


@pytest.mark.parametrize(
    ("code", "level", "rank", "group"),
    [
        ("GIAM_DOC_SO", Level.PROVINCE, TitleRank.HEAD, "GIAM_DOC_SO"),  # by code, before the rank group
        ("CHU_TICH_UBND_TINH", Level.PROVINCE, TitleRank.KEY, "TINH_CHU_CHOT"),
        ("PHO_GIAM_DOC_SO", Level.PROVINCE, TitleRank.DEPUTY, "TINH_TRUONG_PHO"),
        ("TRUONG_PHONG_HUYEN", Level.DISTRICT, TitleRank.DIVISION_HEAD, None),
        ("CHUYEN_VIEN", Level.PROVINCE, TitleRank.STAFF, None),
    ],
)
def test_titles_are_matched_to_groups_by_data(shipped, code, level, rank, group):
    groups = rule_in_force(RULE, on=ON).parameters["groups"]
    found = standard_for(_title(code, level=level, rank=rank), groups)
    assert (found.code if found else None) == group


def test_a_group_can_match_by_management_category(db):
    groups = [
        {
            "code": "G",
            "name": "G",
            "match": {"categories": ["BTV_TINH"]},
            "requires": {"education": "DAI_HOC"},
        }
    ]
    assert standard_for(_title("X1", category="BTV_TINH"), groups).code == "G"
    assert standard_for(_title("X2", category="CO_QUAN"), groups) is None
    assert standard_for(_title("X3"), groups) is None


@pytest.mark.parametrize(
    ("held", "status", "words"),
    [
        # (kind, level code, obtained on)
        (
            [
                ("education", "DAI_HOC", D(2000, 6, 1)),
                ("political_theory", "CU_NHAN", D(2010, 1, 1)),
                ("state_management", "CHUYEN_VIEN_CHINH", D(2015, 1, 1)),
            ],
            "pass",
            ["Đạt:", "Cử nhân"],
        ),
        (
            [
                ("education", "THAC_SI", D(2000, 6, 1)),
                ("education", "CAO_DANG", D(1995, 6, 1)),
                ("political_theory", "CAO_CAP", D(2010, 1, 1)),
                ("state_management", "CHUYEN_VIEN_CAO_CAP", D(2015, 1, 1)),
            ],
            "pass",
            ["Thạc sĩ"],
        ),
        (
            [
                ("education", "CAO_DANG", D(2000, 6, 1)),
                ("political_theory", "CAO_CAP", D(2010, 1, 1)),
                ("state_management", "CHUYEN_VIEN_CHINH", D(2015, 1, 1)),
            ],
            "fail",
            ["Không đạt:", "Trình độ chuyên môn: Cao đẳng, yêu cầu Đại học trở lên"],
        ),
        (
            [("education", "DAI_HOC", D(2000, 6, 1)), ("political_theory", "TRUNG_CAP", D(2010, 1, 1))],
            "fail",
            ["Lý luận chính trị: Trung cấp, yêu cầu Cao cấp", "Quản lý nhà nước: chưa có thông tin"],
        ),
        (
            [("education", "DAI_HOC", D(2000, 6, 1)), ("political_theory", "CAO_CAP", D(2010, 1, 1))],
            "unknown",
            ["Chưa rõ:", "Quản lý nhà nước: chưa có thông tin (yêu cầu Chuyên viên chính)"],
        ),
        # A degree obtained after the day does not count yet.
        (
            [
                ("education", "DAI_HOC", D(2026, 6, 1)),
                ("political_theory", "CAO_CAP", D(2010, 1, 1)),
                ("state_management", "CHUYEN_VIEN_CHINH", D(2015, 1, 1)),
            ],
            "unknown",
            ["Trình độ chuyên môn: chưa có thông tin"],
        ),
    ],
)
def test_qualifications_as_of_the_day_against_the_group(levels, held, status, words):
    who = make.person("Trần Văn Chuẩn")
    for kind, code, obtained in held:
        Qualification.objects.create(person=who, kind=kind, level=levels[(kind, code)], obtained_on=obtained)
    title = _title("PHO_GIAM_DOC_SO", rank=TitleRank.DEPUTY)
    check = qualifications_check(who, title, on=ON, version=rule_in_force(RULE, on=ON))
    assert check.status == status, check.message
    assert all(word in check.message for word in words), check.message
    assert "Nhóm “Cấp trưởng, cấp phó cơ quan, đơn vị cấp tỉnh”, ngày 01/03/2026" in check.message
    assert "365-QĐ/TW" in check.citation


def test_the_version_in_force_on_the_day_decides(levels):
    who = make.person("Lê Văn Cũ")
    title = _title("GIAM_DOC_SO", rank=TitleRank.HEAD)
    before = qualifications_check(who, title, on=D(2020, 1, 1), version=rule_in_force(RULE, on=D(2020, 1, 1)))
    after = qualifications_check(who, title, on=ON, version=rule_in_force(RULE, on=ON))
    assert "89-QĐ/TW" in before.citation and "cấp tỉnh" in before.message  # no Giám đốc Sở group yet
    assert "Nhóm “Giám đốc Sở”" in after.message and "29/2024" in after.citation
    assert (
        "Chưa rõ: không có quy định"
        in qualifications_check(who, title, on=D(2010, 1, 1), version=None).message
    )


def test_no_standard_and_unknown_level_codes_are_unknown(levels):
    who = make.person()
    staff = _title("CHUYEN_VIEN")
    assert (
        "chưa có tiêu chuẩn trình độ"
        in qualifications_check(who, staff, on=ON, version=rule_in_force(RULE, on=ON)).message
    )
    version = rule_in_force(RULE, on=ON)
    version.parameters = {
        "groups": [
            {
                "code": "G",
                "name": "G",
                "match": {"title_codes": ["CHUYEN_VIEN"]},
                "requires": {"education": "KHONG_CO"},
            }
        ]
    }
    check = qualifications_check(who, staff, on=ON, version=version)
    assert check.status == "unknown" and "“KHONG_CO” không có trong danh mục" in check.message


def test_the_checklist_item_uses_the_standard(levels):
    who = make.person("Phạm Văn Đủ")
    Qualification.objects.create(
        person=who, kind="education", level=levels[("education", "CAO_DANG")], obtained_on=D(2000, 1, 1)
    )
    items = {i.check.rule: i for i in eligibility(who, _title("GIAM_DOC_SO", rank=TitleRank.HEAD), on=ON)}
    assert items["title.standards"].status == "fail"


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([], "không rỗng"),
        ([{"code": "G", "name": "G", "match": {}, "requires": {"education": "DAI_HOC"}}], "match"),
        (
            [{"code": "G", "name": "G", "match": {"colour": ["x"]}, "requires": {"education": "DAI_HOC"}}],
            "match",
        ),
        ([{"code": "G", "name": "G", "match": {"levels": ["province"]}, "requires": {}}], "requires"),
        (
            [{"code": "G", "name": "G", "match": {"levels": ["province"]}, "requires": {"bogus": "X"}}],
            "“bogus”",
        ),
        (
            [{"code": "G", "name": "G", "match": {"levels": ["province"]}, "requires": {"education": 4}}],
            "phải là một mã",
        ),
        (
            [
                {
                    "code": "G",
                    "name": "G",
                    "match": {"levels": ["province"]},
                    "requires": {"education": "DAI_HOC"},
                }
            ]
            * 2,
            "trùng",
        ),
        (
            [{"code": "G", "match": {"levels": ["province"]}, "requires": {"education": "DAI_HOC"}}],
            "đúng các khóa",
        ),
    ],
)
def test_bad_groups_are_refused_with_a_message(groups, message):
    with pytest.raises(ValidationError) as raised:
        validate_parameters(RULE, {"groups": groups})
    assert message in " ".join(raised.value.message_dict["parameters"])


def test_the_shipped_versions_are_valid_and_await_confirmation(shipped):
    version = rule_in_force(RULE, on=ON)
    assert validate_parameters(RULE, version.parameters) == version.parameters
    assert version.awaiting_confirmation


def test_the_checklist_reads_a_fixed_number_of_queries(levels):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    title = _title("GIAM_DOC_SO", rank=TitleRank.HEAD)
    counts = []
    for held in (1, 6):
        who = make.person(f"Người {held}")
        for year in range(held):
            Qualification.objects.create(
                person=who,
                kind="education",
                level=levels[("education", "DAI_HOC")],
                obtained_on=D(2000 + year, 1, 1),
            )
        with CaptureQueriesContext(connection) as queries:
            eligibility(who, title, on=ON)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12
