"""The indicator engine: any indicator, for any unit subtree, at any date, in one query per indicator.

Populations are rows (posts held, seats in elected bodies, places on nominee lists) filtered in the
database; the numerator is the same rows under the definition's conditions. Counting happens in one
aggregate query per indicator (one more to compare the units below a unit); nothing loops over people.

Two backends count (setting CANBO_ANALYTICS_BACKEND): "database" runs the ORM aggregates on the
transactional database, live; "snapshot" runs the same definitions compiled to DuckDB SQL on the
analytics snapshot (canbo.programmes.analytics), and every result carries the snapshot's "data as of"
time. The drill-down to people always reads the transactional database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.dates import active_on, today
from canbo.core.formatting import format_percent
from canbo.org.models import OrgUnit
from canbo.people.models import Person

from .choices import Comparison, Status
from .definitions import Definition, compile_definition, condition_q
from .models import Indicator, Programme, Target

REFORM_DATE = dt.date.fromisoformat(settings.DISTRICT_LEVEL_ENDED_ON)
UNIT_SOURCES = {"posts", "planning"}  # rows that carry their unit themselves (the others: the body's unit)


@dataclass
class Result:
    """An indicator's figure on a date for a unit, with its target, status and gap in people."""

    indicator: Indicator
    as_of: dt.date
    unit: OrgUnit | None
    numerator: int | None
    denominator: int | None
    target: Target | None
    status: str
    gap: int | None = None
    note: str = ""
    data_as_of: dt.datetime | None = None  # when the snapshot's data was read; None = live database

    @property
    def value(self) -> Decimal | None:
        """The share in percent (exact, not rounded)."""
        if not self.denominator or self.numerator is None:
            return None
        return Decimal(self.numerator) * 100 / Decimal(self.denominator)

    @property
    def value_display(self) -> str:
        """The share rounded to two decimals, Vietnamese style: 2,57%."""
        value = self.value
        return format_percent(value.quantize(Decimal("0.01"), ROUND_HALF_UP)) if value is not None else ""

    def get_status_label(self) -> str:
        """The status in words."""
        return str(Status(self.status).label)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "indicator": self.indicator.code,
            "name": self.indicator.name,
            "as_of": self.as_of.isoformat(),
            "unit": self.unit.code if self.unit else None,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": float(round(self.value, 4)) if self.value is not None else None,
            "target": target_text(self.target) if self.target else None,
            "status": self.status,
            "gap": self.gap,
            "note": self.note,
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
        }


def data_as_of_text(data_as_of: dt.datetime | None) -> str:
    """ "Số liệu tính đến 14:05 22/11/2026" for figures from the snapshot; empty for live figures."""
    if data_as_of is None:
        return ""
    local = timezone.localtime(data_as_of) if timezone.is_aware(data_as_of) else data_as_of
    return _("Số liệu tính đến %(time)s") % {"time": local.strftime("%H:%M %d/%m/%Y")}


def results_data_as_of(results: Sequence[Result]) -> dt.datetime | None:
    """The snapshot time of a set of results (the oldest, should they differ), or None if live."""
    times = [r.data_as_of for r in results if r.data_as_of is not None]
    return min(times) if times else None


def target_text(target: Target) -> str:
    """A target as people read it: "5–10%", "≥ 15%", "> 35%", "100%"."""
    low = (
        format_percent(target.low, 0 if target.low == int(target.low or 0) else 2)
        if target.low is not None
        else ""
    )
    high = (
        format_percent(target.high, 0 if target.high == int(target.high or 0) else 2)
        if target.high is not None
        else ""
    )
    texts: dict[str, str] = {
        Comparison.RANGE: f"{low.rstrip('%')}–{high}",
        Comparison.AT_LEAST: f"≥ {low}",
        Comparison.MORE_THAN: f"> {low}",
        Comparison.AT_MOST: f"≤ {low}",
        Comparison.EXACTLY: low,
        Comparison.MATCH_STRUCTURE: _("phù hợp cơ cấu dân số"),
    }
    return texts.get(target.comparison, target.text)


def _check_date(as_of: dt.date) -> None:
    if as_of > today():
        raise ValidationError(
            {
                "as_of": [
                    _("Ngày tính (%(d)s) không được sau hôm nay; dự báo là chức năng khác.")
                    % {"d": as_of.strftime("%d/%m/%Y")}
                ]
            }
        )


