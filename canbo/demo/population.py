"""Who the demo people are: sex, age, ethnic group and name for a post, drawn to match the seeds."""

from __future__ import annotations

import datetime as dt
import math
import random

from faker import Faker

from canbo.org.choices import Level

from .dates import BASELINE, add_years, day_between, retirement_date
from .names import full_name
from .state import Person, TitleInfo, Traits, Unit

EARLIEST_BIRTH = dt.date(1962, 1, 1)
LATEST_BIRTH = dt.date(2000, 12, 31)

# Minority groups of the province's staff (conditional on not being Kinh), with the 1979 code of each.
MINORITY_GROUPS = (
    ("tay", 0.30),
    ("mong", 0.22),
    ("dao", 0.18),
    ("nung", 0.08),
    ("giay", 0.07),
    ("thai", 0.04),
    ("hanhi", 0.03),
    ("phula", 0.03),
    ("muong", 0.02),
    ("lachi", 0.01),
    ("boy", 0.01),
    ("sanchay", 0.01),
)
ETHNICITY_CODES = {
    "kinh": "01",
    "tay": "02",
    "thai": "03",
    "hoa": "04",
    "muong": "06",
    "nung": "07",
    "mong": "08",
    "dao": "09",
    "sanchay": "15",
    "giay": "25",
    "hanhi": "35",
    "lachi": "38",
    "phula": "40",
    "boy": "49",
}
NAME_GROUPS = {
    "muong": "kinh",
    "hoa": "kinh",
    "phula": "other",
    "lachi": "other",
    "boy": "other",
    "sanchay": "tay",
}

# Age on taking a post (or on the baseline day for the first holders), by tier: mean, spread, lowest, highest.
AGE_BY_TIER = {
    10: (54.0, 3.0, 46, 59),
    9: (52.0, 4.0, 42, 59),
    8: (51.0, 4.5, 38, 59),
    7: (49.0, 5.0, 36, 59),
    6: (47.0, 5.5, 34, 59),
    5: (46.0, 6.0, 31, 59),
    4: (43.0, 7.0, 28, 59),
    3: (42.0, 7.5, 26, 59),
    2: (40.0, 8.0, 24, 59),
    1: (40.0, 8.0, 24, 59),
    0: (38.0, 9.0, 21, 58),
}


