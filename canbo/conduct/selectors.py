"""Reads over discipline, political standard and annual ratings, narrowed to a user's scope.

Each selector runs a fixed number of queries whatever the number of rows: the rule versions once, then
one query that does the filtering and counting in SQL; Python only formats the rows returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from canbo.core.dates import active_on, today
from canbo.rules.models import RuleVersion
from canbo.rules.retirement import add_months
from canbo.rules.selectors import RuleBook, rule_in_force

from .choices import PoliticalConclusion
from .models import AnnualRating, DisciplineRecord, PoliticalStandardConclusion

EXCELLENT, NOT_COMPLETED = "HTXSNV", "KHTNV"
SLACK = dt.timedelta(days=4)  # month-end clamping: the SQL window is a little wider, Python decides exactly


def bar_ends_on(item: DisciplineRecord, version: RuleVersion | None) -> tuple[str, dt.date | None]:
    """How a record bars promotion and planning under a version: ("months", last barred day),
    ("permanent", None) or ("unknown", None) when the version gives no period for the form."""
    if version is None:
        return "unknown", None
    if item.form in version.parameters.get("permanent", []):
        return "permanent", None
    months = version.parameters.get("months", {}).get(item.form)
    if months is None:
        return "unknown", None
    return "months", add_months(item.valid_from, months) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Bar:
    """A discipline record that bars its person on a day, until when, and the rule version that says so."""

    record: DisciplineRecord
    kind: str
    ends_on: dt.date | None
    version: RuleVersion


def discipline_bars(*, user: Any, on: dt.date | None = None, ending_by: dt.date | None = None) -> list[Bar]:
    """Discipline records in scope that bar promotion or planning on `on` (under the version in force then).

    With ending_by, only bars whose last day falls in [on, ending_by] (the worklist "bars ending soon").
    """
    from canbo.people.selectors import visible_persons

    day = on or today()
    version = rule_in_force("discipline.bar", on=day)
    if version is None:
        return []
    window = Q()
    for form, months in version.parameters.get("months", {}).items():
        if ending_by is None:
            earliest = add_months(day, -months) - SLACK
            window |= Q(form=form, valid_from__gte=earliest)
        else:
            window |= Q(
                form=form,
                valid_from__gte=add_months(day, -months) - SLACK,
                valid_from__lte=add_months(ending_by, -months) + SLACK,
            )
    if ending_by is None and version.parameters.get("permanent"):
        window |= Q(form__in=version.parameters["permanent"])
    if not window:
        return []
    rows = (
        DisciplineRecord.objects.filter(window, valid_from__lte=day, person__in=visible_persons(user))
        .select_related("person")
        .order_by("valid_from", "pk")
    )
    bars = []
    for item in rows:
        kind, end = bar_ends_on(item, version)
        if kind == "months" and end is not None and end >= day and (ending_by is None or end <= ending_by):
            bars.append(Bar(item, kind, end, version))
        elif kind == "permanent" and ending_by is None:
            bars.append(Bar(item, kind, None, version))
    return bars


def consecutive_not_completed(
    *, user: Any, year: int, on: dt.date | None = None
) -> tuple[QuerySet[Any], Any]:
    """Persons in scope rated "not completed" in each of the rule's consecutive years ending with `year`.

    The rule version is the one in force at the end of `year` (ratings close in December). One query.
    """
    from canbo.people.selectors import visible_persons

    version = rule_in_force("rating.not_completed_dismissal", on=dt.date(year, 12, 31))
    if version is None:
        return visible_persons(user).none(), None
    span = version.parameters["years"]
    failed = AnnualRating.objects.filter(
        person=OuterRef("pk"), level=NOT_COMPLETED, year__gt=year - span, year__lte=year
    )
    persons = (
        visible_persons(user)
        .annotate(
            failed_years=Count(
                "annual_ratings",
                filter=Q(
                    annual_ratings__level=NOT_COMPLETED,
                    annual_ratings__year__gt=year - span,
                    annual_ratings__year__lte=year,
                ),
            )
        )
        .filter(Exists(failed), failed_years=span)
        .order_by("sort_key", "pk")
    )
    return persons, version


def latest_rated_year(*, user: Any, on: dt.date | None = None) -> int | None:
    """The latest year up to `on`'s year with any rating in scope (one query)."""
    from canbo.people.selectors import visible_persons

    day = on or today()
    return (
        AnnualRating.objects.filter(person__in=visible_persons(user), year__lte=day.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


@dataclass(frozen=True)
class CapRow:
    """One agency's ratings in a year: how many excellent, the base, the cap and whether it is exceeded."""

    unit_id: int | None
    unit_name: str
    excellent: int
    base: int
    allowed: int
    exceeded: bool


def excellent_cap(*, user: Any, year: int) -> tuple[list[CapRow], RuleVersion | None]:
    """Per managing agency in scope: excellent ratings against the cap of the version in force that year.

    The agency is the person's managing unit (cơ quan quản lý). One query grouped in SQL.
    """
    from canbo.people.selectors import visible_persons

    version = rule_in_force("rating.excellent_cap", on=dt.date(year, 12, 31))
    if version is None:
        return [], None
    percent, base_levels = version.parameters["percent"], version.parameters["base_levels"]
    groups = (
        AnnualRating.objects.filter(year=year, person__in=visible_persons(user))
        .values(unit_id=F("person__managing_unit_id"), unit_name=F("person__managing_unit__name"))
        .annotate(
            excellent=Count("pk", filter=Q(level=EXCELLENT)),
            base=Count("pk", filter=Q(level__in=base_levels)),
        )
        .order_by("unit_name", "unit_id")
    )
    rows = []
    for group in groups:
        allowed = group["base"] * percent // 100
        rows.append(
            CapRow(
                unit_id=group["unit_id"],
                unit_name=group["unit_name"] or "",
                excellent=group["excellent"],
                base=group["base"],
                allowed=allowed,
                exceeded=group["excellent"] * 100 > group["base"] * percent,
            )
        )
    return rows, version


def valid_conclusions(version: RuleVersion | None, on: dt.date) -> Q:
    """Conclusions "meets the standard" dated on or before `on`, still valid under the version, and not
    overtaken by a later conclusion about the same person (a newer "does not meet" ends an older "meets")."""
    later = PoliticalStandardConclusion.objects.filter(
        person=OuterRef("person"), concluded_on__lte=on
    ).filter(
        Q(concluded_on__gt=OuterRef("concluded_on"))
        | Q(concluded_on=OuterRef("concluded_on"), pk__gt=OuterRef("pk"))
    )
    q = Q(conclusion=PoliticalConclusion.MEETS, concluded_on__lte=on) & ~Q(Exists(later))
    months = version.parameters.get("validity_months", 0) if version else 0
    if months:
        q &= Q(concluded_on__gt=add_months(on, -months))
    return q


def missing_political_standard(
    *, user: Any, on: dt.date | None = None, among: QuerySet[Any] | None = None
) -> tuple[QuerySet[Any], Any]:
    """Persons in scope holding a leadership appointment on `on` with no valid political-standard conclusion.

    Planning is not recorded in the system yet, so only appointments are covered. One query. `among`
    narrows the persons further (a scoped queryset, e.g. those whose discipline tier the user sees).
    """
    from canbo.people.selectors import visible_persons
    from canbo.posts.models import Assignment

    day = on or today()
    version = rule_in_force("political_standard.required", on=day)
    leading = Assignment.objects.filter(active_on(day), person=OuterRef("pk"), title__is_leadership=True)
    concluded = PoliticalStandardConclusion.objects.filter(
        valid_conclusions(version, day), person=OuterRef("pk")
    )
    persons = (
        (visible_persons(user) if among is None else among)
        .filter(Exists(leading))
        .exclude(Exists(concluded))
        .order_by("sort_key", "pk")
    )
    return persons, version


def person_discipline(person: Any) -> QuerySet[DisciplineRecord]:
    """A person's discipline records, newest first (the person was read through a scoped selector)."""
    return DisciplineRecord.objects.filter(person=person).order_by("-valid_from", "-pk")


def person_conclusions(person: Any) -> QuerySet[PoliticalStandardConclusion]:
    """A person's political-standard conclusions, newest first."""
    return PoliticalStandardConclusion.objects.filter(person=person).order_by("-concluded_on", "-pk")


def person_ratings(person: Any) -> QuerySet[AnnualRating]:
    """A person's annual ratings, newest year first (the person was read through a scoped selector)."""
    return AnnualRating.objects.filter(person=person).order_by("-year")


def rule_book() -> RuleBook:
    """Every rule version in one query (for checks over one person and many rules)."""
    return RuleBook.load()