def check_unit(programme: Programme, unit: OrgUnit | None) -> None:
    """Refuse a unit outside the programme's territory."""
    territory = programme.territory
    if unit is not None and territory is not None and not unit.path.startswith(territory.path):
        raise ValidationError(
            {
                "unit": [
                    _("Đơn vị “%(u)s” nằm ngoài phạm vi của %(p)s.") % {"u": unit.name, "p": programme.code}
                ]
            }
        )


def population_rows(definition: Definition, *, as_of: dt.date, unit: OrgUnit | None) -> QuerySet[Any]:
    """The rows of the population on as_of within a unit subtree (posts, seats, nominations or planning)."""
    from canbo.org.models import Membership, Nomination
    from canbo.posts.models import Assignment, PlanningEntry

    path = unit.path if unit is not None else ""
    if definition.source == "posts":
        rows: QuerySet[Any] = Assignment.objects.filter(active_on(as_of), unit__path__startswith=path)
        if definition.levels:
            rows = rows.filter(title__level__in=definition.levels)
        if definition.ranks:
            rows = rows.filter(title__rank__in=definition.ranks)
        if definition.leadership is not None:
            rows = rows.filter(title__is_leadership=definition.leadership)
        if definition.titles:
            rows = rows.filter(title__code__in=definition.titles)
        if definition.management_categories:
            rows = rows.filter(title__management_category__code__in=definition.management_categories)
        if definition.staff_categories:
            rows = rows.filter(person__staff_category__in=definition.staff_categories)
        if definition.sectors:
            rows = rows.filter(unit__sector__in=definition.sectors)
        if not definition.include_concurrent:
            rows = rows.filter(is_concurrent=False)
        return _where(rows, definition, as_of)
    if definition.source == "planning":  # planning entries in force on the date, by the planned post's unit
        rows = PlanningEntry.objects.filter(active_on(as_of), unit__path__startswith=path)
        if definition.levels:
            rows = rows.filter(title__level__in=definition.levels)
        if definition.titles:
            rows = rows.filter(title__code__in=definition.titles)
        if definition.management_categories:
            rows = rows.filter(title__management_category__code__in=definition.management_categories)
        return _where(rows, definition, as_of)
    if definition.source == "bodies":
        rows = Membership.objects.filter(active_on(as_of), term__body__org_unit__path__startswith=path)
        if definition.body_kinds:
            rows = rows.filter(term__body__kind__in=definition.body_kinds)
        if definition.levels:
            rows = rows.filter(term__body__level__in=definition.levels)
        return _where(rows, definition, as_of)
    rows = Nomination.objects.filter(nominated_on__lte=as_of, term__body__org_unit__path__startswith=path)
    if definition.body_kinds:
        rows = rows.filter(term__body__kind__in=definition.body_kinds)
    if definition.levels:
        rows = rows.filter(term__body__level__in=definition.levels)
    if definition.election_year:
        rows = rows.filter(term__election_date__year=definition.election_year)
    else:  # the most recent election held by as_of
        rows = rows.filter(term__valid_from__lte=as_of).filter(
            Q(term__valid_to__isnull=True) | Q(term__valid_to__gte=as_of)
        )
    return _where(rows, definition, as_of)


def _where(rows: QuerySet[Any], definition: Definition, as_of: dt.date) -> QuerySet[Any]:
    """Apply the population's own conditions (e.g. "young provincial leaders")."""
    unit_prefix = "unit__" if definition.source in UNIT_SOURCES else "term__body__org_unit__"
    for condition in definition.where:
        rows = rows.filter(condition_q(condition, as_of=as_of, unit=unit_prefix))
    return rows


def numerator_q(definition: Definition, *, as_of: dt.date) -> Q:
    """All numerator conditions as one Q over population rows."""
    unit_prefix = "unit__" if definition.source in UNIT_SOURCES else "term__body__org_unit__"
    q = Q()
    for condition in definition.conditions:
        q &= condition_q(condition, as_of=as_of, unit=unit_prefix)
    return q


def _count(definition: Definition, q: Q | None = None) -> Count:
    if definition.count == "seats":
        return Count("id", filter=q)
    return Count("person_id", distinct=True, filter=q)


