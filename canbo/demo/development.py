"""Knowledge-update courses of leaders (HG-6) and the planning (quy hoạch) of BTV-managed titles (HG-7).

Both are drawn after the careers, from a stream of their own, so they change nothing the seeds' baselines
are computed from. Courses: most leaders attended a knowledge-update course within a term (five years)
of the last day they served, a minority did not; earlier courses follow every three to five and a half
years back to 2016. Planning: for each title the provincial standing committee manages, in each unit
where it exists on the decision day, two or three people holding lower-tier posts of the same area; a
few percent of the people planned come from fields that require deep professional expertise.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from canbo.people.choices import TrainingKind
from canbo.posts.choices import ExpertiseField

from .state import Assignment, Person, Seat, Unit

FIRST_COURSE = dt.date(2016, 1, 1)
"""The earliest course drawn: the demo's records of training start with the 2016–2021 term."""
UP_TO_DATE = 0.86
"""Share of leaders whose latest knowledge-update course ended within five years of their last day."""
DEEP_EXPERTISE = 0.055
"""Share of the people planned in a term who come from a field requiring deep expertise (HG-7 ≈ 5%)."""


@dataclass(frozen=True, slots=True)
class PlanningTerm:
    """One planning term: its label, the day the provincial standing committee approved it, its end."""

    label: str
    decided_on: dt.date
    ends_on: dt.date | None
    number: int


TERMS = (
    PlanningTerm("2020-2025", dt.date(2021, 3, 18), dt.date(2025, 9, 30), 215),
    PlanningTerm("2025-2030", dt.date(2025, 8, 14), None, 1068),
)
"""The 2025–2030 planning as reviewed after the 2025 reform, on the units that exist from 01/07/2025."""


@dataclass
class DevelopmentRows:
    """Rows for people.TrainingCourse and posts.PlanningEntry, numbered in order."""

    courses: list[dict[str, object]] = field(default_factory=list)
    planning: list[dict[str, object]] = field(default_factory=list)


def _years(day: dt.date, years: float) -> dt.date:
    return day - dt.timedelta(days=round(years * 365.25))


def _post_on(person: Person, day: dt.date) -> Assignment | None:
    for post in reversed(person.history):
        if post.start <= day and (post.end is None or day <= post.end):
            return post
    return None


