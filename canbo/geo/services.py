"""Writes to the locality lists: loading the official lists and the 2025 crosswalk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.text import name_sort_key

from .boundaries import boundary_keys_refresh
from .models import CodeSystem, Locality, LocalityLevel, LocalityMapping
from .naming import search_key
from .sources import REFORM_DAY, SOURCE, Key, LinkRow, UnitRow, read_sources

_BATCH = 1000
_UNIT_FIELDS = (
    "name",
    "kind",
    "province_code",
    "parent_id",
    "valid_from",
    "valid_to",
    "search_name",
    "sort_key",
)
_LEVELS = (LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE)
_PLURALS: dict[str, str] = {
    LocalityLevel.PROVINCE: "provinces",
    LocalityLevel.DISTRICT: "districts",
    LocalityLevel.COMMUNE: "communes",
}


class Writer(Protocol):
    """Anything with write(text): a file, sys.stdout or a management command's OutputWrapper."""

    def write(self, text: str, /) -> Any: ...


def localities_load(*, stdout: Writer | None = None) -> dict[str, int]:
    """Create or update the old and new official localities and their crosswalk; a rerun changes nothing.

    Rows are matched on (code_system, level, code) and written in bulk, so a full load takes seconds.
    Localities are never deleted (people and units point at them); crosswalk links that this loader
    wrote and that the source no longer has are removed. Rows are not passed through full_clean():
    the data is the official list, and the database constraints guard it.
    """
    sources = read_sources()
    if stdout is not None:
        versions = ", ".join(f"{name} {version}" for name, version in sources.versions.items())
        stdout.write(
            _("Đọc danh mục đơn vị hành chính từ các gói: %(versions)s.") % {"versions": versions} + "\n"
        )
    with transaction.atomic():
        ids, counts = _sync_units(sources.units)
        counts.update(_sync_links(sources.links, ids))
        counts["boundary_keys_changed"] = boundary_keys_refresh()
    for unit in sources.units:
        era = "old" if unit.code_system == CodeSystem.QD124_2004 else "new"
        total = f"{era}_{_PLURALS[unit.level]}"
        counts[total] = counts.get(total, 0) + 1
    counts["mappings"] = len(sources.links)
    return counts


def _unit_values(unit: UnitRow, ids: dict[Key, int]) -> tuple[Any, ...]:
    parent_id = ids[unit.parent] if unit.parent else None
    return (
        unit.name,
        unit.kind,
        unit.province_code,
        parent_id,
        unit.valid_from,
        unit.valid_to,
        search_key(unit.name),
        name_sort_key(unit.name),
    )


def _existing_units() -> dict[Key, tuple[int, tuple[Any, ...]]]:
    rows = Locality.objects.values_list("id", "code_system", "level", "code", *_UNIT_FIELDS)
    return {(row[1], row[2], row[3]): (row[0], tuple(row[4:])) for row in rows.iterator(chunk_size=5000)}


def _sync_units(units: Iterable[UnitRow]) -> tuple[dict[Key, int], dict[str, int]]:
    """Write the units level by level, parents first; return their ids by key, and the counts."""
    existing = _existing_units()
    ids = {key: pk for key, (pk, _values) in existing.items()}
    by_level: dict[str, list[UnitRow]] = {}
    for unit in units:
        by_level.setdefault(unit.level, []).append(unit)
    now = timezone.now()
    created = updated = 0
    for level in _LEVELS:
        to_create: list[Locality] = []
        to_update: list[Locality] = []
        for unit in by_level.get(level, []):
            values = _unit_values(unit, ids)
            fields = dict(zip(_UNIT_FIELDS, values, strict=True))
            current = existing.get(unit.key)
            if current is None:
                to_create.append(
                    Locality(code_system=unit.code_system, level=unit.level, code=unit.code, **fields)
                )
            elif current[1] != values:
                to_update.append(Locality(pk=current[0], updated_at=now, **fields))
        if to_create:
            Locality.objects.bulk_create(to_create, batch_size=_BATCH)
            new_ids = Locality.objects.filter(level=level).values_list("code_system", "level", "code", "id")
            ids.update({(system, lvl, code): pk for system, lvl, code, pk in new_ids})
        if to_update:
            Locality.objects.bulk_update(to_update, [*_UNIT_FIELDS, "updated_at"], batch_size=_BATCH)
        created += len(to_create)
        updated += len(to_update)
    total = sum(len(rows) for rows in by_level.values())
    return ids, {
        "localities_created": created,
        "localities_updated": updated,
        "localities_unchanged": total - created - updated,
    }


def _sync_links(links: Iterable[LinkRow], ids: dict[Key, int]) -> dict[str, int]:
    """Write the crosswalk links; drop the ones this loader wrote earlier that the source no longer has."""
    wanted = {(ids[link.old], ids[link.new]): link.is_partial for link in links}
    existing = {
        (old_id, new_id): (pk, partial, effective_on, source)
        for pk, old_id, new_id, partial, effective_on, source in LocalityMapping.objects.values_list(
            "id", "old_id", "new_id", "is_partial", "effective_on", "source"
        ).iterator(chunk_size=5000)
    }
    to_create: list[LocalityMapping] = []
    to_update: list[LocalityMapping] = []
    for (old_id, new_id), partial in wanted.items():
        current = existing.get((old_id, new_id))
        if current is None:
            to_create.append(
                LocalityMapping(
                    old_id=old_id, new_id=new_id, is_partial=partial, effective_on=REFORM_DAY, source=SOURCE
                )
            )
        elif current[1:] != (partial, REFORM_DAY, SOURCE):
            to_update.append(
                LocalityMapping(
                    pk=current[0],
                    old_id=old_id,
                    new_id=new_id,
                    is_partial=partial,
                    effective_on=REFORM_DAY,
                    source=SOURCE,
                )
            )
    stale = [pk for pair, (pk, _p, _e, source) in existing.items() if pair not in wanted and source == SOURCE]
    LocalityMapping.objects.bulk_create(to_create, batch_size=_BATCH)
    LocalityMapping.objects.bulk_update(
        to_update, ["is_partial", "effective_on", "source"], batch_size=_BATCH
    )
    for start in range(0, len(stale), _BATCH):
        LocalityMapping.objects.filter(pk__in=stale[start : start + _BATCH]).delete()
    return {
        "mappings_created": len(to_create),
        "mappings_updated": len(to_update),
        "mappings_deleted": len(stale),
    }