class Source(Protocol):
    """Where the engine counts: the transactional database or the analytics snapshot."""

    @property
    def data_as_of(self) -> dt.datetime | None:
        """When the data counted was read (None: the live database)."""
        ...

    def count(self, definition: Definition, *, as_of: dt.date, unit: OrgUnit | None) -> tuple[int, int]:
        """(numerator, denominator) for the unit subtree on as_of, in one query."""
        ...

    def count_by_branch(
        self, definition: Definition, *, as_of: dt.date, parent: OrgUnit
    ) -> dict[str, tuple[int, int]]:
        """(numerator, denominator) for each unit directly below parent (by path), in one query."""
        ...


class DatabaseSource:
    """The ORM aggregates on the transactional database: live figures."""

    data_as_of: dt.datetime | None = None

    def count(self, definition: Definition, *, as_of: dt.date, unit: OrgUnit | None) -> tuple[int, int]:
        """(numerator, denominator) for the unit subtree on as_of, in one query."""
        rows = population_rows(definition, as_of=as_of, unit=unit)
        totals = rows.aggregate(
            d=_count(definition), n=_count(definition, numerator_q(definition, as_of=as_of))
        )
        return totals["n"], totals["d"]

    def count_by_branch(
        self, definition: Definition, *, as_of: dt.date, parent: OrgUnit
    ) -> dict[str, tuple[int, int]]:
        """(numerator, denominator) for each unit directly below parent (by path), in one grouped query."""
        unit_path = "unit__path" if definition.source in UNIT_SOURCES else "term__body__org_unit__path"
        grouped = (
            population_rows(definition, as_of=as_of, unit=parent)
            .annotate(branch=Substr(unit_path, 1, len(parent.path) + 7))
            .values("branch")
            .annotate(d=_count(definition), n=_count(definition, numerator_q(definition, as_of=as_of)))
        )
        return {row["branch"]: (row["n"], row["d"]) for row in grouped}


DATABASE = DatabaseSource()
BACKENDS = ("database", "snapshot")


def current_source() -> Source:
    """The backend the setting chooses; the snapshot one falls back to the database until a first
    snapshot exists (its build is then started in the background)."""
    backend = settings.CANBO_ANALYTICS_BACKEND
    if backend == "database":
        return DATABASE
    if backend == "snapshot":
        from .analytics.snapshot import current

        return current() or DATABASE
    raise ImproperlyConfigured(f"CANBO_ANALYTICS_BACKEND must be one of {BACKENDS}, not {backend!r}.")


def current_target(
    indicator: Indicator, as_of: dt.date, targets: list[Target] | None = None
) -> Target | None:
    """The target for the first target year not before as_of's year (or the last one)."""
    rows = targets if targets is not None else list(indicator.targets.order_by("year"))
    for target in rows:
        if target.year >= as_of.year:
            return target
    return rows[-1] if rows else None


def assess(numerator: int, denominator: int, target: Target | None) -> tuple[str, int | None]:
    """Status against the target, and the people needed to reach it (positive) or to shed (negative)."""
    if target is None or target.comparison == Comparison.MATCH_STRUCTURE or target.low is None:
        return Status.NO_TARGET, None
    if denominator == 0:
        return Status.NOT_YET, None
    low, high = Decimal(target.low) / 100, (Decimal(target.high) / 100 if target.high is not None else None)
    share = Decimal(numerator) / Decimal(denominator)
    comparison = target.comparison
    if comparison in (Comparison.AT_LEAST, Comparison.EXACTLY, Comparison.RANGE) and share < low:
        return Status.NOT_YET, math.ceil(low * denominator - numerator)
    if comparison == Comparison.MORE_THAN and share <= low:
        return Status.NOT_YET, math.floor(low * denominator - numerator) + 1
    if comparison == Comparison.RANGE and high is not None and share > high:
        return Status.NOT_YET, -math.ceil(numerator - high * denominator)
    if comparison == Comparison.AT_MOST and share > low:
        return Status.NOT_YET, -math.ceil(numerator - low * denominator)
    if comparison == Comparison.EXACTLY and share > low:
        return Status.NOT_YET, None
    return Status.ACHIEVED, 0


def _not_applicable(definition: Definition, as_of: dt.date) -> str:
    if definition.district_only and as_of >= REFORM_DATE:
        return _("Không áp dụng từ %(d)s: cấp huyện đã kết thúc hoạt động.") % {
            "d": REFORM_DATE.strftime("%d/%m/%Y")
        }
    return ""


