"""Careers: who holds each post on the baseline day, where they worked before, and what happens after.

The simulation has three parts, all driven by one seeded random generator and never by the real date
except to stop: (1) every post and staff place active on 11/12/2020 gets a holder; (2) each holder's work
history is drawn backwards down the ladder of tiers to their first job, skipping sole posts that someone
else held at the time; (3) events run forward from the baseline day to today in date order: retirements
at the statutory age, departures, reappointments at the end of each five-year term, promotions that fill
vacancies from the tiers below (a cascade down to a new recruit), and on 01/07/2025 the end of the
district level, with people moved to the new communes or the province, or retired early.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Callable, Iterable
from itertools import count, pairwise

from canbo.core.text import fold
from canbo.org.choices import Level

from .dates import (
    BASELINE,
    LAST_OLD_DAY,
    ONE_DAY,
    PROVINCE_FOUNDED,
    REFORM_DAY,
    SEEDS_LAST_DAY,
    add_years,
    day_between,
)
from .population import PersonFactory, baseline_tenure_start, career_start
from .state import Assignment, Decision, Person, Seat, TitleInfo, Unit
from .structure import Structure

MAX_ROWS = 6
"""Most main posts in one work history (the brief asks for 1–6)."""

RETIRE, LEAVE, TERM, FILL, RECRUIT, REFORM = "retire", "leave", "term", "fill", "recruit", "reform"
_PRIORITY = {REFORM: 0, RETIRE: 1, LEAVE: 1, TERM: 2, FILL: 3, RECRUIT: 4}


def years(n: float) -> dt.timedelta:
    """A number of years as a time span (for offsets where the exact calendar does not matter)."""
    return dt.timedelta(days=int(n * 365.25))


class Careers:
    """Runs the simulation and keeps everything it creates: people, assignments, decisions."""

    def __init__(
        self,
        structure: Structure,
        factory: PersonFactory,
        rng: random.Random,
        *,
        today: dt.date,
        province_name: str,
        signer: Callable[[], str],
        numbers: dict[tuple[str, int], int] | None = None,
    ) -> None:
        self.s = structure
        self.factory = factory
        self.rng = rng
        self.today = today
        self.province_name = province_name
        self.fake_signer = signer
        self._numbers: dict[tuple[str, int], int] = numbers if numbers is not None else {}
        """Last decision number per issuer and year; shared by the provinces, whose issuers may share names."""
        self._busy: dict[tuple[int, int], list[list[dt.date | None]]] = {}
        self._events: list[tuple[dt.date, int, int, str, object]] = []
        self._seq = count()
        self._signing: dict[str, Seat] = {}
        self._by_area_tier: dict[tuple[str, int], list[Seat]] = {}
        self._pools_by_area: dict[str, list[Unit]] = {}
        for seat in structure.seats:
            if seat.held_with is None:
                self._by_area_tier.setdefault((seat.unit.area.key, seat.tier), []).append(seat)
        for unit in structure.units:
            if unit.staff_titles:
                self._pools_by_area.setdefault(unit.area.key, []).append(unit)
            for seat in unit.seats:
                if seat.role in ("secretary", "chair", "head") and seat.index == 0:
                    self._signing.setdefault(unit.issuer, seat)

    # ---------------------------------------------------------------- public entry point
    def run(self) -> None:
        """Fill the baseline posts, draw the earlier histories, then play events up to today."""
        holders = self._baseline()
        for person in holders:
            self._backfill(person)
        self._schedule_baseline(holders)
        if self.today >= REFORM_DAY and self.s.new_areas:
            self._push(REFORM_DAY, REFORM, None)
        self._play()

    @property
    def people(self) -> list[Person]:
        """Everyone the simulation created, in id order."""
        return self.factory.people

    # ---------------------------------------------------------------- helpers
    def _push(self, day: dt.date, kind: str, payload: object) -> None:
        if day <= self.today:
            heapq.heappush(self._events, (day, _PRIORITY[kind], next(self._seq), kind, payload))

    def _is_free(self, unit: Unit, title: TitleInfo, start: dt.date, end: dt.date | None) -> bool:
        """Whether nobody holds a sole post of unit between start and end."""
        if not title.is_sole:
            return True
        for a, b in self._busy.get((unit.id, title.id), ()):
            assert a is not None
            if (end is None or a <= end) and (b is None or b >= start):
                return False
        return True

    def _occupy(self, assignment: Assignment) -> None:
        if assignment.title.is_sole:
            self._busy.setdefault((assignment.unit.id, assignment.title.id), []).append(
                [assignment.start, assignment.end]
            )

    def _release(self, assignment: Assignment) -> None:
        if assignment.title.is_sole:
            for interval in self._busy.get((assignment.unit.id, assignment.title.id), ()):
                if interval[0] == assignment.start and interval[1] is None:
                    interval[1] = assignment.end
                    return

    def decision(
        self,
        unit: Unit,
        title: TitleInfo,
        signed_on: dt.date,
        subject: str,
        *,
        historic: bool = False,
        issuer: str = "",
    ) -> Decision:
        """A decision by the body that manages the post, numbered within its issuer's year."""
        issuer = issuer or self._issuer(unit, title)
        key = (issuer, signed_on.year)
        number = self._numbers.get(key, self.rng.randint(1, 40)) + self.rng.randint(1, 9)
        self._numbers[key] = number
        seat = self._signing.get(issuer)
        in_post = seat is not None and seat.assignment is not None and seat.assignment.start <= signed_on
        signer = (
            seat.holder.full_name
            if (seat and seat.holder and in_post and not historic)
            else self.fake_signer()
        )
        return Decision(_number(issuer, number), signed_on, signer, issuer, subject)

    def _issuer(self, unit: Unit, title: TitleInfo) -> str:
        area = unit.area
        if title.category == "BCT":
            return "Bộ Chính trị"
        if title.category == "BTV_TINH":
            return f"Tỉnh ủy {self.province_name}"
        if title.category == "BTV_HUYEN" and area.kind == "district" and area.party is not None:
            return area.party.name
        if title.category == "DANG_UY_XA" and area.party is not None:
            return area.party.name
        return unit.issuer

    def _assign(
        self,
        person: Person,
        seat_or_unit: Seat | Unit,
        title: TitleInfo,
        start: dt.date,
        *,
        end: dt.date | None = None,
        decision: Decision | None = None,
        historic: bool = False,
        concurrent: bool = False,
        schedule_term: bool = True,
    ) -> Assignment:
        """Append a post to a person's history; a live (not historic) post also takes its seat or pool place."""
        unit = seat_or_unit.unit if isinstance(seat_or_unit, Seat) else seat_or_unit
        if decision is None and title.is_leadership:
            verb = "bổ nhiệm" if title.rank not in ("key", "commune_cadre") else "phê chuẩn, chỉ định"
            decision = self.decision(
                unit,
                title,
                start - dt.timedelta(days=self.rng.randint(1, 20)),
                f"Về việc {verb} {title.name.lower()}",
                historic=historic,
            )
        assignment = Assignment(person, title, unit, start, end, concurrent, decision)
        if title.is_leadership and title.rank not in ("key", "commune_cadre") and not concurrent:
            assignment.term_end = add_years(start, 5) - ONE_DAY  # appointed posts run five years
        (person.concurrent if concurrent else person.history).append(assignment)
        self._occupy(assignment)
        if historic:
            return assignment
        if isinstance(seat_or_unit, Seat):
            seat = seat_or_unit
            seat.holder, seat.assignment, seat.vacant_since = person, assignment, None
            if concurrent:
                return assignment
            person.seat, person.pool = seat, None
            person.peak_tier = max(person.peak_tier, seat.tier)
            for companion in seat.companions:
                if companion.unit.active_on(start):
                    self._assign(
                        person,
                        companion,
                        companion.title,
                        max(start, companion.unit.valid_from),
                        decision=decision,
                        concurrent=True,
                    )
        else:
            person.seat, person.pool = None, unit
            unit.staff.append(person)
        if schedule_term and assignment.term_end is not None:
            self._push(assignment.term_end + ONE_DAY, TERM, assignment)
        return assignment

    def _close(self, person: Person, last_day: dt.date) -> Seat | Unit | None:
        """End a person's current posts on last_day; return the seat or pool they leave."""
        left: Seat | Unit | None = None
        current = person.current
        if current is not None:
            current.end = max(last_day, current.start)
            self._release(current)
        for extra in person.concurrent:
            if extra.end is None:
                extra.end = max(last_day, extra.start)
                self._release(extra)
        seat = person.seat
        if seat is not None:
            seat.holder, seat.assignment, seat.vacant_since = None, None, last_day + ONE_DAY
            for companion in seat.companions:
                companion.holder, companion.assignment = None, None
            left = seat
        elif person.pool is not None:
            if person in person.pool.staff:
                person.pool.staff.remove(person)
            left = person.pool
        person.seat, person.pool = None, None
        return left

    def _staff_title(
        self, unit: Unit, person: Person | None = None, start: dt.date | None = None
    ) -> TitleInfo:
        titles = unit.staff_titles
        if person is not None and start is not None and start < add_years(person.birth, 38):
            # The principal grade comes with seniority.
            titles = tuple((t, share) for t, share in titles if t.code != "CHUYEN_VIEN_CHINH") or titles
        x = self.rng.random() * sum(share for _, share in titles)
        for title, share in titles:
            x -= share
            if x < 0:
                return title
        return titles[-1][0]

    # ---------------------------------------------------------------- 1. the baseline day
    def _baseline(self) -> list[Person]:
        """Give every post and staff place active on the baseline day a holder; return them."""
        holders: list[Person] = []
        for unit in self.s.units:
            if not unit.active_on(BASELINE):
                continue
            for seat in unit.seats:
                if seat.held_with is not None:
                    continue
                person = self.factory.new(
                    unit, seat.tier, seat.role, seat.title, BASELINE, traits=seat.traits
                )
                start = baseline_tenure_start(
                    self.rng, person, seat.tier, max(unit.valid_from, PROVINCE_FOUNDED)
                )
                start = max(start, add_years(person.birth, 23))
                assignment = self._assign(person, seat, seat.title, start, schedule_term=False)
                if assignment.term_end is not None:
                    # Leaders in post longer than a term were reappointed.
                    renewal = add_years(start, 5)
                    term_end = assignment.term_end
                    if renewal <= BASELINE:
                        decision = self.decision(
                            unit,
                            seat.title,
                            renewal - dt.timedelta(days=self.rng.randint(1, 30)),
                            f"Về việc bổ nhiệm lại {seat.title.name.lower()}",
                            historic=True,
                        )
                        term_end = add_years(renewal, 5) - ONE_DAY
                        assignment.renewals.append((renewal, decision, term_end))
                    self._push(term_end + ONE_DAY, TERM, assignment)
                holders.append(person)
            for index in range(unit.staff_target):
                traits = unit.staff_traits[index] if index < len(unit.staff_traits) else None
                person = self.factory.new(unit, 0, "staff", None, BASELINE, traits=traits)
                first = max(career_start(self.rng, person), PROVINCE_FOUNDED, unit.valid_from)
                person.recruited_on = min(first, BASELINE - dt.timedelta(days=30))
                start = (
                    first if self.rng.random() < 0.45 else baseline_tenure_start(self.rng, person, 0, first)
                )
                start = min(start, BASELINE)
                self._assign(person, unit, self._staff_title(unit, person, start), start)
                holders.append(person)
        return holders

    # ---------------------------------------------------------------- 2. earlier posts
    def _backfill(self, person: Person, *, reserve: int | None = None) -> None:
        """Draw the posts a person held before their current one, climbing the tiers to it."""
        current = person.history[0]
        if person.recruited_on is None:
            person.recruited_on = career_start(self.rng, person)
        first = max(person.recruited_on, PROVINCE_FOUNDED)
        # Someone who arrived after the baseline day was elsewhere on it: the posts the seeds count on that
        # day are exactly the ones filled then, so earlier posts in the province end the day before.
        last = current.start if current.start <= BASELINE else BASELINE
        span = (last - first).days
        if span < 365:
            person.recruited_on = min(person.recruited_on, current.start)
            return
        tier = person.seat.tier if person.seat else 0
        if reserve is None:
            reserve = 2 if current.unit.area.kind in ("district", "commune") else 1
        room = MAX_ROWS - len(person.history) - reserve
        wanted = {0: (0, 0, 1, 1, 2), 1: (1, 1, 2), 2: (1, 1, 2), 3: (1, 2, 2, 3), 4: (1, 2, 3)}.get(
            tier, (2, 3, 3, 4)
        )
        k = min(self.rng.choice(wanted), room, span // 730)
        if k <= 0:
            return
        cuts = sorted(self.rng.sample(range(365, span - 364), k - 1)) if k > 1 and span > 800 else []
        bounds = [first] + [first + dt.timedelta(days=c) for c in cuts] + [last]
        segments = list(pairwise(bounds))
        # Tiers climb from staff to just below the current post.
        tiers = [0] * k
        if tier > 0:
            top = max(tier - self.rng.choice((1, 1, 2)), 0)
            for i in range(k - 1, -1, -1):
                tiers[i] = max(0, top - (k - 1 - i) * self.rng.choice((1, 2)))
            tiers[0] = 0 if self.rng.random() < 0.8 else tiers[0]
        rows: list[Assignment] = []
        near = current.unit
        cap = tier
        for (a, b), wanted_tier in zip(reversed(segments), reversed(tiers), strict=False):
            end = b - ONE_DAY
            post = None
            # Never below a later post's tier on the way up; try lower tiers before falling back to staff.
            for t in range(min(wanted_tier, cap), 0, -1):
                post = self._past_post(person, near, t, a, end)
                if post is not None:
                    break
            if post is not None:
                row = self._assign(person, post, post.title, a, end=end, historic=True)
                near, cap = post.unit, post.tier
            else:
                unit = self._past_pool(near, a, end)
                row = self._assign(
                    person, unit, self._staff_title(unit, person, a), a, end=end, historic=True
                )
                near, cap = unit, 0
            person.history.pop()
            rows.append(row)
        person.history[:0] = list(reversed(rows))

    def _related_units(self, unit: Unit) -> list[Unit]:
        """Units near a unit: itself, its parent, children and siblings."""
        related = [unit, *unit.children]
        if unit.parent is not None:
            related.append(unit.parent)
            related.extend(u for u in unit.parent.children if u is not unit)
        return related

    def _past_post(self, person: Person, near: Unit, tier: int, start: dt.date, end: dt.date) -> Seat | None:
        """A post of the given tier near a unit that was free between start and end."""
        for stage in range(4):
            if stage == 0:
                pool = [
                    s
                    for u in self._related_units(near)
                    for s in u.seats
                    if s.tier == tier and s.held_with is None
                ]
            elif stage == 1:
                pool = self._by_area_tier.get((near.area.key, tier), [])
            elif stage == 2 and near.area.parent is not None:
                pool = self._by_area_tier.get((near.area.parent.key, tier), [])
            else:
                pool = self._by_area_tier.get(("province", tier), [])
            for _ in range(4 if pool else 0):
                seat = self.rng.choice(pool)
                unit = seat.unit
                if (
                    _fits(seat, person)
                    and unit.valid_from <= start
                    and (unit.valid_to is None or end <= unit.valid_to)
                    and self._is_free(unit, seat.title, start, end)
                ):
                    return seat
        return None

    def _past_pool(self, near: Unit, start: dt.date, end: dt.date) -> Unit:
        """A unit with staff posts near a unit that existed between start and end."""
        candidates = [u for u in self._related_units(near) if u.staff_titles]
        if self.rng.random() < 0.5 and near.staff_titles:
            candidates = [near]
        for pool in (
            candidates,
            self._pools_by_area.get(near.area.key, []),
            self._pools_by_area.get("province", []),
        ):
            for _ in range(6 if pool else 0):
                unit = self.rng.choice(pool)
                if unit.valid_from <= start and (unit.valid_to is None or end <= unit.valid_to):
                    return unit
        return next(u for u in self._pools_by_area["province"] if u.valid_to is None)

    # ---------------------------------------------------------------- 3. events
    def _schedule_baseline(self, people: Iterable[Person]) -> None:
        for person in people:
            self._push(person.retire_on + ONE_DAY, RETIRE, person)
            if person.seat is None and self.rng.random() < 0.012 * 6:
                self._push(
                    day_between(self.rng, SEEDS_LAST_DAY + ONE_DAY, dt.date(2026, 12, 31)), LEAVE, person
                )

    def _play(self) -> None:
        while self._events:
            day, _priority, _seq, kind, payload = heapq.heappop(self._events)
            if kind in (RETIRE, LEAVE):
                self._on_leave(payload, day - ONE_DAY)  # type: ignore[arg-type]
            elif kind == TERM:
                self._on_term(payload, day)  # type: ignore[arg-type]
            elif kind == FILL:
                self._on_fill(payload, day)  # type: ignore[arg-type]
            elif kind == RECRUIT:
                self._on_recruit(payload, day)  # type: ignore[arg-type]
            elif kind == REFORM:
                self._on_reform()

    def _on_leave(self, person: Person, last_day: dt.date) -> None:
        """End the posts of someone who retires or leaves the province; their place falls vacant."""
        if person.left_on is not None or person.current is None:
            return
        left = self._close(person, last_day)
        person.left_on = last_day
        self._vacated(left, last_day + ONE_DAY)

    def _vacated(self, left: Seat | Unit | None, day: dt.date) -> None:
        """Schedule the filling of a seat or staff place that became free on day."""
        if isinstance(left, Seat):
            delay = self.rng.randint(0, 45) if left.tier >= 8 else self.rng.randint(0, 120)
            self._push(day + dt.timedelta(days=delay), FILL, left)
        elif isinstance(left, Unit):
            self._push(day + dt.timedelta(days=self.rng.randint(30, 270)), RECRUIT, left)

    def _on_term(self, assignment: Assignment, day: dt.date) -> None:
        person = assignment.person
        if assignment.end is not None or person.current is not assignment:
            return
        seat = person.seat
        decision = self.decision(
            assignment.unit,
            assignment.title,
            day - dt.timedelta(days=self.rng.randint(5, 60)),
            f"Về việc bổ nhiệm lại {assignment.title.name.lower()}",
        )
        if person.retire_on < add_years(day, 2):
            term_end = max(person.retire_on, day + ONE_DAY)  # kept in post until retirement
        else:
            term_end = add_years(day, 5) - ONE_DAY
        assignment.renewals.append((day, decision, term_end))
        if seat is not None and term_end > day:
            self._push(term_end + ONE_DAY, TERM, assignment)

    def _eligible(self, person: Person, day: dt.date, seat: Seat) -> bool:
        tier = seat.tier
        current = person.current
        if not _fits(seat, person):
            return False
        if current is None or person.left_on is not None or person.moved_on == day:
            return False
        if current.start > day - dt.timedelta(days=365):
            return False
        reserve = 1 if current.unit.area.kind in ("district", "commune") and day < REFORM_DAY else 0
        if len(person.history) >= MAX_ROWS - reserve:
            return False
        needed = 5 if tier >= 3 else 2
        return person.retire_on >= add_years(day, needed)

    def _candidates(self, seat: Seat, day: dt.date) -> Person | None:
        """Someone to promote into a vacant seat: a deputy of the unit first, then nearby, then staff."""
        unit, tier = seat.unit, seat.tier
        wanted = (tier - 1, tier - 2)
        stages: list[list[Person]] = []
        near = [
            s.holder
            for u in self._related_units(unit)
            for s in u.seats
            if s.tier in wanted and s.holder is not None and s.held_with is None
        ]
        stages.append([p for p in near if p is not None])
        area_seats = [s for t in wanted for s in self._by_area_tier.get((unit.area.key, t), [])]
        stages.append([s.holder for s in self.rng.sample(area_seats, min(12, len(area_seats))) if s.holder])
        if tier <= 5:
            staff = [p for u in self._related_units(unit) if u.staff_titles for p in u.staff]
            stages.append(self.rng.sample(staff, min(15, len(staff))))
        if unit.area.parent is not None and tier >= 4:
            upper = [
                s for t in (tier, tier - 1) for s in self._by_area_tier.get((unit.area.parent.key, t), [])
            ]
            stages.append([s.holder for s in self.rng.sample(upper, min(8, len(upper))) if s.holder])
        for index, group in enumerate(stages):
            if index == 0 and self.rng.random() < 0.2:
                continue  # sometimes the post goes to someone from elsewhere
            eligible = [p for p in group if self._eligible(p, day, seat)]
            if eligible:
                eligible.sort(key=lambda p: p.id)
                return self.rng.choice(eligible)
        return None

    def _on_fill(self, seat: Seat, day: dt.date) -> None:
        if seat.holder is not None or not seat.unit.active_on(day):
            return
        person = self._candidates(seat, day)
        if person is None:
            self._external(seat, day)
            return
        left = self._close(person, day - ONE_DAY)
        person.moved_on = day
        self._assign(person, seat, seat.title, day)
        self._vacated(left, day)

    def _external(self, seat: Seat, day: dt.date) -> Person:
        """Bring someone from outside the demo (another province, the army, a central agency)."""
        person = self.factory.new(seat.unit, seat.tier, seat.role, seat.title, day, serve_years=5)
        person.external = True
        person.moved_on = day
        self._assign(person, seat, seat.title, day)
        self._backfill(person, reserve=1)
        self._push(person.retire_on + ONE_DAY, RETIRE, person)
        return person

    def _on_recruit(self, unit: Unit, day: dt.date) -> None:
        if not unit.active_on(day) or len(unit.staff) >= unit.staff_target:
            return
        person = self.factory.recruit(unit, day)
        person.recruited_on = day
        person.moved_on = day
        self._assign(person, unit, self._staff_title(unit, person, day), day)
        self._push(person.retire_on + ONE_DAY, RETIRE, person)
        if self.rng.random() < 0.01 * 5:
            self._push(day_between(self.rng, day + years(1), add_years(day, 8)), LEAVE, person)

    # ---------------------------------------------------------------- the 2025 reform
    def _on_reform(self) -> None:
        """End the district level; move its people and the old communes' people to the new communes."""
        day = REFORM_DAY
        displaced: list[Person] = []
        for person in self.people:
            current = person.current
            if current is not None and current.unit.valid_to == LAST_OLD_DAY and person.left_on is None:
                displaced.append(person)
        origin: dict[int, tuple[Unit, Seat | None]] = {}
        for person in displaced:
            seat = person.seat
            current = person.current
            assert current is not None
            origin[person.id] = (current.unit, seat)
            self._close(person, LAST_OLD_DAY)
        for unit in self.s.units:
            if unit.valid_to == LAST_OLD_DAY:
                unit.staff.clear()

        # Early retirement (NĐ 178/2024) for many of those within five years of retirement.
        staying: list[Person] = []
        for person in displaced:
            unit, seat = origin[person.id]
            close_to_end = person.retire_on < add_years(day, 5)
            if (close_to_end and self.rng.random() < 0.55) or len(person.history) >= MAX_ROWS:
                person.left_on = LAST_OLD_DAY
                continue
            if unit.successor is None and unit.area.kind == "commune" and unit.area.successor is None:
                person.left_on = LAST_OLD_DAY  # a commune outside the demo's territory
                continue
            staying.append(person)

        decisions: dict[tuple[str, str], Decision] = {}

        def reform_decision(target: Unit, title: TitleInfo) -> Decision:
            # The province decided every move before the new units existed: the Standing Committee for
            # party-managed posts, the People's Committee for the rest.
            party = title.category in ("BCT", "BTV_TINH", "BTV_HUYEN", "DANG_UY_XA")
            issuer = (
                f"Tỉnh ủy {self.province_name}" if party else f"Ủy ban nhân dân tỉnh {self.province_name}"
            )
            key = (issuer, target.area.key)
            if key not in decisions:
                decisions[key] = self.decision(
                    target,
                    title,
                    dt.date(2025, 6, 27),
                    f"Về việc điều động, bố trí cán bộ, công chức, viên chức {target.area.name}",
                    issuer=issuer,
                )
            return decisions[key]

        def place(person: Person, target: Seat | Unit) -> None:
            unit = target.unit if isinstance(target, Seat) else target
            title = target.title if isinstance(target, Seat) else self._staff_title(unit, person, day)
            person.moved_on = day
            self._assign(person, target, title, day, decision=reform_decision(unit, title))

        # Schools and health centres move whole, with the same people in the same roles.
        rest: list[Person] = []
        for person in staying:
            unit, seat = origin[person.id]
            successor = unit.successor
            if successor is None:
                rest.append(person)
                continue
            if seat is not None:
                match = next(
                    (
                        s
                        for s in successor.seats
                        if s.role == seat.role and s.holder is None and s.held_with is None
                    ),
                    None,
                )
                place(person, match if match is not None else successor)
            else:
                place(person, successor)
        # The rest fill the new communes' posts, best-placed first; the others become staff.
        by_new: dict[str, list[Person]] = {}
        for person in rest:
            unit, seat = origin[person.id]
            area = unit.area
            if area.kind == "commune" and area.successor is not None:
                by_new.setdefault(area.successor.key, []).append(person)
            else:
                by_new.setdefault(f"district:{area.key}", []).append(person)
        new_areas = self.s.new_areas
        district_people: dict[str, list[Person]] = {}
        for key, people in by_new.items():
            if key.startswith("district:"):
                district_people[key.split(":", 1)[1]] = people
        to_province: list[Person] = []
        for _key, people in sorted(district_people.items()):
            people.sort(key=lambda p: p.id)
            share = [p for p in people if origin[p.id][1] is None and self.rng.random() < 0.2]
            to_province.extend(share)
            people[:] = [p for p in people if p not in share]

        def role_of(person: Person) -> str:
            seat = origin[person.id][1]
            return seat.role if seat is not None else ""

        def tier_of(person: Person) -> int:
            seat = origin[person.id][1]
            return seat.tier + (4 if seat.unit.level == Level.DISTRICT else 0) if seat is not None else 0

        for people in district_people.values():
            people.sort(key=lambda p: (-tier_of(p), p.id))
        local_by_area = {
            area.key: sorted(by_new.get(area.key, []), key=lambda p: (-tier_of(p), p.id))
            for area in new_areas
        }
        new_seats = sorted(
            (
                (index, seat)
                for index, area in enumerate(new_areas)
                for seat in area.seats
                if seat.held_with is None and seat.unit.profile != "school"
            ),
            key=lambda item: (-item[1].tier, item[0], item[1].unit.id, item[1].index),
        )
        for index, seat in new_seats:
            area = new_areas[index]
            district = district_people.get(area.district.key, []) if area.district else []
            if seat.role in SPECIAL_ROLES:  # the heads of the unions go on leading the same union
                pool = [p for p in local_by_area[area.key] if p.moved_on != day and role_of(p) == seat.role][
                    :3
                ]
            else:
                pool = [p for p in district if p.moved_on != day and tier_of(p) >= seat.tier + 2][:3]
            if not pool:
                pool = [
                    p for p in local_by_area[area.key] if p.moved_on != day and tier_of(p) >= seat.tier - 1
                ][:3]
            pool = [p for p in pool if _fits(seat, p)]
            if pool:
                place(self.rng.choice(pool), seat)
        for area in new_areas:
            leftovers = [p for p in local_by_area[area.key] if p.moved_on != day]
            units = [u for u in area.units if u.staff_titles and u.profile != "school"]
            for i, person in enumerate(leftovers):
                place(person, units[i % len(units)])
        # District people not given a post: staff of their district's new communes, or of the province.
        for area_key, people in sorted(district_people.items()):
            targets = [a for a in new_areas if a.district is not None and a.district.key == area_key]
            units = [u for a in targets for u in a.units if u.staff_titles and u.profile != "school"]
            for i, person in enumerate(p for p in people if p.moved_on != day):
                if units:
                    place(person, units[i % len(units)])
                else:
                    to_province.append(person)
        province_units = [
            u
            for u in self._pools_by_area.get("province", [])
            if u.active_on(day) and u.profile in ("agency", "party")
        ]
        for person in sorted(to_province, key=lambda p: p.id):
            if person.moved_on == day:
                continue
            unit = self.rng.choice(province_units)
            unit.staff_target += 1
            place(person, unit)
        for seat in self.s.seats:
            if seat.held_with is None and seat.holder is None and seat.unit.active_on(day):
                self._push(day + dt.timedelta(days=self.rng.randint(0, 60)), FILL, seat)
        for unit in self.s.units:
            if unit.active_on(day) and unit.staff_titles and len(unit.staff) < unit.staff_target:
                for _ in range(unit.staff_target - len(unit.staff)):
                    self._push(day + dt.timedelta(days=self.rng.randint(30, 365)), RECRUIT, unit)


SPECIAL_ROLES = ("women", "youth", "farmers", "veterans", "military")
"""Commune posts that go to whoever led the same organisation before."""


def _fits(seat: Seat, person: Person) -> bool:
    """Whether a person may hold a seat at all (the Women's Union is led by a woman)."""
    return person.female or seat.role != "women"


def _initials(name: str) -> str:
    words = [w for w in fold(name).replace("-", " ").split() if w not in ("va", "tinh", "huyen", "xa")]
    return "".join(w[0].upper() for w in words)[:10]


def _number(issuer: str, n: int) -> str:
    """A decision number in the issuer's style: 123-QĐ/TU for party bodies, 123/QĐ-UBND for the state."""
    if issuer.startswith("Bộ Chính trị"):
        return f"{n}-QĐNS/TW"
    if issuer.startswith("Tỉnh ủy"):
        return f"{n}-QĐ/TU"
    if issuer.startswith(("Huyện ủy", "Thành ủy", "Thị ủy")):
        return f"{n}-QĐ/HU"
    if issuer.startswith("Đảng ủy"):
        return f"{n}-QĐ/ĐU"
    if issuer.startswith("Ủy ban nhân dân"):
        return f"{n}/QĐ-UBND"
    if issuer.startswith("Hội đồng nhân dân"):
        return f"{n}/NQ-HĐND"
    if issuer.startswith("Ủy ban Mặt trận"):
        return f"{n}/QĐ-MTTQ-BTT"
    if issuer.startswith(("Ban ", "Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra")):
        return f"{n}-QĐ/{_initials(issuer)}"
    return f"{n}/QĐ-{_initials(issuer)}"
