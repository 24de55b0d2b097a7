"""Knowledge-update courses and planning entries on the demo: HG-6 and HG-7 have something to count."""

from __future__ import annotations

import pytest
from django.db.models import F

from canbo.demo.generator import DemoSummary
from canbo.people.choices import TrainingKind
from canbo.people.models import TrainingCourse
from canbo.posts.models import PlanningEntry
from canbo.programmes.engine import compute_programme
from canbo.programmes.models import Programme

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _hg(code: str) -> tuple[int, int]:
    programme = Programme.objects.get(code="HG-NQ")
    result = next(r for r in compute_programme(programme, as_of=TODAY) if r.indicator.code == code)
    assert result.numerator is not None and result.denominator is not None
    return result.numerator, result.denominator


def test_hg6_counts_leaders_and_some_are_not_up_to_date(demo: DemoSummary) -> None:
    numerator, denominator = _hg("HG-6")
    assert denominator > 0
    assert 0 < numerator < denominator  # strictly between 0 and 100%: below the 100% target
    assert numerator / denominator > 0.6  # most leaders had a course within the last five years


def test_hg7_counts_the_planned_and_a_few_percent_are_deep_expertise(demo: DemoSummary) -> None:
    numerator, denominator = _hg("HG-7")
    assert denominator > 0
    assert 0 < numerator < denominator * 0.2


def test_courses_and_planning_rows_are_well_formed(demo: DemoSummary) -> None:
    assert demo.rows["training_courses"] == TrainingCourse.objects.count() > 0
    assert demo.rows["planning"] == PlanningEntry.objects.count() > 0
    courses = TrainingCourse.objects.all()
    assert not courses.filter(ended_on__gt=TODAY).exists()
    assert not courses.filter(started_on__lt=F("person__birth_date")).exists()
    assert set(courses.values_list("kind", flat=True)) == {TrainingKind.KNOWLEDGE_UPDATE}
    assert courses.order_by("ended_on").first().ended_on.year >= 2016  # type: ignore[union-attr]
    planning = PlanningEntry.objects.all()
    assert set(planning.values_list("term_label", flat=True)) == {"2020-2025", "2025-2030"}
    assert set(planning.values_list("title__management_category__code", flat=True)) == {"BTV_TINH"}
    assert not planning.filter(deep_expertise=True, expertise_field="").exists()
    assert not planning.filter(unit__valid_to__lt=F("valid_from")).exists()
    # The planned held a post on the decision day (candidates come from the posts below the title).
    for entry in planning.order_by("id")[:: max(1, planning.count() // 50)]:
        assert entry.person.assignments.filter(valid_from__lte=entry.valid_from).exists()
