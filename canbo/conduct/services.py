"""Writes: discipline records, political-standard conclusions and annual ratings.

Each service takes the actor, checks the person is in the actor's scope (before and after the save),
validates with Vietnamese messages keyed by field, saves in one transaction and writes an audit row.
The import writes ratings in bulk through ratings_upsert, with the same checks and one audit row per change
(its scope is checked by the import itself, row by row, before it calls the service).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, scoped_write
from canbo.audit.bulk import bulk_save
from canbo.audit.models import AuditAction
from canbo.audit.records import delete_person_record
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
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
from canbo.core.services import apply_fields, full_clean_with
from canbo.rules.models import RuleVersion
from canbo.rules.selectors import RuleBook

from .choices import FORMS_BY_SYSTEM, DisciplineSystem, RatingLevel
from .models import AnnualRating, DisciplineRecord, PoliticalStandardConclusion

DISCIPLINE_FIELDS = {
    "form",
    "system",
    "decision_number",
    "decision_date",
    "issued_by",
    "valid_from",
    "valid_to",
    "reason",
}
CONCLUSION_FIELDS = {"concluded_on", "conclusion", "concluded_by", "document", "note"}


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _not_future_nor_before_birth(person: Any, day: Any, field: str, errors: dict[str, list[str]]) -> None:
    if not isinstance(day, dt.date):
        return
    if day > today():
        errors.setdefault(field, []).append(_("Ngày %(d)s là ngày trong tương lai.") % {"d": _vn(day)})
    birth = getattr(person, "birth_date", None)
    if isinstance(birth, dt.date) and day < birth:
        errors.setdefault(field, []).append(
            _("Ngày %(d)s trước ngày sinh của cán bộ (%(b)s).") % {"d": _vn(day), "b": _vn(birth)}
        )


def _discipline_errors(item: DisciplineRecord) -> dict[str, list[str]]:
    """Rules across the fields of a discipline record that a field alone cannot express."""
    errors: dict[str, list[str]] = {}
    _not_future_nor_before_birth(item.person, item.decision_date, "decision_date", errors)
    start, end = item.valid_from, item.valid_to
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        errors.setdefault("valid_to", []).append(
            _("Kỷ luật kết thúc (%(e)s) trước khi có hiệu lực (%(s)s).") % {"e": _vn(end), "s": _vn(start)}
        )
    if isinstance(start, dt.date) and isinstance(item.decision_date, dt.date) and start < item.decision_date:
        errors.setdefault("valid_from", []).append(
            _("Ngày kỷ luật có hiệu lực (%(s)s) không được trước ngày quyết định (%(d)s).")
            % {"s": _vn(start), "d": _vn(item.decision_date)}
        )
    if item.system in FORMS_BY_SYSTEM and item.form and item.form not in FORMS_BY_SYSTEM[item.system]:
        errors.setdefault("form", []).append(
            _("Hình thức “%(f)s” không thuộc %(s)s.")
            % {"f": item.get_form_display(), "s": DisciplineSystem(item.system).label.lower()}
        )
    return errors


@scoped_write
def discipline_record_create(*, actor: Any, person: Any, data: dict[str, Any]) -> DisciplineRecord:
    """Record a disciplinary measure on a person; refused, and nothing stored, when any field is wrong."""
    require_person_in_scope(actor, person.pk)
    item = DisciplineRecord(person=person)
    apply_fields(item, data, DISCIPLINE_FIELDS)
    full_clean_with(item, _discipline_errors(item))
    item.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(actor=actor, action=AuditAction.CREATE, instance=item, after=snapshot(item), person_id=person.pk)
    return item


@scoped_write
def discipline_record_update(
    *, actor: Any, record_: DisciplineRecord, data: dict[str, Any], version: int | None = None
) -> DisciplineRecord:
    """Correct a discipline record or set the day it ends (StaleVersion when saved over a newer version)."""
    require_person_in_scope(actor, record_.person_id)
    item = DisciplineRecord.objects.select_for_update().select_related("person").get(pk=record_.pk)
    before = snapshot(item)
    apply_fields(item, data, DISCIPLINE_FIELDS)
    full_clean_with(item, _discipline_errors(item))
    if snapshot(item) != before:
        claim_version(item, version)
        item.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=item,
            before=before,
            after=snapshot(item),
            person_id=item.person_id,
        )
    return item


@scoped_write
def discipline_record_delete(*, actor: Any, record_: DisciplineRecord, version: int | None = None) -> None:
    """Delete a discipline record entered in error (refused when saved since the confirmation page showed it)."""
    delete_person_record(actor=actor, instance=record_, version=version)


def _conclusion_errors(item: PoliticalStandardConclusion) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _not_future_nor_before_birth(item.person, item.concluded_on, "concluded_on", errors)
    return errors


@scoped_write
def political_standard_record(
    *, actor: Any, person: Any, data: dict[str, Any]
) -> PoliticalStandardConclusion:
    """Record a conclusion on a person's political standard (date, conclusion, by whom, document)."""
    require_person_in_scope(actor, person.pk)
    item = PoliticalStandardConclusion(person=person)
    apply_fields(item, data, CONCLUSION_FIELDS)
    full_clean_with(item, _conclusion_errors(item))
    item.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(actor=actor, action=AuditAction.CREATE, instance=item, after=snapshot(item), person_id=person.pk)
    return item


