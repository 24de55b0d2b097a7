"""No lost updates: every edited record carries a `version`; a save from a stale form is refused.

An edit form carries the version of the row it was loaded from. The update service, in its transaction,
claims the next version with one conditional UPDATE (`WHERE pk = … AND version = loaded`): on PostgreSQL
that statement waits for and then sees any concurrent writer, on SQLite it takes the write lock, so two
saves of the same loaded version cannot both succeed. The loser gets `StaleVersion`, a ValidationError
whose message lists what changed since the version it loaded — read from the audit rows written after it
(each update's audit row holds `version: [old, new]`) — and nothing of theirs is saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.formatting import format_date

from .models import AuditAction, AuditEvent

HIDDEN_FIELDS = {"version", "search_text", "sort_key", "path", "depth"}


@dataclass(frozen=True)
class Change:
    """One field changed since the loaded version: its value then, its value now, who changed it, when."""

    field: str
    label: str
    then: str
    now: str
    by: str
    at: dt.datetime


class StaleVersion(ValidationError):
    """The row was saved by someone else after the form was loaded; nothing was saved."""

    def __init__(self, *, loaded: int, current: int, changes: list[Change]) -> None:
        lines = [
            _(
                "Hồ sơ này đã được người khác lưu sau khi anh/chị mở trang (phiên bản %(loaded)s, nay là "
                "%(current)s). Chưa lưu gì của anh/chị, để không ghi đè thay đổi của họ."
            )
            % {"loaded": loaded, "current": current}
        ]
        for change in changes:
            lines.append(
                _("%(label)s: %(then)s → %(now)s (%(by)s, %(at)s)")
                % {
                    "label": change.label,
                    "then": change.then,
                    "now": change.now,
                    "by": change.by,
                    "at": timezone.localtime(change.at).strftime("%d/%m/%Y %H:%M"),
                }
            )
        lines.append(_("Xem lại các ô rồi bấm Lưu lần nữa nếu vẫn muốn ghi giá trị của anh/chị."))
        super().__init__({NON_FIELD_ERRORS: lines}, code="conflict")
        self.loaded = loaded
        self.current = current
        self.changes = changes


def _shown(model: type[models.Model], attname: str, value: Any) -> str:
    """A field value as a person reads it: choice labels, related rows by name, dates dd/mm/yyyy."""
    if value is None or value == "":
        return "—"
    try:
        field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    except StopIteration:
        return str(value)
    if field.is_relation and field.related_model is not None:
        related_model: Any = field.related_model
        related = related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Có") if value else _("Không")
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _label(model: type[models.Model], attname: str) -> str:
    try:
        name = attname[:-3] if attname.endswith("_id") else attname
        return str(getattr(model._meta.get_field(name), "verbose_name", attname))
    except FieldDoesNotExist:
        return attname


def changes_since(instance: models.Model, loaded: int) -> list[Change]:
    """Fields changed after version `loaded`, from the audit trail: value then → value now, last editor."""
    model = type(instance)
    events = AuditEvent.objects.filter(
        object_type=model._meta.label_lower, object_id=str(instance.pk), action=AuditAction.UPDATE
    ).select_related("actor")
    first: dict[str, Any] = {}
    last: dict[str, tuple[Any, AuditEvent]] = {}
    for event in events.order_by("id"):
        version = event.changes.get("version")
        if not (isinstance(version, list) and len(version) == 2 and (version[1] or 0) > loaded):
            continue
        for attname, pair in event.changes.items():
            if attname in HIDDEN_FIELDS or not isinstance(pair, list) or len(pair) != 2:
                continue
            first.setdefault(attname, pair[0])
            last[attname] = (pair[1], event)
    changes = []
    for attname, (now, event) in last.items():
        then = first[attname]
        if then == now:
            continue
        changes.append(
            Change(
                field=attname,
                label=_label(model, attname),
                then=_shown(model, attname, then),
                now=_shown(model, attname, now),
                by=event.actor.get_username() if event.actor else _("hệ thống"),
                at=event.at,
            )
        )
    return changes


def claim_version(instance: models.Model, loaded: int | None) -> None:
    """Take the row's next version inside the write's transaction, or raise StaleVersion.

    `loaded` is the version the editor loaded (None for writers without one: imports, commands, the
    end-a-post shortcut, which then simply take the next version). Sets `instance.version` so the save
    that follows writes it, and the audit row's before/after show `version: [old, new]`.
    """
    manager = type(instance)._default_manager
    if loaded is None:
        manager.filter(pk=instance.pk).update(version=F("version") + 1)
        instance.version = manager.filter(pk=instance.pk).values_list("version", flat=True).get()  # type: ignore[attr-defined]
        return
    if not manager.filter(pk=instance.pk, version=loaded).update(version=F("version") + 1):
        current = manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        raise StaleVersion(loaded=loaded, current=current or 0, changes=changes_since(instance, loaded))
    instance.version = loaded + 1  # type: ignore[attr-defined]
