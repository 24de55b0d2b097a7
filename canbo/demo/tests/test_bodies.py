"""Elected bodies: sizes the law allows, the seats LC-3 and LC-4 count, women at every level."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count, F

from canbo.core.dates import active_on
from canbo.demo.dates import BASELINE
from canbo.demo.generator import DemoSummary
from canbo.demo.provinces import LAO_CAI
from canbo.demo.seats import COUNCIL_2016, COUNCIL_LAWS, PARTY_LAWS, Ladder, SeatPlanError, apportion
from canbo.org.choices import BodyKind
from canbo.org.models import Membership, OrgUnit
from canbo.people.models import Person
from canbo.posts.models import Assignment

# ------------------------------------------------------------------------------------ rules, no database


def test_the_council_ladders_read_as_the_law_of_2015() -> None:
    commune, province, district = COUNCIL_2016["xã"], COUNCIL_2016["tỉnh"], COUNCIL_2016["huyện"]
    # Highland commune: 15 up to 1.000 people, 19 up to 2.000, 21 below 3.000, then one per 500, at most 30.
    assert [commune.seats(n) for n in (800, 1_000, 1_500, 2_500, 3_500, 4_200, 20_000)] == [
        15,
        15,
        19,
        21,
        22,
        23,
        30,
    ]
    assert commune.sizes() == [15, 19, *range(21, 31)]
    # Highland province: 50 up to 500.000, one per 50.000 more, at most 85; district: 30, per 5.000, 40.
    assert [province.seats(n) for n in (400_000, 760_000, 3_000_000)] == [50, 55, 85]
    assert [district.seats(n) for n in (35_000, 52_000, 200_000)] == [30, 32, 40]


def test_apportion_keeps_the_total_and_the_bounds() -> None:
    parts = apportion(10, [1.0, 1.0, 8.0], [2, 0, 0], [5, 5, 6])
    assert sum(parts) == 10
    assert parts[0] >= 2 and parts[2] == 6
    with pytest.raises(SeatPlanError):
        apportion(20, [1.0, 1.0], [0, 0], [5, 5])


def test_a_ladder_gives_only_its_own_sizes() -> None:
    ladder = Ladder(((1_000, 15), (2_000, 19)), 500, 22)
    assert ladder.sizes() == [15, 19, 20, 21, 22]
    assert ladder.low == 15


# ------------------------------------------------------------------------------------ the built demo
needs_db = pytest.mark.django_db


@needs_db
def test_every_term_has_the_seats_its_rule_allows(demo: DemoSummary) -> None:
    elected = {
        (row["term__body__org_unit_id"], row["term__body__kind"], row["term__name"]): row["n"]
        for row in Membership.objects.filter(valid_from=F("term__valid_from"))
        .values("term__body__org_unit_id", "term__body__kind", "term__name")
        .annotate(n=Count("id"))
    }
    assert demo.bodies
    for size in demo.bodies:
        assert size.low <= size.seats <= size.cap, size
        laws = COUNCIL_LAWS if size.kind == BodyKind.PEOPLES_COUNCIL else PARTY_LAWS
        assert size.term in laws, size
        # Everyone elected at the start of the term, each in one seat.
        assert elected[(size.org_unit_id, size.kind, size.term)] == size.seats, size
        if size.kind == BodyKind.PEOPLES_COUNCIL and size.term == "2016-2021":
            assert size.seats in COUNCIL_2016[size.place].sizes(), size


@needs_db
def test_lao_cai_seats_on_the_baseline_add_up_to_the_seed(demo: DemoSummary) -> None:
    lc = next(p for p in demo.provinces if p.code == LAO_CAI.code)
    root = OrgUnit.objects.get(pk=lc.root_id)
    planned = {(t.kind, t.women is not None) for t in demo.bodies}
    assert (BodyKind.PARTY_EXECUTIVE, True) in planned and (BodyKind.PEOPLES_COUNCIL, True) in planned
    for target in LAO_CAI.seats:
        terms = [t for t in demo.bodies if t.kind == target.kind and t.women is not None]
        assert sum(t.seats for t in terms) == target.seats, target.code
        assert sum(t.women or 0 for t in terms) == target.women, target.code
        seats = Membership.objects.filter(
            active_on(BASELINE),
            term__body__kind=target.kind,
            term__body__org_unit__path__startswith=root.path,
        )
        assert seats.count() == target.seats
        assert seats.filter(person__sex="nu").count() == target.women


@needs_db
@pytest.mark.parametrize("kind", [BodyKind.PARTY_EXECUTIVE, BodyKind.PEOPLES_COUNCIL])
def test_women_sit_at_every_level_not_at_one(demo: DemoSummary, kind: str) -> None:
    seats = Membership.objects.filter(active_on(BASELINE), term__body__kind=kind)
    lc = next(p for p in demo.provinces if p.code == LAO_CAI.code)
    path = OrgUnit.objects.get(pk=lc.root_id).path
    seats = seats.filter(term__body__org_unit__path__startswith=path)
    everyone = Counter(seats.values_list("term__body__level", flat=True))
    women = Counter(seats.filter(person__sex="nu").values_list("term__body__level", flat=True))
    assert set(everyone) == {"province", "district", "commune"}
    for level, total in everyone.items():
        share = women[level] / total
        assert 0.08 <= share <= 0.5, (level, women[level], total)
    assert max(women.values()) < sum(women.values())
    # Communes hold most seats, so most women; provincial bodies are more often men.
    assert women["province"] / everyone["province"] < women["commune"] / everyone["commune"]


@needs_db
def test_members_outside_the_payroll_have_no_post_and_sit_for_their_unit(demo: DemoSummary) -> None:
    outside = Person.objects.filter(managing_unit__isnull=False)
    assert outside.exists()
    assert not Assignment.objects.filter(person__in=outside).exists()
    seats = Membership.objects.filter(person__in=outside)
    assert seats.exists()
    assert seats.exclude(term__body__org_unit_id=F("person__managing_unit_id")).count() == 0
    # They fill what the post holders cannot: few party committee seats, no standing committee seat.
    party = Membership.objects.filter(term__body__kind=BodyKind.PARTY_EXECUTIVE)
    assert party.filter(person__in=outside).count() < 0.05 * party.count()
    assert not seats.filter(term__body__kind=BodyKind.PARTY_STANDING).exists()
    # Party committee members are party members.
    assert not party.filter(person__in=outside, person__party_joined_on__isnull=True).exists()