@scoped_write
def political_standard_update(
    *, actor: Any, conclusion: PoliticalStandardConclusion, data: dict[str, Any], version: int | None = None
) -> PoliticalStandardConclusion:
    """Correct a conclusion (StaleVersion when saved over a newer version than the one loaded)."""
    require_person_in_scope(actor, conclusion.person_id)
    item = (
        PoliticalStandardConclusion.objects.select_for_update().select_related("person").get(pk=conclusion.pk)
    )
    before = snapshot(item)
    apply_fields(item, data, CONCLUSION_FIELDS)
    full_clean_with(item, _conclusion_errors(item))
    if snapshot(item) != before:
        claim_version(item, version)
        item.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=item,
            before=before,
            after=snapshot(item),
            person_id=item.person_id,
        )
    return item


@scoped_write
def political_standard_delete(
    *, actor: Any, conclusion: PoliticalStandardConclusion, version: int | None = None
) -> None:
    """Delete a conclusion entered in error (refused when saved since the confirmation page showed it)."""
    delete_person_record(actor=actor, instance=conclusion, version=version)


# ---- Annual ratings -------------------------------------------------------------------------------------

RATING_FIELDS = {"year", "level", "score"}
SCORE_BANDS_RULE = "rating.score_bands"
FIRST_RATED_YEAR = 1930
"""No rating is older than the first cadres' records (the same floor as birth years in the issue)."""
MIN_AGE_RATED = 15
#: Best level first: a level's rank is its distance from the bottom.
_RANK = {level: len(RatingLevel.values) - index for index, level in enumerate(RatingLevel.values)}


def score_bands_book() -> RuleBook:
    """The versions of the score-bands rule (one query), for rating checks over one or many rows."""
    return RuleBook(list(RuleVersion.objects.filter(rule=SCORE_BANDS_RULE)))


def bands_for(year: int, book: RuleBook) -> RuleVersion | None:
    """The score-bands version that governs a rating year: the one in force on 31/12 (ratings close then)."""
    return book.in_force(SCORE_BANDS_RULE, on=dt.date(year, 12, 31))


def highest_level_for(score: Decimal, version: RuleVersion) -> str:
    """The highest level a score allows under a bands version (a lower level stays possible, e.g. after a
    disciplinary measure or under the excellent cap)."""
    return next(str(level) for floor, level in version.parameters["bands"] if score >= floor)


def _points(value: Decimal | int) -> str:
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def bands_text(version: RuleVersion) -> str:
    """The bands as a sentence: "từ 90 điểm: HTXSNV; từ 70 đến dưới 90: HTTNV; …; dưới 50: KHTNV"."""
    bands = version.parameters["bands"]
    parts = []
    for index, (floor, level) in enumerate(bands):
        if index == 0:
            parts.append(_("từ %(floor)s điểm: %(level)s") % {"floor": floor, "level": level})
        elif floor == 0:
            parts.append(_("dưới %(ceiling)s: %(level)s") % {"ceiling": bands[index - 1][0], "level": level})
        else:
            parts.append(
                _("từ %(floor)s đến dưới %(ceiling)s: %(level)s")
                % {"floor": floor, "ceiling": bands[index - 1][0], "level": level}
            )
    return "; ".join(parts)