class PersonFactory:
    """Makes people for posts with the province's distributions; ids are consecutive in creation order."""

    def __init__(self, rng: random.Random, fake: Faker, *, first_id: int = 1) -> None:
        self.rng = rng
        self.fake = fake
        self.first_id = first_id
        self.people: list[Person] = []

    # Shares that depend on the post -------------------------------------------------------------
    def female_share(self, unit: Unit, tier: int, role: str, title: TitleInfo | None) -> float:
        """Probability that the holder of a post is a woman (16 % of leaders, about 45 % of all staff)."""
        if role == "women":
            return 1.0
        if role == "veterans" or role == "military":
            return 0.02
        if role == "youth":
            return 0.45
        if tier == 0:
            return {"school": 0.57, "health": 0.52, "commune": 0.33, "party": 0.40, "service": 0.40}.get(
                unit.profile, 0.38
            )
        if unit.level == Level.COMMUNE and unit.valid_from.year < 2025:
            return 0.15
        if title is not None and title.category == "BTV_TINH":
            return 0.16
        if tier >= 7:
            return 0.10
        if tier >= 5:
            return 0.13
        if unit.profile == "school":
            return 0.22
        return 0.13

    def kinh_share(self, unit: Unit, tier: int, title: TitleInfo | None) -> float:
        """Probability that the holder of a post is Kinh (the rest belong to the highland minorities)."""
        if title is not None and title.category == "BTV_TINH" and unit.level != Level.COMMUNE:
            return 0.61
        if tier > 0 and unit.level != Level.COMMUNE:
            return 0.90
        if unit.level == Level.COMMUNE:
            return 0.22 if tier > 0 else 0.30
        if unit.level == Level.DISTRICT:
            return {"school": 0.34, "health": 0.42}.get(unit.profile, 0.40)
        return {"school": 0.52, "health": 0.55}.get(unit.profile, 0.55)

    # Drawing people -----------------------------------------------------------------------------
    def _group(self, kinh: float) -> str:
        if self.rng.random() < kinh:
            return "kinh"
        x = self.rng.random()
        acc = 0.0
        for group, share in MINORITY_GROUPS:
            acc += share
            if x < acc:
                return group
        return MINORITY_GROUPS[0][0]

    def _birth(
        self,
        tier: int,
        at: dt.date,
        female: bool,
        *,
        age: tuple[float, float, int, int] | None = None,
        must_serve_until: dt.date | None = None,
    ) -> dt.date:
        mean, spread, low, high = age or AGE_BY_TIER.get(tier, AGE_BY_TIER[0])
        serve_until = must_serve_until or at
        for _ in range(40):
            years = self.rng.gauss(mean, spread)
            years = min(max(years, low), high)
            birth = (
                at - dt.timedelta(days=int(years * 365.25)) + dt.timedelta(days=self.rng.randint(-180, 180))
            )
            if birth < EARLIEST_BIRTH:  # spread over the first year rather than piling up on 1 January
                birth = EARLIEST_BIRTH + dt.timedelta(days=self.rng.randint(0, 364))
            elif birth > LATEST_BIRTH:
                birth = LATEST_BIRTH - dt.timedelta(days=self.rng.randint(0, 364))
            if retirement_date(birth, female) > serve_until:
                return birth
            mean -= 1.5  # too old for the post: draw younger
        return min(max(at - dt.timedelta(days=int(low * 365.25)), EARLIEST_BIRTH), LATEST_BIRTH)

    def new(
        self,
        unit: Unit,
        tier: int,
        role: str,
        title: TitleInfo | None,
        at: dt.date,
        *,
        age: tuple[float, float, int, int] | None = None,
        serve_years: float = 0.0,
        traits: Traits | None = None,
    ) -> Person:
        """A new person who takes a post in unit on day at (and is still of working age then).

        Traits fixed by the calibration replace the draw (the draw still happens, so the random stream
        does not depend on which traits are fixed).
        """
        female = self.rng.random() < self.female_share(unit, tier, role, title)
        group = self._group(self.kinh_share(unit, tier, title))
        if traits is not None and traits.female is not None:
            female = traits.female
        if traits is not None and traits.minority is not None and traits.minority != (group != "kinh"):
            group = self._group(0.0) if traits.minority else "kinh"
        serve_until = at + dt.timedelta(days=int(serve_years * 365.25)) if serve_years else at
        if age is None and title is not None and title.category == "BTV_TINH" and unit.level != Level.COMMUNE:
            mean, spread, low, high = AGE_BY_TIER.get(tier, AGE_BY_TIER[0])
            age = (mean + 1.0, spread, max(low, 38), high)  # HG: 21 of 384 aged 40 or under
        birth = self._birth(
            tier, at, female, age=age, must_serve_until=max(serve_until, at + dt.timedelta(days=30))
        )
        if traits is not None and traits.young is not None:
            birth = self._calibrated_birth(birth, at, female, young=traits.young)
        person = Person(
            id=self.first_id + len(self.people),
            female=female,
            birth=birth,
            group=group,
            retire_on=retirement_date(birth, female),
            profile=unit.profile if tier == 0 else "leader",
        )
        person.full_name = full_name(self.fake, female=female, group=NAME_GROUPS.get(group, group))
        person.peak_tier = tier
        person.traits = traits
        self.people.append(person)
        return person

    def _calibrated_birth(self, birth: dt.date, at: dt.date, female: bool, *, young: bool) -> dt.date:
        """Move a drawn birth date so the age on day at is 39 or less (young) or 41 or more."""
        age = at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))
        if young and age > 39:
            years = self.rng.uniform(33.0, 39.5)
        elif not young and age < 41:
            years = self.rng.uniform(41.6, 48.0)
        else:
            return birth
        birth = at - dt.timedelta(days=int(years * 365.25))
        if not young:
            # Still of working age for a while after the day: draw no older than the statutory age allows.
            while retirement_date(birth, female) <= at + dt.timedelta(days=400):
                birth += dt.timedelta(days=365)
        return birth

    def recruit(self, unit: Unit, at: dt.date) -> Person:
        """A young recruit for a staff post (22–32 on the day, born no later than 2000)."""
        youngest = (at - LATEST_BIRTH).days / 365.25  # nobody in the demo is born after 2000
        age = (max(26.0, youngest + 3.0), 3.0, 21, 40)
        return self.new(unit, 0, "staff", None, at, age=age, serve_years=5)


def career_start(rng: random.Random, person: Person) -> dt.date:
    """The day a person started work: at 21–27 for most, later for some who served in the army first."""
    years = rng.uniform(21.5, 26.5) if rng.random() < 0.85 else rng.uniform(26.5, 33.0)
    return add_years(person.birth, math.floor(years)) + dt.timedelta(days=rng.randint(0, 364))


def baseline_tenure_start(rng: random.Random, person: Person, tier: int, earliest: dt.date) -> dt.date:
    """When the first holder of a post on the baseline day took it (leaders mostly within one term)."""
    if tier == 0:
        return day_between(rng, earliest, BASELINE - dt.timedelta(days=30))
    years = rng.uniform(0.1, 5.0) if rng.random() < 0.78 else rng.uniform(5.0, 9.5)
    start = BASELINE - dt.timedelta(days=int(years * 365.25))
    # An appointment needs five years of service left (KL 08-KL/TW; before 2021 age caps worked alike).
    latest_by_age = add_years(person.retire_on, -5)
    if start > latest_by_age:
        start = latest_by_age - dt.timedelta(days=rng.randint(0, 700))
    return max(start, earliest)
