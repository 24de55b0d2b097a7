"""Indicator definitions compiled to DuckDB SQL over the snapshot's tables.

The same `Definition` that `canbo.programmes.engine` turns into Django ORM queries is turned here into one
SQL statement with the same meaning, row for row: the population's rows (posts held, seats, places on
nominee lists, planning entries) on the date inside a unit subtree, each with a boolean `hit` for the numerator. Every
rule that decides who is counted (age bounds, the not-local test on the boundary keys, NULL handling of
negated conditions) comes from the same helpers as the ORM path, so the two backends cannot drift apart
silently: the engine's tests run every case on both.

Values reach the SQL as literals quoted here; they are codes already validated by `compile_definition`
(titles, categories, levels) or dates and paths from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from canbo.geo.boundaries import key_field
from canbo.geo.models import LocalityLevel
from canbo.people.choices import QualificationKind

from ..definitions import DEEP_EXPERTISE, Condition, Definition, years_before


def literal(value: str | int | bool | dt.date) -> str:
    """A SQL literal for DuckDB."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _in(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(literal(v) for v in values)})"


def _active(alias: str, day: dt.date) -> str:
    """The row's validity [valid_from, valid_to] (end inclusive, NULL = open) contains day."""
    return f"{alias}.valid_from <= {literal(day)} AND ({alias}.valid_to IS NULL OR {alias}.valid_to >= {literal(day)})"


def condition_sql(condition: Condition, *, as_of: dt.date) -> str:
    """One condition over the row's person `p` (and, for not_local, the localities ul, home, born)."""
    if condition.field == "age":
        n = condition.value
        bound, op = {
            "<": (years_before(as_of, n), ">"),
            "<=": (years_before(as_of, n + 1), ">"),
            ">=": (years_before(as_of, n), "<="),
            ">": (years_before(as_of, n + 1), "<="),
        }[condition.op]
        return f"p.birth_date {op} {literal(bound)}"
    if condition.field == "sex":
        return f"p.sex = {literal(condition.value)}"
    if condition.field == "ethnic_minority":
        return f"e.is_minority = {literal(bool(condition.value))}"
    if condition.field == "party_member":
        joined = f"p.party_joined_on <= {literal(as_of)}"
        # A negated comparison on a nullable column counts the NULLs (never admitted), as the ORM does.
        return joined if condition.value else f"(p.party_joined_on IS NULL OR NOT ({joined}))"
    if condition.field == "qualification":
        return (
            "EXISTS (SELECT 1 FROM people_qualification q JOIN people_qualificationlevel l ON l.id = q.level_id "
            f"WHERE q.person_id = p.id AND q.kind = {literal(condition.kind)} "
            f"AND l.rank >= {condition.min_rank} AND q.obtained_on <= {literal(as_of)})"
        )
    if condition.field == "international":
        return (
            "EXISTS (SELECT 1 FROM people_qualification q LEFT JOIN people_qualificationlevel l "
            f"ON l.id = q.level_id WHERE q.person_id = p.id AND q.obtained_on <= {literal(as_of)} AND ("
            f"(q.kind = {literal(QualificationKind.FOREIGN_LANGUAGE.value)} AND l.rank >= {condition.min_rank} "
            f"AND l.is_legacy = FALSE) OR q.kind = {literal(QualificationKind.INTERNATIONAL.value)}))"
        )
    if condition.field == "training":
        return (
            "EXISTS (SELECT 1 FROM people_trainingcourse c WHERE c.person_id = p.id "
            f"AND c.kind = {literal(condition.kind)} AND c.ended_on <= {literal(as_of)} "
            f"AND c.ended_on >= {literal(years_before(as_of, condition.value))})"
        )
    if condition.field == "planning_field":  # a column of the planning row `pe` itself
        if condition.value == DEEP_EXPERTISE:
            return "pe.deep_expertise = TRUE"
        return f"pe.expertise_field = {literal(condition.value)}"
    if condition.field == "not_local":
        return _not_local(condition.bases, as_of)
    raise ValueError(f"unknown condition field {condition.field!r}")


def _not_local(bases: tuple[str, ...], as_of: dt.date) -> str:
    """canbo.geo.boundaries.not_local_q in SQL: the post's locality key at its level, on the side of the
    reform the date falls on, against the home town's (known, and different) and the birthplace's
    (unknown or different)."""
    branches = []
    for level in (LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE):
        field = key_field(level, as_of)
        if field is None:
            continue
        parts = [f"ul.level = {literal(level.value)}", f"ul.{field} IS NOT NULL"]
        for base in bases:
            alias = "home" if base == "home_town" else "born"
            if base == "home_town":
                parts.append(f"{alias}.{field} IS NOT NULL AND {alias}.{field} <> ul.{field}")
            else:
                parts.append(f"({alias}.{field} IS NULL OR {alias}.{field} <> ul.{field})")
        branches.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(branches) + ")" if branches else "FALSE"


