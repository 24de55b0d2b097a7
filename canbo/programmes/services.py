"""Writes to programmes, indicators and targets; definitions are validated before anything is stored."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.audit.models import AuditAction
from canbo.audit.services import record, snapshot
from canbo.core.services import apply_fields, full_clean_with
from canbo.org.models import OrgUnit

from .definitions import compile_definition
from .models import Indicator, Programme, ProgrammeTask, Target

DATA_FILE = Path(__file__).parent / "data" / "programmes.json"
INDICATOR_FIELDS = {
    "name",
    "subject",
    "definition",
    "baseline_numerator",
    "baseline_denominator",
    "baseline_date",
    "baseline_value",
    "source",
    "note",
    "position",
}
TARGET_FIELDS = {"comparison", "low", "high", "text"}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, data: dict[str, Any]) -> Indicator:
    """Change an indicator; a definition that does not compile is refused with the reason."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = snapshot(indicator)
    apply_fields(indicator, data, INDICATOR_FIELDS)
    compile_definition(indicator.definition, code=indicator.code)
    full_clean_with(indicator)
    indicator.save()
    record(
        actor=actor, action=AuditAction.UPDATE, instance=indicator, before=before, after=snapshot(indicator)
    )
    return indicator


@transaction.atomic
def target_set(*, actor: Any, indicator: Indicator, year: int, data: dict[str, Any]) -> Target:
    """Create or change the target of an indicator for a year (0–100%)."""
    target = Target.objects.filter(indicator=indicator, year=year).first() or Target(
        indicator=indicator, year=year
    )
    before = snapshot(target) if target.pk else None
    apply_fields(target, data, TARGET_FIELDS)
    for name in ("low", "high"):
        value = getattr(target, name)
        if value is not None:
            setattr(target, name, Decimal(str(value)))
    full_clean_with(target)
    target.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=target,
        before=before,
        after=snapshot(target),
    )
    return target


@transaction.atomic
def programmes_load(
    *, actor: Any = None, territories: dict[str, OrgUnit] | None = None, path: Path = DATA_FILE
) -> dict[str, int]:
    """Load the shipped programmes (both seeds) idempotently; territories maps programme code → root unit."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    territories = territories or {}
    counts = {"programmes": 0, "indicators": 0, "targets": 0, "tasks": 0}
    for raw in payload["programmes"]:
        programme, _created = Programme.objects.update_or_create(
            code=raw["code"],
            defaults={
                "title": raw["title"],
                "kind": raw["kind"],
                "issuer": raw["issuer"],
                "document_number": raw.get("document_number", ""),
                "document_date": _date(raw.get("document_date")),
                "period_start": raw["period_start"],
                "period_end": raw["period_end"],
                "baseline_date": _date(raw.get("baseline_date")),
                "summary": raw.get("summary", ""),
                **({"territory": territories[raw["code"]]} if raw["code"] in territories else {}),
            },
        )
        counts["programmes"] += 1
        programme.tasks.all().delete()
        ProgrammeTask.objects.bulk_create(
            ProgrammeTask(
                programme=programme,
                number=t["number"],
                text=t["text"],
                deadline=_date(t.get("deadline")),
                recurrence=t.get("recurrence", ""),
                position=i,
            )
            for i, t in enumerate(raw.get("tasks", []))
        )
        counts["tasks"] += len(raw.get("tasks", []))
        for position, item in enumerate(raw["indicators"]):
            compile_definition(item["definition"], code=item["code"])
            baseline = item.get("baseline") or [None, None]
            indicator, _created = Indicator.objects.update_or_create(
                programme=programme,
                code=item["code"],
                defaults={
                    "name": item["name"],
                    "subject": item["subject"],
                    "definition": item["definition"],
                    "position": position,
                    "source": item.get("source", ""),
                    "note": item.get("note", ""),
                    "baseline_numerator": baseline[0],
                    "baseline_denominator": baseline[1],
                    "baseline_date": programme.baseline_date
                    if (baseline[0] is not None or "baseline_value" in item)
                    else None,
                    "baseline_value": Decimal(str(item["baseline_value"]))
                    if "baseline_value" in item
                    else None,
                },
            )
            full_clean_with(indicator)
            counts["indicators"] += 1
            indicator.targets.exclude(year__in=[t["year"] for t in item.get("targets", [])]).delete()
            for target in item.get("targets", []):
                target_set(
                    actor=actor,
                    indicator=indicator,
                    year=target["year"],
                    data={k: target.get(k) for k in TARGET_FIELDS if k in target},
                )
                counts["targets"] += 1
    if not counts["programmes"]:
        raise ValidationError(_("Tệp dữ liệu đề án không có đề án nào."))
    return counts
