"""How many seats each elected body of the demo has, and how many of them women hold where a seed counts them.

People's Councils: the Law on the Organisation of Local Government (Luật Tổ chức chính quyền địa phương,
77/2015/QH13) gives a council's size by the kind of unit and its population, as a ladder: a floor up to
some population, then one more seat per so many people, up to a cap. The law of 2015 sized the councils
elected in 2016; its amendment of 2019 (47/2019/QH14) lowered the caps for the councils elected in 2021;
the law of 2025 (72/2025/QH15) sizes the councils of the new communes. The demo has no census, so every
commune draws a population for the kind of place it is, a district has the sum of its communes, the
province the sum of its districts, and the ladder turns that into seats.

Party executive committees: the congress directives (Chỉ thị 35-CT/TW of 2019 for 2020–2025, with its
guidance Hướng dẫn 26-HD/BTCTW; Chỉ thị 45-CT/TW of 2025 for 2025–2030) cap the number of committee
members per level and leave the size under the cap to the committee above; the demo grows it with the
area's population (a larger area has more party members) between a floor and that cap.

Where a seed counts seats on its baseline day (LC-3: 3.199 party committee seats at all levels, LC-4:
4.495 People's Council seats at all levels, on 11/12/2020), the sizes from the ladders are moved one
seat at a time, communes first, then districts, then the province, each staying on a size its ladder
can give, until they add up to the seed's figure; the seed's women are then shared over the bodies in
proportion to each body's seats and to the share of women among the people it is drawn from, within
what the members who always sit (secretaries, chairs) allow.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from canbo.org.choices import BodyKind

from .state import Area


@dataclass(frozen=True)
class Ladder:
    """Seats by population: ``bands`` (population up to, seats) in order, then one more seat per ``per``
    people above the last band, never more than ``cap``."""

    bands: tuple[tuple[int, int], ...]
    per: int
    cap: int

    def seats(self, population: int) -> int:
        """The size the ladder gives a unit of this population."""
        for upto, seats in self.bands:
            if population <= upto:
                return seats
        upto, seats = self.bands[-1]
        return min(self.cap, seats + (population - upto) // self.per)

    @property
    def low(self) -> int:
        """The smallest size the ladder gives."""
        return self.bands[0][1]

    def sizes(self) -> list[int]:
        """Every size the ladder can give, ascending."""
        return sorted({seats for _upto, seats in self.bands} | set(range(self.bands[-1][1], self.cap + 1)))


# People's Councils elected on 22/05/2016 (Luật 77/2015/QH13: art. 18 xã, 25 tỉnh, 32 huyện, 46 thị xã,
# 53 thành phố thuộc tỉnh, 60 thị trấn, 67 phường; the rows for highland and mountain units).
COUNCIL_2016 = {
    "tỉnh": Ladder(((500_000, 50),), 50_000, 85),
    "huyện": Ladder(((40_000, 30),), 5_000, 40),
    "thị xã": Ladder(((70_000, 30),), 10_000, 35),
    "thành phố": Ladder(((100_000, 30),), 10_000, 40),
    "xã": Ladder(((1_000, 15), (2_000, 19), (2_999, 21)), 500, 30),
    "thị trấn": Ladder(((8_000, 25),), 1_000, 35),
    "phường": Ladder(((10_000, 25),), 5_000, 35),
}
# Elected on 23/05/2021: the amendment of 2019 (Luật 47/2019/QH14) lowered the caps.
COUNCIL_2021 = {
    "tỉnh": Ladder(((500_000, 50),), 50_000, 75),
    "huyện": Ladder(((40_000, 30),), 5_000, 35),
    "thị xã": Ladder(((70_000, 30),), 10_000, 35),
    "thành phố": Ladder(((100_000, 30),), 10_000, 35),
    "xã": Ladder(((2_000, 15), (3_000, 19)), 500, 30),
    "thị trấn": Ladder(((8_000, 19),), 1_000, 30),
    "phường": Ladder(((10_000, 21),), 5_000, 30),
}
# The communes and wards of 01/07/2025 and the councils elected on 15/03/2026 (Luật 72/2025/QH15).
COUNCIL_2025 = {
    "tỉnh": Ladder(((500_000, 50),), 50_000, 75),
    "xã": Ladder(((5_000, 15),), 1_000, 30),
    "phường": Ladder(((15_000, 15),), 6_000, 30),
    "đặc khu": Ladder(((5_000, 15),), 1_000, 30),
}
COUNCIL_LAWS = {"2016-2021": COUNCIL_2016, "2021-2026": COUNCIL_2021, "2026-2031": COUNCIL_2025}

# Party executive committees: a floor up to some population, one more member per so many people, and the
# directive's maximum as the cap. For 2020-2025 Chỉ thị 35-CT/TW cut provincial and district committees by
# about 5% from the 2015-2020 maximum and kept grassroots (commune) committees as they were.
PARTY_2015 = {
    "province": Ladder(((600_000, 49),), 40_000, 55),
    "district": Ladder(((50_000, 33),), 8_000, 41),
    "commune": Ladder(((2_000, 13),), 1_000, 21),
}
PARTY_2020 = {
    "province": Ladder(((600_000, 47),), 40_000, 53),
    "district": Ladder(((50_000, 31),), 8_000, 39),
    "commune": Ladder(((2_000, 13),), 1_000, 21),
}
# 2025-2030 (Chỉ thị 45-CT/TW): a new commune's committee has 27 to 33 members.
PARTY_2025 = {
    "province": Ladder(((600_000, 47),), 40_000, 53),
    "new_commune": Ladder(((12_000, 27),), 3_000, 33),
}
PARTY_LAWS = {"2015-2020": PARTY_2015, "2020-2025": PARTY_2020, "2025-2030": PARTY_2025}

STANDING = {"province": 15, "district": 11, "commune": 5, "new_commune": 9}
"""Members of the standing committee (Ban Thường vụ), taken from the top of the executive committee."""

# A commune's population by the kind of place: (median, spread as a factor, least, most).
COMMUNE_POPULATION = {
    "xã": (4_200, 1.45, 900, 12_000),
    "thị trấn": (7_500, 1.35, 3_500, 16_000),
    "phường": (9_000, 1.35, 4_000, 20_000),
}
KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "tỉnh", "xã")


class SeatPlanError(RuntimeError):
    """The bodies cannot reach a seed's number of seats within the sizes their rules allow."""