def _citation(version: RuleVersion) -> str:
    return ", ".join(part for part in (version.source, version.article) if part)


def _rating_errors(rating: AnnualRating, *, book: RuleBook, on: dt.date) -> dict[str, list[str]]:
    """Rules of a rating beyond its fields: the year against today, 1930, birth and recruitment; the score's
    period and band under the score-bands rule in force for the year. Fills the level from the score when
    it is empty and a band gives it."""
    errors: dict[str, list[str]] = {}
    if isinstance(rating.year, int):
        _year_errors(rating, rating.year, on, errors)
    if rating.score is not None:
        _score_errors(rating, rating.score, book, errors)
    if not rating.level:
        errors["level"] = [
            _(
                "Chưa chọn mức xếp loại (từ năm áp dụng thang điểm 100, nhập điểm thì mức được tính theo điểm)."
            )
        ]
    return errors


def _year_errors(rating: AnnualRating, year: int, on: dt.date, errors: dict[str, list[str]]) -> None:
    messages = []
    if year > on.year:
        messages.append(_("Năm đánh giá không được sau năm nay."))
    if year < FIRST_RATED_YEAR:
        messages.append(
            _("Năm đánh giá %(year)s quá xa: chỉ ghi từ năm %(first)s.")
            % {"year": year, "first": FIRST_RATED_YEAR}
        )
    birth = rating.person.birth_date
    if isinstance(birth, dt.date) and year < birth.year + MIN_AGE_RATED:
        messages.append(
            _("Năm đánh giá %(year)s quá sớm so với năm sinh %(birth)s.")
            % {"year": year, "birth": birth.year}
        )
    recruited = rating.person.recruited_on
    if isinstance(recruited, dt.date) and year < recruited.year:
        messages.append(
            _("Năm đánh giá %(y)s trước năm tuyển dụng của cán bộ (%(r)s).")
            % {"y": year, "r": _vn(recruited)}
        )
    if messages:
        errors["year"] = messages


def _score_errors(rating: AnnualRating, score: Decimal, book: RuleBook, errors: dict[str, list[str]]) -> None:
    year, level = rating.year, rating.level
    if not Decimal(0) <= score <= Decimal(100):
        errors["score"] = [constraint_message(AnnualRating, "imports_annualrating_score_range")]
        return
    if not isinstance(year, int):
        return
    version = bands_for(year, book)
    if version is None:
        versions = book.versions(SCORE_BANDS_RULE)
        first = min(versions, key=lambda v: v.valid_from) if versions else None
        if first is not None and year < first.valid_from.year:
            errors["score"] = [
                _("Điểm chỉ ghi cho các năm từ %(from)s (%(source)s); năm %(year)s chỉ ghi mức xếp loại.")
                % {"from": first.valid_from.year, "source": _citation(first), "year": year}
            ]
        else:
            errors["score"] = [
                _(
                    "Chưa có quy định thang điểm 100 (“%(rule)s”) áp dụng cho năm %(year)s: chỉ ghi mức xếp "
                    "loại, hoặc nhờ quản trị hệ thống nạp quy định (canbo rules load)."
                )
                % {"rule": SCORE_BANDS_RULE, "year": year}
            ]
        return
    allowed = highest_level_for(score, version)
    if not level:
        rating.level = allowed
    elif level in _RANK and allowed in _RANK and _RANK[level] > _RANK[allowed]:
        errors["level"] = [
            _("Điểm %(score)s chỉ đạt mức %(allowed)s trở xuống (%(bands)s — %(source)s).")
            % {
                "score": _points(score),
                "allowed": allowed,
                "bands": bands_text(version),
                "source": _citation(version),
            }
        ]


def _without_source(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != "source_import_id"}


