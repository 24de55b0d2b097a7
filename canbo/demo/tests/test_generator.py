"""The demo province: totals in proportion, determinism, and the invariants every record must keep."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from itertools import pairwise

import pytest
from django.db.models import F, Min, Q

from canbo.demo.dates import BASELINE, LAST_OLD_DAY, REFORM_DAY, add_years
from canbo.demo.generator import DemoSummary, digest, generate
from canbo.demo.provinces import PROVINCES
from canbo.demo.summary import summarize
from canbo.org.choices import Level, MemberRole, NominationOutcome
from canbo.org.models import Membership, Nomination, OrgUnit, Term, UnitSuccession
from canbo.people.models import FamilyMember, Person, Qualification
from canbo.posts.models import Assignment, Decision
from canbo.reference.normalize import validate_national_id

from .conftest import SCALE, SEED, TODAY

pytestmark = pytest.mark.django_db


def _periods_overlap(rows: list[tuple[dt.date, dt.date | None]]) -> bool:
    rows = sorted(rows)
    return any(end is None or end >= start for (_, end), (start, _) in pairwise(rows))


def test_it_reaches_the_seed_figures_in_proportion(demo: DemoSummary) -> None:
    base = demo.baseline
    assert base.staff_province_district + base.staff_commune == base.staff
    assert sum(p.baseline.staff for p in demo.provinces) == base.staff  # the two provinces share nobody
    hg = next(p.baseline for p in demo.provinces if p.code == "02")
    # Leaders and commune cadres do not scale; the other provincial and district staff do.
    assert hg.leaders < hg.staff_province_district < hg.leaders + 26_372 * SCALE * 1.1
    assert hg.staff_commune == 4_111
    assert 0 < base.btv_managed <= base.leaders + base.staff_commune
    assert 0 < base.leaders_women < base.leaders
    assert base.districts >= 1 and base.communes >= base.districts
    current = demo.current
    assert current.as_of == TODAY
    assert current.districts == 0
    assert current.communes >= 1
    assert current.staff == pytest.approx(base.staff, rel=0.25)


def test_summarize_counts_what_the_rows_say(demo: DemoSummary) -> None:
    for day in (BASELINE, TODAY):
        totals = summarize(day)
        active = list(
            Assignment.objects.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("title__management_category", "unit", "person")
        )
        assert all(a.is_active_on(day) for a in active)
        main = {a.person_id for a in active if not a.is_concurrent}
        leaders = {
            a.person_id
            for a in active
            if a.title.is_leadership and a.title.level in (Level.PROVINCE, Level.DISTRICT)
        }
        btv = {
            a.person_id
            for a in active
            if a.title.management_category and a.title.management_category.code == "BTV_TINH"
        }
        units = [u for u in OrgUnit.objects.all() if u.is_active_on(day)]
        assert totals.staff == len(main)
        assert totals.staff_commune == len(
            {a.person_id for a in active if not a.is_concurrent and a.unit.level == Level.COMMUNE}
        )
        assert totals.leaders == len(leaders)
        assert totals.leaders_women == len(
            {a.person_id for a in active if a.person_id in leaders and a.person.sex == "nu"}
        )
        assert totals.btv_managed == len(btv)
        assert totals.districts == len({u.locality_id for u in units if u.level == Level.DISTRICT})
        assert totals.communes == len({u.locality_id for u in units if u.level == Level.COMMUNE})


def test_it_is_deterministic(demo: DemoSummary) -> None:
    """Two builds of one province at a tiny scale make the same rows; another seed makes others.

    Every stream a province draws from is seeded from the seed and the province, and writing adds nothing
    random (ids are the generator's), so one province in memory stands for the whole build."""
    lao_cai = PROVINCES[:1]
    first = digest(generate(seed=SEED, scale=SCALE, today=TODAY, provinces=lao_cai))
    assert digest(generate(seed=SEED, scale=SCALE, today=TODAY, provinces=lao_cai)) == first
    assert digest(generate(seed=SEED + 1, scale=SCALE, today=TODAY, provinces=lao_cai)) != first


def test_the_database_holds_what_the_build_made(demo: DemoSummary) -> None:
    assert demo.rows["people"] == Person.objects.count()
    assert demo.rows["memberships"] == Membership.objects.count()


def test_no_one_holds_two_main_posts_at_once(demo: DemoSummary) -> None:
    periods = defaultdict(list)
    for person, start, end in Assignment.objects.filter(is_concurrent=False).values_list(
        "person_id", "valid_from", "valid_to"
    ):
        periods[person].append((start, end))
    assert periods
    assert not [p for p, rows in periods.items() if _periods_overlap(rows)]
    assert all(1 <= len(rows) <= 6 for rows in periods.values())


def test_sole_posts_have_one_holder_at_a_time(demo: DemoSummary) -> None:
    periods = defaultdict(list)
    for unit, title, start, end in Assignment.objects.filter(is_sole_post=True).values_list(
        "unit_id", "title_id", "valid_from", "valid_to"
    ):
        periods[(unit, title)].append((start, end))
    assert not [key for key, rows in periods.items() if _periods_overlap(rows)]
    assert Assignment.objects.exclude(is_sole_post=F("title__is_sole")).count() == 0


def test_every_post_lies_within_its_unit_and_its_holders_working_life(demo: DemoSummary) -> None:
    assert Assignment.objects.filter(valid_to__lt=F("valid_from")).count() == 0
    assert Assignment.objects.filter(valid_from__lt=F("unit__valid_from")).count() == 0
    assert (
        Assignment.objects.filter(unit__valid_to__isnull=False)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=F("unit__valid_to")))
        .count()
        == 0
    )
    assert Assignment.objects.exclude(title__level=F("unit__level")).count() == 0
    assert Assignment.objects.filter(term_ends_on__lte=F("valid_from")).count() == 0
    people = Person.objects.filter(managing_unit__isnull=True).annotate(first=Min("assignments__valid_from"))
    for birth, recruited, first in people.values_list("birth_date", "recruited_on", "first"):
        assert first is not None and first >= add_years(birth, 18)
        assert recruited is not None and recruited <= first


