"""Work histories from a vacancy-chain simulation, vectorised over all seats of the country.

Every seat is filled on 01/01/1990 (holders started between 1985 and 1989). Then, period by period
(a year; the reform year in two halves), holders retire (at the legal age, rising after 2020) or leave;
a vacant seat is filled by promoting a holder of the tier below from the same district or province
(women are promoted less often, as in the seeds' baselines), whose seat falls vacant the same day, and
so on down to staff posts, which take new recruits. Staff move up their grade ladder in place. On
01/07/2025 every old unit ends: people are matched to the new units of their new province by
seniority, the rest leave. Every step moves whole arrays; nothing loops over people.

Each person holds one main post at a time (the PostgreSQL exclusion constraints check it after the
load); concurrent posts (the commune chair is also deputy party secretary) are added at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from . import blueprint as bp
from .structure import LAST_OLD_DAY, REFORM_DAY, UNITS_FROM, Structure, Titles

EPOCH = dt.date(1970, 1, 1)
SIM_START = dt.date(1990, 1, 1)
SIM_END = dt.date(2026, 6, 30)
OPEN = np.int32(2**31 - 1)


def day(value: dt.date) -> int:
    """Days since 1970-01-01."""
    return (value - EPOCH).days


# Per tier (index 1..6): yearly rate of leaving for other reasons than retirement; share of vacancies
# filled from outside (central agencies, the army, other provinces); minimum years left to retirement
# for a promotion into the tier; age of outside appointees and of the first holders in 1990.
LEAVE_RATE = np.array([0, 0.004, 0.004, 0.004, 0.005, 0.006, 0.012])
OUTSIDE = np.array([0, 0.15, 0.10, 0.08, 0.05, 0.05, 1.0])
YEARS_LEFT = np.array([0, 4, 4, 3, 2, 2, 0])
OUTSIDE_AGE = np.array([[0, 0], [50, 4], [46, 5], [43, 5], [40, 6], [36, 6], [24, 2.5]])
FIRST_AGE = np.array([[0, 0], [52, 4], [48, 5], [45, 5], [42, 7], [38, 7], [35, 9]])
ROTATION_RATE = np.array([0, 0.05, 0.08, 0.08, 0.08, 0.08, 0.07])
FEMALE_SHARE = np.array([0, 0.2, 0.2, 0.22, 0.25, 0.3, 0.45])
FEMALE_PROMOTION_WEIGHT = 0.8


class People:
    """Person attributes as growable columns (index i is person id i + 1)."""

    COLUMNS = {
        "birth": np.int32,
        "female": bool,
        "minority": bool,
        "home": np.int64,
        "birthplace": np.int64,
        "retire": np.int32,
        "first_start": np.int32,
        "first_prov": np.int64,
        "first_local": bool,
        "best_tier": np.int8,
        "best_since": np.int32,
        "end": np.int32,
        "category": np.int8,
    }

    def __init__(self, capacity: int) -> None:
        self.n = 0
        self.cols = {name: np.zeros(capacity, dtype) for name, dtype in self.COLUMNS.items()}

    def add(self, n: int) -> np.ndarray:
        """Reserve n new people and return their indexes."""
        if self.n + n > len(self.cols["birth"]):
            grow = max(n, len(self.cols["birth"]))
            self.cols = {k: np.concatenate([v, np.zeros(grow, v.dtype)]) for k, v in self.cols.items()}
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    def __getitem__(self, name: str) -> np.ndarray:
        return self.cols[name]

    def trimmed(self) -> dict[str, np.ndarray]:
        """The columns cut to the people created."""
        return {k: v[: self.n] for k, v in self.cols.items()}


def retirement(birth: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Legal retirement day: 60 (men) and 55 (women) until 2020, then rising by 3 and 4 months a year."""
    year = birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    months = np.where(
        female, 660 + np.clip((year + 55 - 2020) * 4, 0, 60), 720 + np.clip((year + 60 - 2020) * 3, 0, 24)
    )
    return (birth + months * 30.4375).astype(np.int32)


@dataclass
class Careers:
    """The simulation's output: people and their assignment rows."""

    people: dict[str, np.ndarray]
    rows: dict[str, np.ndarray]  # person (index), seat, unit, title, start, end (OPEN = held), concurrent


