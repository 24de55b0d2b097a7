"""Writes to a person's training courses (form 2C item 27): actor, transaction, validation, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scopes import scoped_write
from canbo.audit.records import (
    RecordSpec,
    create_person_record,
    delete_person_record,
    update_person_record,
    upsert_person_records,
)
from canbo.core.bulk import (
    BulkResult,
)
from canbo.core.dates import today
from canbo.core.text import normalize_spaces

from .models import Person, TrainingCourse

TRAINING_FIELDS = {"name", "kind", "institution", "started_on", "ended_on", "note"}


def _training_errors(course: TrainingCourse) -> dict[str, list[str]]:
    """Rules the constraints cannot express: not in the future, not before birth, in order."""
    errors: dict[str, list[str]] = {}
    started, ended = course.started_on, course.ended_on
    if isinstance(ended, dt.date) and ended > today():
        errors["ended_on"] = [_("Ngày kết thúc khóa học không được sau ngày hôm nay.")]
    if isinstance(started, dt.date):
        if started < course.person.birth_date:
            errors["started_on"] = [_("Ngày bắt đầu khóa học không được trước ngày sinh.")]
        if isinstance(ended, dt.date) and ended < started:
            errors.setdefault("ended_on", []).append(
                _("Ngày kết thúc khóa học không được trước ngày bắt đầu.")
            )
    return errors


def _prepare(course: TrainingCourse) -> None:
    """Normalise the spaces of the course's name and institution."""
    course.name = normalize_spaces(course.name)
    course.institution = normalize_spaces(course.institution)


_COURSE_RECORD = RecordSpec(fields=TRAINING_FIELDS, errors=_training_errors, prepare=_prepare)


@scoped_write
def training_course_create(*, actor: Any, person: Person, data: dict[str, Any]) -> TrainingCourse:
    """Record a training course a person attended."""
    return create_person_record(
        actor=actor, instance=TrainingCourse(person=person), data=data, spec=_COURSE_RECORD
    )


@scoped_write
def training_course_update(
    *, actor: Any, course: TrainingCourse, data: dict[str, Any], version: int | None = None
) -> TrainingCourse:
    """Correct a recorded course (StaleVersion when saved over a newer version than loaded)."""
    return update_person_record(actor=actor, instance=course, data=data, spec=_COURSE_RECORD, version=version)


@scoped_write
def training_course_delete(*, actor: Any, course: TrainingCourse, version: int | None = None) -> None:
    """Remove a course recorded in error."""
    delete_person_record(actor=actor, instance=course, version=version)


@transaction.atomic
def training_courses_upsert(
    *, actor: Any, rows: Sequence[tuple[TrainingCourse | None, Person, Mapping[str, Any]]], write: bool = True
) -> BulkResult[TrainingCourse]:
    """Record or correct many training courses with training_course_create/update's checks, in bulk.

    The caller (the import) has checked that each person lies in its scope and the uploader's grants.
    Nothing is written while any row is invalid; a changed course takes its next version (bulk_save).
    """
    return upsert_person_records(
        actor=actor, model=TrainingCourse, rows=rows, spec=_COURSE_RECORD, relations=("person",), write=write
    )
