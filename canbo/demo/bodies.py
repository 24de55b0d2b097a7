"""Elected bodies of the demo: party committees, their standing committees and People's Councils.

Sizes come from ``seats``: the law's ladder for councils, the congress directive's bounds for party
committees, brought to the seeds' totals where a seed counts seats. Members are drawn from the people who
hold posts in the area when the term starts (key posts always; the staff of the schools that serve a
commune may sit for that commune too), the rest weighted towards seniority. Where a seed counts the seats of
a term, exactly the planned number of the members are women, and the members all still sit on the
seed's day. Seats the post holders cannot fill go to people outside the payroll (village heads, party
cell secretaries, teachers, farmers…), who get a record kept by the body's unit and no post. A seat ends
when its holder leaves the area or retires. Nominee lists are kept for the 2021 and 2026 council
elections.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from faker import Faker

from canbo.org.choices import BodyKind, MemberRole, NominationOutcome

from .dates import LAST_OLD_DAY, ONE_DAY, REFORM_DAY, day_between, retirement_date
from .names import full_name
from .population import EARLIEST_BIRTH, LATEST_BIRTH, MINORITY_GROUPS, NAME_GROUPS
from .seats import STANDING, BodySize, BodyTerm, apportion, fit, ladder, populations
from .state import Area, Assignment, Person, Unit

# (name, congress or election day, first day, last day or None for "until the next term").
PARTY_TERMS = {
    "province": (
        ("2015-2020", dt.date(2015, 10, 13), dt.date(2015, 10, 15), dt.date(2020, 10, 14)),
        ("2020-2025", dt.date(2020, 10, 13), dt.date(2020, 10, 15), dt.date(2025, 10, 14)),
        ("2025-2030", dt.date(2025, 10, 13), dt.date(2025, 10, 15), None),
    ),
    "district": (
        ("2015-2020", dt.date(2015, 7, 18), dt.date(2015, 7, 20), dt.date(2020, 7, 19)),
        ("2020-2025", dt.date(2020, 7, 18), dt.date(2020, 7, 20), LAST_OLD_DAY),
    ),
    "commune": (
        ("2015-2020", dt.date(2015, 5, 13), dt.date(2015, 5, 15), dt.date(2020, 5, 14)),
        ("2020-2025", dt.date(2020, 5, 13), dt.date(2020, 5, 15), LAST_OLD_DAY),
    ),
    "new_commune": (("2025-2030", REFORM_DAY, REFORM_DAY, None),),
}
COUNCIL_TERMS = {
    "province": (
        ("2016-2021", dt.date(2016, 5, 22), dt.date(2016, 6, 28), dt.date(2021, 6, 24)),
        ("2021-2026", dt.date(2021, 5, 23), dt.date(2021, 6, 25), dt.date(2026, 3, 29)),
        ("2026-2031", dt.date(2026, 3, 15), dt.date(2026, 3, 30), None),
    ),
    "district": (
        ("2016-2021", dt.date(2016, 5, 22), dt.date(2016, 6, 25), dt.date(2021, 6, 22)),
        ("2021-2026", dt.date(2021, 5, 23), dt.date(2021, 6, 23), LAST_OLD_DAY),
    ),
    "commune": (
        ("2016-2021", dt.date(2016, 5, 22), dt.date(2016, 6, 20), dt.date(2021, 6, 17)),
        ("2021-2026", dt.date(2021, 5, 23), dt.date(2021, 6, 18), LAST_OLD_DAY),
    ),
    "new_commune": (
        ("2021-2026", dt.date(2021, 5, 23), REFORM_DAY, dt.date(2026, 3, 29)),
        ("2026-2031", dt.date(2026, 3, 15), dt.date(2026, 3, 30), None),
    ),
}
NOMINATED_ELECTIONS = {dt.date(2021, 5, 23): dt.date(2021, 4, 27), dt.date(2026, 3, 15): dt.date(2026, 2, 23)}
# The tier from which a post holder always sits: (party committee, People's Council).
MUST_TIER = {"province": (9, 10), "district": (6, 7), "commune": (3, 4), "new_commune": (4, 4)}
PARTY_ROLES = {
    "secretary": MemberRole.SECRETARY,
    "standing_deputy": MemberRole.DEPUTY_SECRETARY,
    "deputy_secretary": MemberRole.DEPUTY_SECRETARY,
}
COUNCIL_ROLES = {"chair": MemberRole.CHAIR, "vice_chair": MemberRole.VICE_CHAIR}
WOMEN_WEIGHT: dict[str, float] = {BodyKind.PARTY_EXECUTIVE: 1.0, BodyKind.PEOPLES_COUNCIL: 2.4}
"""Where no seed fixes the women of a term: how much more likely a woman in post is drawn than a man."""
CITIZEN_WOMEN: dict[str, float] = {BodyKind.PARTY_EXECUTIVE: 0.3, BodyKind.PEOPLES_COUNCIL: 0.4}
"""Where no seed fixes the women of a term: the share of women among members outside the payroll."""
CITIZEN_KINH = {"province": 0.5, "district": 0.3, "commune": 0.12, "new_commune": 0.15}
CITIZEN_OCCUPATIONS: dict[str, tuple[str, ...]] = {
    BodyKind.PARTY_EXECUTIVE: ("Bí thư chi bộ thôn", "Bí thư chi bộ trường học", "Bí thư chi bộ trạm y tế"),
    BodyKind.PEOPLES_COUNCIL: (
        "Trưởng thôn",
        "Bí thư chi bộ thôn",
        "Giáo viên",
        "Nhân viên y tế thôn bản",
        "Nông dân",
        "Chủ hộ kinh doanh",
        "Người có uy tín trong đồng bào dân tộc thiểu số",
        "Chi hội trưởng Hội Phụ nữ thôn",
    ),
}

Holder = tuple[int, str, Person]
"""(tier of the post held, role of the seat, person)."""


@dataclass(frozen=True)
class SeatTarget:
    """A seed row over seats: on ``day`` the bodies of ``kind`` hold ``seats`` seats, ``women`` of them women."""

    code: str
    kind: str
    women: int
    seats: int


@dataclass
class BodyRows:
    """Rows to write for elected bodies, as plain dicts with ids already set."""

    bodies: list[dict[str, object]] = field(default_factory=list)
    terms: list[dict[str, object]] = field(default_factory=list)
    memberships: list[dict[str, object]] = field(default_factory=list)
    nominations: list[dict[str, object]] = field(default_factory=list)
    citizens: list[Person] = field(default_factory=list)
    """Members outside the payroll, in id order; a second province continues the first one's ids."""
    sizes: list[BodySize] = field(default_factory=list)
    """The size and, where a seed counts them, the women of every term, in the order terms were made."""


