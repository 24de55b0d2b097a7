"""The indicators of both programmes written by hand in SQL for DuckDB, over a Parquet snapshot.

This is an independent reading of the seeds (domain/seed-targets.md and regulations §6), not a
translation of the engine's definitions: if the two disagree on any figure, the benchmark fails.

Parameters: $as_of (DATE) and $prefix (the scope unit's materialised path).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFORM_DAY = dt.date(2025, 7, 1)

# Tables and the columns the indicators read (everything else stays in PostgreSQL).
SNAPSHOT = {
    "org_orgunit": ["id", "path", "sector", "locality_id"],
    "geo_locality": [
        "id",
        "level",
        "old_province",
        "old_district",
        "old_commune",
        "new_province",
        "new_commune",
    ],
    "posts_title": ["id", "code", "level", "rank", "is_leadership", "management_category_id"],
    "posts_managementcategory": ["id", "code"],
    "posts_assignment": ["id", "person_id", "title_id", "unit_id", "valid_from", "valid_to", "is_concurrent"],
    "people_person": [
        "id",
        "birth_date",
        "sex",
        "ethnicity_id",
        "staff_category",
        "home_town_id",
        "birthplace_id",
    ],
    "people_ethnicity": ["id", "is_minority"],
    "people_qualificationlevel": ["id", "kind", "code", "rank", "is_legacy"],
    "people_qualification": ["id", "person_id", "kind", "level_id", "obtained_on"],
    "org_electedbody": ["id", "org_unit_id", "kind", "level"],
    "org_term": ["id", "body_id", "valid_from", "valid_to", "election_date"],
    "org_membership": ["id", "person_id", "term_id", "valid_from", "valid_to"],
    "org_nomination": ["id", "person_id", "term_id", "nominated_on"],
}

MACROS = """
CREATE OR REPLACE MACRO active(vf, vt, d) AS vf <= d AND (vt IS NULL OR vt >= d);
-- Age in whole years on d: a person turns n on their birthday.
CREATE OR REPLACE MACRO age_on(b, d) AS
    year(d) - year(b) - CASE WHEN month(d) < month(b) OR (month(d) = month(b) AND day(d) < day(b)) THEN 1 ELSE 0 END;
-- The boundary key of a locality at the level of a post, on the side of the 01/07/2025 reform d falls on.
CREATE OR REPLACE MACRO boundary_key(post_level, d, o_province, o_district, o_commune, n_province, n_commune) AS
    CASE WHEN d < DATE '2025-07-01'
         THEN CASE post_level WHEN 'province' THEN o_province WHEN 'district' THEN o_district
                              WHEN 'commune' THEN o_commune END
         ELSE CASE post_level WHEN 'province' THEN n_province WHEN 'commune' THEN n_commune END END;
