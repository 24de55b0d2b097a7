"""Reads: rotation eligibility of one person, position changes due and movements ending within a scope.

Every list reads people through ``visible_persons(user)`` and runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from canbo.core.dates import active_on
from canbo.rules.retirement import add_months, with_retirement_date
from canbo.rules.selectors import RuleBook, rule_in_force
from canbo.rules.terms import RuleCheck

from .models import Movement, PositionChangeExemption, SensitivePosition


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _retirement_date(person: Any, on: dt.date) -> dt.date | None:
    from canbo.people.models import Person

    row = with_retirement_date(Person.objects.filter(pk=person.pk), on=on).values_list(
        "retirement_date", flat=True
    )
    return next(iter(row), None)


def rotation_eligibility(person: Any, *, on: dt.date, one_term_case: bool = False) -> RuleCheck:
    """Whether a person may be rotated on a day: enough years to retirement (rotation.eligibility).

    `one_term_case` is a rotation to place a non-local holder or to end a third consecutive term, where one
    full appointment term (appointment.term_years) left is enough.
    """
    rule = "rotation.eligibility"
    version = rule_in_force(rule, on=on)
    if version is None:
        return RuleCheck(
            "unknown", _("Chưa có quy định về tuổi luân chuyển áp dụng ngày %(d)s.") % {"d": _vn(on)}, rule
        )
    retires = _retirement_date(person, on)
    if retires is None:
        return RuleCheck(
            "unknown",
            _("Chưa xác định được ngày nghỉ hưu (thiếu ngày sinh hoặc giới tính)."),
            rule,
            version.citation,
        )
    years = version.parameters["min_years_to_retirement"]
    needed = add_months(on, 12 * years)
    if retires >= needed:
        return RuleCheck(
            "pass",
            _("Nghỉ hưu ngày %(r)s, còn ít nhất %(y)s năm công tác.") % {"r": _vn(retires), "y": years},
            rule,
            version.citation,
        )
    if one_term_case:
        term = rule_in_force("appointment.term_years", on=on)
        if term is not None and retires >= add_months(on, 12 * term.parameters["years"]):
            return RuleCheck(
                "pass",
                _("Nghỉ hưu ngày %(r)s, còn đủ một nhiệm kỳ (%(t)s năm).")
                % {"r": _vn(retires), "t": term.parameters["years"]},
                rule,
                f"{version.citation}; {term.citation}",
            )
    return RuleCheck(
        "fail",
        _("Nghỉ hưu ngày %(r)s, còn dưới %(y)s năm công tác.") % {"r": _vn(retires), "y": years},
        rule,
        version.citation,
    )


@dataclass(frozen=True)
class PositionChangeDue:
    """A sensitive position whose periodic change falls due on `due_on`, and the rule behind it."""

    position: SensitivePosition
    field_name: str
    months: int
    due_on: dt.date
    citation: str


def _position_changes_queryset(*, user: Any, on: dt.date, until: dt.date, book: RuleBook) -> Any:
    """The positions whose change is due by `until` (unordered) and the fields rule; None without a rule."""
    from canbo.people.selectors import visible_persons

    fields_version = book.in_force("position_change.fields", on=on)
    if fields_version is None:
        return None
    window = Q(pk__in=[])
    for code, _name, months in fields_version.parameters["fields"]:
        window |= Q(field=code, valid_from__lte=add_months(until, -months))
    people = visible_persons(user)
    exemptions = book.in_force("position_change.exemptions", on=on)
    if exemptions is not None:
        cutoff = add_months(on, exemptions.parameters["months_before_retirement"])
        people = with_retirement_date(people, on=on).filter(
            Q(retirement_date__isnull=True) | Q(retirement_date__gte=cutoff)
        )
    exempt = PositionChangeExemption.objects.filter(active_on(on), person=OuterRef("person"))
    queryset = SensitivePosition.objects.filter(
        active_on(on), window, person__in=people.values("pk")
    ).exclude(Exists(exempt))
    return queryset, fields_version


def position_changes_due(*, user: Any, on: dt.date, until: dt.date) -> list[PositionChangeDue]:
    """Sensitive positions held on `on` by people in scope whose change is due by `until`.

    Left out: people with an exemption in force on `on`, and those with less than the exemption rule's
    months before retirement on `on` (they are never changed). Three queries, whatever the number of rows.
    """
    found = _position_changes_queryset(user=user, on=on, until=until, book=RuleBook.load())
    if found is None:
        return []
    queryset, fields_version = found
    fields = {code: (name, months) for code, name, months in fields_version.parameters["fields"]}
    citation = fields_version.citation
    result = []
    for row in queryset.select_related("person", "unit").order_by("pk"):
        name, months = fields[row.field]
        result.append(PositionChangeDue(row, name, months, add_months(row.valid_from, months), citation))
    return sorted(result, key=lambda item: (item.due_on, item.position.pk))


def position_changes_due_count(*, user: Any, on: dt.date, until: dt.date) -> int:
    """How many positions `position_changes_due` lists: one COUNT query (after reading the rule book)."""
    found = _position_changes_queryset(user=user, on=on, until=until, book=RuleBook.load())
    return 0 if found is None else found[0].count()


def _movements_ending_queryset(*, user: Any, on: dt.date, until: dt.date) -> Any:
    from canbo.people.selectors import visible_persons

    return Movement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        valid_from__lte=on,
        planned_end__lte=until,
        person__in=visible_persons(user).values("pk"),
    )


def movements_ending(*, user: Any, on: dt.date, until: dt.date) -> list[Movement]:
    """Ongoing rotations, secondments and transfers in scope planned to end by `until` (overdue included)."""
    return list(
        _movements_ending_queryset(user=user, on=on, until=until)
        .select_related("person", "from_unit", "to_unit", "to_title")
        .order_by("planned_end", "pk")
    )


def movements_ending_count(*, user: Any, on: dt.date, until: dt.date) -> int:
    """How many movements `movements_ending` lists: one COUNT query."""
    return _movements_ending_queryset(user=user, on=on, until=until).count()


def movements_of(*, user: Any, person: Any) -> list[Movement]:
    """The movements of one person in scope, newest first."""
    from canbo.people.selectors import visible_persons

    return list(
        Movement.objects.filter(person=person, person__in=visible_persons(user).values("pk"))
        .select_related("from_unit", "to_unit", "to_title")
        .order_by("-valid_from")
    )