class Development:
    """Draws the courses and the planning of one province into shared rows."""

    def __init__(
        self,
        rng: random.Random,
        people: list[Person],
        *,
        today: dt.date,
        province_name: str,
        rows: DevelopmentRows,
    ) -> None:
        self.rng = rng
        self.people = people
        self.today = today
        self.province_name = province_name
        self.rows = rows

    def build(self, units: list[Unit]) -> None:
        for person in self.people:
            self._courses(person)
        for term in TERMS:
            if term.decided_on <= self.today:
                self._planning(units, term)

    # ------------------------------------------------------------------------------------ courses
    def _course_name(self, post: Assignment | None, year: int) -> tuple[str, str]:
        school = f"Trường Chính trị tỉnh {self.province_name}"
        category = post.title.category if post else ""
        area = post.unit.area if post else None
        if category == "BCT":
            who, school = (
                "cán bộ diện Bộ Chính trị, Ban Bí thư quản lý",
                "Học viện Chính trị quốc gia Hồ Chí Minh",
            )
        elif category == "BTV_TINH":
            who = "cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"
        elif category == "BTV_HUYEN":
            who = "cán bộ lãnh đạo, quản lý diện Ban Thường vụ Huyện ủy quản lý"
            if area is not None and area.kind == "district":
                school = f"Trung tâm Chính trị {area.name}"
        elif post is not None and post.title.level == "commune":
            who = "cán bộ chủ chốt cấp xã"
            district = area.parent if area is not None and area.kind == "commune" else None
            if district is not None and district.kind == "district":
                school = f"Trung tâm Chính trị {district.name}"
        else:
            who = "cán bộ lãnh đạo, quản lý cấp phòng và tương đương"
        return f"Bồi dưỡng cập nhật kiến thức cho {who} năm {year}", school

    def _courses(self, person: Person) -> None:
        posts = [a for a in (*person.history, *person.concurrent) if a.title.is_leadership]
        if not posts:
            return
        first = min(a.start for a in posts)
        last = min(self.today, person.left_on) if person.left_on else self.today
        earliest = max(FIRST_COURSE, _years(first, 1), _years(person.birth, -25))
        if self.rng.random() < UP_TO_DATE:
            end = _years(last, self.rng.uniform(0.1, 4.8))
        else:
            end = _years(last, self.rng.uniform(5.2, 9.0))
        while end >= earliest:
            days = self.rng.choice((5, 5, 6, 8, 10, 12))
            start = end - dt.timedelta(days=days - 1)
            name, school = self._course_name(_post_on(person, end) or posts[0], end.year)
            self.rows.courses.append(
                {
                    "id": len(self.rows.courses) + 1,
                    "person_id": person.id,
                    "name": name,
                    "kind": TrainingKind.KNOWLEDGE_UPDATE,
                    "institution": school,
                    "started_on": start,
                    "ended_on": end,
                }
            )
            end = _years(end, self.rng.uniform(3.0, 5.5))

    # ----------------------------------------------------------------------------------- planning
    def _planning(self, units: list[Unit], term: PlanningTerm) -> None:
        day = term.decided_on
        tiers: dict[tuple[int, int], int] = {}
        targets: dict[tuple[int, int], Seat] = {}
        for unit in units:
            for seat in unit.seats:
                tiers.setdefault((unit.id, seat.title.id), seat.tier)
                if seat.title.category == "BTV_TINH" and unit.active_on(day):
                    targets.setdefault((unit.id, seat.title.id), seat)
        by_area: dict[str, list[tuple[int, Person, Assignment]]] = defaultdict(list)
        for person in self.people:
            post = _post_on(person, day)
            tier = tiers.get((post.unit.id, post.title.id), 0) if post else 0
            if post is not None and tier > 0:
                by_area[post.unit.area.key].append((tier, person, post))
        planned: dict[int, int] = defaultdict(int)
        deep: dict[int, str] = {}
        for (unit_id, _title_id), seat in sorted(targets.items()):
            pool = [
                (tier, person, post)
                for tier, person, post in by_area.get(seat.unit.area.key, [])
                if seat.tier - 2 <= tier < seat.tier and planned[person.id] < 2
            ]
            # The tier just below and the same unit first, then the rest in a drawn order.
            self.rng.shuffle(pool)
            pool.sort(key=lambda item: (item[0] != seat.tier - 1, item[2].unit.id != unit_id))
            for _tier, person, _post in pool[: self.rng.choice((2, 3, 3))]:
                end = term.ends_on
                for limit in (seat.unit.valid_to, person.left_on):
                    if limit is not None and (end is None or limit < end):
                        end = limit
                if end is not None and end < day:
                    continue
                if person.id not in deep:
                    deep[person.id] = (
                        self.rng.choice(ExpertiseField.values) if self.rng.random() < DEEP_EXPERTISE else ""
                    )
                planned[person.id] += 1
                self.rows.planning.append(
                    {
                        "id": len(self.rows.planning) + 1,
                        "person_id": person.id,
                        "title_id": seat.title.id,
                        "unit_id": seat.unit.id,
                        "term_label": term.label,
                        "approved_by": f"Ban Thường vụ Tỉnh ủy {self.province_name}",
                        "decision_number": f"{term.number}-QĐ/TU",
                        "decision_date": day,
                        "expertise_field": deep[person.id],
                        "deep_expertise": bool(deep[person.id]),
                        "valid_from": day,
                        "valid_to": end,
                    }
                )