class BodyBuilder:
    """Creates the bodies, terms, memberships and nominations of every area."""

    def __init__(
        self,
        rng: random.Random,
        areas: list[Area],
        people: list[Person],
        *,
        today: dt.date,
        rows: BodyRows | None = None,
        fake: Faker | None = None,
        first_citizen: int = 1,
        targets: Sequence[SeatTarget] = (),
        day: dt.date | None = None,
    ) -> None:
        self.rng = rng
        self.areas = areas
        self.today = today
        self.rows = rows if rows is not None else BodyRows()
        """Rows to add to: a second province continues the first one's ids."""
        self.fake = fake
        self.first_citizen = first_citizen
        """The id of the first member outside the payroll (after everyone with a post in every province)."""
        self.targets = tuple(targets)
        self.day = day
        """The day the targets count seats on (the seed's baseline day)."""
        self._tier: dict[tuple[int, int], tuple[int, str]] = {}
        self._by_area: dict[str, list[Assignment]] = {}
        self._citizens: dict[str, list[Person]] = {}
        self._plan: dict[tuple[str, str, str], BodyTerm] = {}
        self._drawn: dict[tuple[str, str, str], tuple[list[Holder], list[Holder]]] = {}
        unit_areas: dict[int, list[Area]] = {}
        for area in areas:
            for unit in area.units:
                unit_areas.setdefault(unit.id, []).append(area)
                if (
                    unit.home is not None and unit.home is not area
                ):  # a school's staff may sit for its commune
                    unit_areas[unit.id].append(unit.home)
                for seat in unit.seats:
                    self._tier[(unit.id, seat.title.id)] = (seat.tier, seat.role)
        for person in people:
            for assignment in (*person.history, *person.concurrent):
                for found in unit_areas.get(assignment.unit.id, ()):
                    self._by_area.setdefault(found.key, []).append(assignment)

    def build(self) -> BodyRows:
        """Every body of every area, in area order."""
        self._make_plan()
        for area in self.areas:
            if area.party is not None:
                self._party(area)
            if area.council is not None:
                self._council(area)
        return self.rows

    # ----------------------------------------------------------------------------- plan
    def _terms(self, area: Area, kind: str) -> list[tuple[str, dt.date, dt.date, dt.date | None]]:
        """(name, election, first day, last day) of the terms of an area's body that began by today."""
        table = PARTY_TERMS if kind == BodyKind.PARTY_EXECUTIVE else COUNCIL_TERMS
        found = []
        for name, election, start, end in table[area.kind]:
            if start > self.today or start < area.valid_from or (area.valid_to and start > area.valid_to):
                continue
            end = min(end, area.valid_to) if end and area.valid_to else end or area.valid_to
            found.append((name, election, start, end))
        return found

    def _make_plan(self) -> None:
        """Size every term by its rule, then bring the terms a seed counts to the seed's seats and women."""
        people = populations(self.areas, random.Random(self.rng.random()))
        for area in self.areas:
            for kind, unit in (
                (BodyKind.PARTY_EXECUTIVE, area.party),
                (BodyKind.PEOPLES_COUNCIL, area.council),
            ):
                if unit is None:
                    continue
                for name, _election, start, end in self._terms(area, kind):
                    rule = ladder(kind, name, area)
                    self._plan[(area.key, kind, name)] = BodyTerm(
                        area, kind, name, start, end, rule, rule.seats(people[area.key])
                    )
        day = self.day
        for target in self.targets:
            assert day is not None, "seat targets need the seed's day"
            keys = [
                key for key, term in self._plan.items() if term.kind == target.kind and self._counted(term)
            ]
            terms = [self._plan[key] for key in keys]
            fit(terms, target.seats, random.Random(f"{target.code}:{self.rng.random()}"), target.code)
            lows, highs, weights = [], [], []
            share: dict[str, list[int]] = {}
            for key, term in zip(keys, terms, strict=True):
                must, others = self._draw_from(term)
                self._drawn[key] = (must, others)
                women = sum(1 for h in must if h[2].female)
                lows.append(women)
                highs.append(term.seats - (len(must) - women))
                counts = share.setdefault(term.area.kind, [0, 0])
                counts[0] += women + sum(1 for h in others if h[2].female)
                counts[1] += len(must) + len(others)
            for term in terms:
                women, everyone = share[term.area.kind]
                weights.append(term.seats * (women / everyone if everyone else 0.3))
            for term, women in zip(terms, apportion(target.women, weights, lows, highs), strict=True):
                term.women = women

    def _counted(self, term: BodyTerm) -> bool:
        """Whether a seed counts this term's seats (a target of its kind, and the term covers the day)."""
        day = self.day
        return (
            day is not None
            and any(t.kind == term.kind for t in self.targets)
            and term.start <= day
            and (term.end is None or term.end >= day)
        )

    def _draw_from(self, term: BodyTerm) -> tuple[list[Holder], list[Holder]]:
        """Who always sits in a term and whom the other seats are drawn from, best placed first.

        For a term a seed counts, only people still in the area on the seed's day (so that every seat
        drawn is still held then)."""
        area = term.area
        holders = self._candidates(area, term.start)
        day = self.day
        if day is not None and self._counted(term):
            holders = [h for h in holders if (self._until(h[2], area, term.start, term.end) or day) >= day]
        unit = area.party if term.kind == BodyKind.PARTY_EXECUTIVE else area.council
        assert unit is not None
        floor = MUST_TIER[area.kind][0 if term.kind == BodyKind.PARTY_EXECUTIVE else 1]
        must = [h for h in holders if h[0] >= floor or self._role_in(unit.id, h[2], term.start)]
        must = must[: term.seats]
        taken = {h[2].id for h in must}
        return must, [h for h in holders if h[2].id not in taken]

    # ----------------------------------------------------------------------------- helpers
    def _body(self, unit_id: int, kind: str, level: str, name: str, parent: int | None = None) -> int:
        body_id = len(self.rows.bodies) + 1
        self.rows.bodies.append(
            {
                "id": body_id,
                "org_unit_id": unit_id,
                "kind": kind,
                "level": level,
                "name": name,
                "parent_body_id": parent,
            }
        )
        return body_id

    def _term(self, body_id: int, name: str, election: dt.date, start: dt.date, end: dt.date | None) -> int:
        term_id = len(self.rows.terms) + 1
        self.rows.terms.append(
            {
                "id": term_id,
                "body_id": body_id,
                "name": name,
                "election_date": election,
                "valid_from": start,
                "valid_to": end if end and end <= self.today else None,
            }
        )
        return term_id

    def _holders(self, area: Area, day: dt.date) -> list[Holder]:
        """(tier, role, person) for everyone in a post in the area's units on day, best placed first."""
        seen: dict[int, Holder] = {}
        for assignment in self._by_area.get(area.key, ()):
            if assignment.start <= day and (assignment.end is None or assignment.end >= day):
                tier, role = self._tier.get((assignment.unit.id, assignment.title.id), (0, "staff"))
                person = assignment.person
                if person.id not in seen or seen[person.id][0] < tier:
                    seen[person.id] = (tier, role, person)
        return sorted(seen.values(), key=lambda item: (-item[0], item[2].id))

    def _until(self, person: Person, area: Area, start: dt.date, end: dt.date | None) -> dt.date | None:
        """The last day within [start, end] that a person keeps a post in the area or an area below it."""
        if not person.history:  # outside the payroll: sits the whole term
            return end
        for assignment in person.history:
            if assignment.end is not None and assignment.end < start:
                continue
            if assignment.start > start and not _within(area, assignment.unit.area):
                last = assignment.start - ONE_DAY
                return min(last, end) if end else last
        final = person.history[-1].end
        if final is None:
            return end
        return min(final, end) if end else final

    def _role_in(self, unit_id: int, person: Person, day: dt.date) -> str:
        """The role of the seat a person holds in a unit on day ("" if none)."""
        for assignment in (*person.history, *person.concurrent):
            if (
                assignment.unit.id == unit_id
                and assignment.start <= day
                and (assignment.end is None or assignment.end >= day)
            ):
                return self._tier.get((unit_id, assignment.title.id), (0, "staff"))[1]
        return ""

    def _weighted(self, pool: list[Holder], n: int, weight: Callable[[Holder], float]) -> list[Holder]:
        """n holders drawn from pool without replacement, each with probability in proportion to weight."""
        rest = list(pool)
        chosen: list[Holder] = []
        while len(chosen) < n and rest:
            index = self.rng.choices(range(len(rest)), weights=[weight(h) for h in rest])[0]
            chosen.append(rest.pop(index))
        return chosen

    def _members(self, term: BodyTerm, unit: Unit) -> list[Holder]:
        """The members elected for a term: those who always sit, the drawn ones, then people outside the payroll."""
        key = (term.area.key, term.kind, term.term)
        must, others = self._drawn.get(key) or self._draw_from(term)

        def seniority(h: Holder) -> float:
            return (1.0 + h[0]) ** 2

        if term.women is not None:
            women = term.women - sum(1 for h in must if h[2].female)
            men = term.seats - len(must) - women
            drawn = self._weighted([h for h in others if h[2].female], women, seniority)
            drawn += self._weighted([h for h in others if not h[2].female], men, seniority)
            short_women = women - sum(1 for h in drawn if h[2].female)
            short_men = men - sum(1 for h in drawn if not h[2].female)
        else:
            factor = WOMEN_WEIGHT[term.kind]
            drawn = self._weighted(
                others, term.seats - len(must), lambda h: (factor if h[2].female else 1.0) * seniority(h)
            )
            short = term.seats - len(must) - len(drawn)
            short_women = sum(1 for _ in range(short) if self.rng.random() < CITIZEN_WOMEN[term.kind])
            short_men = short - short_women
        drawn.sort(key=lambda h: (-h[0], h[2].id))
        outside = self._outside(term, unit, female=True, n=short_women)
        outside += self._outside(term, unit, female=False, n=short_men)
        return [*must, *drawn, *((0, "citizen", p) for p in outside)]

    def _outside(self, term: BodyTerm, unit: Unit, *, female: bool, n: int) -> list[Person]:
        """n members of one sex outside the payroll: the area's earlier ones first, then new people."""
        if n <= 0:
            return []
        party = term.kind == BodyKind.PARTY_EXECUTIVE
        known = self._citizens.setdefault(term.area.key, [])
        chosen = [
            p
            for p in known
            if p.female == female
            and (p.party_member or not party)
            and retirement_date(p.birth, p.female) > term.start
            and p.citizen_of is unit
        ][:n]
        while len(chosen) < n:
            chosen.append(self._citizen(term, unit, female=female, party=party))
            known.append(chosen[-1])
        return chosen

    def _citizen(self, term: BodyTerm, unit: Unit, *, female: bool, party: bool) -> Person:
        """A new member outside the payroll, living in the area, aged 25 to 55 at the election."""
        rng = self.rng
        assert self.fake is not None, "members outside the payroll need a name generator"
        group = "kinh"
        if rng.random() >= CITIZEN_KINH[term.area.kind]:
            group = rng.choices([g for g, _ in MINORITY_GROUPS], weights=[w for _, w in MINORITY_GROUPS])[0]
        youngest = max(dt.date(term.start.year - 55, 1, 1), EARLIEST_BIRTH)
        oldest = min(dt.date(term.start.year - 25, 12, 31), LATEST_BIRTH)
        birth = day_between(rng, youngest, oldest)
        person = Person(
            id=self.first_citizen + len(self.rows.citizens),
            female=female,
            birth=birth,
            group=group,
            retire_on=retirement_date(birth, female),
            full_name=full_name(self.fake, female=female, group=NAME_GROUPS.get(group, group)),
            citizen_of=unit,
            occupation=rng.choice(CITIZEN_OCCUPATIONS[term.kind]),
            party_member=party or rng.random() < 0.45,
        )
        self.rows.citizens.append(person)
        return person

    def _seat(self, term_id: int, person: Person, role: str, start: dt.date, end: dt.date | None) -> None:
        valid_to = end if end is not None and end <= self.today else None
        if valid_to is not None and valid_to < start:
            return
        self.rows.memberships.append(
            {
                "id": len(self.rows.memberships) + 1,
                "person_id": person.id,
                "term_id": term_id,
                "role": role,
                "valid_from": start,
                "valid_to": valid_to,
            }
        )

    # ----------------------------------------------------------------------------- bodies
    def _party(self, area: Area) -> None:
        party = area.party
        assert party is not None
        executive = self._body(
            party.id, BodyKind.PARTY_EXECUTIVE, party.level, f"Ban Chấp hành Đảng bộ {area.name}"
        )
        standing = self._body(
            party.id, BodyKind.PARTY_STANDING, party.level, f"Ban Thường vụ {party.name}", executive
        )
        for name, election, start, end in self._terms(area, BodyKind.PARTY_EXECUTIVE):
            plan = self._plan[(area.key, BodyKind.PARTY_EXECUTIVE, name)]
            self.rows.sizes.append(BodySize.of(plan, party.id))
            term = self._term(executive, name, election, start, end)
            standing_term = self._term(standing, name, election, start, end)
            for rank, (_tier, _role, person) in enumerate(self._members(plan, party)):
                role = PARTY_ROLES.get(self._role_in(party.id, person, start), MemberRole.MEMBER)
                until = self._until(person, area, start, end)
                self._seat(term, person, role, start, until)
                if rank < STANDING[area.kind] and person.history:
                    self._seat(standing_term, person, role, start, until)

    def _council(self, area: Area) -> None:
        council = area.council
        assert council is not None
        body = self._body(council.id, BodyKind.PEOPLES_COUNCIL, council.level, council.name)
        for name, election, start, end in self._terms(area, BodyKind.PEOPLES_COUNCIL):
            plan = self._plan[(area.key, BodyKind.PEOPLES_COUNCIL, name)]
            self.rows.sizes.append(BodySize.of(plan, council.id))
            term = self._term(body, name, election, start, end)
            members = self._members(plan, council)
            for _tier, _role, person in members:
                role = COUNCIL_ROLES.get(self._role_in(council.id, person, start), MemberRole.MEMBER)
                self._seat(term, person, role, start, self._until(person, area, start, end))
            nominated_on = NOMINATED_ELECTIONS.get(election)
            if nominated_on is None or start == area.valid_from:
                continue  # councils formed by merger in 2025 were not elected
            elected = {h[2].id for h in members}
            others = [h for h in self._candidates(area, start) if h[2].id not in elected]
            extra = self._weighted(
                others,
                min(len(others), round(plan.seats * 0.62)),
                lambda h: (2.5 if h[2].female else 1.0) * (1.0 + h[0]) ** 2,
            )
            constituencies = max(1, plan.seats // 3)
            everyone = [(h[2], NominationOutcome.ELECTED) for h in members] + [
                (h[2], NominationOutcome.NOT_ELECTED) for h in extra
            ]
            for index, (person, outcome) in enumerate(everyone):
                self.rows.nominations.append(
                    {
                        "id": len(self.rows.nominations) + 1,
                        "person_id": person.id,
                        "term_id": term,
                        "nominated_on": nominated_on,
                        "constituency": f"Đơn vị bầu cử số {index % constituencies + 1}",
                        "outcome": outcome,
                    }
                )

    def _candidates(self, area: Area, day: dt.date) -> list[Holder]:
        """People who can sit in an area's bodies on day: its own post holders, and for a province or
        district also the leaders of the areas below it."""
        holders = self._holders(area, day)
        if area.kind in ("province", "district"):
            below = [a for a in self.areas if a.parent is area and a.kind != "new_commune"]
            if area.kind == "province":
                below += [a for a in self.areas if a.kind == "new_commune"]
            extra: list[Holder] = []
            for other in below:
                extra.extend(
                    h for h in self._holders(other, day) if h[0] >= (7 if area.kind == "province" else 4)
                )
            seen = {h[2].id for h in holders}
            holders = sorted(
                [*holders, *(h for h in extra if h[2].id not in seen)], key=lambda h: (-h[0], h[2].id)
            )
        return holders


def _within(area: Area, other: Area) -> bool:
    """Whether other is area or lies below it (everything lies below the province)."""
    if area.kind == "province":
        return True
    return other is area or other.parent is area
