"""HG-6 (leaders updated with new knowledge) and HG-7 (planning from deep-expertise fields) on small
hand-built data, on both backends (the ORM and the DuckDB snapshot), with their records' services."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from canbo.access.scopes import ScopeDenied
from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.people.choices import TrainingKind
from canbo.people.models import TrainingCourse
from canbo.people.training import training_course_create, training_course_update
from canbo.posts.choices import ExpertiseField, TitleRank
from canbo.posts.models import ManagementCategory, PlanningEntry
from canbo.posts.planning import planning_entry_create, planning_entry_update
from canbo.programmes.choices import Status
from canbo.programmes.engine import compare_units, compute, people
from canbo.programmes.services import indicator_update

from . import test_engine as engine_tests
from .test_engine import AS_OF, YOUNG_LEADERS, indicator

# The engine tests' fixtures: every test here runs on both backends over the same small province.
backend = engine_tests.backend
province = engine_tests.province

pytestmark = pytest.mark.django_db
D = dt.date

HG6 = {
    "population": {"source": "posts", "leadership": True},
    "numerator": [{"field": "training", "kind": "cap_nhat_kien_thuc", "within_years": 5}],
}
HG7 = {
    "population": {"source": "planning", "management_categories": ["BTV_TINH"]},
    "numerator": [{"field": "planning_field", "value": "deep_expertise"}],
}


def course(who, ended_on, kind=TrainingKind.KNOWLEDGE_UPDATE):
    return training_course_create(
        actor=None,
        person=who,
        data={
            "name": "Bồi dưỡng cập nhật kiến thức",
            "kind": kind,
            "institution": "Trường Chính trị tỉnh",
            "started_on": ended_on - dt.timedelta(days=10),
            "ended_on": ended_on,
        },
    )


def years_ago(n, day=AS_OF):
    return day.replace(year=day.year - n)


def test_hg6_counts_leaders_with_a_knowledge_update_course_within_five_years(province):
    p = province
    recent = make.person("Trần Văn An")
    old = make.person("Lê Văn Bình")
    other_kind = make.person("Phạm Văn Cường")
    on_the_bound = make.person("Hoàng Văn Dũng")
    staff = make.person("Vũ Thị Hoa")
    for who, post in [(recent, "head"), (old, "deputy"), (other_kind, "deputy"), (on_the_bound, "deputy")]:
        make.assign(who, p["dept"] if post == "head" else p["other"], p[post], D(2010, 1, 1))
    make.assign(staff, p["dept"], p["staff"], D(2010, 1, 1))
    course(recent, years_ago(4))
    course(old, years_ago(6))
    course(other_kind, years_ago(1), TrainingKind.TITLE_STANDARD)
    course(on_the_bound, years_ago(5))
    course(staff, years_ago(1))  # not a leader: outside the population
    ind = indicator(p["programme"], "HG-6", HG6, [(2025, "exactly", 100, None)])
    result = compute(ind, as_of=AS_OF)
    assert (result.numerator, result.denominator) == (2, 4)
    assert result.status == Status.NOT_YET and result.gap == 2
    # A day later the course of exactly five years ago falls out of the window.
    assert compute(ind, as_of=AS_OF + dt.timedelta(days=1)).numerator == 1
    # The day before the recent course ended, it did not count yet; the two older ones were then recent.
    earlier = years_ago(4) - dt.timedelta(days=1)
    assert compute(ind, as_of=earlier).numerator == 2
    assert set(people(ind, as_of=earlier).values_list("full_name", flat=True)) == {
        "Lê Văn Bình",
        "Hoàng Văn Dũng",
    }
    assert set(people(ind, as_of=AS_OF).values_list("full_name", flat=True)) == {
        "Trần Văn An",
        "Hoàng Văn Dũng",
    }
    by_unit = {
        r.unit.code: (r.numerator, r.denominator) for r in compare_units(ind, as_of=AS_OF, parent=p["root"])
    }
    assert by_unit["SNV"] == (1, 1) and by_unit["STC"] == (1, 3)


@pytest.fixture
def planning(province):
    p = province
    btv, _ = ManagementCategory.objects.get_or_create(code="BTV_TINH", defaults={"name": "BTV tỉnh quản lý"})
    planned = make.title(
        "Giám đốc Sở (quy hoạch)", rank=TitleRank.HEAD, leadership=True, management_category=btv
    )
    unmanaged = make.title("Trưởng phòng", rank=TitleRank.DIVISION_HEAD, leadership=True)

    def plan(name, title, *, deep=False, field="", start=None, end=None, unit=None):
        return planning_entry_create(
            actor=None,
            person=make.person(name),
            data={
                "title": title,
                "unit": unit or p["dept"],
                "term_label": "2020-2025",
                "approved_by": "Ban Thường vụ Tỉnh ủy",
                "decision_number": "123-QĐ/TU",
                "decision_date": D(2020, 5, 20),
                "expertise_field": field,
                "deep_expertise": deep,
                "valid_from": start or D(2020, 6, 1),
                "valid_to": end,
            },
        )

    plan("Trần Văn An", planned, deep=True, field=ExpertiseField.FINANCE)
    plan("Lê Văn Bình", planned, field=ExpertiseField.OTHER, unit=p["other"])
    plan("Phạm Văn Cường", planned, deep=True, field=ExpertiseField.IT, end=AS_OF - dt.timedelta(days=1))
    plan("Hoàng Văn Dũng", unmanaged, deep=True, field=ExpertiseField.LAW)
    plan("Vũ Văn Em", planned, deep=True, field=ExpertiseField.HEALTH, start=AS_OF + dt.timedelta(days=1))
    return p


def test_hg7_counts_planning_entries_in_force_for_btv_titles(planning):
    p = planning
    ind = indicator(p["programme"], "HG-7", HG7, [(2025, "at_least", 5, None)])
    result = compute(ind, as_of=AS_OF)
    # In force on the date and BTV-managed: An (deep) and Bình; Cường ended the day before, Em starts the
    # day after, Dũng's planned title is not BTV-managed.
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.status == Status.ACHIEVED
    assert compute(ind, as_of=AS_OF - dt.timedelta(days=1)).numerator == 2
    assert list(people(ind, as_of=AS_OF).values_list("full_name", flat=True)) == ["Trần Văn An"]
    by_unit = {
        r.unit.code: (r.numerator, r.denominator) for r in compare_units(ind, as_of=AS_OF, parent=p["root"])
    }
    assert by_unit["SNV"] == (1, 1) and by_unit["STC"] == (0, 1)
    by_field = indicator(
        p["programme"],
        "HG-7b",
        {**HG7, "numerator": [{"field": "planning_field", "value": "khac"}]},
    )
    assert (compute(by_field, as_of=AS_OF).numerator, compute(by_field, as_of=AS_OF).denominator) == (1, 2)


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ({**HG6, "numerator": [{"field": "training", "kind": "du_lich", "within_years": 5}]}, "du_lich"),
        ({**HG6, "numerator": [{"field": "training", "kind": "khac", "within_years": 0}]}, "within_years"),
        ({**HG6, "numerator": [{"field": "training", "kind": "khac", "years": 5}]}, "years"),
        ({**HG6, "numerator": [{"field": "planning_field", "value": "deep_expertise"}]}, "planning"),
        (
            {
                "population": {"source": "planning"},
                "numerator": [{"field": "planning_field", "value": "thien_van"}],
            },
            "thien_van",
        ),
        ({**HG7, "population": {"source": "planning", "count": "seats"}}, "persons"),
        ({**HG7, "population": {"source": "planning", "leadership": True}}, "leadership"),
    ],
)
def test_bad_training_and_planning_definitions_are_refused(province, definition, message):
    ind = indicator(province["programme"], "Y", YOUNG_LEADERS)
    with pytest.raises(ValidationError) as err:
        indicator_update(actor=None, indicator=ind, data={"definition": definition})
    assert message in str(err.value)
    ind.refresh_from_db()
    assert ind.definition == YOUNG_LEADERS


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_training_course_service_validates_audits_and_checks_scope(province):
    p = province
    who = make.person("Trần Văn An", managing_unit=p["dept"])
    with pytest.raises(ValidationError) as err:
        training_course_create(
            actor=None,
            person=who,
            data={"name": "X", "kind": "khac", "started_on": D(2020, 5, 1), "ended_on": D(2020, 4, 1)},
        )
    assert "ended_on" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        training_course_create(
            actor=None,
            person=who,
            data={"name": "X", "kind": "khac", "started_on": D(1970, 5, 1), "ended_on": D(1970, 6, 1)},
        )
    assert "started_on" in err.value.message_dict
    assert not TrainingCourse.objects.exists()
    done = course(who, D(2020, 5, 1))
    assert AuditEvent.objects.filter(object_type__contains="trainingcourse", object_id=str(done.pk)).exists()
    outsider = make.make_user("ngoai", role="hr_officer", unit=p["other"])
    with pytest.raises(ScopeDenied):
        training_course_update(actor=outsider, course=done, data={"name": "Đổi tên"})
    done.refresh_from_db()
    assert done.name == "Bồi dưỡng cập nhật kiến thức"


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_planning_entry_service_refuses_deep_expertise_without_a_field(planning):
    entry = PlanningEntry.objects.get(person__full_name="Lê Văn Bình")
    with pytest.raises(ValidationError) as err:
        planning_entry_update(actor=None, entry=entry, data={"deep_expertise": True, "expertise_field": ""})
    assert "expertise_field" in err.value.message_dict
    entry.refresh_from_db()
    assert entry.deep_expertise is False and entry.version == 1


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_the_shipped_hg6_and_hg7_match_the_seed(planning):
    from pathlib import Path

    from canbo.programmes.definitions import compile_definition

    data = json.loads((Path(__file__).parents[1] / "data" / "programmes.json").read_text(encoding="utf-8"))
    hg = {i["code"]: i for p in data["programmes"] if p["code"] == "HG-NQ" for i in p["indicators"]}
    assert compile_definition(hg["HG-6"]["definition"], code="HG-6").conditions[0].field == "training"
    assert compile_definition(hg["HG-7"]["definition"], code="HG-7").source == "planning"
    assert [(t["year"], t["comparison"], t["low"]) for t in hg["HG-6"]["targets"]] == [
        (2025, "exactly", 100),
        (2030, "exactly", 100),
    ]
    assert [(t["year"], t["comparison"], t["low"]) for t in hg["HG-7"]["targets"]] == [(2025, "at_least", 5)]
    assert "baseline" not in hg["HG-6"] and "baseline" not in hg["HG-7"]
