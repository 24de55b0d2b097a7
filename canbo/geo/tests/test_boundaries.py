"""The "not local" test on the boundaries in force on the date, computed in the database."""

import datetime as dt

import pytest

from canbo.core import testing as make
from canbo.geo.models import CodeSystem, Locality
from canbo.org.choices import Level
from canbo.posts.choices import TitleRank
from canbo.programmes.engine import compute, people
from canbo.programmes.models import Indicator, Programme

from .conftest import COMMUNE, PROVINCE

pytestmark = pytest.mark.django_db
D = dt.date
BEFORE, AFTER = D(2020, 12, 11), D(2025, 8, 1)
NOT_LOCAL = [{"field": "not_local", "basis": ["home_town", "birthplace"]}]


def old_named(level, name, province="10"):
    return Locality.objects.get(
        code_system=CodeSystem.QD124_2004, level=level, name=name, province_code=province
    )


def indicator(code, titles):
    programme, _ = Programme.objects.get_or_create(
        code="T",
        defaults={"title": "T", "kind": "scheme", "issuer": "x", "period_start": 2020, "period_end": 2030},
    )
    return Indicator.objects.create(
        programme=programme,
        code=code,
        name=code,
        subject="người",
        definition={"population": {"source": "posts", "titles": titles}, "numerator": NOT_LOCAL},
    )


def test_keys_follow_the_tree_and_the_crosswalk(geo_data):
    ban_phiet = old_named(COMMUNE, "Bản Phiệt")
    assert ban_phiet.old_province == "10" and ban_phiet.old_district == ban_phiet.parent.code
    assert ban_phiet.new_province == "15"  # old Lào Cai is in new Lào Cai
    yen_bai = Locality.objects.get(code_system=CodeSystem.QD124_2004, level=PROVINCE, name="Yên Bái")
    assert yen_bai.new_province == "15"
    ha_giang = Locality.objects.get(code_system=CodeSystem.QD124_2004, level=PROVINCE, code="02")
    assert ha_giang.new_province == "08"
    assert (
        Locality.objects.filter(
            code_system=CodeSystem.QD19_2025, level=COMMUNE, new_commune__isnull=True
        ).count()
        == 0
    )


def test_commune_secretaries_are_compared_at_commune_level(geo_data):
    ban_phiet = old_named(COMMUNE, "Bản Phiệt")
    neighbour = (
        Locality.objects.filter(parent=ban_phiet.parent, level=COMMUNE).exclude(pk=ban_phiet.pk).first()
    )
    district = make.unit("Huyện", level=Level.DISTRICT, valid_to=D(2025, 6, 30), locality=ban_phiet.parent)
    commune = make.unit(
        "Đảng ủy xã Bản Phiệt",
        parent=district,
        level=Level.COMMUNE,
        valid_to=D(2025, 6, 30),
        locality=ban_phiet,
        sector="party",
        kind="party_committee",
    )
    secretary = make.title("Bí thư Đảng ủy xã", level=Level.COMMUNE, rank=TitleRank.KEY, code="BT_XA")
    local = make.person("Nguyễn Văn Một", home_town=ban_phiet)
    other = make.person("Trần Văn Hai", home_town=neighbour)
    born_here = make.person("Lê Văn Ba", home_town=neighbour, birthplace=ban_phiet)
    unknown = make.person("Phạm Văn Bốn")
    for i, person in enumerate((local, other, born_here, unknown)):
        unit = (
            commune
            if i == 0
            else make.unit(
                f"Đảng ủy xã {i}",
                parent=district,
                level=Level.COMMUNE,
                valid_to=D(2025, 6, 30),
                locality=ban_phiet,
            )
        )
        make.assign(person, unit, secretary, D(2020, 1, 1), D(2025, 6, 30))
    ind = indicator("X", ["BT_XA"])
    result = compute(ind, as_of=BEFORE)
    assert (result.numerator, result.denominator) == (1, 4)
    assert list(people(ind, as_of=BEFORE)) == [other]


def test_district_posts_compare_the_district(geo_data):
    ban_phiet = old_named(COMMUNE, "Bản Phiệt")
    elsewhere = (
        Locality.objects.filter(code_system=CodeSystem.QD124_2004, level=COMMUNE, province_code="10")
        .exclude(parent=ban_phiet.parent)
        .first()
    )
    district = make.unit(
        "Huyện ủy Bảo Thắng", level=Level.DISTRICT, valid_to=D(2025, 6, 30), locality=ban_phiet.parent
    )
    secretary = make.title("Bí thư Huyện ủy", level=Level.DISTRICT, rank=TitleRank.KEY, code="BT_H")
    make.assign(
        make.person("Nguyễn Văn Một", home_town=ban_phiet),
        district,
        secretary,
        D(2016, 1, 1),
        D(2020, 12, 31),
    )
    ind = indicator("H", ["BT_H"])
    assert compute(ind, as_of=BEFORE).numerator == 0  # a home town in the same district is local
    district2 = make.unit(
        "Huyện ủy khác", level=Level.DISTRICT, valid_to=D(2025, 6, 30), locality=elsewhere.parent
    )
    make.assign(
        make.person("Trần Văn Hai", home_town=ban_phiet), district2, secretary, D(2016, 1, 1), D(2020, 12, 31)
    )
    assert (compute(ind, as_of=BEFORE).numerator, compute(ind, as_of=BEFORE).denominator) == (1, 2)


def test_provincial_posts_use_the_merged_province_after_the_reform(geo_data):
    """A home town in old Yên Bái is not local to Lào Cai in 2020, but is local to the merged Lào Cai in 2025."""
    yen_bai_commune = Locality.objects.filter(
        code_system=CodeSystem.QD124_2004, level=COMMUNE, parent__parent__name="Yên Bái"
    ).first()
    old_lao_cai = Locality.objects.get(code_system=CodeSystem.QD124_2004, level=PROVINCE, code="10")
    new_lao_cai = Locality.objects.get(code_system=CodeSystem.QD19_2025, level=PROVINCE, code="15")
    chair = make.title("Chủ tịch UBND tỉnh", rank=TitleRank.KEY, code="CT_T")
    before = make.unit("UBND tỉnh Lào Cai (cũ)", locality=old_lao_cai, valid_to=D(2025, 6, 30))
    after = make.unit("UBND tỉnh Lào Cai", locality=new_lao_cai, valid_from=D(2025, 7, 1))
    person = make.person("Nguyễn Văn Một", home_town=yen_bai_commune)
    make.assign(person, before, chair, D(2020, 1, 1), D(2025, 6, 30))
    make.assign(person, after, chair, D(2025, 7, 1))
    ind = indicator("P", ["CT_T"])
    assert compute(ind, as_of=BEFORE).numerator == 1
    assert compute(ind, as_of=AFTER).numerator == 0
