"""Elected bodies of the demo: party committees, their standing committees and People's Councils.

Members are drawn from the people who hold posts in the area when the term starts (key posts always,
the rest weighted so that women make up about a quarter of party committees and a third of councils);
a seat ends when its holder leaves the area or retires. Nominee lists are kept for the 2021 and 2026
council elections.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from canbo.org.choices import BodyKind, MemberRole, NominationOutcome

from .dates import LAST_OLD_DAY, ONE_DAY, REFORM_DAY
from .state import Area, Assignment, Person

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
# Seats: party executive committee, its standing committee, People's Council.
SIZES = {
    "province": (53, 15, 56),
    "district": (37, 11, 32),
    "commune": (15, 4, 22),
    "new_commune": (33, 9, 30),
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


@dataclass
class BodyRows:
    """Rows to write for elected bodies, as plain dicts with ids already set."""

    bodies: list[dict[str, object]] = field(default_factory=list)
    terms: list[dict[str, object]] = field(default_factory=list)
    memberships: list[dict[str, object]] = field(default_factory=list)
    nominations: list[dict[str, object]] = field(default_factory=list)


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
    ) -> None:
        self.rng = rng
        self.areas = areas
        self.today = today
        self.rows = rows if rows is not None else BodyRows()
        """Rows to add to: a second province continues the first one's ids."""
        self._tier: dict[tuple[int, int], tuple[int, str]] = {}
        self._by_area: dict[str, list[Assignment]] = {}
        unit_area: dict[int, Area] = {}
        for area in areas:
            for unit in area.units:
                unit_area[unit.id] = area
                for seat in unit.seats:
                    self._tier[(unit.id, seat.title.id)] = (seat.tier, seat.role)
        for person in people:
            for assignment in (*person.history, *person.concurrent):
                found = unit_area.get(assignment.unit.id)
                if found is not None:
                    self._by_area.setdefault(found.key, []).append(assignment)

    def build(self) -> BodyRows:
        """Every body of every area, in area order."""
        for area in self.areas:
            if area.party is not None:
                self._party(area)
            if area.council is not None:
                self._council(area)
        return self.rows

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

    def _holders(self, area: Area, day: dt.date) -> list[tuple[int, str, Person]]:
        """(tier, role, person) for everyone in a post in the area's units on day, best placed first."""
        seen: dict[int, tuple[int, str, Person]] = {}
        for assignment in self._by_area.get(area.key, ()):
            if assignment.start <= day and (assignment.end is None or assignment.end >= day):
                tier, role = self._tier.get((assignment.unit.id, assignment.title.id), (0, "staff"))
                person = assignment.person
                if person.id not in seen or seen[person.id][0] < tier:
                    seen[person.id] = (tier, role, person)
        return sorted(seen.values(), key=lambda item: (-item[0], item[2].id))

    def _until(self, person: Person, area: Area, start: dt.date, end: dt.date | None) -> dt.date | None:
        """The last day within [start, end] that a person keeps a post in the area or an area below it."""
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

    def _pick(
        self,
        holders: list[tuple[int, str, Person]],
        size: int,
        *,
        women_weight: float,
        must: Callable[[tuple[int, str, Person]], bool],
    ) -> list[tuple[int, str, Person]]:
        """Holders who always sit, then others weighted towards women and seniority, up to size."""
        chosen = [h for h in holders if must(h)][:size]
        taken = {h[2].id for h in chosen}
        rest = [h for h in holders if h[2].id not in taken]
        while len(chosen) < size and rest:
            weights = [(women_weight if h[2].female else 1.0) * (1.0 + h[0]) ** 2 for h in rest]
            index = self.rng.choices(range(len(rest)), weights=weights)[0]
            chosen.append(rest.pop(index))
        return chosen

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
        size, standing_size, _ = SIZES[area.kind]
        floor = MUST_TIER[area.kind][0]
        for name, election, start, end in PARTY_TERMS[area.kind]:
            if start > self.today or start < area.valid_from or (area.valid_to and start > area.valid_to):
                continue
            end = min(end, area.valid_to) if end and area.valid_to else end or area.valid_to
            term = self._term(executive, name, election, start, end)
            standing_term = self._term(standing, name, election, start, end)
            holders = self._candidates(area, start)

            def must(h: tuple[int, str, Person], start: dt.date = start) -> bool:
                return h[0] >= floor or bool(self._role_in(party.id, h[2], start))

            members = self._pick(holders, size, women_weight=1.0, must=must)
            for rank, (_tier, _role, person) in enumerate(members):
                role = PARTY_ROLES.get(self._role_in(party.id, person, start), MemberRole.MEMBER)
                until = self._until(person, area, start, end)
                self._seat(term, person, role, start, until)
                if rank < standing_size:
                    self._seat(standing_term, person, role, start, until)

    def _council(self, area: Area) -> None:
        council = area.council
        assert council is not None
        body = self._body(council.id, BodyKind.PEOPLES_COUNCIL, council.level, council.name)
        size = SIZES[area.kind][2]
        floor = MUST_TIER[area.kind][1]
        for name, election, start, end in COUNCIL_TERMS[area.kind]:
            if start > self.today or start < area.valid_from or (area.valid_to and start > area.valid_to):
                continue
            end = min(end, area.valid_to) if end and area.valid_to else end or area.valid_to
            term = self._term(body, name, election, start, end)
            holders = self._candidates(area, start)

            def must(h: tuple[int, str, Person], start: dt.date = start) -> bool:
                return h[0] >= floor or bool(self._role_in(council.id, h[2], start))

            members = self._pick(holders, size, women_weight=2.4, must=must)
            for _tier, _role, person in members:
                role = COUNCIL_ROLES.get(self._role_in(council.id, person, start), MemberRole.MEMBER)
                self._seat(term, person, role, start, self._until(person, area, start, end))
            nominated_on = NOMINATED_ELECTIONS.get(election)
            if nominated_on is None or start == area.valid_from:
                continue  # councils formed by merger in 2025 were not elected
            elected = {h[2].id for h in members}
            others = [h for h in holders if h[2].id not in elected]
            extra = self._pick(
                others, min(len(others), round(size * 0.62)), women_weight=2.5, must=lambda h: False
            )
            constituencies = max(1, size // 3)
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

    def _candidates(self, area: Area, day: dt.date) -> list[tuple[int, str, Person]]:
        """People who can sit in an area's bodies on day: its own post holders, and for a province or
        district also the leaders of the areas below it."""
        holders = self._holders(area, day)
        if area.kind in ("province", "district"):
            below = [a for a in self.areas if a.parent is area and a.kind != "new_commune"]
            if area.kind == "province":
                below += [a for a in self.areas if a.kind == "new_commune"]
            extra: list[tuple[int, str, Person]] = []
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
