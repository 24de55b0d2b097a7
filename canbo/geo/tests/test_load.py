"""Loading the official lists and the crosswalk from the packages."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import sqlite3
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from canbo.geo.models import CodeSystem, Locality, LocalityMapping
from canbo.geo.services import localities_load
from canbo.geo.sources import SOURCE, SourceError

from .conftest import COMMUNE, DISTRICT, PROVINCE, new, old

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo_data")]

REFORM = dt.date(2025, 7, 1)


def _count(system: str, level: str, **extra: str) -> int:
    return Locality.objects.filter(code_system=system, level=level, **extra).count()


def test_it_loads_the_new_list() -> None:
    assert _count(CodeSystem.QD19_2025, PROVINCE) == 34
    assert _count(CodeSystem.QD19_2025, COMMUNE) == 3321
    assert _count(CodeSystem.QD19_2025, DISTRICT) == 0
    assert new(PROVINCE, "01").full_name == "thành phố Hà Nội"
    assert new(PROVINCE, "15").full_name == "tỉnh Lào Cai"
    assert not Locality.objects.filter(code_system=CodeSystem.QD19_2025).exclude(valid_from=REFORM).exists()
    assert not Locality.objects.filter(code_system=CodeSystem.QD19_2025, valid_to__isnull=False).exists()


def _package_count(sql: str) -> int:
    """A count read straight from vietnamadminunits' own database, to check the loader against."""
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"
    with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_it_loads_the_old_list() -> None:
    old_lao_cai_communes = _package_count(
        "SELECT COUNT(*) FROM admin_units_legacy WHERE provinceCode = '10' AND wardCode IS NOT NULL"
    )
    assert _count(CodeSystem.QD124_2004, PROVINCE) == 63
    assert _count(CodeSystem.QD124_2004, DISTRICT) == 696
    assert _count(CodeSystem.QD124_2004, COMMUNE) == 10035
    assert _count(CodeSystem.QD124_2004, DISTRICT, province_code="10") == 9
    assert _count(CodeSystem.QD124_2004, COMMUNE, province_code="10") == old_lao_cai_communes == 151
    assert old(PROVINCE, "10").full_name == "tỉnh Lào Cai"
    assert old(DISTRICT, "080").full_name == "thành phố Lào Cai"
    assert old(COMMUNE, "02911").path_names() == "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai"
    old_units = Locality.objects.filter(code_system=CodeSystem.QD124_2004)
    assert set(old_units.values_list("valid_from", "valid_to").distinct()) == {(None, dt.date(2025, 6, 30))}


def test_it_fills_search_and_sort_columns() -> None:
    unit = old(COMMUNE, "02911")
    assert unit.search_name == "ban phiet"
    assert unit.sort_key
    assert not Locality.objects.filter(search_name="").exists()


def test_first_load_created_everything(geo_data: dict[str, int]) -> None:
    assert geo_data["localities_created"] == Locality.objects.count() == 63 + 696 + 10035 + 34 + 3321
    assert geo_data["mappings_created"] == LocalityMapping.objects.count() == geo_data["mappings"]
    assert geo_data["old_communes"] == 10035
    assert geo_data["new_communes"] == 3321


def test_a_second_load_changes_nothing() -> None:
    out = io.StringIO()
    started = time.monotonic()
    counts = localities_load(stdout=out)
    assert time.monotonic() - started < 10
    assert "vietnam-provinces" in out.getvalue()
    assert "vietnamadminunits" in out.getvalue()
    assert counts["localities_created"] == counts["localities_updated"] == 0
    assert counts["mappings_created"] == counts["mappings_updated"] == counts["mappings_deleted"] == 0
    assert counts["localities_unchanged"] == Locality.objects.count()


def test_a_load_repairs_edited_rows_and_keeps_manual_links() -> None:
    Locality.objects.filter(code_system=CodeSystem.QD124_2004, code="02911").update(name="Bản Phiệt cũ")
    stale = LocalityMapping.objects.filter(old__code="02911").first()
    assert stale is not None
    stale.source = "nhập tay"
    stale.save()
    LocalityMapping.objects.create(
        old=old(PROVINCE, "10"), new=new(PROVINCE, "08"), effective_on=REFORM, source=SOURCE
    )
    manual = LocalityMapping.objects.create(
        old=old(PROVINCE, "10"), new=new(PROVINCE, "04"), effective_on=REFORM, source="nhập tay"
    )

    counts = localities_load()

    assert counts["localities_updated"] == 1
    assert old(COMMUNE, "02911").name == "Bản Phiệt"
    assert old(COMMUNE, "02911").search_name == "ban phiet"
    assert counts["mappings_updated"] == 1
    assert counts["mappings_deleted"] == 1
    assert not LocalityMapping.objects.filter(old=old(PROVINCE, "10"), new=new(PROVINCE, "08")).exists()
    assert LocalityMapping.objects.filter(pk=manual.pk).exists()


