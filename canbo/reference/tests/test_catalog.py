"""The shipped data files: complete, consistent and free of spellings that name two values."""

import re

import pytest

from canbo.org.choices import Level
from canbo.people.choices import QualificationKind
from canbo.posts.choices import TitleRank
from canbo.reference import catalog
from canbo.reference.loader import ethnicity_alias_rows
from canbo.reference.normalize import _level_index, ethnicity_key

SYSTEMS = catalog.code_systems()
E1979 = SYSTEMS[catalog.CODE_SYSTEM_1979].entries
E2008 = SYSTEMS[catalog.CODE_SYSTEM_2008].entries


def test_every_data_file_names_its_source():
    for name in (
        "ethnicities",
        "religions",
        "qualification_levels",
        "management_categories",
        "titles",
        "national_id_provinces",
    ):
        assert catalog.read(name)["source"]


def test_the_1979_list_has_54_groups_plus_foreigner_and_unknown():
    assert [e.code for e in E1979] == [f"{n:02d}" for n in range(1, 57)]
    assert E1979[0].name == "Kinh" and E1979[53].name == "Rơ-măm"
    assert (E1979[54].name, E1979[55].name) == ("Người nước ngoài", "Không xác định")


def test_kinh_is_the_only_non_minority_among_the_54_groups():
    assert [e.name for e in E1979[:54] if not e.is_minority] == ["Kinh"]
    assert [e.name for e in E2008 if not e.is_minority] == ["Kinh"]


def test_the_2008_list_maps_one_to_one_onto_the_1979_list():
    assert [e.code for e in E2008] == [f"{n:02d}" for n in range(1, 55)]
    assert sorted(e.same_as for e in E2008) == [e.code for e in E1979[:54]]


def test_each_2008_name_is_a_spelling_of_its_1979_counterpart():
    names_1979 = {e.code: e.name for e in E1979}
    for entry in E2008:
        assert ethnicity_key(entry.name) == ethnicity_key(names_1979[entry.same_as]), entry


def test_2008_codes_above_20_are_marked_from_memory():
    assert {e.confidence for e in E2008 if int(e.code) <= 20} == {"V"}
    assert {e.confidence for e in E2008 if int(e.code) > 20} == {"M"}


def test_the_1979_list_is_the_default_and_the_2008_list_is_inactive():
    assert catalog.DEFAULT_CODE_SYSTEM == catalog.CODE_SYSTEM_1979
    assert SYSTEMS[catalog.CODE_SYSTEM_1979].is_active and not SYSTEMS[catalog.CODE_SYSTEM_2008].is_active


def test_no_ethnicity_spelling_names_two_groups():
    rows = ethnicity_alias_rows()
    assert len({key for key, _, _ in rows}) == len(rows)
    assert all(0 < len(key) <= 60 for key, _, _ in rows)


def test_religions_are_none_plus_sixteen():
    entries = catalog.religions()
    assert (entries[0].code, entries[0].name) == ("00", "Không")
    assert len(entries) == 17
    assert len({e.code for e in entries}) == len({e.name for e in entries}) == 17


def test_every_qualification_kind_has_a_scale():
    assert set(catalog.qualification_kinds()) == set(QualificationKind.values)


@pytest.mark.parametrize("kind", QualificationKind.values)
def test_level_codes_are_unique_ascii_and_spellings_unambiguous(kind):
    levels = catalog.qualification_kinds()[kind].levels
    assert len({level.code for level in levels}) == len(levels)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", level.code) and len(level.code) <= 20 for level in levels)
    assert all(len(level.name) <= 80 and level.rank >= 1 for level in levels)
    _level_index(kind)  # raises if a spelling names two levels


def test_language_levels_rank_one_to_six_with_legacy_certificates_below():
    ranks = {
        level.code: (level.rank, level.is_legacy)
        for level in catalog.qualification_kinds()["foreign_language"].levels
    }
    assert [ranks[f"BAC_{n}"] for n in range(1, 7)] == [(n, False) for n in range(1, 7)]
    assert (ranks["CU_A"], ranks["CU_B"], ranks["CU_C"]) == ((1, True), (2, True), (3, True))
    assert ranks["DAI_HOC"] == (5, False)


def test_political_theory_equivalents_rank_with_cao_cap():
    ranks = {level.code: level.rank for level in catalog.qualification_kinds()["political_theory"].levels}
    assert ranks["SO_CAP"] < ranks["TRUNG_CAP"] == ranks["TRUNG_CAP_HC"] < ranks["CAO_CAP"]
    assert ranks["CAO_CAP"] == ranks["CAO_CAP_HC"] == ranks["CU_NHAN"] == ranks["CAO_CAP_TD"]


def test_title_codes_are_stable_ascii_and_unique():
    titles = catalog.titles()
    assert len(titles) >= 60
    codes = [t.code for t in titles]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", code) and len(code) <= 40 for code in codes)
    assert all(len(t.name) <= 160 for t in titles)


def test_titles_use_known_levels_ranks_and_categories():
    categories = {c.code for c in catalog.management_categories()}
    for title in catalog.titles():
        assert title.level in Level.values, title
        assert title.rank in TitleRank.values, title
        assert title.management_category in categories, title


# The standing deputy secretary is the one deputy post a committee fills with exactly one person.
ONE_HOLDER_DEPUTIES = {"PHO_BI_THU_TT_TINH_UY"}


def test_deputies_and_staff_are_never_sole_and_staff_never_lead():
    for title in catalog.titles():
        is_deputy = title.rank in (TitleRank.DEPUTY, TitleRank.DIVISION_DEPUTY) or title.name.startswith(
            ("Phó", "Cấp phó")
        )
        if is_deputy:
            assert title.is_sole == (title.code in ONE_HOLDER_DEPUTIES), title
        if title.rank == TitleRank.STAFF:
            assert not title.is_leadership, title
            assert title.is_sole == (title.code == "CHI_HUY_TRUONG_QS_XA"), title


def test_every_level_has_its_key_posts():
    codes = {t.code for t in catalog.titles()}
    for code in (
        "BI_THU_TINH_UY",
        "CHU_TICH_UBND_TINH",
        "GIAM_DOC_SO",
        "TRUONG_PHONG_TINH",
        "BI_THU_HUYEN_UY",
        "CHU_TICH_UBND_HUYEN",
        "BI_THU_DANG_UY_XA",
        "CHU_TICH_UBND_XA",
        "CHUYEN_VIEN",
    ):
        assert code in codes


def test_id_province_codes_are_the_63_old_province_codes_prefixed_by_zero():
    codes = catalog.id_province_codes()
    assert len(codes) == 63
    assert all(re.fullmatch(r"0[0-9]{2}", code) for code in codes)
    assert min(codes) == "001" and max(codes) == "096"
    assert (codes["001"], codes["002"], codes["004"], codes["010"], codes["096"]) == (
        "Hà Nội",
        "Hà Giang",
        "Cao Bằng",
        "Lào Cai",
        "Cà Mau",
    )
    assert "003" not in codes and "099" not in codes
