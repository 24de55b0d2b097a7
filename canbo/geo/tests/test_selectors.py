"""Reads: units on a date, what a unit became or came from, its province, and free-text search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from canbo.geo.models import CodeSystem, Locality
from canbo.geo.selectors import (
    children,
    locality_search,
    locality_successor,
    province_of,
    provinces,
    provinces_of,
)

from .conftest import COMMUNE, DISTRICT, PROVINCE, new, old

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo_data")]

BEFORE = dt.date(2024, 5, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
AFTER = dt.date(2026, 1, 15)


def test_provinces_on_a_date() -> None:
    assert provinces(on=BEFORE).count() == 63
    assert provinces(on=LAST_OLD_DAY).count() == 63
    assert provinces(on=REFORM).count() == 34
    names = list(provinces(on=AFTER).values_list("name", flat=True))
    assert names[:3] == [
        "An Giang",
        "Bắc Ninh",
        "Cà Mau",
    ]  # Vietnamese order: "Bắc" after "An", "C" after "B"


def test_children_on_a_date() -> None:
    assert children(parent=old(PROVINCE, "10"), on=BEFORE).count() == 9
    assert children(parent=old(PROVINCE, "10"), on=AFTER).count() == 0
    new_lao_cai = children(parent=new(PROVINCE, "15"), on=AFTER)
    assert (
        new_lao_cai.count()
        == Locality.objects.filter(code_system=CodeSystem.QD19_2025, province_code="15").count() - 1
    )
    assert {unit.level for unit in new_lao_cai} == {COMMUNE}


def test_a_unit_valid_on_the_date_is_its_own_successor() -> None:
    ban_phiet = old(COMMUNE, "02911")
    assert locality_successor(locality=ban_phiet, on=BEFORE) == ban_phiet
    assert locality_successor(locality=ban_phiet, on=LAST_OLD_DAY) == ban_phiet
    assert locality_successor(locality=new(PROVINCE, "15"), on=AFTER) == new(PROVINCE, "15")


def test_old_units_lead_to_what_they_became() -> None:
    assert locality_successor(locality=old(COMMUNE, "02911"), on=REFORM) == new(
        COMMUNE, "02647"
    )  # phường Lào Cai
    assert locality_successor(locality=old(DISTRICT, "086"), on=AFTER) == new(PROVINCE, "15")
    assert locality_successor(locality=old(PROVINCE, "02"), on=AFTER) == new(PROVINCE, "08")
    assert locality_successor(locality=old(PROVINCE, "15"), on=AFTER) == new(PROVINCE, "15")  # Yên Bái
    con_dao = Locality.objects.get(code_system=CodeSystem.QD124_2004, level=DISTRICT, name="Côn Đảo")
    successor = locality_successor(locality=con_dao, on=AFTER)
    assert successor is not None
    assert successor.full_name == "đặc khu Côn Đảo"


def test_a_split_commune_leads_to_the_unit_holding_all_its_parts() -> None:
    split = old(COMMUNE, "00688")  # xã Quang Trung (Hà Giang), split between two new communes
    assert locality_successor(locality=split, on=AFTER) == new(PROVINCE, "08")


def test_new_units_lead_back_to_the_old_unit_holding_all_their_parts() -> None:
    phuong_lao_cai = new(COMMUNE, "02647")  # from communes of Lào Cai city and of Bảo Thắng
    assert locality_successor(locality=phuong_lao_cai, on=BEFORE) == old(PROVINCE, "10")
    assert locality_successor(locality=new(PROVINCE, "04"), on=BEFORE) == old(PROVINCE, "04")  # Cao Bằng
    assert locality_successor(locality=new(PROVINCE, "15"), on=BEFORE) is None  # Lào Cai + Yên Bái


def test_province_of_follows_the_boundaries_in_force() -> None:
    ban_phiet = old(COMMUNE, "02911")
    assert province_of(locality=ban_phiet, on=BEFORE) == old(PROVINCE, "10")
    assert province_of(locality=ban_phiet, on=LAST_OLD_DAY) == old(PROVINCE, "10")
    assert province_of(locality=ban_phiet, on=REFORM) == new(PROVINCE, "15")
    ha_giang_commune = Locality.objects.filter(
        code_system=CodeSystem.QD124_2004, level=COMMUNE, province_code="02"
    )[0]
    assert province_of(locality=ha_giang_commune, on=BEFORE) == old(PROVINCE, "02")
    assert province_of(locality=ha_giang_commune, on=AFTER) == new(PROVINCE, "08")
    assert province_of(locality=old(DISTRICT, "086"), on=AFTER) == new(PROVINCE, "15")
    assert province_of(locality=new(PROVINCE, "15"), on=AFTER) == new(PROVINCE, "15")
    assert province_of(locality=new(COMMUNE, "02647"), on=BEFORE) == old(PROVINCE, "10")


def test_province_of_supports_the_non_local_rule() -> None:
    """Home town in old Yên Bái, post in new Lào Cai: local after the merger, not local before it."""
    home_town = Locality.objects.filter(code_system=CodeSystem.QD124_2004, level=COMMUNE, province_code="15")[
        0
    ]
    post = new(COMMUNE, "02647")
    assert province_of(locality=home_town, on=AFTER) == province_of(locality=post, on=AFTER)
    assert province_of(locality=home_town, on=BEFORE) != province_of(
        locality=old(COMMUNE, "02911"), on=BEFORE
    )


def test_provinces_of_many_units_takes_a_few_queries(django_assert_max_num_queries: Any) -> None:
    units = list(Locality.objects.filter(level=COMMUNE).order_by("code")[::100])
    with django_assert_max_num_queries(4):
        found = provinces_of(localities=units, on=AFTER)
    assert len(found) == len(units)
    assert all(
        unit is not None and unit.level == PROVINCE and unit.is_valid_on(AFTER) for unit in found.values()
    )


def _names(text: str, **kwargs: Any) -> list[str]:
    return [match.locality.path_names() for match in locality_search(text=text, **kwargs).candidates]


@pytest.mark.parametrize(
    "text",
    [
        "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai",
        "Bản Phiệt - Bảo Thắng - Lào Cai",
        "ban phiet, bao thang, lao cai",
        "XÃ BẢN PHIỆT, H. BẢO THẮNG, T. LÀO CAI",
        "thôn Phú Thịnh, xã Bản Phiệt, Bảo Thắng, Lào Cai",
    ],
)
def test_search_finds_an_old_commune_from_its_address(text: str) -> None:
    result = locality_search(text=text)
    assert not result.ambiguous
    assert result.resolved == old(COMMUNE, "02911")


def test_search_reads_kind_abbreviations() -> None:
    result = locality_search(text="TP Lào Cai")
    assert result.resolved == old(DISTRICT, "080")
    assert _names("Phường 14, Quận 10, TP.HCM")[0] == "phường 14, quận 10, thành phố Hồ Chí Minh"
    assert _names("Phan Rang-Tháp Chàm")[0] == "thành phố Phan Rang - Tháp Chàm, tỉnh Ninh Thuận"


def test_search_reports_ambiguity() -> None:
    result = locality_search(text="Lào Cai")
    assert result.ambiguous
    assert result.resolved is None
    assert len(result.candidates) >= 4
    assert result.candidates[0].locality == new(PROVINCE, "15")  # current units and larger units first
    assert locality_search(text="Tân Thành").ambiguous


def test_search_prefers_the_exact_diacritics() -> None:
    result = locality_search(text="Quán Thánh")
    assert result.resolved is not None
    assert result.resolved.full_name == "phường Quán Thánh"
    assert locality_search(text="Quan Thanh").ambiguous


def test_search_on_a_date_leads_old_names_to_the_units_of_that_day() -> None:
    result = locality_search(text="xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai", on=AFTER)
    assert result.resolved == new(COMMUNE, "02647")
    assert result.candidates[0].named == old(COMMUNE, "02911")
    assert locality_search(text="tỉnh Lào Cai", on=AFTER).resolved == new(PROVINCE, "15")
    assert locality_search(text="tỉnh Lào Cai", on=BEFORE).resolved == old(PROVINCE, "10")
    assert locality_search(text="tỉnh Hà Giang", on=AFTER).resolved == new(PROVINCE, "08")
    assert locality_search(text="Thừa Thiên Huế", on=AFTER).resolved == new(PROVINCE, "46")


def test_search_filters_by_level() -> None:
    assert locality_search(text="Lào Cai", level=PROVINCE, on=AFTER).resolved == new(PROVINCE, "15")
    assert _names("Bản Phiệt", level=PROVINCE, on=AFTER) == []
    assert _names("Bản Phiệt", level=COMMUNE, on=AFTER) == ["phường Lào Cai, tỉnh Lào Cai"]


def test_search_falls_back_to_names_starting_with_the_words(django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):
        result = locality_search(text="Bản Phi")
    assert result.resolved == old(COMMUNE, "02911")


def test_search_without_a_name_finds_nothing() -> None:
    for text in ("", "  ,  - ", "Không có nơi nào tên thế này"):
        result = locality_search(text=text)
        assert result.candidates == []
        assert result.resolved is None
        assert not result.ambiguous