def test_an_old_lao_cai_commune_maps_to_a_new_lao_cai_commune() -> None:
    links = LocalityMapping.objects.filter(old=old(COMMUNE, "02911")).select_related("new")
    assert [(link.new.level, link.new.province_code, link.new.full_name) for link in links] == [
        (COMMUNE, "15", "phường Lào Cai")
    ]
    link = links[0]
    assert link.is_partial is False
    assert link.effective_on == REFORM
    assert link.source == SOURCE


def test_provinces_map_to_their_merged_province() -> None:
    def successors(code: str) -> list[str]:
        return list(
            LocalityMapping.objects.filter(old=old(PROVINCE, code)).values_list("new__code", flat=True)
        )

    assert successors("02") == ["08"]  # Hà Giang → Tuyên Quang
    assert successors("08") == ["08"]  # Tuyên Quang stays, with a new code list
    assert successors("15") == ["15"]  # Yên Bái → Lào Cai
    assert successors("10") == ["15"]  # Lào Cai → Lào Cai
    assert successors("77") == ["79"]  # Bà Rịa - Vũng Tàu → Hồ Chí Minh
    assert LocalityMapping.objects.filter(old__level=PROVINCE).count() == 63
    assert LocalityMapping.objects.filter(new__level=PROVINCE, new__code="15").count() == 2 + 9 + 9


def test_every_old_district_maps_to_a_new_province() -> None:
    to_province = LocalityMapping.objects.filter(old__level=DISTRICT, new__level=PROVINCE)
    assert to_province.count() == 696
    assert list(
        LocalityMapping.objects.filter(old=old(DISTRICT, "086")).values_list("new__level", "new__code")
    ) == [(PROVINCE, "15")]
    # Island districts without communes became special zones.
    island = LocalityMapping.objects.filter(old__level=DISTRICT, new__level=COMMUNE).select_related("new")
    assert sorted(link.new.name for link in island) == [
        "Bạch Long Vĩ",
        "Côn Đảo",
        "Cồn Cỏ",
        "Hoàng Sa",
        "Lý Sơn",
    ]
    assert {link.new.kind for link in island} == {"đặc khu"}


def test_every_commune_is_in_the_crosswalk_and_splits_are_partial() -> None:
    assert not Locality.objects.filter(
        code_system=CodeSystem.QD124_2004, level=COMMUNE, successors=None
    ).exists()
    assert not Locality.objects.filter(code_system=CodeSystem.QD19_2025, predecessors=None).exists()
    split = LocalityMapping.objects.filter(old=old(COMMUNE, "00688"))  # xã Quang Trung, Hà Giang
    assert split.count() == 2
    assert all(link.is_partial for link in split)
    whole = LocalityMapping.objects.filter(old__level=COMMUNE, is_partial=False).values("old").distinct()
    partial = LocalityMapping.objects.filter(old__level=COMMUNE, is_partial=True).values("old").distinct()
    assert not set(whole.values_list("old", flat=True)) & set(partial.values_list("old", flat=True))


def test_the_command_reports_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {
        "old_provinces": 63, "old_districts": 696, "old_communes": 10035, "new_provinces": 34,
        "new_communes": 3321, "mappings": 11361, "localities_created": 0, "localities_updated": 2,
        "localities_unchanged": 14147, "mappings_created": 0, "mappings_updated": 0, "mappings_deleted": 1,
    }  # fmt: skip
    monkeypatch.setattr("canbo.geo.management.commands.geo_load.localities_load", lambda **kwargs: counts)
    out = io.StringIO()
    call_command("geo_load", stdout=out)
    text = out.getvalue()
    assert "63 đơn vị cấp tỉnh, 696 cấp huyện, 10.035 cấp xã" in text
    assert "34 đơn vị cấp tỉnh, 3.321 cấp xã" in text
    assert "11.361 dòng" in text
    assert "thêm 0, cập nhật 2, giữ nguyên 14.147" in text
    assert "xóa 1" in text


def test_the_command_explains_a_missing_source(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise SourceError("Python package 'vietnamadminunits' is not installed.")

    monkeypatch.setattr("canbo.geo.services.read_sources", broken)
    with pytest.raises(CommandError, match="Không đọc được dữ liệu nguồn"):
        call_command("geo_load", stdout=io.StringIO())