def place_kind(area: Area) -> str:
    """The kind of place an area is, from its name: "xã", "phường", "thị trấn", "huyện", "thành phố"…"""
    for kind in KINDS:
        if area.name.startswith(kind + " "):
            return kind
    return {"province": "tỉnh", "district": "huyện"}.get(area.kind, "xã")


def ladder(kind: str, term: str, area: Area) -> Ladder:
    """The rule that sizes a body of this kind, elected for this term, in this area."""
    if kind == BodyKind.PEOPLES_COUNCIL:
        law = COUNCIL_LAWS[term]
        if area.kind == "new_commune" or (term == "2026-2031" and area.kind != "province"):
            return law.get(place_kind(area), law["xã"])
        return law.get(place_kind(area), law["huyện" if area.kind == "district" else "xã"])
    return PARTY_LAWS[term][area.kind]


def populations(areas: Sequence[Area], rng: random.Random) -> dict[str, int]:
    """A drawn population for every old commune; districts, new communes and the province add them up."""
    people: dict[str, int] = {}
    for area in areas:
        if area.kind == "commune":
            median, spread, least, most = COMMUNE_POPULATION.get(place_kind(area), COMMUNE_POPULATION["xã"])
            drawn = round(median * spread ** rng.gauss(0.0, 1.0), -1)
            people[area.key] = int(min(max(drawn, least), most))
    for area in areas:
        if area.kind == "district":
            people[area.key] = sum(people[a.key] for a in areas if a.kind == "commune" and a.parent is area)
        elif area.kind == "new_commune":
            merged = [people[a.key] for a in areas if a.kind == "commune" and a.successor is area]
            people[area.key] = sum(merged) or COMMUNE_POPULATION["xã"][0] * 3
    total = sum(people[a.key] for a in areas if a.kind == "district")
    for area in areas:
        if area.kind == "province":
            people[area.key] = total
    return people