-- The qualification rank a level code stands for in its scale.
CREATE OR REPLACE MACRO level_rank(k, c) AS (SELECT rank FROM people_qualificationlevel WHERE kind = k AND code = c);
"""

# Fragments used by the numerators below.
HAS_QUALIFICATION = """EXISTS (SELECT 1 FROM people_qualification q JOIN people_qualificationlevel l ON l.id = q.level_id
            WHERE q.person_id = p.id AND q.kind = '{kind}' AND l.rank >= level_rank('{kind}', '{code}')
              AND q.obtained_on <= $as_of)"""
INTERNATIONAL = """EXISTS (SELECT 1 FROM people_qualification q JOIN people_qualificationlevel l ON l.id = q.level_id
            WHERE q.person_id = p.id AND q.obtained_on <= $as_of
              AND ((q.kind = 'foreign_language' AND l.rank >= 4 AND NOT l.is_legacy) OR q.kind = 'international'))"""
NOT_LOCAL_JOINS = """
    JOIN geo_locality ul ON ul.id = u.locality_id
    LEFT JOIN geo_locality home ON home.id = p.home_town_id
    LEFT JOIN geo_locality born ON born.id = p.birthplace_id"""
# Not local: the home town is known and lies outside the post's locality at the post's level, and the
# birthplace (when known) lies outside it too (regulations §6, default test).
NOT_LOCAL = """(post_key IS NOT NULL AND home_key IS NOT NULL AND home_key <> post_key
             AND (born_key IS NULL OR born_key <> post_key))"""
NOT_LOCAL_KEYS = """,
        boundary_key(ul.level, $as_of, ul.old_province, ul.old_district, ul.old_commune, ul.new_province, ul.new_commune) AS post_key,
        boundary_key(ul.level, $as_of, home.old_province, home.old_district, home.old_commune, home.new_province, home.new_commune) AS home_key,
        boundary_key(ul.level, $as_of, born.old_province, born.old_district, born.old_commune, born.new_province, born.new_commune) AS born_key"""


@dataclass(frozen=True)
class Reference:
    """One indicator: its population (rows and filter), numerator, and what is counted."""

    source: str  # posts | bodies | nominees
    where: str
    numerator: str
    persons: bool = True  # count distinct people (else seats: rows)
    joins: str = ""
    keys: str = ""
    district_only: bool = False

    def sql(self) -> str:
        """The full query returning (numerator, denominator)."""
        count = "count(DISTINCT person_id)" if self.persons else "count(*)"
        if self.source == "posts":
            rows = f"""
    SELECT a.person_id, p.birth_date, p.sex, p.id AS pid{self.keys},
           {self.numerator} AS hit
    FROM posts_assignment a
    JOIN posts_title t ON t.id = a.title_id
    JOIN org_orgunit u ON u.id = a.unit_id
    JOIN people_person p ON p.id = a.person_id
    {self.joins}
    WHERE active(a.valid_from, a.valid_to, $as_of) AND starts_with(u.path, $prefix) AND {self.where}"""
        elif self.source == "bodies":
            rows = f"""
    SELECT m.person_id, {self.numerator} AS hit
    FROM org_membership m
    JOIN org_term tm ON tm.id = m.term_id
    JOIN org_electedbody b ON b.id = tm.body_id
    JOIN org_orgunit u ON u.id = b.org_unit_id
    JOIN people_person p ON p.id = m.person_id
    WHERE active(m.valid_from, m.valid_to, $as_of) AND starts_with(u.path, $prefix) AND {self.where}"""
        else:
            rows = f"""
    SELECT n.person_id, {self.numerator} AS hit
    FROM org_nomination n
    JOIN org_term tm ON tm.id = n.term_id
    JOIN org_electedbody b ON b.id = tm.body_id
    JOIN org_orgunit u ON u.id = b.org_unit_id
    JOIN people_person p ON p.id = n.person_id
    WHERE n.nominated_on <= $as_of AND active(tm.valid_from, tm.valid_to, $as_of)
      AND starts_with(u.path, $prefix) AND {self.where}"""
        if self.keys:  # the not-local test needs the keys computed first
            rows = rows.replace(f"{self.numerator} AS hit", "TRUE AS hit")
            return f"WITH r AS ({rows}) SELECT {count} FILTER (WHERE {self.numerator}), {count} FROM r"
        return f"WITH r AS ({rows}) SELECT {count} FILTER (WHERE hit), {count} FROM r"


MAIN = "NOT a.is_concurrent"
UNDER_40 = "age_on(p.birth_date, $as_of) < 40"
WOMAN = "p.sex = 'nu'"
MINORITY = "(SELECT e.is_minority FROM people_ethnicity e WHERE e.id = p.ethnicity_id)"
PROVINCE_LEADERS = "t.level = 'province' AND t.rank IN ('key', 'head', 'deputy')"
LEADERS_FROM_DIVISION = (
    "t.level IN ('province', 'district') "
    "AND t.rank IN ('key', 'head', 'deputy', 'division_head', 'division_deputy')"
)
COMMUNE_CADRES = "t.level = 'commune' AND p.staff_category IN ('can_bo', 'cong_chuc')"
BTV = "t.management_category_id = (SELECT id FROM posts_managementcategory WHERE code = 'BTV_TINH')"
NOT_LOCAL_OF = {"joins": NOT_LOCAL_JOINS, "keys": NOT_LOCAL_KEYS}

INDICATORS: dict[str, Reference] = {
    # LC-18 (Lào Cai, Đề án 18-ĐA/TU), Phụ lục 1.
    "LC-1a": Reference("posts", f"{PROVINCE_LEADERS} AND {MAIN}", UNDER_40),
    "LC-1b": Reference(
        "posts",
        f"t.level = 'district' AND t.rank IN ('key', 'head', 'deputy') AND {MAIN}",
        UNDER_40,
        district_only=True,
    ),
    "LC-2": Reference(
        "posts", f"t.level = 'province' AND t.rank IN ('key', 'head') AND {MAIN}", INTERNATIONAL
    ),
    "LC-3": Reference("bodies", "b.kind = 'party_executive'", WOMAN, persons=False),
    "LC-4": Reference("bodies", "b.kind = 'peoples_council'", WOMAN, persons=False),
    "LC-5": Reference(
        "posts", f"{COMMUNE_CADRES} AND {MAIN}", HAS_QUALIFICATION.format(kind="education", code="DAI_HOC")
    ),
    "LC-6": Reference(
        "posts",
        f"{COMMUNE_CADRES} AND {MAIN}",
        HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP"),
    ),
    "LC-7a": Reference(
        "posts",
        "t.level = 'district' AND t.code = 'BI_THU_HUYEN_UY'",
        NOT_LOCAL,
        district_only=True,
        **NOT_LOCAL_OF,
    ),
    "LC-7b": Reference(
        "posts", "t.level = 'commune' AND t.code = 'BI_THU_DANG_UY_XA'", NOT_LOCAL, **NOT_LOCAL_OF
    ),
    "LC-8a": Reference(
        "posts",
        "t.level = 'district' AND t.code = 'CHU_TICH_UBND_HUYEN'",
        NOT_LOCAL,
        district_only=True,
        **NOT_LOCAL_OF,
    ),
    "LC-8b": Reference(
        "posts", "t.level = 'commune' AND t.code = 'CHU_TICH_UBND_XA'", NOT_LOCAL, **NOT_LOCAL_OF
    ),
    "LC-9": Reference(
        "posts",
        f"{LEADERS_FROM_DIVISION} AND {MAIN}",
        HAS_QUALIFICATION.format(kind="education", code="THAC_SI"),
    ),
    "LC-10": Reference("posts", f"{LEADERS_FROM_DIVISION} AND {MAIN}", WOMAN),
    "LC-11": Reference("posts", f"{LEADERS_FROM_DIVISION} AND {MAIN}", MINORITY),
    # HG-NQ (Hà Giang, resolution 2021–2025).
    "HG-B1": Reference(
        "posts",
        f"t.level IN ('province', 'district') AND t.is_leadership AND {MAIN}",
        HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP"),
    ),
    "HG-B2": Reference("posts", f"{BTV} AND {MAIN}", "age_on(p.birth_date, $as_of) <= 40"),
    "HG-B3": Reference("posts", f"{BTV} AND {MAIN}", MINORITY),
    "HG-1": Reference("posts", f"{BTV} AND {MAIN}", UNDER_40),
    "HG-2": Reference("bodies", "b.kind = 'party_executive'", WOMAN, persons=False),
    "HG-3": Reference("posts", f"{BTV} AND {MAIN}", WOMAN),
    "HG-4": Reference("posts", f"t.is_leadership AND {MAIN}", MINORITY),
    "HG-5": Reference(
        "posts",
        f"t.management_category_id = (SELECT id FROM posts_managementcategory WHERE code = 'CO_QUAN') "
        f"AND t.is_leadership AND {MAIN}",
        HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP")
        + " AND "
        + HAS_QUALIFICATION.format(kind="education", code="DAI_HOC"),
    ),
    "HG-8": Reference(
        "posts", "t.level = 'commune' AND t.code = 'BI_THU_DANG_UY_XA'", NOT_LOCAL, **NOT_LOCAL_OF
    ),
    "HG-9": Reference(
        "bodies", "b.kind = 'party_standing' AND b.level = 'district'", UNDER_40, district_only=True
    ),
    "HG-10": Reference("nominees", "b.kind = 'peoples_council'", WOMAN, persons=False),
    "HG-11": Reference(
        "posts", f"t.level = 'province' AND t.is_leadership AND {MAIN} AND {UNDER_40}", INTERNATIONAL
    ),
}


def export(url: str, directory: Path) -> dict[str, float]:
    """Copy the snapshot columns out of PostgreSQL into one Parquet file per table; return seconds per table."""
    import duckdb
    import psycopg

    directory.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    duck = duckdb.connect()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for table, columns in SNAPSHOT.items():
            started = time.perf_counter()
            cur.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s", [table]
            )
            pg_types = dict(cur.fetchall())
            types = {c: _duck_type(pg_types[c]) for c in columns}
            csv = directory / f"{table}.csv"
            with (
                csv.open("wb") as out,
                cur.copy(
                    f"COPY (SELECT {', '.join(columns)} FROM {table}) TO STDOUT (FORMAT csv, HEADER)"
                ) as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
            type_list = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
            duck.execute(
                f"COPY (SELECT * FROM read_csv('{csv}', header = true, columns = {{{type_list}}})) "
                f"TO '{directory / table}.parquet' (FORMAT parquet)"
            )
            csv.unlink()
            seconds[table] = time.perf_counter() - started
    return seconds


def _duck_type(pg_type: str) -> str:
    return {
        "bigint": "BIGINT",
        "integer": "INTEGER",
        "smallint": "INTEGER",
        "date": "DATE",
        "boolean": "BOOLEAN",
    }.get(pg_type, "VARCHAR")


def connect(directory: Path, *, threads: int, memory: str = "4GB") -> Any:
    """An in-memory DuckDB with the snapshot loaded into tables and the macros defined."""
    import duckdb

    duck = duckdb.connect(config={"threads": threads, "memory_limit": memory})
    for table in SNAPSHOT:
        duck.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{directory / table}.parquet')")
    duck.execute(MACROS)
    return duck


def compute(duck: Any, code: str, *, as_of: dt.date, prefix: str) -> tuple[int | None, int | None]:
    """(numerator, denominator) of one indicator, or (None, None) where it does not apply on as_of."""
    reference = INDICATORS[code]
    if reference.district_only and as_of >= REFORM_DAY:
        return None, None
    numerator, denominator = duck.execute(reference.sql(), {"as_of": as_of, "prefix": prefix}).fetchone()
    return int(numerator), int(denominator)
