"""Boundaries in force on a date, as columns the database can compare ("is this person local here?").

Each locality carries the codes of the units that contain it before the reform (old_province,
old_district, old_commune, QĐ 124/2004) and after it (new_province, new_commune, QĐ 19/2025). An old
commune kept whole gets its new commune; a split one gets only its new province (when all its parts went
to one province). The "not local" rule (regulations §6) compares the person's home town and birthplace
with the post's locality at the post's level, on the side of the reform that the date falls on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from .models import CodeSystem, Locality, LocalityLevel, LocalityMapping

REFORM_DATE = dt.date.fromisoformat(settings.DISTRICT_LEVEL_ENDED_ON)
KEY_FIELDS = ("old_province", "old_district", "old_commune", "new_province", "new_commune")


@transaction.atomic
def boundary_keys_refresh() -> int:
    """Recompute the boundary keys of every locality from the tree and the crosswalk; return rows changed."""
    units = {unit.pk: unit for unit in Locality.objects.all()}
    successors: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for old_id, new_id, partial in LocalityMapping.objects.values_list("old_id", "new_id", "is_partial"):
        successors[old_id].append((new_id, partial))
    changed = []
    for unit in units.values():
        keys: dict[str, str | None] = dict.fromkeys(KEY_FIELDS)
        if unit.code_system == CodeSystem.QD124_2004:
            keys["old_province"] = unit.province_code
            if unit.level == LocalityLevel.DISTRICT:
                keys["old_district"] = unit.code
            elif unit.level == LocalityLevel.COMMUNE:
                keys["old_commune"] = unit.code
                parent = units.get(unit.parent_id) if unit.parent_id else None
                keys["old_district"] = (
                    parent.code if parent and parent.level == LocalityLevel.DISTRICT else None
                )
            targets = [units[new_id] for new_id, _partial in successors.get(unit.pk, []) if new_id in units]
            provinces = {target.province_code for target in targets}
            if len(provinces) == 1:
                keys["new_province"] = provinces.pop()
            whole = [
                t
                for (new_id, partial), t in zip(successors.get(unit.pk, []), targets, strict=False)
                if not partial
            ]
            if unit.level == LocalityLevel.COMMUNE and len(targets) == 1 and len(whole) == 1:
                keys["new_commune"] = whole[0].code
        else:
            keys["new_province"] = unit.province_code
            if unit.level == LocalityLevel.COMMUNE:
                keys["new_commune"] = unit.code
        if any(getattr(unit, name) != value for name, value in keys.items()):
            for name, value in keys.items():
                setattr(unit, name, value)
            changed.append(unit)
    Locality.objects.bulk_update(changed, list(KEY_FIELDS), batch_size=2000)
    return len(changed)


def key_field(level: str, on: dt.date) -> str | None:
    """The key column that identifies the unit of a level containing a locality on a date."""
    side = "old" if on < REFORM_DATE else "new"
    if side == "new" and level == LocalityLevel.DISTRICT:
        return None
    return f"{side}_{level}"


def not_local_q(
    *, as_of: dt.date, bases: tuple[str, ...], person: str = "person__", unit: str = "unit__"
) -> Q:
    """Q for rows whose person is not local to the row's unit on as_of (regulations §6, default test).

    Local means the home town (or the birthplace) lies in the post's locality at the post's level, on the
    boundaries in force on as_of. A missing home town makes the answer unknown, so the person is not counted
    as non-local; a missing birthplace does not stop the home town from deciding.
    """
    result = Q(pk__in=[])
    for level in (LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE):
        field = key_field(level, as_of)
        if field is None:
            continue
        post_key = F(f"{unit}locality__{field}")
        branch = Q(**{f"{unit}locality__level": level, f"{unit}locality__{field}__isnull": False})
        for base in bases:
            column = f"{person}{base}__{field}"
            if base == "home_town":
                branch &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: post_key})
            else:
                branch &= Q(**{f"{column}__isnull": True}) | ~Q(**{column: post_key})
        result |= branch
    return result
