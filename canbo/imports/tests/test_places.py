"""Places: the batched search gives what locality_search gives, and ties go to the current unit."""

from __future__ import annotations

from typing import Any

import pytest

from canbo.geo.selectors import locality_search, locality_search_many
from canbo.imports.places import code_of, locality_by_code, place_from_search

TEXTS = [
    "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai",
    "Bản Phiệt - Bảo Thắng - Lào Cai",
    "Ban Phiet, Bao Thang, Lao Cai",
    "xã Gia Phú, tỉnh Lào Cai",
    "Gia Phú",
    "Nghĩa Lộ, Yên Bái",
    "Hà Nội",
    "TP Hà Nội",
    "thôn Làng Mới, xã Gia Phú, huyện Bảo Thắng, Lào Cai",
    "Gia",  # no exact name: locality_search's prefix search
    "Không có nơi nào như vậy",
    "",
]


def test_the_batch_gives_what_locality_search_gives(places: dict[str, Any]) -> None:
    found = locality_search_many(texts=TEXTS)
    for text in TEXTS:
        one = locality_search(text=text)
        assert [(m.locality.pk, m.score) for m in found[text].candidates] == [
            (m.locality.pk, m.score) for m in one.candidates
        ], text
        assert found[text].ambiguous == one.ambiguous, text


def test_ties_go_to_the_one_current_unit(places: dict[str, Any]) -> None:
    found = locality_search_many(texts=TEXTS)
    assert (
        place_from_search(found["xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai"]).locality
        == places["ban_phiet"]
    )
    assert place_from_search(found["xã Gia Phú, tỉnh Lào Cai"]).locality == places["gia_phu"]
    assert place_from_search(found["Hà Nội"]).locality == places["ha_noi"]
    ambiguous = place_from_search(found["Nghĩa Lộ, Yên Bái"])
    assert ambiguous.locality is None and "khớp với nhiều đơn vị hành chính" in ambiguous.warning
    missing = place_from_search(found["Không có nơi nào như vậy"])
    assert missing.locality is None and missing.warning.startswith("Không tìm thấy đơn vị hành chính")


def test_codes_name_units_in_either_list(places: dict[str, Any]) -> None:
    assert locality_by_code("02923") == places["gia_phu"]  # both lists use it: the current one
    assert locality_by_code("02923 (QĐ 124/2004)") == places["gia_phu_old"]
    assert locality_by_code("086") == places["bao_thang"]
    assert code_of(places["gia_phu_old"]) == "02923 (QĐ 124/2004)" and code_of(places["gia_phu"]) == "02923"
    for bad in ("1234", "99999", "abc"):
        with pytest.raises(ValueError):
            locality_by_code(bad)
