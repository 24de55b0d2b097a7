"""Reads over the demo province: totals on a date (by queries, not loops over people) and a fingerprint."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import QuerySet

from canbo.org.choices import Level
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit, Term, UnitSuccession
from canbo.people.models import FamilyMember, Person, Qualification
from canbo.posts.models import Assignment, Decision


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


# Columns hashed per table, in a stable order; created_at/updated_at record when the build ran and are left out.
FINGERPRINT = (
    (
        OrgUnit,
        (
            "id",
            "code",
            "name",
            "short_name",
            "parent_id",
            "path",
            "depth",
            "level",
            "sector",
            "kind",
            "locality_id",
            "position",
            "valid_from",
            "valid_to",
            "sort_key",
            "search_name",
        ),
    ),
    (UnitSuccession, ("id", "predecessor_id", "successor_id", "kind", "effective_on")),
    (
        Person,
        (
            "id",
            "code",
            "managing_unit_id",
            "full_name",
            "birth_date",
            "sex",
            "ethnicity_id",
            "religion_id",
            "birthplace_id",
            "home_town_id",
            "national_id",
            "national_id_issued_on",
            "recruited_on",
            "staff_category",
            "party_joined_on",
            "party_official_on",
            "permanent_address",
            "sort_key",
            "search_text",
        ),
    ),
    (Decision, ("id", "number", "signed_on", "signer", "issuer", "subject")),
    (
        Assignment,
        (
            "id",
            "person_id",
            "title_id",
            "unit_id",
            "valid_from",
            "valid_to",
            "is_concurrent",
            "is_sole_post",
            "decision_id",
            "term_ends_on",
            "description",
        ),
    ),
    (
        Qualification,
        (
            "id",
            "person_id",
            "kind",
            "level_id",
            "field",
            "language",
            "institution",
            "mode",
            "started_on",
            "obtained_on",
        ),
    ),
    (FamilyMember, ("id", "person_id", "relation", "full_name", "birth_year", "details")),
    (ElectedBody, ("id", "org_unit_id", "kind", "level", "name", "parent_body_id")),
    (Term, ("id", "body_id", "name", "election_date", "valid_from", "valid_to")),
    (Membership, ("id", "person_id", "term_id", "role", "valid_from", "valid_to")),
    (Nomination, ("id", "person_id", "term_id", "nominated_on", "constituency", "outcome")),
)


def fingerprint() -> str:
    """A SHA-256 over every demo table's rows in id order: equal databases give equal fingerprints."""
    digest = hashlib.sha256()
    for model, columns in FINGERPRINT:
        digest.update(model._meta.label.encode())
        rows = model._default_manager.order_by("id").values_list(*columns)
        for row in rows.iterator(chunk_size=5000):
            digest.update(repr(row).encode())
    return digest.hexdigest()
