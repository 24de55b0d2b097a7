"""Plain in-memory records the generator builds before anything is written to the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """The parts of a catalogue title the generator needs."""

    id: int
    code: str
    name: str
    level: str
    rank: str
    is_leadership: bool
    is_sole: bool
    category: str


@dataclass(eq=False, slots=True)
class Area:
    """A province, district or commune: the units that belong to it, for careers and elected bodies."""

    key: str
    kind: str  # province, district, commune (before 2025), new_commune (from 01/07/2025)
    name: str  # "tỉnh Lào Cai", "huyện Bát Xát", "xã A Mú Sung"
    place: str  # name without the kind word, for unit names
    locality_id: int
    valid_from: dt.date
    valid_to: dt.date | None
    parent: Area | None = None
    units: list[Unit] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    party: Unit | None = None
    council: Unit | None = None
    committee: Unit | None = None
    front: Unit | None = None
    successor: Area | None = None  # the new commune an old commune merged into
    district: Area | None = None  # for a new commune, the district most of it came from


@dataclass(eq=False, slots=True)
class Unit:
    """An organisation unit to be written, with its posts and its staff pool."""

    id: int
    code: str
    name: str
    short_name: str
    parent: Unit | None
    level: str
    sector: str
    kind: str
    area: Area
    valid_from: dt.date
    valid_to: dt.date | None
    position: int = 0
    profile: str = "agency"
    path: str = ""
    depth: int = 0
    children: list[Unit] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    staff_titles: tuple[tuple[TitleInfo, float], ...] = ()
    staff_weight: float = 0.0
    staff_target: int = 0
    staff: list[Person] = field(default_factory=list)
    staff_traits: list[Traits] = field(default_factory=list)  # for the staff of the baseline day, in order
    issuer: str = ""
    successor: Unit | None = None
    succession_kind: str = ""
    home: Area | None = None  # for a district school: the commune it serves

    def active_on(self, day: dt.date) -> bool:
        """Whether the unit exists on day."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(eq=False, slots=True)
class Seat:
    """One leadership post of a unit (a sole post has one seat; deputies several)."""

    unit: Unit
    title: TitleInfo
    role: str
    tier: int
    index: int = 0
    holder: Person | None = None
    assignment: Assignment | None = None
    held_with: Seat | None = None  # this seat is held concurrently by held_with's holder
    companions: list[Seat] = field(default_factory=list)  # seats held concurrently with this one
    vacant_since: dt.date | None = None
    traits: Traits | None = None  # what the calibration asks of the holder on the baseline day


@dataclass(frozen=True, slots=True)
class Traits:
    """Attributes the calibration fixes for the person who holds a post on the baseline day.

    None leaves an attribute to chance; True/False fixes it. ``young`` means aged 39 or less on the
    baseline day (False: 41 or more, so both "under 40" and "40 or under" read it the same way);
    ``local`` that the home town and birthplace lie inside the post's commune or district; the
    qualification flags that the level was (or was not) obtained by the baseline day.
    """

    female: bool | None = None
    minority: bool | None = None
    young: bool | None = None
    local: bool | None = None
    university: bool | None = None
    postgraduate: bool | None = None
    theory: bool | None = None
    international: bool | None = None


@dataclass(eq=False, slots=True)
class Decision:
    """A decision to be written."""

    number: str
    signed_on: dt.date
    signer: str
    issuer: str
    subject: str
    id: int = 0


@dataclass(eq=False, slots=True)
class Assignment:
    """A post in a work history; reappointments keep the row and change its decision and term end."""

    person: Person
    title: TitleInfo
    unit: Unit
    start: dt.date
    end: dt.date | None = None
    concurrent: bool = False
    decision: Decision | None = None
    term_end: dt.date | None = None
    renewals: list[tuple[dt.date, Decision, dt.date]] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Person:
    """A person to be written; attributes beyond the career are filled in after the simulation."""

    id: int
    female: bool
    birth: dt.date
    group: str  # name group and ethnicity key: kinh, tay, mong, dao…
    retire_on: dt.date
    full_name: str = ""
    history: list[Assignment] = field(default_factory=list)
    concurrent: list[Assignment] = field(default_factory=list)
    seat: Seat | None = None
    pool: Unit | None = None
    recruited_on: dt.date | None = None
    left_on: dt.date | None = None
    moved_on: dt.date | None = None
    peak_tier: int = 0
    profile: str = "agency"
    external: bool = False  # joined the province after the baseline from outside
    traits: Traits | None = None
    citizen_of: Unit | None = None
    """For an elected member outside the payroll (no post): the body's unit that keeps the record."""
    occupation: str = ""
    party_member: bool = False

    @property
    def current(self) -> Assignment | None:
        """The open main assignment, if any."""
        if self.history and self.history[-1].end is None:
            return self.history[-1]
        return None
