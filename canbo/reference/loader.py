"""Copy the shipped code lists into the database: idempotent, keyed by code, one bulk upsert per table."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models, transaction

from canbo.core.text import name_sort_key
from canbo.people.models import Ethnicity, EthnicityAlias, QualificationLevel, Religion
from canbo.posts.models import ManagementCategory, Title

from . import catalog
from .normalize import ethnicity_key

# `is_active` is written when a row is created and left alone afterwards, so that an administrator who
# retires a value keeps that choice across reloads; every other field follows the shipped data.


def _upsert(
    model: type[models.Model], rows: Sequence[models.Model], unique: list[str], update: list[str]
) -> int:
    """Insert rows, or update the listed fields where a row with the same unique key exists."""
    model._default_manager.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=update, batch_size=500
    )
    return len(rows)


def ethnicity_alias_rows() -> list[tuple[str, str, str]]:
    """Every spelling that names a 1979 ethnic group, as (key, spelling, 1979 code), one per key."""
    systems = catalog.code_systems()
    rows: dict[str, tuple[str, str, str]] = {}
    spellings: list[tuple[str, str]] = []
    for entry in systems[catalog.CODE_SYSTEM_1979].entries:
        spellings.extend((name, entry.code) for name in (entry.name, *entry.aliases, *entry.exonyms))
    for system in systems.values():
        if system.id != catalog.CODE_SYSTEM_1979:
            spellings.extend((entry.name, entry.same_as) for entry in system.entries)
    for spelling, code in spellings:
        key = ethnicity_key(spelling)
        previous = rows.get(key)
        if previous is not None and previous[2] != code:
            raise ValueError(f"Ethnicity spelling {spelling!r} names both {previous[2]} and {code}.")
        rows.setdefault(key, (key, spelling, code))
    return list(rows.values())


def _load_ethnicities() -> dict[str, int]:
    """Both ethnicity code lists and the aliases of the 1979 list."""
    rows = [
        Ethnicity(
            code_system=system.id,
            code=entry.code,
            name=entry.name,
            is_minority=entry.is_minority,
            is_active=system.is_active,
            sort_key=name_sort_key(entry.name),
        )
        for system in catalog.code_systems().values()
        for entry in system.entries
    ]
    count = _upsert(Ethnicity, rows, ["code_system", "code"], ["name", "is_minority", "sort_key"])
    ids = dict(Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_1979).values_list("code", "id"))
    aliases = [
        EthnicityAlias(ethnicity_id=ids[code], alias=spelling, alias_folded=key)
        for key, spelling, code in ethnicity_alias_rows()
    ]
    alias_count = _upsert(EthnicityAlias, aliases, ["alias_folded"], ["ethnicity", "alias"])
    return {"ethnicities": count, "ethnicity_aliases": alias_count}


def _load_religions() -> int:
    """ "Không" and the recognised religions."""
    rows = [Religion(code=entry.code, name=entry.name) for entry in catalog.religions()]
    return _upsert(Religion, rows, ["code"], ["name"])


def _load_levels() -> int:
    """The levels of every qualification scale."""
    rows = [
        QualificationLevel(
            kind=level.kind, code=level.code, name=level.name, rank=level.rank, is_legacy=level.is_legacy
        )
        for scale in catalog.qualification_kinds().values()
        for level in scale.levels
    ]
    return _upsert(QualificationLevel, rows, ["kind", "code"], ["name", "rank", "is_legacy"])


def _load_categories_and_titles() -> dict[str, int]:
    """Management categories, then the titles that refer to them."""
    categories = [
        ManagementCategory(code=entry.code, name=entry.name, position=entry.position)
        for entry in catalog.management_categories()
    ]
    category_count = _upsert(ManagementCategory, categories, ["code"], ["name", "position"])
    ids = dict(ManagementCategory.objects.values_list("code", "id"))
    titles = [
        Title(
            code=entry.code,
            name=entry.name,
            level=entry.level,
            rank=entry.rank,
            is_leadership=entry.is_leadership,
            is_sole=entry.is_sole,
            management_category_id=ids[entry.management_category],
            position=entry.position,
        )
        for entry in catalog.titles()
    ]
    title_count = _upsert(
        Title,
        titles,
        ["code"],
        ["name", "level", "rank", "is_leadership", "is_sole", "management_category", "position"],
    )
    return {"management_categories": category_count, "titles": title_count}


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Load or refresh every shipped code list; return the number of rows written per table."""
    counts = _load_ethnicities()
    counts["religions"] = _load_religions()
    counts["qualification_levels"] = _load_levels()
    counts.update(_load_categories_and_titles())
    return counts