@dataclass
class BodyTerm:
    """One term of one body, as the plan sizes it."""

    area: Area
    kind: str
    term: str
    start: dt.date
    end: dt.date | None
    rule: Ladder
    seats: int
    women: int | None = None
    """Exactly this many women among the seats (where a seed counts them), else left to the draw."""


@dataclass(frozen=True)
class BodySize:
    """What the build made of one term: where, which rule, how many seats, how many women were planned."""

    org_unit_id: int
    kind: str
    term: str
    level: str
    place: str
    seats: int
    low: int
    cap: int
    women: int | None

    @classmethod
    def of(cls, term: BodyTerm, unit_id: int) -> BodySize:
        """The summary of a planned term of the body kept by unit_id."""
        return cls(
            unit_id,
            term.kind,
            term.term,
            term.area.kind,
            place_kind(term.area),
            term.seats,
            term.rule.low,
            term.rule.cap,
            term.women,
        )


ORDER = {"commune": 0, "new_commune": 0, "district": 1, "province": 2}


def fit(terms: list[BodyTerm], total: int, rng: random.Random, label: str) -> None:
    """Move sizes one step at a time, communes first, until the terms hold ``total`` seats."""
    order = list(range(len(terms)))
    rng.shuffle(order)
    order.sort(key=lambda i: ORDER[terms[i].area.kind])
    steps = {id(t.rule): t.rule.sizes() for t in terms}
    for _round in range(64):
        gap = total - sum(t.seats for t in terms)
        if gap == 0:
            return
        moved = False
        for largest in (1, abs(gap)):
            for i in order:
                gap = total - sum(t.seats for t in terms)
                if gap == 0:
                    return
                term = terms[i]
                sizes = steps[id(term.rule)]
                at = sizes.index(term.seats) if term.seats in sizes else None
                if at is None:
                    continue
                nxt = at + (1 if gap > 0 else -1)
                if not 0 <= nxt < len(sizes):
                    continue
                step = sizes[nxt] - term.seats
                if abs(step) <= min(largest, abs(gap)):
                    term.seats = sizes[nxt]
                    moved = True
            if moved:
                break
        if not moved:
            break
    found = sum(t.seats for t in terms)
    if found != total:
        raise SeatPlanError(f"{label}: {found} seats within the legal sizes, the seed counts {total}.")


def apportion(total: int, weights: Sequence[float], lows: Sequence[int], highs: Sequence[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), each part within [low, high]."""
    if not lows:
        return []
    if not sum(lows) <= total <= sum(highs):
        raise SeatPlanError(f"{total} cannot be shared within {sum(lows)}–{sum(highs)}.")
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(lows)) if i not in fixed]
        left = total - sum(fixed.values())
        weight = sum(weights[i] for i in free) or float(len(free))
        shares = {i: left * (weights[i] if weight else 1.0) / weight for i in free}
        clamped = {i: min(max(shares[i], lows[i]), highs[i]) for i in free}
        out = {i for i in free if clamped[i] != shares[i]}
        if not out:
            break
        # Clamp the part furthest outside its bounds, then share the rest again.
        worst = max(out, key=lambda i: abs(clamped[i] - shares[i]))
        fixed[worst] = int(clamped[worst])
    parts = {i: int(shares[i]) for i in free}
    rest = left - sum(parts.values())
    for i in sorted(free, key=lambda i: (-(shares[i] - int(shares[i])), i)):
        if rest <= 0:
            break
        if parts[i] < highs[i]:
            parts[i] += 1
            rest -= 1
    return [fixed.get(i, parts.get(i, 0)) for i in range(len(lows))]
