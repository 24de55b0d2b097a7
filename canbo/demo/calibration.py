"""Calibration: which holders of the baseline day's posts carry which attributes, so the seeds' rows come out.

The seeds give each baseline row as a pair (numerator/denominator) on the programme's date. The
denominator is structural: the blueprint and ``tune`` make exactly that many posts (or seats) exist on
the day. The numerator is drawn here: for every row, exactly that many of the posts in the row's
population are marked, and the person created for a post on the baseline day takes the mark as a trait
(a woman, a member of a minority, aged 39 or less, not local, holding a university degree…). Nothing
counts results or patches them afterwards: the indicator engine finds the pairs in the raw records.

Populations here mirror the definitions in ``canbo/programmes/data/programmes.json`` (level and rank of
the title, title codes, management category, sector of the unit, concurrent posts left out); a test
checks every pair through the engine, so a definition that drifts from its mirror fails loudly.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace

from .dates import BASELINE
from .state import Seat, Traits, Unit
from .structure import Structure

Slot = tuple[Seat | None, Unit, int]
"""A place someone holds on the baseline day: a post's seat, or (None, unit, n) for the unit's n-th staff."""


@dataclass(frozen=True)
class Rule:
    """A seed row: among the posts matching ``where``, exactly ``count`` carry ``trait`` (the rest do not)."""

    code: str
    trait: str
    count: int
    total: int
    where: Callable[[Slot], bool]
    value: bool = True


def seat_level(slot: Slot) -> str:
    """The level of the slot's title (staff slots: the unit's level)."""
    seat, unit, _ = slot
    return seat.title.level if seat is not None else unit.level


def rank_in(*ranks: str) -> Callable[[Slot], bool]:
    """Posts whose title has one of the ranks."""
    return lambda slot: slot[0] is not None and slot[0].title.rank in ranks


def level_in(*levels: str) -> Callable[[Slot], bool]:
    """Posts and staff places whose title (or unit) is at one of the levels."""
    return lambda slot: seat_level(slot) in levels


def title_in(*codes: str) -> Callable[[Slot], bool]:
    """Posts with one of the titles."""
    return lambda slot: slot[0] is not None and slot[0].title.code in codes


def category_in(*categories: str) -> Callable[[Slot], bool]:
    """Posts whose title has one of the management categories."""
    return lambda slot: slot[0] is not None and slot[0].title.category in categories


def leadership(slot: Slot) -> bool:
    """Leadership posts."""
    return slot[0] is not None and slot[0].title.is_leadership


def sector_in(*sectors: str) -> Callable[[Slot], bool]:
    """Posts and places in units of the sectors."""
    return lambda slot: slot[1].sector in sectors


def all_of(*tests: Callable[[Slot], bool]) -> Callable[[Slot], bool]:
    """Every test holds."""
    return lambda slot: all(test(slot) for test in tests)


def slots(structure: Structure) -> Iterator[Slot]:
    """Every post and staff place filled on the baseline day, in unit order (concurrent posts left out)."""
    for unit in structure.units:
        if not unit.active_on(BASELINE):
            continue
        for seat in unit.seats:
            if seat.held_with is None:
                yield (seat, unit, seat.index)
        for index in range(unit.staff_target):
            yield (None, unit, index)


@dataclass
class Outcome:
    """What calibration did: per rule, the population found and the number marked."""

    found: dict[str, tuple[int, int]] = field(default_factory=dict)

    def mismatches(self, rules: Sequence[Rule]) -> list[str]:
        """Rules whose population on the baseline day is not the seed's denominator."""
        return [
            f"{rule.code}: {self.found[rule.code][1]} ≠ {rule.total}"
            for rule in rules
            if self.found.get(rule.code, (0, 0))[1] != rule.total
        ]


def calibrate(structure: Structure, rules: Sequence[Rule], rng: random.Random) -> Outcome:
    """Mark the posts of each rule's population so exactly ``count`` of them carry the trait."""
    everything = list(slots(structure))
    marks: dict[tuple[int, int, int], dict[str, bool]] = {}
    outcome = Outcome()

    def key(slot: Slot) -> tuple[int, int, int]:
        seat, unit, index = slot
        return (unit.id, id(seat) if seat is not None else 0, index)

    for rule in rules:
        population = [slot for slot in everything if rule.where(slot)]
        # Posts already marked by an earlier rule with the same trait keep their mark.
        fixed = [s for s in population if rule.trait in marks.get(key(s), {})]
        free = [s for s in population if rule.trait not in marks.get(key(s), {})]
        already = sum(1 for s in fixed if marks[key(s)][rule.trait] == rule.value)
        wanted = max(0, min(len(free), rule.count - already))
        rng.shuffle(free)
        for n, slot in enumerate(free):
            marks.setdefault(key(slot), {})[rule.trait] = rule.value if n < wanted else not rule.value
        outcome.found[rule.code] = (already + wanted, len(population))

    names = {f.name for f in fields(Traits)}
    for slot in everything:
        mark = marks.get(key(slot))
        if not mark:
            continue
        traits = replace(Traits(), **{name: value for name, value in mark.items() if name in names})
        seat, unit, index = slot
        if seat is not None:
            seat.traits = traits
        else:
            while len(unit.staff_traits) <= index:
                unit.staff_traits.append(Traits())
            unit.staff_traits[index] = traits
    return outcome