@transaction.atomic
def ratings_upsert(
    *,
    actor: Any,
    rows: Sequence[tuple[AnnualRating | None, Any, Mapping[str, Any]]],
    job: Any = None,
    write: bool = True,
) -> BulkResult[AnnualRating]:
    """Record or correct many annual ratings (one per person and year) with rating_create's checks, in bulk.

    The caller (the import) has checked each person is in its scope. A rating keeps the import that last
    changed it; an unchanged rating keeps its old source, so importing the same file again changes nothing.
    A changed rating takes its next version (bulk_save), so an edit form opened before the import is refused.
    """
    result: BulkResult[AnnualRating] = BulkResult()
    befores: list[dict[str, Any] | None] = []
    book, on = score_bands_book(), today()
    for index, (existing, person, data) in enumerate(rows):
        rating = existing if existing is not None else AnnualRating(person=person)
        before = snapshot(rating) if existing is not None else None
        unknown = sorted(set(data) - RATING_FIELDS)
        if unknown:
            raise ValueError(f"Unknown rating fields: {unknown}")
        for name, value in data.items():
            setattr(rating, name, value)
        errors = _rating_errors(rating, book=book, on=on)
        for name, messages in bulk_field_errors(rating, relations=("person", "source_import")).items():
            if name not in errors:  # one message per field: the rule's own when it has one
                errors[name] = messages
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


def _check_rating(rating: AnnualRating) -> None:
    """Validate one rating for the single-row services: its fields, the rules above, one rating a year."""
    errors = _rating_errors(rating, book=score_bands_book(), on=today())
    if isinstance(rating.year, int) and rating.person_id is not None:
        taken = AnnualRating.objects.filter(person_id=rating.person_id, year=rating.year).exclude(
            pk=rating.pk
        )
        if taken.exists():
            errors.setdefault("year", []).append(
                constraint_message(AnnualRating, "imports_annualrating_unique_year")
            )
    # The table's constraints (score 0–100, from 1930, one a year) are checked above with field messages;
    # a field that already has the rule's message is not checked again (one message per field).
    full_clean_with(rating, errors, exclude=sorted(errors), validate_constraints=False)


@scoped_write
def rating_create(*, actor: Any, person: Any, data: dict[str, Any]) -> AnnualRating:
    """Record a person's rating for a year; refused, and nothing stored, when any field or rule is broken.

    From the year the score-bands rule is in force, a score may be given; an empty level is then taken
    from the score's band, and a level above what the score allows is refused.
    """
    require_person_in_scope(actor, person.pk)
    rating = AnnualRating(person=person)
    apply_fields(rating, data, RATING_FIELDS)
    _check_rating(rating)
    rating.save()
    require_person_in_scope(actor, person.pk, after=True)
    record(
        actor=actor, action=AuditAction.CREATE, instance=rating, after=snapshot(rating), person_id=person.pk
    )
    return rating


@scoped_write
def rating_update(
    *, actor: Any, rating: AnnualRating, data: dict[str, Any], version: int | None = None
) -> AnnualRating:
    """Correct a rating (StaleVersion when saved over a newer version than the one loaded)."""
    require_person_in_scope(actor, rating.person_id)
    rating = AnnualRating.objects.select_for_update().select_related("person").get(pk=rating.pk)
    before = snapshot(rating)
    apply_fields(rating, data, RATING_FIELDS)
    _check_rating(rating)
    claim_version(rating, version)
    rating.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=rating,
        before=before,
        after=snapshot(rating),
        person_id=rating.person_id,
    )
    return rating


@scoped_write
def rating_delete(*, actor: Any, rating: AnnualRating, version: int | None = None) -> None:
    """Delete a rating entered in error."""
    delete_person_record(actor=actor, instance=rating, version=version)


@scoped_write
def rating_upsert(*, actor: Any, person: Any, data: dict[str, Any]) -> AnnualRating:
    """Record the rating of a person's year, or correct it when that year is already rated (commands, API)."""
    year = data.get("year")
    existing = (
        AnnualRating.objects.filter(person=person, year=year).first() if isinstance(year, int) else None
    )
    if existing is None:
        return rating_create(actor=actor, person=person, data=data)
    return rating_update(actor=actor, rating=existing, data=data)
