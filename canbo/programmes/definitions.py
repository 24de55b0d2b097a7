"""Indicator definitions: a small declarative form, validated and compiled into database queries.

A definition is JSON stored on the indicator::

    {"population": {"source": "posts", "levels": ["province"], "leadership": true},
     "numerator": [{"field": "age", "op": "<", "value": 40}]}

Population sources: "posts" (holders of posts on the date), "bodies" (members of elected bodies seated on
the date), "nominees" (people on the nominee lists of terms whose election falls in a year) and
"planning" (people in the planning (quy hoạch) for a title on the date).
Numerator conditions (all must hold): age, sex, ethnic_minority, party_member, qualification,
international, not_local, training (a course of a kind within N years), planning_field (planning rows
only). Unknown keys are refused with a message naming them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from canbo.org.choices import BodyKind, Level, Sector
from canbo.people.choices import QualificationKind, Sex, StaffCategory, TrainingKind
from canbo.people.models import Qualification, QualificationLevel, TrainingCourse
from canbo.posts.choices import ExpertiseField, TitleRank

SOURCES = {"posts", "bodies", "nominees", "planning"}
POPULATION_KEYS = {
    "posts": {
        "source",
        "levels",
        "ranks",
        "leadership",
        "titles",
        "management_categories",
        "staff_categories",
        "sectors",
        "include_concurrent",
        "count",
        "where",
    },
    "bodies": {"source", "body_kinds", "levels", "count", "where"},
    "nominees": {"source", "body_kinds", "levels", "election_year", "count", "where"},
    "planning": {"source", "levels", "titles", "management_categories", "count", "where"},
}
CONDITION_KEYS = {
    "age": {"field", "op", "value"},
    "sex": {"field", "value"},
    "ethnic_minority": {"field", "value"},
    "party_member": {"field", "value"},
    "qualification": {"field", "kind", "min_level"},
    "international": {"field", "min_language_rank"},
    "not_local": {"field", "basis"},
    "training": {"field", "kind", "within_years"},
    "planning_field": {"field", "value"},
}
DEEP_EXPERTISE = "deep_expertise"
AGE_OPS = {"<", "<=", ">", ">="}
LOCAL_BASES = {"home_town", "birthplace"}


@dataclass(frozen=True)
class Condition:
    """One compiled numerator condition."""

    field: str
    op: str = "="
    value: Any = None
    kind: str = ""
    min_rank: int = 0
    bases: tuple[str, ...] = ()

    def label(self) -> str:
        """A short Vietnamese description."""
        if self.field == "age":
            return _("tuổi %(op)s %(n)s") % {"op": self.op, "n": self.value}
        return self.field


@dataclass(frozen=True)
class Definition:
    """A validated indicator definition."""

    source: str
    levels: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    leadership: bool | None = None
    titles: tuple[str, ...] = ()
    management_categories: tuple[str, ...] = ()
    staff_categories: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    include_concurrent: bool = True
    body_kinds: tuple[str, ...] = ()
    election_year: int | None = None
    count: str = "persons"
    conditions: tuple[Condition, ...] = field(default_factory=tuple)
    where: tuple[Condition, ...] = field(default_factory=tuple)

    @property
    def district_only(self) -> bool:
        """Whether the population exists only at district level (which ended on 01/07/2025)."""
        return bool(self.levels) and set(self.levels) == {Level.DISTRICT}


def _fail(code: str, message: str) -> ValidationError:
    return ValidationError({"definition": [_("Chỉ tiêu %(code)s: %(msg)s") % {"code": code, "msg": message}]})


def _strings(code: str, raw: dict[str, Any], key: str, allowed: set[str] | None = None) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(code, _("“%(key)s” phải là danh sách chuỗi.") % {"key": key})
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise _fail(
                code, _("giá trị không hợp lệ ở “%(key)s”: %(v)s.") % {"key": key, "v": ", ".join(unknown)}
            )
    return tuple(value)


def compile_definition(definition: Any, *, code: str = "?") -> Definition:
    """Validate a stored definition and turn it into a Definition, or raise ValidationError naming the fault."""
    from canbo.posts.models import ManagementCategory, Title

    if not isinstance(definition, dict):
        raise _fail(code, _("định nghĩa phải là một đối tượng JSON."))
    unknown_top = sorted(set(definition) - {"population", "numerator"})
    if unknown_top:
        raise _fail(code, _("không biết mục “%(k)s”.") % {"k": ", ".join(unknown_top)})
    population = definition.get("population")
    if not isinstance(population, dict) or population.get("source") not in SOURCES:
        raise _fail(
            code, _("tổng thể phải có “source” là một trong: %(s)s.") % {"s": ", ".join(sorted(SOURCES))}
        )
    source = population["source"]
    unknown = sorted(set(population) - POPULATION_KEYS[source])
    if unknown:
        raise _fail(code, _("tổng thể không có trường “%(k)s”.") % {"k": ", ".join(unknown)})
    count = population.get("count", "seats" if source == "bodies" else "persons")
    if source == "planning" and count != "persons":
        raise _fail(code, _("tổng thể quy hoạch chỉ đếm theo người (“count”: “persons”)."))
    if count not in {"persons", "seats"}:
        raise _fail(code, _("“count” phải là “persons” hoặc “seats”."))
    titles = _strings(code, population, "titles")
    if titles:
        missing = sorted(
            set(titles) - set(Title.objects.filter(code__in=titles).values_list("code", flat=True))
        )
        if missing:
            raise _fail(code, _("không có chức vụ mã “%(c)s”.") % {"c": ", ".join(missing)})
    categories = _strings(code, population, "management_categories")
    if categories:
        known = set(ManagementCategory.objects.filter(code__in=categories).values_list("code", flat=True))
        missing = sorted(set(categories) - known)
        if missing:
            raise _fail(code, _("không có diện quản lý mã “%(c)s”.") % {"c": ", ".join(missing)})
    leadership = population.get("leadership")
    if leadership is not None and not isinstance(leadership, bool):
        raise _fail(code, _("“leadership” phải là true hoặc false."))
    election_year = population.get("election_year")
    if election_year is not None and not isinstance(election_year, int):
        raise _fail(code, _("“election_year” phải là một năm."))
    conditions = tuple(_compile_condition(code, raw) for raw in _list(code, definition.get("numerator", [])))
    where = tuple(_compile_condition(code, raw) for raw in _list(code, population.get("where", [])))
    if not conditions:
        raise _fail(code, _("tử số phải có ít nhất một điều kiện."))
    if source != "planning" and any(c.field == "planning_field" for c in (*conditions, *where)):
        raise _fail(code, _("điều kiện “planning_field” chỉ dùng với tổng thể “planning”."))
    return Definition(
        source=source,
        levels=_strings(code, population, "levels", set(Level.values)),
        ranks=_strings(code, population, "ranks", set(TitleRank.values)),
        leadership=leadership,
        titles=titles,
        management_categories=categories,
        staff_categories=_strings(code, population, "staff_categories", set(StaffCategory.values)),
        sectors=_strings(code, population, "sectors", set(Sector.values)),
        include_concurrent=bool(population.get("include_concurrent", True)),
        body_kinds=_strings(code, population, "body_kinds", set(BodyKind.values)),
        election_year=election_year,
        count=count,
        conditions=conditions,
        where=where,
    )


def _list(code: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _fail(code, _("điều kiện phải là một danh sách các đối tượng."))
    return value


def _compile_condition(code: str, raw: dict[str, Any]) -> Condition:
    name = raw.get("field")
    if name not in CONDITION_KEYS:
        raise _fail(code, _("điều kiện dùng trường không biết “%(f)s”.") % {"f": name})
    unknown = sorted(set(raw) - CONDITION_KEYS[name])
    if unknown:
        raise _fail(
            code, _("điều kiện “%(f)s” không có khóa “%(k)s”.") % {"f": name, "k": ", ".join(unknown)}
        )
    if name == "age":
        if (
            raw.get("op") not in AGE_OPS
            or not isinstance(raw.get("value"), int)
            or not 0 < raw["value"] < 120
        ):
            raise _fail(code, _("điều kiện tuổi cần “op” (<, <=, >, >=) và “value” là số tuổi."))
        return Condition(field="age", op=raw["op"], value=raw["value"])
    if name == "sex":
        if raw.get("value") not in Sex.values:
            raise _fail(code, _("giới tính phải là “nam” hoặc “nu”."))
        return Condition(field="sex", value=raw["value"])
    if name in {"ethnic_minority", "party_member"}:
        if not isinstance(raw.get("value", True), bool):
            raise _fail(code, _("“%(f)s” phải là true hoặc false.") % {"f": name})
        return Condition(field=name, value=raw.get("value", True))
    if name == "qualification":
        kind = raw.get("kind")
        if kind not in QualificationKind.values:
            raise _fail(code, _("loại trình độ không hợp lệ “%(k)s”.") % {"k": kind})
        level = QualificationLevel.objects.filter(kind=kind, code=raw.get("min_level")).first()
        if level is None:
            raise _fail(
                code,
                _("không có trình độ mã “%(c)s” trong loại %(k)s.") % {"c": raw.get("min_level"), "k": kind},
            )
        return Condition(field="qualification", kind=kind, min_rank=level.rank, value=level.code)
    if name == "international":
        rank = raw.get("min_language_rank", 4)
        if not isinstance(rank, int) or not 1 <= rank <= 6:
            raise _fail(code, _("“min_language_rank” phải từ 1 đến 6."))
        return Condition(field="international", min_rank=rank)
    if name == "training":
        kind = raw.get("kind")
        if kind not in TrainingKind.values:
            raise _fail(
                code,
                _("loại bồi dưỡng không hợp lệ “%(k)s” (chọn: %(v)s).")
                % {"k": kind, "v": ", ".join(TrainingKind.values)},
            )
        years = raw.get("within_years")
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 50:
            raise _fail(code, _("“within_years” phải là số năm từ 1 đến 50."))
        return Condition(field="training", kind=kind, value=years)
    if name == "planning_field":
        value = raw.get("value")
        if value != DEEP_EXPERTISE and value not in ExpertiseField.values:
            raise _fail(
                code,
                _("“planning_field” phải là “%(d)s” hoặc mã lĩnh vực (%(v)s), không phải “%(x)s”.")
                % {"d": DEEP_EXPERTISE, "v": ", ".join(ExpertiseField.values), "x": value},
            )
        return Condition(field="planning_field", value=value)
    bases = _strings(code, raw, "basis", LOCAL_BASES) or ("home_town", "birthplace")
    return Condition(field="not_local", bases=bases)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28/02 for 29/02)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def condition_q(condition: Condition, *, as_of: dt.date, person: str = "person__", unit: str = "unit__") -> Q:
    """The condition as a Q over rows that reach the person through `person` (and the post's unit)."""
    if condition.field == "age":
        n = condition.value
        bound = {
            "<": (years_before(as_of, n), "gt"),
            "<=": (years_before(as_of, n + 1), "gt"),
            ">=": (years_before(as_of, n), "lte"),
            ">": (years_before(as_of, n + 1), "lte"),
        }[condition.op]
        return Q(**{f"{person}birth_date__{bound[1]}": bound[0]})
    if condition.field == "sex":
        return Q(**{f"{person}sex": condition.value})
    if condition.field == "ethnic_minority":
        return Q(**{f"{person}ethnicity__is_minority": condition.value})
    if condition.field == "party_member":
        q = Q(**{f"{person}party_joined_on__lte": as_of})
        return q if condition.value else ~q
    if condition.field == "planning_field":  # a column of the planning row itself
        if condition.value == DEEP_EXPERTISE:
            return Q(deep_expertise=True)
        return Q(expertise_field=condition.value)
    person_ref = OuterRef(f"{person}id") if person else OuterRef("id")
    if condition.field == "training":
        return Q(
            Exists(
                TrainingCourse.objects.filter(
                    person=person_ref,
                    kind=condition.kind,
                    ended_on__lte=as_of,
                    ended_on__gte=years_before(as_of, condition.value),
                )
            )
        )
    if condition.field == "qualification":
        return Q(
            Exists(
                Qualification.objects.filter(
                    person=person_ref,
                    kind=condition.kind,
                    level__rank__gte=condition.min_rank,
                    obtained_on__lte=as_of,
                )
            )
        )
    if condition.field == "international":
        return Q(
            Exists(
                Qualification.objects.filter(person=person_ref, obtained_on__lte=as_of).filter(
                    Q(
                        kind=QualificationKind.FOREIGN_LANGUAGE,
                        level__rank__gte=condition.min_rank,
                        level__is_legacy=False,
                    )
                    | Q(kind=QualificationKind.INTERNATIONAL)
                )
            )
        )
    from canbo.geo.boundaries import not_local_q

    return not_local_q(as_of=as_of, bases=condition.bases, person=person, unit=unit)
