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


# Provincial leaders and managers in LC-18's sense (Phụ lục 1): the province's own leadership, heads of
# its agencies and of the provincial branches of central agencies, heads of sub-departments, of units
# under departments and of high schools (LC-2 counts these heads), and their deputies (LC-1a adds them).
PROVINCE_HEADS = [
    "BI_THU_TINH_UY", "PHO_BI_THU_TT_TINH_UY", "PHO_BI_THU_TINH_UY", "CHU_TICH_HDND_TINH", "PHO_CHU_TICH_HDND_TINH",
    "CHU_TICH_UBND_TINH", "PHO_CHU_TICH_UBND_TINH", "CHU_TICH_UBMTTQ_TINH", "TRUONG_BAN_TINH_UY",
    "CHU_NHIEM_UBKT_TINH_UY", "CHANH_VAN_PHONG_TINH_UY", "BI_THU_DANG_UY_KHOI", "CHANH_VAN_PHONG_DBQH_HDND_TINH",
    "TRUONG_BAN_HDND_TINH", "GIAM_DOC_SO", "TRUONG_BAN_DAN_TOC_TINH", "CHANH_VAN_PHONG_UBND_TINH",
    "CHANH_THANH_TRA_TINH", "TRUONG_DOAN_THE_TINH", "THU_TRUONG_DVSN_TINH", "GIAM_DOC_CONG_AN_TINH",
    "CHI_HUY_TRUONG_BCHQS_TINH", "CHI_HUY_TRUONG_BDBP_TINH", "CHANH_AN_TAND_TINH", "VIEN_TRUONG_VKSND_TINH",
    "CUC_TRUONG_CUC_THUE_TINH", "GIAM_DOC_KHO_BAC_TINH", "GIAM_DOC_BHXH_TINH", "CUC_TRUONG_THONG_KE_TINH",
    "GIAM_DOC_NHNN_TINH", "CUC_TRUONG_HAI_QUAN_TINH", "CHI_CUC_TRUONG", "THU_TRUONG_DVSN_THUOC_SO", "HIEU_TRUONG_TINH",
]  # fmt: skip
PROVINCE_DEPUTIES = [
    "PHO_CHU_TICH_UBMTTQ_TINH", "PHO_TRUONG_BAN_TINH_UY", "PHO_CHU_NHIEM_UBKT_TINH_UY", "PHO_CHANH_VAN_PHONG_TINH_UY",
    "PHO_BI_THU_DANG_UY_KHOI", "PHO_CHANH_VAN_PHONG_DBQH_HDND_TINH", "PHO_TRUONG_BAN_HDND_TINH", "PHO_GIAM_DOC_SO",
    "PHO_TRUONG_BAN_DAN_TOC_TINH", "PHO_CHANH_VAN_PHONG_UBND_TINH", "PHO_CHANH_THANH_TRA_TINH", "PHO_DOAN_THE_TINH",
    "PHO_THU_TRUONG_DVSN_TINH", "PHO_GIAM_DOC_CONG_AN_TINH", "PHO_CHI_HUY_TRUONG_BCHQS_TINH",
    "PHO_CHI_HUY_TRUONG_BDBP_TINH", "PHO_CHANH_AN_TAND_TINH", "PHO_VIEN_TRUONG_VKSND_TINH",
    "PHO_CUC_TRUONG_CUC_THUE_TINH", "PHO_GIAM_DOC_KHO_BAC_TINH", "PHO_GIAM_DOC_BHXH_TINH",
    "PHO_CUC_TRUONG_THONG_KE_TINH", "PHO_GIAM_DOC_NHNN_TINH", "PHO_CUC_TRUONG_HAI_QUAN_TINH", "PHO_CHI_CUC_TRUONG",
    "PHO_THU_TRUONG_DVSN_THUOC_SO", "PHO_HIEU_TRUONG_TINH",
]  # fmt: skip
# District leaders and managers (LC-1b): the standing committee's posts and the heads of party boards.
DISTRICT_LEADERS = [
    "BI_THU_HUYEN_UY", "PHO_BI_THU_HUYEN_UY", "CHU_TICH_HDND_HUYEN", "PHO_CHU_TICH_HDND_HUYEN", "CHU_TICH_UBND_HUYEN",
    "PHO_CHU_TICH_UBND_HUYEN", "CHU_NHIEM_UBKT_HUYEN_UY", "TRUONG_BAN_HUYEN_UY", "CHANH_VAN_PHONG_HUYEN_UY",
    "CHU_TICH_UBMTTQ_HUYEN",
]  # fmt: skip


def _codes(codes: list[str]) -> str:
    return "(" + ", ".join(f"'{code}'" for code in codes) + ")"


