"""Reads over the demo province: totals on a date, by queries rather than loops over people."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import QuerySet

from canbo.org.choices import Level
from canbo.org.models import OrgUnit
from canbo.posts.models import Assignment


@dataclass(frozen=True)
class Totals:
    """The headline figures of the province on one day."""

    as_of: dt.date
    staff: int
    staff_province_district: int
    staff_commune: int
    leaders: int
    leaders_women: int
    leaders_minority: int
    btv_managed: int
    btv_women: int
    btv_minority: int
    districts: int
    communes: int

    def as_dict(self) -> dict[str, object]:
        """The totals as a plain dict."""
        return asdict(self)


def _people(assignments: QuerySet[Assignment]) -> QuerySet[Assignment, Any]:
    return assignments.values("person").distinct()


def summarize(as_of: dt.date, *, root: str = "") -> Totals:
    """Count staff, provincial and district leaders, Standing-Committee cadres and localities on a day.

    Staff hold a main (not concurrent) post that day; leaders hold a leadership title of provincial or
    district level; "BTV-managed" cadres hold a title whose management category is BTV_TINH. With root
    (a unit path), only the posts and units of that subtree count.
    """
    active = Assignment.objects.as_of(as_of)
    units = OrgUnit.objects.as_of(as_of)
    if root:
        active = active.filter(unit__path__startswith=root)
        units = units.filter(path__startswith=root)
    main = active.filter(is_concurrent=False)
    staff = _people(main).count()
    commune = _people(main.filter(unit__level=Level.COMMUNE)).count()
    leaders = active.filter(title__is_leadership=True, title__level__in=[Level.PROVINCE, Level.DISTRICT])
    btv = active.filter(title__management_category__code="BTV_TINH")
    return Totals(
        as_of=as_of,
        staff=staff,
        staff_province_district=_people(main.exclude(unit__level=Level.COMMUNE)).count(),
        staff_commune=commune,
        leaders=_people(leaders).count(),
        leaders_women=_people(leaders.filter(person__sex="nu")).count(),
        leaders_minority=_people(leaders.filter(person__ethnicity__is_minority=True)).count(),
        btv_managed=_people(btv).count(),
        btv_women=_people(btv.filter(person__sex="nu")).count(),
        btv_minority=_people(btv.filter(person__ethnicity__is_minority=True)).count(),
        districts=units.filter(level=Level.DISTRICT).values("locality").distinct().count(),
        communes=units.filter(level=Level.COMMUNE).values("locality").distinct().count(),
    )
