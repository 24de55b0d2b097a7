"""Writes to a person's training courses (form 2C item 27): actor, transaction, validation, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from canbo.access.scopes import require_person_in_scope, scoped_write
from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.audit.versions import claim_version
from canbo.core.dates import today
from canbo.core.services import apply_fields, full_clean_with
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


def _clean(course: TrainingCourse) -> None:
    course.name = normalize_spaces(course.name)
    course.institution = normalize_spaces(course.institution)
    full_clean_with(course, _training_errors(course))


@scoped_write
def training_course_create(*, actor: Any, person: Person, data: dict[str, Any]) -> TrainingCourse:
    """Record a training course a person attended."""
    require_person_in_scope(actor, person.pk)
    course = TrainingCourse(person=person)
    apply_fields(course, data, TRAINING_FIELDS)
    _clean(course)
    course.save()
    record(
        actor=actor, action=AuditAction.CREATE, instance=course, after=snapshot(course), person_id=person.pk
    )
    return course


@scoped_write
def training_course_update(
    *, actor: Any, course: TrainingCourse, data: dict[str, Any], version: int | None = None
) -> TrainingCourse:
    """Correct a recorded course (StaleVersion when saved over a newer version than loaded)."""
    require_person_in_scope(actor, course.person_id)
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    before = snapshot(course)
    apply_fields(course, data, TRAINING_FIELDS)
    _clean(course)
    claim_version(course, version)
    course.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=course,
        before=before,
        after=snapshot(course),
        person_id=course.person_id,
    )
    return course


@scoped_write
def training_course_delete(*, actor: Any, course: TrainingCourse, version: int | None = None) -> None:
    """Remove a course recorded in error."""
    require_person_in_scope(actor, course.person_id)
    if version is not None:  # the confirmation page's version: refuse if saved since
        claim_version(course, version)
    record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=course,
        before=snapshot(course),
        person_id=course.person_id,
    )
    course.delete()
