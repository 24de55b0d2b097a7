"""Non-local posts: holders of the listed titles judged on the boundaries in force on the day."""

import datetime as dt

import pytest

from canbo.core import testing as make
from canbo.geo.models import CodeSystem, Locality, LocalityLevel
from canbo.geo.tests.conftest import geo_data  # noqa: F401  (module-scoped fixture)
from canbo.org.choices import Level
from canbo.posts.choices import TitleRank
from canbo.rules.non_local import LOCAL, NOT_LOCAL, UNKNOWN, explain, explain_candidate, nonlocal_holders
from canbo.rules.services import rules_load

pytestmark = pytest.mark.django_db
D = dt.date
BEFORE, AFTER = D(2024, 6, 1), D(2025, 8, 1)


@pytest.fixture
def setting(geo_data):  # noqa: F811
    rules_load()
    lao_cai = Locality.objects.get(
        code_system=CodeSystem.QD124_2004, level=LocalityLevel.PROVINCE, name="Lào Cai"
    )
    yen_bai_commune = (
        Locality.objects.filter(
            code_system=CodeSystem.QD124_2004, level=LocalityLevel.COMMUNE, parent__parent__name="Yên Bái"
        )
        .order_by("code")
        .first()
    )
    ha_giang_commune = (
        Locality.objects.filter(
            code_system=CodeSystem.QD124_2004, level=LocalityLevel.COMMUNE, parent__parent__name="Hà Giang"
        )
        .order_by("code")
        .first()
    )
    province = make.unit("Tỉnh ủy Lào Cai", level=Level.PROVINCE, locality=lao_cai)
    secretary = make.title("Bí thư Tỉnh ủy", rank=TitleRank.KEY, code="BI_THU_TINH_UY", leadership=True)
    staff = make.title("Chuyên viên", code="CV_X")
    return {
        "province": province,
        "secretary": secretary,
        "staff": staff,
        "yen_bai": yen_bai_commune,
        "ha_giang": ha_giang_commune,
        "lao_cai": lao_cai,
    }


def test_a_yen_bai_home_town_is_local_to_lao_cai_only_after_the_merger(setting):
    user = make.make_user("admin", role="specialist")
    holder = make.person("Nguyễn Văn Một", home_town=setting["yen_bai"])
    make.assign(holder, setting["province"], setting["secretary"], D(2020, 10, 1))
    before = list(nonlocal_holders(user=user, on=BEFORE))
    after = list(nonlocal_holders(user=user, on=AFTER))
    assert [(a.person, a.locality_status) for a in before] == [(holder, NOT_LOCAL)]
    assert [(a.person, a.locality_status) for a in after] == [(holder, LOCAL)]
    reason = explain(after[0], on=AFTER)
    assert reason.status == LOCAL
    assert "quê quán" in reason.text and "01/08/2025" in reason.text and "(cũ)" in reason.text
    assert "kết luận: người địa phương" in reason.text
    assert "Chỉ thị 45-CT/TW" in reason.citation
    assert explain(before[0], on=BEFORE).conclusion == "không phải người địa phương"


def test_birthplace_counts_and_missing_home_town_is_unknown(setting):
    user = make.make_user("admin2", role="specialist")
    born_here = make.person("Trần Văn Hai", home_town=setting["ha_giang"], birthplace=setting["yen_bai"])
    nowhere = make.person("Lê Văn Ba")
    other = make.unit("Tỉnh ủy khác", level=Level.PROVINCE, locality=setting["lao_cai"])
    make.assign(born_here, setting["province"], setting["secretary"], D(2025, 7, 1))
    make.assign(nowhere, other, setting["secretary"], D(2025, 7, 1))
    make.assign(make.person("Phạm Văn Bốn"), other, setting["staff"], D(2025, 7, 1))
    rows = {a.person.full_name: a.locality_status for a in nonlocal_holders(user=user, on=AFTER)}
    assert rows == {"Trần Văn Hai": LOCAL, "Lê Văn Ba": UNKNOWN}
    lonely = next(a for a in nonlocal_holders(user=user, on=AFTER) if a.person == nowhere)
    assert "quê quán: chưa có" in explain(lonely, on=AFTER).text


def test_outside_scope_is_not_listed(setting):
    holder = make.person("Nguyễn Văn Năm", home_town=setting["ha_giang"])
    make.assign(holder, setting["province"], setting["secretary"], D(2025, 7, 1))
    outsider = make.make_user("nobody")
    assert list(nonlocal_holders(user=outsider, on=AFTER)) == []


@pytest.mark.parametrize("on", [BEFORE, AFTER])
@pytest.mark.parametrize(
    ("home", "born"),
    [
        ("yen_bai", None),
        ("ha_giang", None),
        ("ha_giang", "yen_bai"),
        (None, None),
        (None, "yen_bai"),
        (None, "ha_giang"),
    ],
)
def test_a_candidate_is_judged_like_a_holder(setting, on, home, born):
    """candidate_status (no assignment) gives the same answer as the SQL expression on an assignment."""
    person = make.person(
        "Đỗ Văn Sáu",
        home_town=setting[home] if home else None,
        birthplace=setting[born] if born else None,
    )
    held = make.assign(person, setting["province"], setting["secretary"], D(2020, 1, 1))
    assert explain_candidate(person, setting["province"], on=on).status == explain(held, on=on).status


def test_the_checklist_says_whether_the_candidate_is_local(setting):
    from canbo.rules.eligibility import eligibility, needs_unit

    local = make.person("Nguyễn Văn Bảy", home_town=setting["yen_bai"])
    outsider = make.person("Nguyễn Văn Tám", home_town=setting["ha_giang"])
    unknown = make.person("Nguyễn Văn Chín")
    secretary, province = setting["secretary"], setting["province"]
    assert needs_unit(secretary, on=AFTER) and not needs_unit(setting["staff"], on=AFTER)

    def item(person, title=secretary, unit=province, on=AFTER):
        return {i.check.rule: i.check for i in eligibility(person, title, on=on, unit=unit)}[
            "nonlocal.titles"
        ]

    assert item(local).status == "fail" and "kết luận: người địa phương" in item(local).message
    assert item(local, on=BEFORE).status == "pass"  # Yên Bái was not part of Lào Cai before the merger
    assert item(outsider).status == "pass" and "Chỉ thị 45-CT/TW" in item(outsider).citation
    assert item(unknown).status == "unknown" and "quê quán: chưa có" in item(unknown).message
    assert item(local, unit=None).status == "unknown" and "chọn đơn vị" in item(local, unit=None).message
    assert item(local, title=setting["staff"]).status == "pass"
    assert item(local, on=D(2020, 1, 1)).status == "pass"  # no rule in force yet
