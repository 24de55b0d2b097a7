"""Tuning: give each province exactly the number of posts its seed rows count on the baseline day.

The blueprint gives every province the same kinds of units; the seeds' denominators say how many
leaders of each kind a province really had. Each step below looks at one seed row's population (the
calibration rule with that code), and adds or removes seats of ordinary multi-seat posts (deputies of
departments, schools, divisions; a district's second deputy secretary) or units of an ordinary kind (a
centre under a department, an upper-secondary school) until the population has the seed's size. The
steps run in an order where a later one never changes an earlier one's population.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from canbo.org.choices import Level

from . import blueprint as bp
from .calibration import Rule, slots
from .dates import BASELINE, PROVINCE_FOUNDED
from .state import Seat, Unit
from .structure import Builder, Structure

Change = Callable[[Builder, Structure, int], int]
"""Add (or remove) n posts; returns how many it could."""


@dataclass(frozen=True)
class Step:
    """Bring rule ``code``'s population to its seed size with ``grow`` or ``shrink``."""

    code: str
    grow: Change | None = None
    shrink: Change | None = None


class TuningError(RuntimeError):
    """A province cannot be brought to a seed row's size with the steps it has."""


def population(structure: Structure, rule: Rule) -> int:
    """How many posts and staff places of the baseline day fall in the rule's population."""
    return sum(1 for slot in slots(structure) if rule.where(slot))


def tune(builder: Builder, structure: Structure, rules: Sequence[Rule], steps: Sequence[Step]) -> None:
    """Run the steps in order; fail if a population still misses its seed size."""
    by_code = {rule.code: rule for rule in rules}
    for step in steps:
        rule = by_code[step.code]
        found = population(structure, rule)
        for _attempt in range(8):  # a change may touch posts outside the population: go again for the rest
            gap = rule.total - found
            change = step.grow if gap > 0 else step.shrink if gap < 0 else None
            if change is None or not change(builder, structure, abs(gap)):
                break
            found = population(structure, rule)
        if found != rule.total:
            raise TuningError(f"{rule.code}: {found} posts after tuning, the seed counts {rule.total}.")


def _active(unit: Unit) -> bool:
    return unit.active_on(BASELINE)


def more_seats(*codes: str) -> Change:
    """Add seats to multi-seat posts with these titles, one unit at a time in turn."""

    def grow(builder: Builder, structure: Structure, n: int) -> int:
        posts: list[Seat] = []
        seen: set[tuple[int, int]] = set()
        for seat in structure.seats:
            key = (seat.unit.id, seat.title.id)
            if (
                seat.title.code in codes
                and not seat.title.is_sole
                and seat.held_with is None
                and _active(seat.unit)
                and key not in seen
            ):
                seen.add(key)
                posts.append(seat)
        if not posts:
            return 0
        for model in itertools.islice(itertools.cycle(posts), n):
            index = max(s.index for s in model.unit.seats if s.title is model.title) + 1
            seat = Seat(unit=model.unit, title=model.title, role=model.role, tier=model.tier, index=index)
            _insert(builder, seat)
        return n

    return grow


def fewer_seats(*codes: str, keep: int = 1) -> Change:
    """Remove seats of posts with these titles, from the units with most of them first, keeping ``keep``."""

    def shrink(builder: Builder, structure: Structure, n: int) -> int:
        removed = 0
        groups: dict[tuple[int, int], list[Seat]] = {}
        for seat in structure.seats:
            if seat.title.code in codes and seat.held_with is None and _active(seat.unit):
                groups.setdefault((seat.unit.id, seat.title.id), []).append(seat)
        while removed < n:
            candidates = [g for g in groups.values() if len(g) > keep]
            if not candidates:
                return removed
            largest = max(len(g) for g in candidates)
            for group in candidates:
                if len(group) == largest and removed < n:
                    seat = max(group, key=lambda s: s.index)
                    group.remove(seat)
                    _remove(structure, seat)
                    removed += 1
        return removed

    return shrink


def more_units(make: Callable[[Builder, Structure, int], Unit | None]) -> Change:
    """Add units made by ``make`` (given the running number), each bringing one head post."""

    def grow(builder: Builder, structure: Structure, n: int) -> int:
        for number in range(n):
            if make(builder, structure, number) is None:
                return number
        return n

    return grow


def department_centre(builder: Builder, structure: Structure, number: int) -> Unit | None:
    """A public service centre under a department (trung tâm thuộc sở), the departments taken in turn."""
    province = structure.province
    departments = [u for u in province.units if u.kind == "department" and u.parent is province.committee]
    if not departments:
        return None
    department = departments[number % len(departments)]
    name = bp.DEPARTMENT_CENTRES[number % len(bp.DEPARTMENT_CENTRES)]
    if number >= len(bp.DEPARTMENT_CENTRES):
        name = f"{name} số {number // len(bp.DEPARTMENT_CENTRES) + 1}"
    plan = bp.dept_service_unit(name, staff=12.0, deputies=1)
    return builder.plan(
        department,
        plan,
        province,
        Level.PROVINCE,
        f"C{number + 1:02d}",
        name=f"{name}, {department.name}",
        span=(PROVINCE_FOUNDED, None),
    )


def chain(*changes: Change) -> Change:
    """Try each change in turn for what the ones before could not do."""

    def run(builder: Builder, structure: Structure, n: int) -> int:
        done = 0
        for change in changes:
            if done < n:
                done += change(builder, structure, n - done)
        return done

    return run


def _insert(builder: Builder, seat: Seat) -> None:
    seat.unit.seats.append(seat)
    seat.unit.area.seats.append(seat)
    builder.seats.append(seat)


def _remove(structure: Structure, seat: Seat) -> None:
    seat.unit.seats.remove(seat)
    seat.unit.area.seats.remove(seat)
    structure.seats.remove(seat)
