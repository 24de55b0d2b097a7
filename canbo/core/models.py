"""Abstract base models: timestamps and validity periods with as-of reads."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .dates import active_on


class TimeStamped(models.Model):
    """Creation and last-change times, for every record."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        abstract = True


class DatedQuerySet(models.QuerySet):
    """Queries over rows with a validity period."""

    def as_of(self, day: dt.date) -> Self:
        """Rows valid on the given day."""
        return self.filter(active_on(day))


class Dated(TimeStamped):
    """A row valid from valid_from to valid_to inclusive; an empty valid_to means still valid."""

    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    # Each concrete model declares `objects = DatedQuerySet.as_manager()` itself, so that type checkers
    # see a manager of that model rather than of this abstract base.

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_valid_range",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            )
        ]

    def is_active_on(self, day: dt.date) -> bool:
        """Whether this row is valid on day."""
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)
