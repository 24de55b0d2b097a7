"""The official code lists shipped in canbo/reference/data, read once into typed, immutable entries.

This module has no database access: the loader copies these entries into the tables, and the matchers in
`normalize` use the aliases kept here (only ethnicity aliases have a table of their own).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

CODE_SYSTEM_1979 = "QD121-TCTK/1979"
CODE_SYSTEM_2008 = "QD1019/QD-TCTK/2008"
DEFAULT_CODE_SYSTEM = CODE_SYSTEM_1979


@dataclass(frozen=True)
class EthnicityEntry:
    """One ethnic group in one code system."""

    code: str
    name: str
    is_minority: bool
    confidence: str
    same_as: str  # the 1979 code of the same group
    aliases: tuple[str, ...] = ()
    exonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeSystem:
    """An official ethnicity code list and its entries."""

    id: str
    name: str
    source: str
    confidence: str
    is_active: bool
    entries: tuple[EthnicityEntry, ...]


@dataclass(frozen=True)
class ReligionEntry:
    """A religion with the other ways people write it."""

    code: str
    name: str
    confidence: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class LevelEntry:
    """A level of one qualification scale, with the spellings that mean it."""

    kind: str
    code: str
    name: str
    rank: int
    is_legacy: bool
    confidence: str
    aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...]


@dataclass(frozen=True)
class KindEntry:
    """A qualification scale: its source, matching options and levels."""

    kind: str
    source: str
    confidence: str
    noise: tuple[str, ...]
    contains: bool
    levels: tuple[LevelEntry, ...]


@dataclass(frozen=True)
class CategoryEntry:
    """A management category (diện quản lý)."""

    code: str
    name: str
    position: int


@dataclass(frozen=True)
class TitleEntry:
    """A post in the title catalogue."""

    code: str
    name: str
    level: str
    rank: str
    is_leadership: bool
    is_sole: bool
    management_category: str
    position: int


def read(name: str) -> dict[str, Any]:
    """Return one data file as parsed JSON (fresh each call, so callers may keep or change it)."""
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def code_systems() -> dict[str, CodeSystem]:
    """Both ethnicity code lists keyed by code-system id, the default (1979) first."""
    data = read("ethnicities")
    systems: dict[str, CodeSystem] = {}
    for raw in data["code_systems"]:
        default_confidence = raw["confidence"] if len(raw["confidence"]) == 1 else "M"
        entries = tuple(
            EthnicityEntry(
                code=item["code"],
                name=item["name"],
                is_minority=item.get("is_minority", True),
                confidence=item.get("confidence", default_confidence),
                same_as=item.get("same_as", item["code"]),
                aliases=tuple(item.get("aliases", ())),
                exonyms=tuple(item.get("exonyms", ())),
            )
            for item in raw["entries"]
        )
        systems[raw["id"]] = CodeSystem(
            id=raw["id"],
            name=raw["name"],
            source=raw["source"],
            confidence=raw["confidence"],
            is_active=raw.get("is_active", True),
            entries=entries,
        )
    return systems


@cache
def religions() -> tuple[ReligionEntry, ...]:
    """ "Không" and the 16 recognised religions."""
    return tuple(
        ReligionEntry(
            code=item["code"],
            name=item["name"],
            confidence=item["confidence"],
            aliases=tuple(item["aliases"]),
        )
        for item in read("religions")["entries"]
    )


@cache
def qualification_kinds() -> dict[str, KindEntry]:
    """Every qualification scale keyed by its QualificationKind value."""
    kinds: dict[str, KindEntry] = {}
    for kind, raw in read("qualification_levels")["kinds"].items():
        levels = tuple(
            LevelEntry(
                kind=kind,
                code=item["code"],
                name=item["name"],
                rank=item["rank"],
                is_legacy=item.get("is_legacy", False),
                confidence=item.get("confidence", raw["confidence"]),
                aliases=tuple(item.get("aliases", ())),
                exact_aliases=tuple(item.get("exact_aliases", ())),
            )
            for item in raw["levels"]
        )
        kinds[kind] = KindEntry(
            kind=kind,
            source=raw["source"],
            confidence=raw["confidence"],
            noise=tuple(raw["noise"]),
            contains=raw["contains"],
            levels=levels,
        )
    return kinds


@cache
def management_categories() -> tuple[CategoryEntry, ...]:
    """The management categories in display order."""
    return tuple(
        CategoryEntry(code=item["code"], name=item["name"], position=item["position"])
        for item in read("management_categories")["entries"]
    )


@cache
def titles() -> tuple[TitleEntry, ...]:
    """The title catalogue; position counts 10, 20, ... within each level in list order."""
    counters: dict[str, int] = {}
    result = []
    for item in read("titles")["titles"]:
        counters[item["level"]] = counters.get(item["level"], 0) + 10
        result.append(
            TitleEntry(
                code=item["code"],
                name=item["name"],
                level=item["level"],
                rank=item["rank"],
                is_leadership=item["is_leadership"],
                is_sole=item["is_sole"],
                management_category=item["management_category"],
                position=counters[item["level"]],
            )
        )
    return tuple(result)


@cache
def id_province_codes() -> dict[str, str]:
    """Province-of-birth-registration codes of the 12-digit personal identification number, code → name."""
    return {item["code"]: item["name"] for item in read("national_id_provinces")["entries"]}