def population_sql(definition: Definition, *, as_of: dt.date, prefix: str) -> str:
    """SELECT row_id, person_id, unit_path, hit: the population's rows on as_of under the unit path prefix."""
    conditions = (*definition.where, *definition.conditions)
    joins: list[str] = []
    where: list[str] = []
    if definition.source == "posts":
        base = (
            "FROM posts_assignment a JOIN posts_title t ON t.id = a.title_id "
            "JOIN org_orgunit u ON u.id = a.unit_id JOIN people_person p ON p.id = a.person_id"
        )
        row_id = "a.id"
        where.append(_active("a", as_of))
        if definition.levels:
            where.append(_in("t.level", definition.levels))
        if definition.ranks:
            where.append(_in("t.rank", definition.ranks))
        if definition.leadership is not None:
            where.append(f"t.is_leadership = {literal(definition.leadership)}")
        if definition.titles:
            where.append(_in("t.code", definition.titles))
        if definition.management_categories:
            where.append(
                "t.management_category_id IN (SELECT id FROM posts_managementcategory WHERE "
                + _in("code", definition.management_categories)
                + ")"
            )
        if definition.staff_categories:
            where.append(_in("p.staff_category", definition.staff_categories))
        if definition.sectors:
            where.append(_in("u.sector", definition.sectors))
        if not definition.include_concurrent:
            where.append("a.is_concurrent = FALSE")
    elif definition.source == "planning":
        base = (
            "FROM posts_planningentry pe JOIN posts_title t ON t.id = pe.title_id "
            "JOIN org_orgunit u ON u.id = pe.unit_id JOIN people_person p ON p.id = pe.person_id"
        )
        row_id = "pe.id"
        where.append(_active("pe", as_of))
        if definition.levels:
            where.append(_in("t.level", definition.levels))
        if definition.titles:
            where.append(_in("t.code", definition.titles))
        if definition.management_categories:
            where.append(
                "t.management_category_id IN (SELECT id FROM posts_managementcategory WHERE "
                + _in("code", definition.management_categories)
                + ")"
            )
    else:
        table, alias = ("org_membership", "m") if definition.source == "bodies" else ("org_nomination", "n")
        base = (
            f"FROM {table} {alias} JOIN org_term tm ON tm.id = {alias}.term_id "
            "JOIN org_electedbody b ON b.id = tm.body_id JOIN org_orgunit u ON u.id = b.org_unit_id "
            f"JOIN people_person p ON p.id = {alias}.person_id"
        )
        row_id = f"{alias}.id"
        if definition.source == "bodies":
            where.append(_active("m", as_of))
        else:
            where.append(f"n.nominated_on <= {literal(as_of)}")
            if definition.election_year:
                where.append(f"year(tm.election_date) = {int(definition.election_year)}")
            else:  # the term in force on the date: the most recent election held by then
                where.append(_active("tm", as_of))
        if definition.body_kinds:
            where.append(_in("b.kind", definition.body_kinds))
        if definition.levels:
            where.append(_in("b.level", definition.levels))
    where.append(f"starts_with(u.path, {literal(prefix)})")
    if any(c.field == "ethnic_minority" for c in conditions):
        joins.append("JOIN people_ethnicity e ON e.id = p.ethnicity_id")
    if any(c.field == "not_local" for c in conditions):
        joins += [
            "LEFT JOIN geo_locality ul ON ul.id = u.locality_id",
            "LEFT JOIN geo_locality home ON home.id = p.home_town_id",
            "LEFT JOIN geo_locality born ON born.id = p.birthplace_id",
        ]
    where += [condition_sql(c, as_of=as_of) for c in definition.where]
    hit = " AND ".join(f"({condition_sql(c, as_of=as_of)})" for c in definition.conditions)
    return (
        f"SELECT {row_id} AS row_id, p.id AS person_id, u.path AS unit_path, COALESCE({hit}, FALSE) AS hit "
        f"{base} {' '.join(joins)} WHERE {' AND '.join(where)}"
    )


def _counts(definition: Definition) -> str:
    counted = "row_id" if definition.count == "seats" else "DISTINCT person_id"
    return f"count({counted}) FILTER (WHERE hit) AS n, count({counted}) AS d"


def count_sql(definition: Definition, *, as_of: dt.date, prefix: str) -> str:
    """(numerator, denominator) of the definition for the subtree under prefix on as_of."""
    rows = population_sql(definition, as_of=as_of, prefix=prefix)
    return f"WITH r AS ({rows}) SELECT {_counts(definition)} FROM r"


def branch_sql(definition: Definition, *, as_of: dt.date, prefix: str) -> str:
    """(branch path, numerator, denominator) for each unit directly below the unit whose path is prefix."""
    rows = population_sql(definition, as_of=as_of, prefix=prefix)
    width = len(prefix) + 7
    return (
        f"WITH r AS ({rows}) SELECT substring(unit_path, 1, {width}) AS branch, {_counts(definition)} "
        "FROM r GROUP BY branch"
    )
