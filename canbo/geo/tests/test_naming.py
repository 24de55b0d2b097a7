"""Folding and reading locality names (no database)."""

from __future__ import annotations

import pytest

from canbo.geo.naming import NameVariant, name_variants, search_key, split_kind


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bản Phiệt", "ban phiet"),
        ("  ĐẮK  LẮK ", "dak lak"),
        ("Phan Rang-Tháp Chàm", "phan rang thap cham"),
        ("Phường 01", "phuong 1"),
        ("Q1", "q 1"),
        ("Ia H'Drai", "ia h drai"),
        ("", ""),
    ],
)
def test_search_key_folds_case_diacritics_punctuation_and_zeros(text: str, key: str) -> None:
    assert search_key(text) == key


def test_split_kind_takes_the_official_kind_word() -> None:
    assert split_kind("Phường Hoàn Kiếm") == ("phường", "Hoàn Kiếm")
    assert split_kind("Thị xã Sa Pa") == ("thị xã", "Sa Pa")
    assert split_kind("Đặc khu Côn Đảo") == ("đặc khu", "Côn Đảo")
    assert split_kind("Cao Bằng") == ("", "Cao Bằng")


def test_it_reads_names_with_and_without_a_kind_word() -> None:
    assert name_variants("TP Lào Cai") == (NameVariant("tp lao cai"), NameVariant("lao cai", "thanh pho"))
    assert NameVariant("1", "quan") in name_variants("Q.1")
    assert NameVariant("14", "phuong") in name_variants("P14")
    assert NameVariant("ho chi minh", "thanh pho") in name_variants("TP.HCM")
    assert name_variants("xã") == (NameVariant("xa"),)  # a kind word alone is read as a name
    assert name_variants(" - ") == ()