MAIN = "NOT a.is_concurrent"
# Commune cadres and civil servants: posts at commune level in party, state and front units (public
# service units — schools, health stations — are not cadres).
POLITICAL_UNIT = "u.sector IN ('party', 'state', 'front')"
UNDER_40 = "age_on(p.birth_date, $as_of) < 40"
WOMAN = "p.sex = 'nu'"
MINORITY = "(SELECT e.is_minority FROM people_ethnicity e WHERE e.id = p.ethnicity_id)"
PROVINCE_LEADERS = f"t.level = 'province' AND t.code IN {_codes(PROVINCE_HEADS + PROVINCE_DEPUTIES)}"
PROVINCE_HEAD_POSTS = f"t.level = 'province' AND t.code IN {_codes(PROVINCE_HEADS)}"
LEADERS_FROM_DIVISION = "t.level IN ('province', 'district') AND t.rank IN ('key', 'head', 'deputy', 'division_head', 'division_deputy')"
COMMUNE_CADRES = f"t.level = 'commune' AND {POLITICAL_UNIT}"
COMMUNE_SECRETARY = "t.level = 'commune' AND t.code IN ('BI_THU_DANG_UY_XA_TRUOC_2025', 'BI_THU_DANG_UY_XA')"
COMMUNE_CHAIR = "t.level = 'commune' AND t.code IN ('CHU_TICH_UBND_XA_TRUOC_2025', 'CHU_TICH_UBND_XA')"
BTV = "t.management_category_id = (SELECT id FROM posts_managementcategory WHERE code = 'BTV_TINH')"
NOT_LOCAL_OF = {"joins": NOT_LOCAL_JOINS, "keys": NOT_LOCAL_KEYS}

INDICATORS: dict[str, Reference] = {
    # LC-18 (Lào Cai, Đề án 18-ĐA/TU), Phụ lục 1.
    "LC-1a": Reference("posts", f"{PROVINCE_LEADERS} AND {MAIN}", UNDER_40),
    "LC-1b": Reference("posts", f"t.level = 'district' AND t.code IN {_codes(DISTRICT_LEADERS)} AND {MAIN}", UNDER_40,
                       district_only=True),
    "LC-2": Reference("posts", f"{PROVINCE_HEAD_POSTS} AND {MAIN}", INTERNATIONAL),
    "LC-3": Reference("bodies", "b.kind = 'party_executive'", WOMAN, persons=False),
    "LC-4": Reference("bodies", "b.kind = 'peoples_council'", WOMAN, persons=False),
    "LC-5": Reference("posts", f"{COMMUNE_CADRES} AND {MAIN}", HAS_QUALIFICATION.format(kind="education", code="DAI_HOC")),
    "LC-6": Reference("posts", f"{COMMUNE_CADRES} AND {MAIN}",
                      HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP")),
    "LC-7a": Reference("posts", "t.level = 'district' AND t.code = 'BI_THU_HUYEN_UY'", NOT_LOCAL, district_only=True,
                       **NOT_LOCAL_OF),
    "LC-7b": Reference("posts", COMMUNE_SECRETARY, NOT_LOCAL, **NOT_LOCAL_OF),
    "LC-8a": Reference("posts", "t.level = 'district' AND t.code = 'CHU_TICH_UBND_HUYEN'", NOT_LOCAL,
                       district_only=True, **NOT_LOCAL_OF),
    "LC-8b": Reference("posts", COMMUNE_CHAIR, NOT_LOCAL, **NOT_LOCAL_OF),
    "LC-9": Reference("posts", f"{LEADERS_FROM_DIVISION} AND {POLITICAL_UNIT} AND {MAIN}",
                      HAS_QUALIFICATION.format(kind="education", code="THAC_SI")),
    "LC-10": Reference("posts", f"{LEADERS_FROM_DIVISION} AND {MAIN}", WOMAN),
    "LC-11": Reference("posts", f"{LEADERS_FROM_DIVISION} AND {MAIN}", MINORITY),
    # HG-NQ (Hà Giang, resolution 2021–2025).
    "HG-B1": Reference("posts", f"t.level IN ('province', 'district') AND t.is_leadership AND {MAIN}",
                       HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP")),
    "HG-B2": Reference("posts", f"{BTV} AND {MAIN}", "age_on(p.birth_date, $as_of) <= 40"),
    "HG-B3": Reference("posts", f"{BTV} AND {MAIN}", MINORITY),
    "HG-1": Reference("posts", f"{BTV} AND {MAIN}", UNDER_40),
    "HG-2": Reference("bodies", "b.kind = 'party_executive'", WOMAN, persons=False),
    "HG-3": Reference("posts", f"{BTV} AND {MAIN}", WOMAN),
    "HG-4": Reference("posts", f"t.is_leadership AND {MAIN}", MINORITY),
    "HG-5": Reference("posts", f"t.management_category_id = (SELECT id FROM posts_managementcategory WHERE code = 'CO_QUAN') "
                               f"AND t.is_leadership AND {MAIN}",
                      HAS_QUALIFICATION.format(kind="political_theory", code="TRUNG_CAP") + " AND "
                      + HAS_QUALIFICATION.format(kind="education", code="DAI_HOC")),
    "HG-8": Reference("posts", COMMUNE_SECRETARY, NOT_LOCAL, **NOT_LOCAL_OF),
    "HG-9": Reference("bodies", "b.kind = 'party_standing' AND b.level = 'district'", UNDER_40, district_only=True),
    "HG-10": Reference("nominees", "b.kind = 'peoples_council'", WOMAN, persons=False),
    "HG-11": Reference("posts", f"t.level = 'province' AND t.is_leadership AND {MAIN} AND {UNDER_40}", INTERNATIONAL),
}  # fmt: skip


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