def test_concurrent_posts_sit_inside_a_main_post(demo: DemoSummary) -> None:
    concurrent = Assignment.objects.filter(is_concurrent=True)
    assert concurrent.exists()
    for post in concurrent:
        mains = Assignment.objects.filter(
            person_id=post.person_id, is_concurrent=False, valid_from__lte=post.valid_from
        )
        assert mains.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=post.valid_to or TODAY)).exists()


def test_national_ids_are_valid_unique_and_match_birth_and_sex(demo: DemoSummary) -> None:
    rows = list(Person.objects.values_list("national_id", "birth_date", "sex"))
    assert len({nid for nid, _, _ in rows}) == len(rows)
    for nid, birth, sex in rows:
        assert validate_national_id(nid, birth_date=birth, sex=sex) == nid


def test_nothing_happens_after_today(demo: DemoSummary) -> None:
    assert Person.objects.filter(birth_date__gt=TODAY).count() == 0
    assert Person.objects.filter(Q(birth_date__year__lt=1962) | Q(birth_date__year__gt=2000)).count() == 0
    for field in ("recruited_on", "party_joined_on", "party_official_on", "national_id_issued_on"):
        assert Person.objects.filter(**{f"{field}__gt": TODAY}).count() == 0, field
    assert Assignment.objects.filter(Q(valid_from__gt=TODAY) | Q(valid_to__gt=TODAY)).count() == 0
    assert Decision.objects.filter(signed_on__gt=TODAY).count() == 0
    assert Qualification.objects.filter(obtained_on__gt=TODAY).count() == 0
    assert OrgUnit.objects.filter(Q(valid_from__gt=TODAY) | Q(valid_to__gt=TODAY)).count() == 0
    assert Term.objects.filter(Q(valid_from__gt=TODAY) | Q(valid_to__gt=TODAY)).count() == 0
    assert Membership.objects.filter(Q(valid_from__gt=TODAY) | Q(valid_to__gt=TODAY)).count() == 0


def test_unit_paths_follow_the_tree(demo: DemoSummary) -> None:
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == f"{parent.path if parent else ''}{unit.pk:06d}/"
        assert unit.depth == (parent.depth + 1 if parent else 0)
        if parent is not None:
            assert unit.valid_from >= parent.valid_from
            assert parent.valid_to is None or (unit.valid_to is not None and unit.valid_to <= parent.valid_to)