def compute(
    indicator: Indicator,
    *,
    as_of: dt.date,
    unit: OrgUnit | None = None,
    targets: list[Target] | None = None,
    source: Source | None = None,
) -> Result:
    """Compute one indicator for a unit subtree (the programme's territory by default) on a date."""
    _check_date(as_of)
    programme = indicator.programme
    check_unit(programme, unit)
    scope = unit or programme.territory
    definition = compile_definition(indicator.definition, code=indicator.code)
    target = current_target(indicator, as_of, targets)
    source = source or current_source()
    reason = _not_applicable(definition, as_of)
    if reason:
        return Result(
            indicator,
            as_of,
            scope,
            None,
            None,
            target,
            Status.NOT_APPLICABLE,
            note=reason,
            data_as_of=source.data_as_of,
        )
    numerator, denominator = source.count(definition, as_of=as_of, unit=scope)
    status, gap = assess(numerator, denominator, target)
    return Result(
        indicator,
        as_of,
        scope,
        numerator,
        denominator,
        target,
        status,
        gap,
        note=gap_text(indicator, gap, target),
        data_as_of=source.data_as_of,
    )


def gap_text(indicator: Indicator, gap: int | None, target: Target | None) -> str:
    """ "12 more women needed to reach 17%", in Vietnamese."""
    if gap is None or target is None or gap == 0:
        return ""
    if gap > 0:
        return _("Cần thêm %(n)s %(who)s để đạt %(t)s.") % {
            "n": gap,
            "who": indicator.subject,
            "t": target_text(target),
        }
    return _("Vượt mức trên %(n)s %(who)s.") % {"n": -gap, "who": indicator.subject}


def compute_programme(programme: Programme, *, as_of: dt.date, unit: OrgUnit | None = None) -> list[Result]:
    """Every indicator of a programme: one query per indicator plus one for all targets (on the snapshot,
    the indicators' queries run in DuckDB and the database answers one more: has anything changed)."""
    source = current_source()
    indicators = list(programme.indicators.order_by("position", "code"))
    by_indicator: dict[int, list[Target]] = {i.pk: [] for i in indicators}
    for target in Target.objects.filter(indicator__in=indicators).order_by("year"):
        by_indicator[target.indicator_id].append(target)
    for indicator in indicators:
        indicator.programme = programme
    return [compute(i, as_of=as_of, unit=unit, targets=by_indicator[i.pk], source=source) for i in indicators]


def compare_units(indicator: Indicator, *, as_of: dt.date, parent: OrgUnit) -> list[Result]:
    """The indicator for each unit directly below parent, in one grouped query."""
    _check_date(as_of)
    check_unit(indicator.programme, parent)
    definition = compile_definition(indicator.definition, code=indicator.code)
    children = list(OrgUnit.objects.as_of(as_of).filter(parent=parent).order_by("position", "sort_key"))
    target = current_target(indicator, as_of)
    reason = _not_applicable(definition, as_of)
    if reason or not children:
        return [
            Result(indicator, as_of, child, None, None, target, Status.NOT_APPLICABLE, note=reason)
            for child in children
        ]
    source = current_source()
    totals = source.count_by_branch(definition, as_of=as_of, parent=parent)
    results = []
    for child in children:
        numerator, denominator = totals.get(child.path, (0, 0))
        status, gap = assess(numerator, denominator, target)
        results.append(
            Result(
                indicator,
                as_of,
                child,
                numerator,
                denominator,
                target,
                status,
                gap,
                note=gap_text(indicator, gap, target),
                data_as_of=source.data_as_of,
            )
        )
    return results


def people(
    indicator: Indicator, *, as_of: dt.date, unit: OrgUnit | None = None, part: str = "numerator"
) -> QuerySet[Person]:
    """The people counted in an indicator's numerator or denominator (the drill-down)."""
    _check_date(as_of)
    check_unit(indicator.programme, unit)
    definition = compile_definition(indicator.definition, code=indicator.code)
    rows = population_rows(definition, as_of=as_of, unit=unit or indicator.programme.territory)
    if part == "numerator":
        rows = rows.filter(numerator_q(definition, as_of=as_of))
    return Person.objects.filter(pk__in=rows.values("person_id")).order_by("sort_key", "birth_date")
