"""Non-local posts (regulations §6): is each holder of a post that must be non-local a local person?

The titles come from the rule "nonlocal.titles" in force on the day (QĐ 65-QĐ/TW Art 4, Chỉ thị 45-CT/TW,
KL 200/201/210-KL/TW), with the bases compared (home town, birthplace). A holder is *local* when one of the
bases lies in the post's locality at the locality's level, on the boundaries in force on the day
(canbo.geo.boundaries: the old units before 01/07/2025, the merged ones from then on); *not local* when
``not_local_q`` says so; *unknown* otherwise (no home town, no locality on the unit, a split commune).

``nonlocal_holders`` computes the status in SQL for a whole scope; ``explain`` gives one holder's reasoning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from canbo.core.dates import active_on
from canbo.geo.boundaries import key_field, not_local_q
from canbo.geo.models import CodeSystem, Locality, LocalityLevel

from .selectors import rule_in_force

RULE = "nonlocal.titles"
LOCAL, NOT_LOCAL, UNKNOWN = "local", "not_local", "unknown"
LEVELS = (LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE)


def local_q(*, as_of: dt.date, bases: tuple[str, ...], person: str = "person__", unit: str = "unit__") -> Q:
    """Q for rows whose person is local: a basis lies in the post's locality at its level on as_of."""
    result = Q(pk__in=[])
    for level in LEVELS:
        field = key_field(level, as_of)
        if field is None:
            continue
        post_key = F(f"{unit}locality__{field}")
        branch = Q(**{f"{unit}locality__level": level, f"{unit}locality__{field}__isnull": False})
        same = Q(pk__in=[])
        for base in bases:
            same |= Q(**{f"{person}{base}__{field}": post_key})
        result |= branch & same
    return result


def locality_status(
    *, as_of: dt.date, bases: tuple[str, ...], person: str = "person__", unit: str = "unit__"
) -> Case:
    """The expression "local" / "not_local" / "unknown" for rows joining a person and a unit."""
    return Case(
        When(local_q(as_of=as_of, bases=bases, person=person, unit=unit), then=Value(LOCAL)),
        When(not_local_q(as_of=as_of, bases=bases, person=person, unit=unit), then=Value(NOT_LOCAL)),
        default=Value(UNKNOWN),
        output_field=CharField(),
    )


def nonlocal_holders(*, user: Any, on: dt.date) -> QuerySet[Any]:
    """Assignments held on `on`, by people in scope, of titles that must be non-local; `locality_status` set.

    One query; empty when no version of the rule is in force on the day.
    """
    from canbo.people.selectors import visible_persons
    from canbo.posts.models import Assignment

    version = rule_in_force(RULE, on=on)
    if version is None:
        return Assignment.objects.none().annotate(locality_status=Value(UNKNOWN, output_field=CharField()))
    bases = tuple(version.parameters["bases"])
    return (
        Assignment.objects.filter(
            active_on(on),
            title__code__in=version.parameters["title_codes"],
            person__in=visible_persons(user).values("pk"),
        )
        .annotate(locality_status=locality_status(as_of=on, bases=bases))
        .select_related(
            "person", "title", "unit", "unit__locality", "person__home_town", "person__birthplace"
        )
        .order_by("title__level", "title__code", "pk")
    )


@dataclass(frozen=True)
class Explanation:
    """One holder's non-local check: status, the reasoning line by line, and the rule's citation."""

    status: str
    lines: list[str]
    citation: str

    @property
    def conclusion(self) -> str:
        return {
            LOCAL: _("người địa phương"),
            NOT_LOCAL: _("không phải người địa phương"),
            UNKNOWN: _("chưa xác định — thiếu dữ liệu"),
        }[self.status]

    @property
    def text(self) -> str:
        return "; ".join([*self.lines, _("kết luận: %(c)s") % {"c": self.conclusion}])


def _place_name(locality: Locality) -> str:
    """ "xã X, huyện Y (cũ)" — the locality with its parents, marked old when it predates the reform."""
    parts = []
    node: Locality | None = locality
    while node is not None and node.level != LocalityLevel.PROVINCE:
        parts.append(f"{node.kind} {node.name}".strip())
        node = node.parent
    if not parts:
        parts.append(f"{locality.kind} {locality.name}".strip())
    text = ", ".join(parts)
    return f"{text} ({_('cũ')})" if locality.code_system == CodeSystem.QD124_2004 else text