def test_the_district_level_ends_with_the_reform(demo: DemoSummary) -> None:
    district = OrgUnit.objects.filter(level=Level.DISTRICT)
    assert district.exists()
    assert district.exclude(valid_to=LAST_OLD_DAY).count() == 0
    assert OrgUnit.objects.as_of(REFORM_DAY).filter(level=Level.DISTRICT).count() == 0
    assert Assignment.objects.as_of(REFORM_DAY).filter(unit__level=Level.DISTRICT).count() == 0
    old_communes = OrgUnit.objects.filter(level=Level.COMMUNE, valid_to=LAST_OLD_DAY)
    assert old_communes.exists()
    merged = UnitSuccession.objects.filter(predecessor__in=old_communes, effective_on=REFORM_DAY)
    assert merged.values("predecessor").distinct().count() == old_communes.count()
    # People of the district level either retired or went on to a post from 01/07/2025.
    ended = Assignment.objects.filter(unit__level=Level.DISTRICT, valid_to=LAST_OLD_DAY, is_concurrent=False)
    moved = Assignment.objects.filter(person__in=ended.values("person"), valid_from=REFORM_DAY)
    assert moved.exists() and moved.count() < ended.count()


def test_leaders_are_older_and_more_often_men_than_staff(demo: DemoSummary) -> None:
    leaders = Person.objects.filter(
        assignments__in=Assignment.objects.as_of(BASELINE).filter(
            title__is_leadership=True, title__level__in=[Level.PROVINCE, Level.DISTRICT]
        )
    ).distinct()
    staff = Person.objects.filter(
        assignments__in=Assignment.objects.as_of(BASELINE).filter(title__is_leadership=False)
    ).distinct()

    def mean_birth_year(people: object) -> float:
        years = [p.birth_date.year for p in people]  # type: ignore[attr-defined]
        return sum(years) / len(years)

    assert mean_birth_year(leaders) < mean_birth_year(staff) - 3
    women = leaders.filter(sex="nu").count() / leaders.count()
    assert women < staff.filter(sex="nu").count() / staff.count()
    assert (
        Person.objects.filter(party_joined_on__isnull=False).filter(pk__in=leaders).count()
        >= 0.9 * leaders.count()
    )


def test_elected_bodies_have_members_within_their_terms(demo: DemoSummary) -> None:
    memberships = Membership.objects.all()
    assert memberships.exists()
    assert memberships.filter(valid_from__lt=F("term__valid_from")).count() == 0
    ended = memberships.filter(term__valid_to__isnull=False)
    assert ended.exists()
    assert ended.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=F("term__valid_to"))).count() == 0
    secretaries = Membership.objects.filter(
        role=MemberRole.SECRETARY, term__body__kind="party_executive", valid_from=F("term__valid_from")
    )
    assert secretaries.values("term").distinct().count() == secretaries.count() > 0
    women = Membership.objects.filter(term__body__kind="party_executive", person__sex="nu").count()
    assert 0 < women < Membership.objects.filter(term__body__kind="party_executive").count()


def test_nominees_of_2021_include_the_elected(demo: DemoSummary) -> None:
    nominations = Nomination.objects.filter(term__name="2021-2026")
    assert nominations.filter(outcome=NominationOutcome.ELECTED).exists()
    assert nominations.filter(outcome=NominationOutcome.NOT_ELECTED).exists()
    elected = set(nominations.filter(outcome=NominationOutcome.ELECTED).values_list("person_id", "term_id"))
    members = set(
        Membership.objects.filter(term__in=nominations.values("term")).values_list("person_id", "term_id")
    )
    assert elected <= members


def test_qualifications_improve_after_the_baseline(demo: DemoSummary) -> None:
    assert Qualification.objects.filter(obtained_on__gt=BASELINE).exists()
    assert Qualification.objects.filter(started_on__gt=F("obtained_on")).count() == 0
    assert FamilyMember.objects.exists()


def test_a_sample_of_rows_passes_model_validation(demo: DemoSummary) -> None:
    rng = random.Random(0)
    for model in (Person, Assignment, Qualification, Membership, Decision, OrgUnit, FamilyMember):
        ids = list(model._default_manager.values_list("pk", flat=True))
        for obj in model._default_manager.filter(pk__in=rng.sample(ids, min(40, len(ids)))):
            obj.full_clean(validate_unique=False)


def test_the_womens_union_is_led_by_women(demo: DemoSummary) -> None:
    chairs = Assignment.objects.filter(title__code="CHU_TICH_HOI_PHU_NU_XA")
    assert chairs.exists()
    assert chairs.exclude(person__sex="nu").count() == 0