class Simulation:
    """One run of the vacancy-chain model over a Structure."""

    def __init__(self, structure: Structure, titles: Titles, rng: np.random.Generator) -> None:
        self.st, self.seats, self.rng = structure, structure.seats, rng
        n = len(self.seats["unit"])
        self.holder = np.full(n, -1, np.int64)
        self.hstart = np.zeros(n, np.int32)
        self.htitle = self.seats["title"].copy()
        self.people = People(capacity=int(n * 2.6))
        self.chunks: list[tuple[np.ndarray, ...]] = []
        ids = titles.ids
        self.ladder_next = {
            ids[a]: (ids[b], years, rate)
            for steps in bp.LADDERS.values()
            for a, (b, years, rate) in steps.items()
        }
        self.ladder_entry = {k: (ids[a], ids[b]) for k, (a, b) in bp.LADDER_ENTRY.items()}
        self.concurrent = {ids[a]: ids[b] for a, b in bp.CONCURRENT.items()}

    # -- people --------------------------------------------------------------------------------
    def hire(self, seat: np.ndarray, date: np.ndarray, *, first: bool = False) -> np.ndarray:
        """Create one new person per seat, appointed on date; return their indexes."""
        rng, s, p = self.rng, self.seats, self.people
        n = len(seat)
        idx = p.add(n)
        tier = s["tier"][seat]
        ages = FIRST_AGE if first else OUTSIDE_AGE
        age = rng.normal(ages[tier, 0], ages[tier, 1])
        age = np.clip(age, 26 if first else 21, 57)
        female = rng.random(n) < np.where(s["local"][seat] == 1, 0.8, 1.0) * FEMALE_SHARE[tier]
        birth = (date - age * 365.25 - rng.integers(0, 365, n)).astype(np.int32)
        retire = retirement(birth, female)
        late = retire < date + 400  # keep at least a year of service before retirement
        birth = np.where(late, birth + (date + 400 - retire), birth).astype(np.int32)
        p["birth"][idx], p["female"][idx] = birth, female
        p["retire"][idx] = retirement(birth, female)
        p["minority"][idx] = rng.random(n) < s["minority"][seat] * 0.9
        home = self._places(seat)
        p["home"][idx] = np.where(rng.random(n) < 0.01, -1, home)
        u = rng.random(n)
        p["birthplace"][idx] = np.where(u < 0.6, home, np.where(u < 0.9, self._places(seat, wide=True), -1))
        p["first_start"][idx] = date
        p["first_prov"][idx] = s["prov"][seat]
        p["first_local"][idx] = s["local"][seat] == 1
        p["best_tier"][idx] = 9
        p["end"][idx] = OPEN
        return idx

    def _places(self, seat: np.ndarray, *, wide: bool = False) -> np.ndarray:
        """A home commune for people taking these seats: the commune itself, nearby, the province, anywhere."""
        rng, s, pool = self.rng, self.seats, self.st.home_pool
        n = len(seat)

        def pick(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
            return pool[
                np.minimum(lo + (rng.random(n) * np.maximum(hi - lo, 1)).astype(np.int64), len(pool) - 1)
            ]

        near = pick(s["near_lo"][seat], s["near_hi"][seat])
        province = pick(s["wide_lo"][seat], s["wide_hi"][seat])
        anywhere = pool[rng.integers(0, max(self.st.home_any, 1), n)]
        if wide:
            return province
        u = rng.random(n)
        exact = s["home_exact"][seat]
        return np.where(
            (u < s["p_exact"][seat]) & (exact >= 0),
            exact,
            np.where(u < s["p_near"][seat], near, np.where(u < s["p_wide"][seat], province, anywhere)),
        )

    def appoint(self, seat: np.ndarray, person: np.ndarray, date: np.ndarray) -> None:
        """Put people in seats from date (seats must be vacant)."""
        s, p = self.seats, self.people
        self.holder[seat], self.hstart[seat] = person, date
        title = s["title"][seat].copy()
        for code, (low, high) in self.ladder_entry.items():
            on = s["ladder"][seat] == {"province": 1, "district": 2}[code]
            title[on] = np.where(self.rng.random(on.sum()) < 0.3, low, high)
        self.htitle[seat] = title
        tier = s["tier"][seat]
        better = tier < p["best_tier"][person]
        p["best_tier"][person[better]] = tier[better]
        p["best_since"][person[better]] = date[better]
        p["category"][person] = s["category"][seat]

    def vacate(self, seat: np.ndarray, last_day: np.ndarray) -> None:
        """End the holders' rows in these seats on last_day."""
        self.chunks.append(
            (
                self.holder[seat].copy(),
                seat.copy(),
                self.htitle[seat].copy(),
                self.hstart[seat].copy(),
                last_day.astype(np.int32),
            )
        )
        self.holder[seat] = -1

    # -- matching ------------------------------------------------------------------------------
    @staticmethod
    def match(
        v_keys: np.ndarray, v_order: np.ndarray, c_keys: np.ndarray, c_priority: np.ndarray
    ) -> np.ndarray:
        """For each vacancy, the index of the candidate it takes (best first within a key), or -1."""
        result = np.full(len(v_keys), -1, np.int64)
        if len(v_keys) == 0 or len(c_keys) == 0:
            return result
        c_sort = np.lexsort((-c_priority, c_keys))
        ck = c_keys[c_sort]
        v_sort = np.lexsort((v_order, v_keys))
        vk = v_keys[v_sort]
        rank = np.arange(len(vk)) - np.searchsorted(vk, vk, "left")
        lo, hi = np.searchsorted(ck, vk, "left"), np.searchsorted(ck, vk, "right")
        ok = rank < hi - lo
        result[v_sort[ok]] = c_sort[lo[ok] + rank[ok]]
        return result

    # -- periods -------------------------------------------------------------------------------
    def fill_first(self) -> None:
        """Fill every old seat on 01/01/1990 with people who started between 1985 and 1989."""
        seat = np.flatnonzero(self.seats["new"] == 0)
        start = day(SIM_START) - self.rng.integers(1, day(SIM_START) - day(UNITS_FROM), len(seat))
        person = self.hire(seat, np.full(len(seat), day(SIM_START), np.int32), first=True)
        self.people["first_start"][person] = start
        self.appoint(seat, person, start.astype(np.int32))

    def period(self, start: dt.date, end: dt.date, *, new: int, min_tenure: int = 365) -> None:
        """Retirements, departures, promotions, recruitment and regrading in [start, end]."""
        rng, s, p = self.rng, self.seats, self.people
        p0, p1 = day(start), day(end)
        fraction = (p1 - p0 + 1) / 365.25
        active = (s["new"] == new) & (self.holder >= 0)
        seat = np.flatnonzero(active)
        person = self.holder[seat]
        leave_day = rng.integers(p0, p1, len(seat))
        retire = p["retire"][person]
        depart = np.where(retire <= p1, np.clip(retire, p0, p1 - 1), OPEN)
        leaving = rng.random(len(seat)) < LEAVE_RATE[s["tier"][seat]] * fraction
        depart = np.where(leaving & (leave_day < depart), leave_day, depart)
        gone = depart < OPEN
        self.vacate(seat[gone], depart[gone])
        p["end"][person[gone]] = depart[gone]
        vacancies = {
            t: ([seat[gone & (s["tier"][seat] == t)]], [depart[gone & (s["tier"][seat] == t)] + 1])
            for t in range(1, 7)
        }
        for tier in range(1, 6):
            v_seat = np.concatenate(vacancies[tier][0]).astype(np.int64)
            v_date = np.concatenate(vacancies[tier][1]).astype(np.int32)
            if len(v_seat) == 0:
                continue
            taken = np.full(len(v_seat), -1, np.int64)
            inside = rng.random(len(v_seat)) >= OUTSIDE[tier]
            c_seat = np.flatnonzero(
                (s["new"] == new)
                & (self.holder >= 0)
                & (s["tier"] == tier + 1)
                & (self.hstart <= p0 - min_tenure)
            )
            c_person = self.holder[c_seat]
            years_left = (p["retire"][c_person] - p0) / 365.25
            c_seat = c_seat[years_left >= YEARS_LEFT[tier]]
            c_person = self.holder[c_seat]
            # Women are promoted less often; younger people (more years to serve) more often.
            weight = np.where(p["female"][c_person], FEMALE_PROMOTION_WEIGHT, 1.0) * (
                1 + years_left[years_left >= YEARS_LEFT[tier]] / 15
            )
            priority = rng.random(len(c_seat)) ** (1 / weight)
            used = np.zeros(len(c_seat), bool)
            # District posts first look in their district, then everything looks in the province.
            local = inside & (s["dist"][v_seat] >= 0) & (tier >= 4)
            for keys_v, keys_c, pending in (
                (s["dist"][v_seat], s["dist"][c_seat], local),
                (s["prov"][v_seat], s["prov"][c_seat], inside),
            ):
                pending = pending & (taken < 0)
                free = np.flatnonzero(~used & (keys_c >= 0))
                hit = self.match(keys_v[pending], v_date[pending], keys_c[free], priority[free])
                rows = np.flatnonzero(pending)[hit >= 0]
                taken[rows] = free[hit[hit >= 0]]
                used[taken[rows]] = True
            moved = taken >= 0
            from_seat = c_seat[taken[moved]]
            mover = self.holder[from_seat]
            self.vacate(from_seat, v_date[moved] - 1)
            self.appoint(v_seat[moved], mover, v_date[moved])
            vacancies[tier + 1][0].append(from_seat)
            vacancies[tier + 1][1].append(v_date[moved])
            outside = v_seat[~moved]
            self.appoint(outside, self.hire(outside, v_date[~moved]), v_date[~moved])
        v_seat = np.concatenate(vacancies[6][0]).astype(np.int64)
        v_date = np.concatenate(vacancies[6][1]).astype(np.int32)
        self.appoint(v_seat, self.hire(v_seat, v_date), v_date)
        self.regrade(p0, p1, new)
        self.rotate(p0, p1, new)

    def regrade(self, p0: int, p1: int, new: int) -> None:
        """Staff who have served long enough move up a grade, ending one row and starting the next."""
        rng, s = self.rng, self.seats
        fraction = (p1 - p0 + 1) / 365.25
        for low, (high, years, rate) in self.ladder_next.items():
            seat = np.flatnonzero(
                (s["new"] == new)
                & (self.holder >= 0)
                & (self.htitle == low)
                & (self.hstart <= p0 - int(years * 365.25))
            )
            seat = seat[rng.random(len(seat)) < rate * fraction]
            when = rng.integers(p0 + 1, p1 + 1, len(seat)).astype(np.int32)
            person = self.holder[seat]
            self.vacate(seat, when - 1)
            self.holder[seat], self.hstart[seat], self.htitle[seat] = person, when, high

    def rotate(self, p0: int, p1: int, new: int) -> None:
        """Rotation (luân chuyển): pairs of holders of like seats in a district or province swap seats."""
        rng, s = self.rng, self.seats
        seat = np.flatnonzero((s["new"] == new) & (self.holder >= 0) & (self.hstart <= p0 - 730))
        fraction = (p1 - p0 + 1) / 365.25
        seat = seat[rng.random(len(seat)) < ROTATION_RATE[s["tier"][seat]] * fraction]
        tier = s["tier"][seat].astype(np.int64)
        pool = np.where((s["dist"][seat] >= 0) & (tier >= 4), s["dist"][seat], 50_000 + s["prov"][seat])
        key = ((tier * 3 + s["category"][seat]) * 3 + s["ladder"][seat]) * 100_000 + pool
        order = np.lexsort((rng.random(len(seat)), key))
        seat, key = seat[order], key[order]
        rank = np.arange(len(key)) - np.searchsorted(key, key, "left")
        first = np.flatnonzero((rank % 2 == 0) & (np.r_[key[1:], -1] == key))
        a, b = seat[first], seat[first + 1]
        when = rng.integers(p0 + 1, p1 + 1, len(a)).astype(np.int32)
        pa, pb, ta, tb = self.holder[a], self.holder[b], self.htitle[a], self.htitle[b]
        self.vacate(a, when - 1)
        self.vacate(b, when - 1)
        ladder = s["ladder"][a] > 0  # staff keep their grade; posts keep their title
        self.holder[a], self.holder[b] = pb, pa
        self.hstart[a], self.hstart[b] = when, when
        self.htitle[a], self.htitle[b] = np.where(ladder, tb, ta), np.where(ladder, ta, tb)

    def reform(self) -> None:
        """End every old unit on 30/06/2025 and seat people in the new units of their new province."""
        rng, s, p = self.rng, self.seats, self.people
        last, first = day(LAST_OLD_DAY), day(REFORM_DAY)
        old = np.flatnonzero((s["new"] == 0) & (self.holder >= 0))
        person = self.holder[old]
        self.vacate(old, np.full(len(old), last, np.int32))
        years_left = (p["retire"][person] - first) / 365.25
        stay = rng.random(len(old)) >= np.where(years_left < 2, 0.6, 0.06)  # Decree 178 early retirements
        p["end"][person[~stay]] = last
        old, person = old[stay], person[stay]
        new = np.flatnonzero(s["new"] == 1)
        rank_old = s["tier"][old] * 10 + s["category"][old] + rng.random(len(old))
        rank_new = s["tier"][new] * 10 + s["category"][new] + rng.random(len(new))
        taken = np.full(len(new), -1, np.int64)
        used = np.zeros(len(old), bool)
        # Provincial staff go to the new province's agencies, district and commune staff to the communes;
        # whoever is left over on either side is then matched across the whole new province.
        for keys_new, keys_old in (
            (s["newprov"][new] * 2 + s["local"][new], s["newprov"][old] * 2 + s["local"][old]),
            (s["newprov"][new], s["newprov"][old]),
        ):
            pending = taken < 0
            free = np.flatnonzero(~used)
            hit = self.match(keys_new[pending], rank_new[pending], keys_old[free], -rank_old[free])
            rows = np.flatnonzero(pending)[hit >= 0]
            taken[rows] = free[hit[hit >= 0]]
            used[taken[rows]] = True
        p["end"][person[~used]] = last
        filled = taken >= 0
        when = np.full(len(new), first, np.int32)
        self.appoint(new[filled], person[taken[filled]], when[filled])
        empty = new[~filled]
        self.appoint(empty, self.hire(empty, when[~filled]), when[~filled])

    def run(self, progress: callable | None = None) -> Careers:
        """Simulate 1990 → 30/06/2026 and return people and rows."""
        self.fill_first()
        for year in range(SIM_START.year, 2025):
            self.period(dt.date(year, 1, 1), dt.date(year, 12, 31), new=0)
            if progress and year % 5 == 0:
                progress(
                    f"  careers: {year}, {self.people.n:,} people, {sum(len(c[0]) for c in self.chunks):,} rows"
                )
        self.period(dt.date(2025, 1, 1), LAST_OLD_DAY, new=0)
        self.reform()
        self.period(REFORM_DAY, dt.date(2025, 12, 31), new=1, min_tenure=0)
        self.period(dt.date(2026, 1, 1), SIM_END, new=1)
        held = np.flatnonzero(self.holder >= 0)
        self.chunks.append(
            (
                self.holder[held].copy(),
                held,
                self.htitle[held].copy(),
                self.hstart[held].copy(),
                np.full(len(held), OPEN, np.int32),
            )
        )
        rows = {
            name: np.concatenate([c[i] for c in self.chunks])
            for i, name in enumerate(("person", "seat", "title", "start", "end"))
        }
        rows["concurrent"] = np.zeros(len(rows["person"]), bool)
        rows = self._with_concurrent(rows)
        return Careers(people=self.people.trimmed(), rows=rows)

    def _with_concurrent(self, rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Add the concurrent posts that go with some main posts: same person and period, party unit."""
        rows["unit"] = self.seats["unit"][rows["seat"]]
        extra = np.isin(rows["title"], list(self.concurrent))
        add = {k: v[extra].copy() for k, v in rows.items()}
        lookup = np.zeros(int(max(self.concurrent)) + 1, np.int64)
        lookup[list(self.concurrent)] = list(self.concurrent.values())
        add["title"] = lookup[add["title"]]
        add["unit"] = self.seats["party"][add["seat"]]
        add["concurrent"][:] = True
        return {k: np.concatenate([rows[k], add[k]]) for k in rows}


def careers_simulate(
    structure: Structure, titles: Titles, *, seed: int, progress: callable | None = None
) -> Careers:
    """Run the simulation with a fixed seed (same seed, same data)."""
    return Simulation(structure, titles, np.random.default_rng(seed)).run(progress)
