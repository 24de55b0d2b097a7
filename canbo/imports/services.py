"""Writes owned by the imports app: annual ratings (until the careers app takes them over)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.audit.bulk import bulk_save
from canbo.audit.services import snapshot
from canbo.core.bulk import (
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    bulk_field_errors,
    chunked,
    constraint_message,
)
from canbo.core.dates import today
from canbo.people.models import Person

from .choices import RatingLevel
from .models import AnnualRating, ImportJob

RATING_FIELDS = {"year", "level", "score"}
SCORES_FROM_YEAR = 2026
"""Ratings carry a 100-point score from this year on (NĐ 335/2025/NĐ-CP, in force 01/01/2026)."""

# The lowest score of each level (NĐ 335/2025; QĐ 366-QĐ/TW Art 11): below 50 is always KHTNV.
SCORE_BANDS = (
    (Decimal(90), RatingLevel.EXCELLENT),
    (Decimal(70), RatingLevel.GOOD),
    (Decimal(50), RatingLevel.COMPLETED),
    (Decimal(0), RatingLevel.NOT_COMPLETED),
)
_RANK = {
    RatingLevel.NOT_COMPLETED: 0,
    RatingLevel.COMPLETED: 1,
    RatingLevel.GOOD: 2,
    RatingLevel.EXCELLENT: 3,
}
MIN_AGE_RATED = 15


def highest_level_for(score: Decimal) -> str:
    """The highest level a score allows (a level may be lower, e.g. after a disciplinary measure)."""
    return next(level for floor, level in SCORE_BANDS if score >= floor)


def _rating_errors(rating: AnnualRating) -> dict[str, list[str]]:
    """Rules of a rating beyond its fields: the year, the score's period and the score's band."""
    errors: dict[str, list[str]] = {}
    year, score, level = rating.year, rating.score, rating.level
    if isinstance(year, int):
        if year > today().year:
            errors["year"] = [_("Năm đánh giá không được sau năm nay.")]
        birth = rating.person.birth_date
        if isinstance(birth, dt.date) and year < birth.year + MIN_AGE_RATED:
            errors.setdefault("year", []).append(
                _("Năm đánh giá %(year)s quá sớm so với năm sinh %(birth)s.")
                % {"year": year, "birth": birth.year}
            )
    if score is None:
        return errors
    if not Decimal(0) <= score <= Decimal(100):
        errors["score"] = [constraint_message(AnnualRating, "imports_annualrating_score_range")]
    elif isinstance(year, int) and year < SCORES_FROM_YEAR:
        errors["score"] = [
            _("Điểm chỉ ghi cho các năm từ %(from)s (NĐ 335/2025/NĐ-CP); năm %(year)s chỉ ghi mức xếp loại.")
            % {"from": SCORES_FROM_YEAR, "year": year}
        ]
    elif level in _RANK:
        allowed = highest_level_for(score)
        if _RANK[RatingLevel(level)] > _RANK[RatingLevel(allowed)]:
            errors["level"] = [
                _(
                    "Điểm %(score)s chỉ đạt mức %(allowed)s trở xuống (từ 90 điểm: HTXSNV; từ 70 đến dưới 90: "
                    "HTTNV; từ 50 đến dưới 70: HTNV; dưới 50: KHTNV)."
                )
                % {"score": f"{score.normalize():f}".replace(".", ","), "allowed": allowed}
            ]
    return errors


def _without_source(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != "source_import_id"}


@transaction.atomic
def ratings_upsert(
    *,
    actor: Any,
    rows: Sequence[tuple[AnnualRating | None, Person, Mapping[str, Any]]],
    job: ImportJob | None = None,
    write: bool = True,
) -> BulkResult[AnnualRating]:
    """Record or correct many annual ratings (one per person and year), audited, in bulk.

    A rating keeps the import that last changed it; an unchanged rating keeps its old source, so that
    importing the same file again changes nothing.
    """
    result: BulkResult[AnnualRating] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    for index, (existing, person, data) in enumerate(rows):
        rating = existing if existing is not None else AnnualRating(person=person)
        before = snapshot(rating) if existing is not None else None
        unknown = sorted(set(data) - RATING_FIELDS)
        if unknown:
            raise ValueError(f"Unknown rating fields: {unknown}")
        for name, value in data.items():
            setattr(rating, name, value)
        errors = _rating_errors(rating)
        for name, messages in bulk_field_errors(rating, relations=("person", "source_import")).items():
            errors.setdefault(name, []).extend(messages)
        result.instances.append(rating)
        befores.append(before)
        if errors:
            result.statuses.append(BULK_INVALID)
            result.errors[index] = errors
        elif before is None:
            rating.source_import = job
            result.statuses.append(BULK_CREATED)
        elif _without_source(snapshot(rating)) != _without_source(before):
            rating.source_import = job
            result.statuses.append(BULK_UPDATED)
        else:
            result.statuses.append(BULK_UNCHANGED)
    own = {r.pk for r in result.instances if r.pk is not None}
    taken: set[tuple[int, int]] = set()
    people = sorted({r.person_id for r in result.instances if r.person_id is not None})
    for batch in chunked(people):
        # The batch's own rows are skipped here rather than by NOT IN (…) in each query: a province's
        # import holds tens of thousands of them.
        stored = AnnualRating.objects.filter(person_id__in=batch).values_list("pk", "person_id", "year")
        taken.update((person_id, year) for pk, person_id, year in stored if pk not in own)
    seen: set[tuple[Any, int]] = set()
    for index, rating in enumerate(result.instances):
        if result.statuses[index] == BULK_INVALID:
            continue
        key = (rating.person_id or id(rating.person), rating.year)
        if key in seen or (rating.person_id is not None and (rating.person_id, rating.year) in taken):
            result.add_error(
                index, "year", constraint_message(AnnualRating, "imports_annualrating_unique_year")
            )
        seen.add(key)
    if write and not result.errors:
        bulk_save(
            actor=actor, model=AnnualRating, result=result, befores=befores, person_of=lambda r: r.person_id
        )
    return result
