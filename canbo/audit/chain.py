"""The hash chain over the audit trail: each row's hash covers its content and the previous row's hash.

Changing, inserting or deleting a row anywhere breaks every hash after it, which `canbo audit_verify`
detects. Appends are serialised (an advisory lock on PostgreSQL; SQLite writes one transaction at a time).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # what json.dumps writes for text without ensure_ascii
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from .models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 0x63616E626F  # "canbo"


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def content(event: AuditEvent) -> str:
    """The canonical text of an event that its hash covers."""
    payload = {
        "at": event.at.isoformat() if event.at else None,
        "actor": event.actor_id,
        "action": event.action,
        "type": event.object_type,
        "id": event.object_id,
        "repr": event.object_repr,
        "person": event.person_id,
        "changes": event.changes,
        "source": event.source,
        "reference": event.reference,
        "ip": event.client_ip,
    }
    return _canonical(payload)


def _scalar(value: Any) -> str:
    """A JSON scalar as _canonical() writes it (text as json writes it without ensure_ascii)."""
    if value is None:
        return "null"
    if value.__class__ is str:
        return encode_basestring(value)
    if value.__class__ is int:
        return int.__repr__(value)
    return _canonical(value)


def _content_with(event: AuditEvent, changes: str) -> str:
    """content(event), given the canonical text of its changes, without serialising them again.

    The keys in content()'s sorted order, each scalar written as json.dumps writes it; the text is the
    one content() gives (the audit tests compare both).
    """
    at = event.at.isoformat() if event.at else None
    return (
        f'{{"action":{_scalar(event.action)},"actor":{_scalar(event.actor_id)},"at":{_scalar(at)},'
        f'"changes":{changes},"id":{_scalar(event.object_id)},"ip":{_scalar(event.client_ip)},'
        f'"person":{_scalar(event.person_id)},"reference":{_scalar(event.reference)},'
        f'"repr":{_scalar(event.object_repr)},"source":{_scalar(event.source)},"type":{_scalar(event.object_type)}}}'
    )


def digest(prev_hash: str, event: AuditEvent) -> str:
    """SHA-256 of the previous hash and the event's canonical text."""
    return hashlib.sha256((prev_hash + content(event)).encode("utf-8")).hexdigest()


def _last_hash() -> str:
    from .models import AuditEvent

    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def link(events: Sequence[AuditEvent]) -> list[str]:
    """Set at, prev_hash and hash on new events, in order, after the last stored event.

    Returns each event's changes as canonical JSON text (what the hash covers), which a bulk insert may
    store as it is rather than serialising the changes once more.
    """
    if not events:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("link() must run inside the transaction that inserts the events.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    previous = _last_hash()
    now = timezone.now()
    texts: list[str] = []
    for event in events:
        if event.at is None:
            event.at = now
        # Normalise through JSON so the stored JSON and the hashed text are the same values. With text keys,
        # the canonical text of the normalised changes is the text they were normalised through.
        changes, text = event.changes, None
        if isinstance(changes, dict) and all(key.__class__ is str for key in changes):
            try:
                text = _canonical(changes)
            except TypeError:  # keys of several types inside: sorted only once normalised
                text = None
        if text is not None:
            event.changes = json.loads(text)
            event.prev_hash = previous
            event.hash = hashlib.sha256((previous + _content_with(event, text)).encode("utf-8")).hexdigest()
        else:
            event.changes = json.loads(json.dumps(changes, ensure_ascii=False, default=str))
            text = _canonical(event.changes)
            event.prev_hash = previous
            event.hash = digest(previous, event)
        texts.append(text)
        previous = event.hash
    return texts


@dataclass(frozen=True)
class Break:
    """Where the chain is broken, and why."""

    event_id: int
    reason: str


def verify(batch: int = 5000) -> Iterator[Break]:
    """Walk the whole trail in order and yield every place the chain does not hold."""
    from .models import AuditEvent

    previous = GENESIS
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return
        for event in rows:
            if event.prev_hash != previous:
                yield Break(event.id, "prev_hash")
            elif digest(previous, event) != event.hash:
                yield Break(event.id, "hash")
            previous = event.hash
            last_id = event.id


def chain_head() -> dict[str, Any]:
    """The number of events and the last hash (to note down outside the system, e.g. in a report)."""
    from .models import AuditEvent

    return {"count": AuditEvent.objects.count(), "hash": _last_hash()}