def _unit_at(key: str, field: str, level: str) -> str:
    """The name of the unit a boundary key designates ("tỉnh Z")."""
    system = CodeSystem.QD124_2004 if field.startswith("old_") else CodeSystem.QD19_2025
    found = Locality.objects.filter(code_system=system, level=level, code=key).first()
    return f"{found.kind} {found.name}".strip() if found else key


def explain(assignment: Any, *, on: dt.date) -> Explanation:
    """Why the holder of one assignment is (or is not) local to its unit on a day, step by step."""
    return _explain(
        assignment.person,
        assignment.unit,
        on=on,
        status=lambda bases: nonlocal_holders_status(assignment, on=on, bases=bases),
    )


def explain_candidate(person: Any, unit: Any, *, on: dt.date) -> Explanation:
    """Why a person considered for a post in `unit` (no assignment yet) is (or is not) local to it on a day."""
    return _explain(
        person, unit, on=on, status=lambda bases: candidate_status(person, unit, on=on, bases=bases)
    )


def candidate_status(person: Any, unit: Any, *, on: dt.date, bases: tuple[str, ...]) -> str:
    """local / not_local / unknown for a person and a unit not joined by an assignment.

    The same test as `locality_status` (local_q, then geo.boundaries.not_local_q), applied to the boundary
    keys of the one person and the one unit: there is no row joining them to run the SQL expression on.
    tests/test_non_local.py checks that both give the same answer.
    """
    post_place = unit.locality
    field = key_field(post_place.level, on) if post_place is not None else None
    post_key = getattr(post_place, field) if post_place is not None and field else None
    if post_key is None or field is None:
        return UNKNOWN
    keys = {base: getattr(getattr(person, base, None), field, None) for base in bases}
    if any(key == post_key for key in keys.values()):
        return LOCAL
    if all(
        (key is not None if base == "home_town" else True) and key != post_key for base, key in keys.items()
    ):
        return NOT_LOCAL
    return UNKNOWN


def _explain(person: Any, unit: Any, *, on: dt.date, status: Callable[[tuple[str, ...]], str]) -> Explanation:
    """The reasoning lines for a person and a unit; `status` gives the conclusion for the rule's bases."""
    version = rule_in_force(RULE, on=on)
    if version is None:
        return Explanation(
            UNKNOWN,
            [
                _("Chưa có quy định về chức danh không phải người địa phương ngày %(d)s.")
                % {"d": f"{on:%d/%m/%Y}"}
            ],
            "",
        )
    bases = tuple(version.parameters["bases"])
    day = f"{on:%d/%m/%Y}"
    post_place = unit.locality
    lines: list[str] = []
    field = key_field(post_place.level, on) if post_place is not None else None
    post_key = getattr(post_place, field) if post_place is not None and field else None
    labels = {"home_town": _("quê quán"), "birthplace": _("nơi sinh")}
    matches = []
    missing = []
    for base in bases:
        place = getattr(person, base, None)
        label = labels.get(base, base)
        if place is None:
            missing.append(label)
            lines.append(_("%(b)s: chưa có") % {"b": label})
            continue
        key = getattr(place, field) if field else None
        where = (
            _("thuộc %(u)s theo địa giới ngày %(d)s")
            % {"u": _unit_at(key, field, post_place.level), "d": day}
            if key and field and post_place is not None
            else _("không xác định được đơn vị tương ứng theo địa giới ngày %(d)s") % {"d": day}
        )
        lines.append(f"{label} {_place_name(place)} — {where}")
        if key and post_key and key == post_key:
            matches.append(label)
    if post_place is None:
        lines.append(_("đơn vị: %(u)s — chưa gắn địa bàn") % {"u": unit.name})
    else:
        lines.append(_("đơn vị: %(u)s, địa bàn %(p)s") % {"u": unit.name, "p": _place_name(post_place)})
    return Explanation(status(bases), lines, version.citation)


def nonlocal_holders_status(assignment: Any, *, on: dt.date, bases: tuple[str, ...]) -> str:
    """The SQL status of one assignment (the same expression the lists use)."""
    from canbo.posts.models import Assignment

    value = (
        Assignment.objects.filter(pk=assignment.pk)
        .annotate(status=locality_status(as_of=on, bases=bases))
        .values_list("status", flat=True)
        .first()
    )
    return value or UNKNOWN
