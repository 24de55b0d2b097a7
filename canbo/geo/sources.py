"""Read the official locality lists and the 2025 crosswalk from the PyPI packages that maintain them.

* New units (QĐ 19/2025/QĐ-TTg, from 01/07/2025): ``vietnam-provinces`` 2025.x, which republishes the
  General Statistics Office list (34 provinces, 3,321 communes) with the final codes.
* Old units (QĐ 124/2004/QĐ-TTg, as they stood on 30/06/2025: 63 provinces, 696 districts, 10,035
  communes) and the old→new crosswalk: ``vietnamadminunits`` 1.0.x. That package keys its crosswalk by
  folded names and carries the codes of the draft decision for the new communes, so new communes are
  matched to ``vietnam-provinces`` by province and name, never by its codes.

Only the packages' data files are read (``vietnamadminunits`` is not imported: its modules pull in
geocoding libraries that loading does not need).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.util
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canbo.core.text import collation_key

from .models import CodeSystem, LocalityLevel
from .naming import search_key, split_kind

REFORM_DAY = dt.date(2025, 7, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)
SOURCE = "QĐ 19/2025/QĐ-TTg; NQ 202/2025/QH15"
NEW_PACKAGE = "vietnam-provinces"
OLD_PACKAGE = "vietnamadminunits"

Key = tuple[str, str, str]
"""Natural key of a locality: (code_system, level, code)."""

_OLD = CodeSystem.QD124_2004.value
_NEW = CodeSystem.QD19_2025.value
_PROVINCE = LocalityLevel.PROVINCE.value
_DISTRICT = LocalityLevel.DISTRICT.value
_COMMUNE = LocalityLevel.COMMUNE.value
_NEW_PROVINCE_KINDS = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}


class SourceError(Exception):
    """A package is missing or its data no longer has the shape this module reads."""


@dataclass(frozen=True)
class UnitRow:
    """One locality as a source package lists it."""

    code_system: str
    level: str
    code: str
    name: str
    kind: str
    province_code: str
    parent: Key | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def key(self) -> Key:
        """The natural key (code_system, level, code)."""
        return (self.code_system, self.level, self.code)


@dataclass(frozen=True)
class LinkRow:
    """One crosswalk link: the old unit, or the part of it given by is_partial, became part of new."""

    old: Key
    new: Key
    is_partial: bool


@dataclass(frozen=True)
class Sources:
    """Everything one load writes, and the package versions it came from."""

    units: tuple[UnitRow, ...]
    links: tuple[LinkRow, ...]
    versions: dict[str, str]


def read_sources() -> Sources:
    """Read both lists and the crosswalk from the installed packages."""
    try:
        new_units = _read_new_units()
        old_units, old_paths = _read_old_units()
        links = _read_links(new_units, old_units, old_paths)
    except (
        KeyError,
        TypeError,
        ValueError,
        OSError,
        sqlite3.Error,
    ) as exc:  # a package changed its data layout
        raise SourceError(f"Unexpected data in a source package: {exc!r}") from exc
    versions = {package: _version(package) for package in (NEW_PACKAGE, OLD_PACKAGE)}
    return Sources(units=(*old_units, *new_units), links=tuple(links), versions=versions)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError as exc:
        raise SourceError(f"Python package {package!r} is not installed.") from exc


def _read_new_units() -> list[UnitRow]:
    try:
        import vietnam_provinces
    except ImportError as exc:
        raise SourceError(f"Python package {NEW_PACKAGE!r} is not installed.") from exc
    provinces = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    rows: list[UnitRow] = []
    for province in provinces:
        province_code = f"{int(province['code']):02d}"
        kind = _NEW_PROVINCE_KINDS[province["division_type"]]
        _, name = split_kind(province["name"], (kind,))
        province_row = UnitRow(
            _NEW, _PROVINCE, province_code, name, kind, province_code, None, REFORM_DAY, None
        )
        rows.append(province_row)
        for ward in province["wards"]:
            ward_kind = ward["division_type"]
            _, ward_name = split_kind(ward["name"], (ward_kind,))
            rows.append(
                UnitRow(
                    _NEW,
                    _COMMUNE,
                    f"{int(ward['code']):05d}",
                    ward_name,
                    ward_kind,
                    province_code,
                    province_row.key,
                    REFORM_DAY,
                    None,
                )
            )
    return rows


def _old_package_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(f"Python package {OLD_PACKAGE!r} is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str) -> list[dict[str, Any]]:
    uri = (_old_package_dir() / "dataset.db").as_uri() + "?mode=ro&immutable=1"
    with sqlite3.connect(uri, uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql)]


def _read_old_units() -> tuple[list[UnitRow], dict[str, Key]]:
    """The old units, and the package's "province_district_ward" name keys that its crosswalk uses."""
    provinces: dict[str, UnitRow] = {}
    districts: dict[str, UnitRow] = {}
    communes: list[UnitRow] = []
    paths: dict[str, Key] = {}
    for row in _query("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
        province_code = row["provinceCode"]
        if province_code not in provinces:
            kind, name = split_kind(row["province"], ("thành phố", "tỉnh"))
            provinces[province_code] = UnitRow(
                _OLD, _PROVINCE, province_code, name, kind, province_code, None, None, LAST_OLD_DAY
            )
            paths[row["provinceKey"]] = provinces[province_code].key
        district_code = row["districtCode"]
        if district_code not in districts:
            kind, name = _split(row["district"], row["districtType"])
            districts[district_code] = UnitRow(
                _OLD,
                _DISTRICT,
                district_code,
                name,
                kind,
                province_code,
                provinces[province_code].key,
                None,
                LAST_OLD_DAY,
            )
        district_path = f"{row['provinceKey']}_{row['districtKey']}_"
        if not row["wardCode"]:  # island districts without communes, now special zones
            paths[district_path] = districts[district_code].key
            continue
        kind, name = _split(row["ward"], row["wardType"])
        commune = UnitRow(
            _OLD,
            _COMMUNE,
            row["wardCode"],
            name,
            kind,
            province_code,
            districts[district_code].key,
            None,
            LAST_OLD_DAY,
        )
        communes.append(commune)
        paths[district_path + row["wardKey"]] = commune.key
    return [*provinces.values(), *districts.values(), *communes], paths


def _split(full_name: str, kind: str) -> tuple[str, str]:
    """Kind and name from the name's own prefix; the package's type column is wrong for a few units."""
    prefix, name = split_kind(full_name)
    return (prefix, name) if prefix else (kind.lower(), name)


def _new_commune_index(new_units: Iterable[UnitRow]) -> dict[tuple[str, str], list[UnitRow]]:
    index: dict[tuple[str, str], list[UnitRow]] = defaultdict(list)
    for unit in new_units:
        if unit.level == _COMMUNE:
            index[(unit.province_code, search_key(f"{unit.kind} {unit.name}"))].append(unit)
    return index


def _match_new_commune(
    index: dict[tuple[str, str], list[UnitRow]], province_code: str, full_name: str
) -> UnitRow:
    """The vietnam-provinces commune with this name, telling "Tân Thành" from "Tân Thạnh" by tone."""
    candidates = index.get((province_code, search_key(full_name)), [])
    if len(candidates) > 1:
        wanted = collation_key(full_name.lower())
        candidates = [unit for unit in candidates if collation_key(f"{unit.kind} {unit.name}") == wanted]
    if len(candidates) != 1:
        raise SourceError(f"New commune {full_name!r} ({province_code}) matches {len(candidates)} units.")
    return candidates[0]


def _read_links(
    new_units: list[UnitRow], old_units: list[UnitRow], old_paths: dict[str, Key]
) -> list[LinkRow]:
    crosswalk = json.loads((_old_package_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    new_provinces = {
        row["provinceKey"]: row["provinceCode"]
        for row in _query("SELECT DISTINCT provinceKey, provinceCode FROM admin_units")
    }
    new_wards = {
        (row["provinceKey"], row["wardKey"]): (row["provinceCode"], row["ward"])
        for row in _query("SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units")
    }
    index = _new_commune_index(new_units)

    def new_commune(province_key: str, ward_key: str) -> Key:
        province_code, full_name = new_wards[(province_key, ward_key)]
        return _match_new_commune(index, province_code, full_name).key

    links: dict[tuple[Key, Key], bool] = {}
    # Provinces merged whole, so an old province, and each of its districts, lies in one new province.
    new_province_of: dict[str, Key] = {}
    for new_key, old_keys in crosswalk["DICT_PROVINCE"].items():
        new = (_NEW, _PROVINCE, new_provinces[new_key])
        for old_key in old_keys:
            old = old_paths[old_key]
            links[(old, new)] = False
            new_province_of[old[2]] = new
    for unit in old_units:
        if unit.level == _DISTRICT:
            links[(unit.key, new_province_of[unit.province_code])] = False
    for province_key, wards in crosswalk["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            new = new_commune(province_key, ward_key)
            for old_key in old_keys:
                links[(old_paths[old_key], new)] = False
    for province_key, divided in crosswalk["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            for part in parts:
                links[(old_paths[old_key], new_commune(province_key, part["newWardKey"]))] = True
    return [LinkRow(old, new, partial) for (old, new), partial in links.items()]
