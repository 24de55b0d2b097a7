"""Reads of import jobs, scoped like every other read.

A job holds a whole workbook — people of whatever units the file names — so it is shown to the user
who uploaded it and to users whose grants to change records cover the whole system (the Board's
specialists, administrators), never to an officer of another unit: what is outside answers "not
found", exactly as a job that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from canbo.access.models import Action
from canbo.access.scopes import user_scope

from .models import ImportJob


def visible_jobs(user: Any) -> QuerySet[ImportJob]:
    """The import jobs a user may open: their own, or all of them with a system-wide change grant."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    jobs = ImportJob.objects.select_related("uploaded_by")
    if user_scope(user, Action.CHANGE).everything:
        return jobs
    return jobs.filter(uploaded_by=user)
