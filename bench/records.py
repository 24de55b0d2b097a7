"""Rows for every table, as columns: units, people, assignments, qualifications, elected bodies.

Qualifications follow the career: a master's degree is likelier for someone who reached a high tier,
political theory comes before or around a promotion, foreign-language certificates before 2014 are the
legacy A/B/C. Elected bodies sit in every province, district and commune; their members are the people
holding posts in the area when the term starts, leaders first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .careers import OPEN, SIM_END, Careers, day
from .names import draw_names, name_strings
from .structure import LAST_OLD_DAY, REFORM_DAY, Structure

YEAR = 365.25

# Minority groups by region (old province code ranges) with weights; codes of the 1979 list.
REGION_GROUPS = [
    (
        26,
        {
            "02": 25,
            "03": 15,
            "06": 10,
            "07": 12,
            "08": 15,
            "09": 10,
            "15": 3,
            "18": 3,
            "25": 2,
            "35": 1,
            "43": 1,
            "40": 1,
            "38": 1,
            "29": 1,
        },
    ),
    (46, {"03": 40, "06": 35, "29": 10, "08": 8, "23": 5, "24": 2}),
    (60, {"26": 20, "19": 20, "17": 25, "21": 20, "14": 10, "30": 5}),
    (70, {"10": 25, "12": 25, "13": 15, "14": 10, "16": 10, "20": 8, "02": 4, "07": 3}),
    (99, {"05": 60, "04": 30, "17": 5, "22": 5}),
]
RELIGIONS = {"00": 0.85, "01": 0.08, "02": 0.05, "03": 0.01, "04": 0.005, "05": 0.005}
LANGUAGES = ["Tiếng Anh"] * 17 + ["Tiếng Trung", "Tiếng Pháp", "Tiếng Nga"]


@dataclass
class Reference:
    """Ids of the reference rows the generator points at."""

    ethnicity: dict[str, int]  # 1979 code → id
    religion: dict[str, int]
    level: dict[tuple[str, str], int]  # (kind, code) → id


def reference_read() -> Reference:
    """Read the ids of ethnicities, religions and qualification levels."""
    from canbo.people.models import Ethnicity, QualificationLevel, Religion

    return Reference(
        ethnicity=dict(Ethnicity.objects.filter(code_system="QD121-TCTK/1979").values_list("code", "id")),
        religion=dict(Religion.objects.values_list("code", "id")),
        level={(k, c): pk for k, c, pk in QualificationLevel.objects.values_list("kind", "code", "id")},
    )


def _dates(values: np.ndarray) -> np.ndarray:
    """Days since 1970 as int32, OPEN meaning NULL (kept as OPEN; the loader turns it into NULL)."""
    return values.astype(np.int32)


def units_table(structure: Structure) -> dict[str, object]:
    """org_orgunit columns."""
    u = structure.units
    return {
        "id": np.array(u["id"], np.int64),
        "parent_id": np.array([-1 if x is None else x for x in u["parent_id"]], np.int64),
        "code": u["code"],
        "name": u["name"],
        "path": u["path"],
        "depth": np.array(u["depth"], np.int64),
        "level": u["level"],
        "sector": u["sector"],
        "kind": u["kind"],
        "locality_id": np.array([-1 if x is None else x for x in u["locality_id"]], np.int64),
        "position": np.array(u["position"], np.int64),
        "search_name": u["search_name"],
        "sort_key": u["sort_key"],
        "valid_from": np.array([day(x) for x in u["valid_from"]], np.int32),
        "valid_to": np.array([OPEN if x is None else day(x) for x in u["valid_to"]], np.int32),
    }


def people_table(
    careers: Careers, structure: Structure, ref: Reference, rng: np.random.Generator
) -> dict[str, object]:
    """people_person columns: names, dates, ethnicity, home town, national id, party membership."""
    p = careers.people
    n = len(p["birth"])
    female = p["female"]
    minority = p["minority"]
    full, folded, keys = name_strings(draw_names(rng, female=female, minority=minority))
    # Old province code of the area of the first post (new-era recruits: the new province's first old one).
    first_old = np.full(1000 + structure.n_new_provinces, "00", dtype=object)
    first_old[: len(structure.old_codes)] = structure.old_codes
    first_old[1000:] = [codes[0] for codes in structure.old_codes_of_new]
    prov_code = first_old[p["first_prov"]]
    ethnicity = np.full(n, ref.ethnicity["01"], np.int64)
    code_number = np.array([int(c) for c in prov_code], np.int64)
    lower = 0
    for upper, groups in REGION_GROUPS:
        here = minority & (code_number > lower) & (code_number <= upper)
        codes = list(groups)
        weights = np.array([groups[c] for c in codes], float)
        pick = rng.choice(len(codes), size=int(here.sum()), p=weights / weights.sum())
        ethnicity[here] = np.array([ref.ethnicity[c] for c in codes], np.int64)[pick]
        lower = upper
    religion_codes = list(RELIGIONS)
    weights = np.array(list(RELIGIONS.values()))
    religion = np.array([ref.religion[c] for c in religion_codes], np.int64)[
        rng.choice(len(religion_codes), size=n, p=weights / weights.sum())
    ]
    # National id: province of birth (3 digits), century and sex, year, then a serial within that group.
    year = p["birth"].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    century_sex = np.where(year >= 2000, 2, 0) + female.astype(np.int64)
    group = (code_number * 10 + century_sex) * 100 + year % 100
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    serial = np.empty(n, np.int64)
    serial[order] = np.arange(n) - np.searchsorted(sorted_group, sorted_group, "left")
    has_id = rng.random(n) < np.where(year >= 1945, 0.85, 0.3)
    nid_numbers = ((code_number * 10 + century_sex) * 100 + year % 100) * 1_000_000 + serial
    national_id = np.where(has_id, np.char.zfill(nid_numbers.astype(str), 12), None)
    issued = np.where(has_id, day(dt.date(2021, 3, 1)) + rng.integers(0, 1400, n), OPEN)
    # Party membership: nearly all leaders, about half of the staff, joined at 24-35.
    leader = p["best_tier"] <= 5
    joined = p["birth"] + (rng.uniform(24, 35, n) * YEAR).astype(np.int64)
    member = (rng.random(n) < np.where(leader, 0.97, 0.45)) & (joined + 365 <= day(SIM_END))
    joined = np.where(member, joined, OPEN)
    official = np.where(member, joined + 365, OPEN)
    staff = np.array(["can_bo", "cong_chuc", "vien_chuc"], dtype=object)[p["category"]]
    return {
        "id": np.arange(1, n + 1, dtype=np.int64),
        "code": np.char.add("CB", np.char.zfill(np.arange(1, n + 1).astype(str), 8)),
        "full_name": full,
        "birth_date": _dates(p["birth"]),
        "birth_date_precision": "d",
        "sex": np.where(female, "nu", "nam").astype(object),
        "national_id": national_id,
        "national_id_issued_on": _dates(issued),
        "recruited_on": _dates(p["first_start"]),
        "staff_category": staff,
        "general_education": "12/12",
        "party_joined_on": _dates(joined),
        "party_official_on": _dates(official),
        "search_text": folded,
        "sort_key": keys,
        "ethnicity_id": ethnicity,
        "religion_id": religion,
        "home_town_id": p["home"],
        "birthplace_id": p["birthplace"],
    }


def assignments_table(careers: Careers, structure: Structure, sole_titles: set[int]) -> dict[str, object]:
    """posts_assignment columns (person ids are indexes + 1)."""
    r = careers.rows
    n = len(r["person"])
    tier = structure.seats["tier"][r["seat"]]
    term_ends = np.where((tier <= 5) & ~r["concurrent"], r["start"] + 5 * 365 + 1, OPEN)
    return {
        "id": np.arange(1, n + 1, dtype=np.int64),
        "person_id": r["person"] + 1,
        "unit_id": r["unit"],
        "title_id": r["title"],
        "valid_from": _dates(r["start"]),
        "valid_to": _dates(r["end"]),
        "is_concurrent": r["concurrent"],
        "is_sole_post": np.isin(r["title"], list(sole_titles)) & ~r["concurrent"],
        "term_ends_on": _dates(term_ends),
    }


def qualifications_table(careers: Careers, ref: Reference, rng: np.random.Generator) -> dict[str, object]:
    """people_qualification columns: education, political theory, languages, IT, state management."""
    p = careers.people
    n = len(p["birth"])
    birth, tier, since = (
        p["birth"].astype(np.int64),
        p["best_tier"].astype(np.int64),
        p["best_since"].astype(np.int64),
    )
    year = birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    young, local = year >= 1975, p["first_local"]
    parts: list[
        tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    ] = []  # person, level id, date, language

    def at_age(low: float, high: float, size: int | None = None) -> np.ndarray:
        return (rng.uniform(low, high, n if size is None else size) * YEAR).astype(np.int64)

    def add(
        kind: str,
        codes: list[str],
        choice: np.ndarray,
        mask: np.ndarray,
        when: np.ndarray,
        language: object = "",
    ) -> None:
        level = np.array([ref.level[kind, c] for c in codes], np.int64)[choice]
        person = np.flatnonzero(mask)
        lang = np.full(len(person), language, dtype=object) if isinstance(language, str) else language[mask]
        parts.append((person, level[mask], when[mask], lang))

    def pick(weights: list[float], size: int = n) -> np.ndarray:
        w = np.array(weights, float)
        return rng.choice(len(w), size=size, p=w / w.sum())

    def by_tier(values: list[float]) -> np.ndarray:
        return np.array([0, *values, 0, 0, 0])[np.minimum(tier, 9)]

    edu = ["TRUNG_CAP", "CAO_DANG", "DAI_HOC"]
    base = np.where(
        local & ~young,
        pick([55, 15, 30]),
        np.where(local, pick([20, 15, 65]), np.where(~young, pick([15, 10, 75]), pick([3, 7, 90]))),
    )
    add("education", edu, base, np.ones(n, bool), birth + at_age(19, 24))
    upgrade = (base < 2) & (rng.random(n) < 0.5)
    add("education", edu, np.full(n, 2), upgrade, birth + at_age(28, 48))
    add(
        "education",
        ["THAC_SI"],
        np.zeros(n, np.int64),
        rng.random(n) < by_tier([0.6, 0.55, 0.45, 0.25, 0.12, 0.04]),
        birth + at_age(28, 45),
    )
    add(
        "education",
        ["TIEN_SI"],
        np.zeros(n, np.int64),
        rng.random(n) < by_tier([0.12, 0.1, 0.06, 0.02, 0.005, 0.002]),
        birth + at_age(35, 52),
    )
    # Political theory: elementary for many, intermediate before a leadership post, advanced for seniors.
    theory_at = np.maximum(birth + 26 * YEAR, since - at_age(0, 6)).astype(np.int64)
    theory_at = np.where(tier >= 6, birth + at_age(28, 45), theory_at)
    add(
        "political_theory",
        ["SO_CAP"],
        np.zeros(n, np.int64),
        rng.random(n) < np.where(tier >= 6, 0.35, 0.5),
        birth + at_age(25, 35),
    )
    add(
        "political_theory",
        ["TRUNG_CAP", "TRUNG_CAP_HC"],
        pick([7, 3]),
        rng.random(n) < by_tier([0.98, 0.97, 0.95, 0.9, 0.7, 0.15]),
        theory_at,
    )
    add(
        "political_theory",
        ["CAO_CAP", "CAO_CAP_HC", "CU_NHAN"],
        pick([6, 3, 1]),
        rng.random(n) < by_tier([0.97, 0.92, 0.8, 0.3, 0.1, 0.01]),
        np.maximum(birth + 30 * YEAR, since + at_age(-5, 3)).astype(np.int64),
    )
    # Foreign languages: the legacy A/B/C certificates before 2014, the 6-level framework after.
    languages = np.array(LANGUAGES, dtype=object)[rng.integers(0, len(LANGUAGES), n)]
    when = birth + at_age(22, 42)
    legacy = when < day(dt.date(2014, 1, 1))
    has = rng.random(n) < 0.75
    add("foreign_language", ["CU_A", "CU_B", "CU_C"], pick([3, 5, 2]), has & legacy, when, languages)
    add(
        "foreign_language",
        ["BAC_2", "BAC_3", "BAC_4", "BAC_5", "BAC_6"],
        pick([15, 50, 25, 8, 2]),
        has & ~legacy,
        when,
        languages,
    )
    add(
        "foreign_language",
        ["BAC_4", "BAC_5"],
        pick([4, 1]),
        (year >= 1980) & (tier <= 4) & (rng.random(n) < 0.3),
        birth + at_age(25, 38),
        languages,
    )
    add(
        "foreign_language",
        ["DAI_HOC"],
        np.zeros(n, np.int64),
        rng.random(n) < 0.01,
        birth + at_age(21, 23),
        languages,
    )
    add(
        "international",
        ["DUOC_XAC_NHAN"],
        np.zeros(n, np.int64),
        rng.random(n) < np.where(tier <= 3, 0.02, np.where(tier == 4, 0.005, 0)),
        birth + at_age(35, 50),
    )
    when = birth + at_age(22, 40)
    legacy = when < day(dt.date(2014, 1, 1))
    has = rng.random(n) < 0.65
    add("it", ["CU_A", "CU_B"], pick([1, 1]), has & legacy, when)
    add("it", ["CO_BAN", "NANG_CAO"], pick([4, 1]), has & ~legacy, when)
    add(
        "state_management",
        ["CHUYEN_VIEN", "CHUYEN_VIEN_CHINH"],
        pick([6, 4]),
        (tier <= 5) & (rng.random(n) < 0.75),
        np.maximum(birth + 25 * YEAR, since - at_age(0, 5)).astype(np.int64),
    )
    add(
        "state_management",
        ["CHUYEN_VIEN_CAO_CAP"],
        np.zeros(n, np.int64),
        (tier <= 2) & (rng.random(n) < 0.5),
        np.maximum(birth + 35 * YEAR, since + at_age(-3, 3)).astype(np.int64),
    )
    add(
        "ethnic_language",
        ["GIAO_TIEP"],
        np.zeros(n, np.int64),
        p["minority"] & local & (rng.random(n) < 0.3),
        birth + at_age(25, 40),
    )
    person = np.concatenate([x[0] for x in parts])
    level = np.concatenate([x[1] for x in parts])
    when = np.concatenate([x[2] for x in parts]).astype(np.int64)
    language = np.concatenate([x[3] for x in parts])
    keep = (when <= day(SIM_END)) & (when >= birth[person] + 17 * YEAR)
    order = np.lexsort((when[keep], person[keep]))
    person, level, when, language = (
        person[keep][order],
        level[keep][order],
        when[keep][order],
        language[keep][order],
    )
    lookup = np.empty(max(ref.level.values()) + 1, dtype=object)
    for (kind, _code), pk in ref.level.items():
        lookup[pk] = kind
    return {
        "id": np.arange(1, len(person) + 1, dtype=np.int64),
        "person_id": person + 1,
        "kind": lookup[level],
        "level_id": level,
        "language": language,
        "obtained_on": _dates(when),
        "obtained_on_precision": "d",
    }


# Seats by level and era: (executive, standing, People's Council).
BODY_SIZES = {
    ("province", False): (50, 15, 55),
    ("district", False): (35, 11, 35),
    ("commune", False): (15, 4, 25),
    ("province", True): (65, 17, 70),
    ("commune", True): (25, 9, 35),
}
PARTY_TERMS = [(1996, 2000), (2000, 2005), (2005, 2010), (2010, 2015), (2015, 2020), (2020, 2025)]
PARTY_MONTH = {"commune": 5, "district": 7, "province": 10}
COUNCIL_TERMS = [
    (dt.date(1994, 11, 20), "1994-1999"),
    (dt.date(1999, 4, 25), "1999-2004"),
    (dt.date(2004, 4, 25), "2004-2011"),
    (dt.date(2011, 5, 22), "2011-2016"),
    (dt.date(2016, 5, 22), "2016-2021"),
    (dt.date(2021, 5, 23), "2021-2026"),
]
NEW_COUNCIL_TERMS = [
    (REFORM_DAY, "2021-2026", None),
    (dt.date(2026, 3, 15), "2026-2031", dt.date(2026, 3, 15)),
]


def _terms(level: str, new: bool, kind: str) -> list[tuple[dt.date, dt.date | None, str, dt.date | None]]:
    """(start, end, name, election date) of the terms of a body."""
    if kind == "council":
        starts = NEW_COUNCIL_TERMS if new else [(start, name, start) for start, name in COUNCIL_TERMS]
    elif new:
        starts = [(REFORM_DAY, "2025-2030", None)]
    else:
        starts = [
            (dt.date(a, PARTY_MONTH[level], 15), f"{a}-{b}", dt.date(a, PARTY_MONTH[level], 15))
            for a, b in PARTY_TERMS
        ]
    terms = []
    for i, (start, name, election) in enumerate(starts):
        if i + 1 < len(starts):
            end: dt.date | None = starts[i + 1][0] - dt.timedelta(days=1)
        else:
            end = None if new else LAST_OLD_DAY
        terms.append((start, end, name, election))
    return terms


def bodies_tables(
    careers: Careers, structure: Structure, rng: np.random.Generator
) -> dict[str, dict[str, object]]:
    """org_electedbody, org_term, org_membership and org_nomination columns."""
    b, seats, r, p = structure.bodies, structure.seats, careers.rows, careers.people
    names = structure.units["name"]
    body_cols: dict[str, list] = {
        "id": [],
        "org_unit_id": [],
        "kind": [],
        "level": [],
        "name": [],
        "parent_body_id": [],
    }
    term_cols: dict[str, list] = {
        "id": [],
        "body_id": [],
        "name": [],
        "valid_from": [],
        "valid_to": [],
        "election_date": [],
    }
    # (level, new, kind, term index) → term ids per area key, filled in the loop below.
    groups: dict[tuple[str, bool, str, int], tuple[list[int], list[int]]] = {}
    for i in range(len(b["level"])):
        level, new = b["level"][i], bool(b["new"][i])
        for kind, unit, parent_kind in (
            ("party_executive", b["party_unit"][i], None),
            ("party_standing", b["party_unit"][i], "party_executive"),
            ("peoples_council", b["council_unit"][i], None),
        ):
            body_id = len(body_cols["id"]) + 1
            prefix = {
                "party_executive": "Ban Chấp hành",
                "party_standing": "Ban Thường vụ",
                "peoples_council": "Hội đồng nhân dân",
            }[kind]
            for key, value in (
                ("id", body_id),
                ("org_unit_id", unit),
                ("kind", kind),
                ("level", level),
                ("name", f"{prefix} – {names[unit - 1]}"),
                ("parent_body_id", body_id - 1 if parent_kind else -1),
            ):
                body_cols[key].append(value)
            for t, (start, end, name, election) in enumerate(
                _terms(level, new, "council" if kind == "peoples_council" else "party")
            ):
                term_id = len(term_cols["id"]) + 1
                for key, value in (
                    ("id", term_id),
                    ("body_id", body_id),
                    ("name", name),
                    ("valid_from", day(start)),
                    ("valid_to", OPEN if end is None else day(end)),
                    ("election_date", OPEN if election is None else day(election)),
                ):
                    term_cols[key].append(value)
                keys, ids = groups.setdefault((level, new, kind, t), ([], []))
                keys.append(b["area_key"][i])
                ids.append(term_id)
    # Members: people holding main posts in the area when the term starts, leaders first.
    main = ~r["concurrent"]
    m_cols: dict[str, list[np.ndarray]] = {"person": [], "term": [], "start": [], "end": [], "role": []}
    n_cols: dict[str, list[np.ndarray]] = {"person": [], "term": [], "date": [], "outcome": []}
    term_start = dict(zip(term_cols["id"], term_cols["valid_from"], strict=True))
    term_end = dict(zip(term_cols["id"], term_cols["valid_to"], strict=True))
    term_election = dict(zip(term_cols["id"], term_cols["election_date"], strict=True))
    active_on: dict[int, np.ndarray] = {}
    for (level, new, kind, _t), (keys, ids) in groups.items():
        start = term_start[ids[0]]
        if start not in active_on:
            active_on[start] = np.flatnonzero(main & (r["start"] <= start) & (r["end"] >= start))
        active = active_on[start]
        seat = r["seat"][active]
        area = {"province": seats["prov"], "district": seats["dist"], "commune": seats["comm"]}[level][seat]
        known = np.isin(area, keys)
        active, seat, area = active[known], seat[known], area[known]
        tier = seats["tier"][seat].astype(float)
        council = kind == "peoples_council"
        priority = tier * 0.4 + rng.uniform(0, 2, len(seat)) if council else tier + rng.random(len(seat))
        order = np.lexsort((priority, area))
        area, person = area[order], r["person"][active][order]
        rank = np.arange(len(area)) - np.searchsorted(area, area, "left")
        size = BODY_SIZES[level, new][{"party_executive": 0, "party_standing": 1, "peoples_council": 2}[kind]]
        key_array, id_array = np.array(keys, np.int64), np.array(ids, np.int64)
        by_key = np.argsort(key_array)
        term = id_array[by_key][np.searchsorted(key_array[by_key], area)]
        seated = rank < size
        end = term_end[ids[0]]
        person_end = p["end"][person[seated]].astype(np.int64)
        m_cols["person"].append(person[seated])
        m_cols["term"].append(term[seated])
        m_cols["start"].append(np.full(seated.sum(), start, np.int64))
        m_cols["end"].append(np.minimum(person_end, end))
        roles = np.where(rank[seated] == 0, 1, np.where(rank[seated] <= 2, 2, 0))
        m_cols["role"].append(roles + (3 if council else 0))
        election = term_election[ids[0]]
        if council and election != OPEN:
            listed = rank < size * 3 // 2
            n_cols["person"].append(person[listed])
            n_cols["term"].append(term[listed])
            n_cols["date"].append(np.full(listed.sum(), election - 60, np.int64))
            n_cols["outcome"].append(np.where(rank[listed] < size, 1, 2))
    role_names = np.array(
        ["member", "secretary", "deputy_secretary", "member", "chair", "vice_chair"], dtype=object
    )
    outcome_names = np.array(["pending", "elected", "not_elected"], dtype=object)
    m = {k: np.concatenate(v) for k, v in m_cols.items()}
    nom = {k: np.concatenate(v) for k, v in n_cols.items()}
    return {
        "org_electedbody": {
            k: (np.array(v, np.int64) if k in ("id", "org_unit_id", "parent_body_id") else v)
            for k, v in body_cols.items()
        },
        "org_term": {
            k: (
                np.array(v, np.int64)
                if k in ("id", "body_id")
                else np.array(v, np.int32)
                if k != "name"
                else v
            )
            for k, v in term_cols.items()
        },
        "org_membership": {
            "id": np.arange(1, len(m["person"]) + 1, dtype=np.int64),
            "person_id": m["person"] + 1,
            "term_id": m["term"],
            "valid_from": _dates(m["start"]),
            "valid_to": _dates(m["end"]),
            "role": role_names[m["role"]],
        },
        "org_nomination": {
            "id": np.arange(1, len(nom["person"]) + 1, dtype=np.int64),
            "person_id": nom["person"] + 1,
            "term_id": nom["term"],
            "nominated_on": _dates(nom["date"]),
            "outcome": outcome_names[nom["outcome"]],
        },
    }
