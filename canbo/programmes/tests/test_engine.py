"""The engine on small hand-built provinces where the right answer is obvious.

Every test runs on both backends: the ORM on the transactional database and DuckDB on the analytics
snapshot (rebuilt before answering whenever the records changed), on SQLite and on PostgreSQL.
"""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from canbo.core import testing as make
from canbo.org.choices import BodyKind, Level
from canbo.org.services import elected_body_create, membership_create, term_create, units_merge
from canbo.people.choices import QualificationKind
from canbo.people.services import qualification_create
from canbo.posts.choices import TitleRank
from canbo.programmes.choices import Status
from canbo.programmes.engine import compare_units, compute, compute_programme, people
from canbo.programmes.models import Indicator, Programme
from canbo.programmes.services import indicator_update, target_set

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = D(2020, 12, 11)


@pytest.fixture(params=["database", "snapshot"], autouse=True)
def backend(request, settings, tmp_path):
    """The engine's backend for the test; the snapshot lives in the test's own directory."""
    settings.CANBO_ANALYTICS_BACKEND = request.param
    settings.CANBO_ANALYTICS_PATH = tmp_path / "analytics" / "snapshot.duckdb"
    settings.CANBO_ANALYTICS_REFRESH = "inline"
    return request.param


@pytest.fixture
def province():
    root = make.unit("Tỉnh Lào Cai", kind="administration", code="LC")
    dept = make.unit("Sở Nội vụ", parent=root, code="SNV")
    other = make.unit("Sở Tài chính", parent=root, code="STC")
    district = make.unit(
        "Huyện Bảo Thắng", parent=root, level=Level.DISTRICT, valid_to=D(2025, 6, 30), code="BT"
    )
    programme = Programme.objects.create(
        code="T",
        title="Thử",
        kind="scheme",
        issuer="Tỉnh ủy",
        period_start=2020,
        period_end=2025,
        territory=root,
    )
    titles = {
        "head": make.title("Giám đốc Sở", rank=TitleRank.HEAD, sole=True, leadership=True),
        "deputy": make.title("Phó Giám đốc Sở", rank=TitleRank.DEPUTY, leadership=True),
        "staff": make.title("Chuyên viên"),
        "d_secretary": make.title(
            "Bí thư Huyện ủy",
            level=Level.DISTRICT,
            rank=TitleRank.KEY,
            sole=True,
            leadership=True,
            code="BI_THU_HUYEN_UY",
        ),
    }
    return {
        "root": root,
        "dept": dept,
        "other": other,
        "district": district,
        "programme": programme,
        **titles,
    }


def indicator(programme, code, definition, targets=()):
    ind = Indicator.objects.create(
        programme=programme, code=code, name=code, subject="người", definition=definition
    )
    for year, comparison, low, high in targets:
        target_set(
            actor=None, indicator=ind, year=year, data={"comparison": comparison, "low": low, "high": high}
        )
    return ind


YOUNG_LEADERS = {
    "population": {"source": "posts", "levels": ["province"], "ranks": ["head", "deputy"]},
    "numerator": [{"field": "age", "op": "<", "value": 40}],
}


def test_a_person_turning_40_on_the_date_is_no_longer_under_40(province):
    p = province
    make.assign(make.person("Trần Văn An", birth_date=D(1980, 12, 11)), p["dept"], p["head"], D(2015, 1, 1))
    make.assign(make.person("Lê Văn Bình", birth_date=D(1970, 1, 1)), p["dept"], p["deputy"], D(2015, 1, 1))
    ind = indicator(p["programme"], "Y", YOUNG_LEADERS, [(2025, "range", 5, 10)])
    before = compute(ind, as_of=AS_OF - dt.timedelta(days=1))
    on_day = compute(ind, as_of=AS_OF)
    assert (before.numerator, before.denominator) == (1, 2)
    assert (on_day.numerator, on_day.denominator) == (0, 2)
    assert on_day.status == Status.NOT_YET and on_day.gap == 1
    assert on_day.value == 0 and before.value_display == "50,00%"


def test_a_post_changed_the_day_before_counts_the_new_post(province):
    p = province
    an = make.person("Trần Văn An", birth_date=D(1985, 1, 1))
    make.assign(an, p["dept"], p["staff"], D(2010, 1, 1), AS_OF - dt.timedelta(days=2))
    make.assign(an, p["dept"], p["deputy"], AS_OF - dt.timedelta(days=1))
    ind = indicator(p["programme"], "Y", YOUNG_LEADERS)
    result = compute(ind, as_of=AS_OF)
    assert (result.numerator, result.denominator) == (1, 1)
    assert compute(ind, as_of=AS_OF - dt.timedelta(days=2)).denominator == 0


def test_women_in_two_bodies_count_twice_as_seats_and_once_as_persons(province):
    p = province
    hang = make.person("Nguyễn Thị Hằng")
    an = make.person("Trần Văn An")
    for unit, level in ((p["root"], Level.PROVINCE), (p["district"], Level.DISTRICT)):
        body = elected_body_create(
            actor=None,
            data={
                "org_unit": unit,
                "kind": BodyKind.PARTY_EXECUTIVE,
                "level": level,
                "name": f"BCH {unit.name}",
            },
        )
        term = term_create(
            actor=None,
            body=body,
            data={"name": "2020–2025", "valid_from": D(2020, 10, 1), "valid_to": D(2025, 6, 30)},
        )
        membership_create(actor=None, person=hang, data={"term": term, "valid_from": D(2020, 10, 1)})
        if level == Level.PROVINCE:
            membership_create(actor=None, person=an, data={"term": term, "valid_from": D(2020, 10, 1)})
    seats = indicator(
        p["programme"],
        "S",
        {
            "population": {"source": "bodies", "body_kinds": ["party_executive"]},
            "numerator": [{"field": "sex", "value": "nu"}],
        },
    )
    persons = indicator(
        p["programme"],
        "P",
        {
            "population": {"source": "bodies", "body_kinds": ["party_executive"], "count": "persons"},
            "numerator": [{"field": "sex", "value": "nu"}],
        },
    )
    assert (compute(seats, as_of=AS_OF).numerator, compute(seats, as_of=AS_OF).denominator) == (2, 3)
    assert (compute(persons, as_of=AS_OF).numerator, compute(persons, as_of=AS_OF).denominator) == (1, 2)
    # Only the provincial committee inside the department's subtree? No: bodies belong to their own units.
    assert compute(seats, as_of=AS_OF, unit=p["district"]).denominator == 1


def test_district_rows_are_not_applicable_after_the_reform(province):
    p = province
    make.assign(make.person("Trần Văn An"), p["district"], p["d_secretary"], D(2016, 1, 1), D(2025, 6, 30))
    ind = indicator(
        p["programme"],
        "D",
        {
            "population": {"source": "posts", "levels": ["district"], "titles": ["BI_THU_HUYEN_UY"]},
            "numerator": [{"field": "age", "op": ">=", "value": 18}],
        },
        [(2025, "exactly", 100, None)],
    )
    assert compute(ind, as_of=D(2025, 6, 30)).status == Status.ACHIEVED
    after = compute(ind, as_of=D(2025, 7, 1))
    assert after.status == Status.NOT_APPLICABLE and after.numerator is None
    assert "01/07/2025" in after.note


def test_merged_communes_count_in_their_successor(province):
    p = province
    chair = make.title(
        "Chủ tịch UBND xã", level=Level.COMMUNE, rank=TitleRank.KEY, sole=True, leadership=True, code="CT_XA"
    )
    a = make.unit("UBND xã A", parent=p["district"], level=Level.COMMUNE, valid_to=D(2025, 6, 30))
    b = make.unit("UBND xã B", parent=p["district"], level=Level.COMMUNE, valid_to=D(2025, 6, 30))
    new = make.unit("UBND xã C", parent=p["root"], level=Level.COMMUNE, valid_from=D(2025, 7, 1))
    make.assign(make.person("Nguyễn Thị Hằng"), a, chair, D(2021, 1, 1), D(2025, 6, 30))
    make.assign(make.person("Trần Văn An"), b, chair, D(2021, 1, 1), D(2025, 6, 30))
    units_merge(actor=None, predecessors=[a, b], successor=new, effective_on=D(2025, 7, 1))
    make.assign(make.person("Lê Thị Mai"), new, chair, D(2025, 7, 1))
    ind = indicator(
        p["programme"],
        "C",
        {
            "population": {"source": "posts", "titles": ["CT_XA"]},
            "numerator": [{"field": "sex", "value": "nu"}],
        },
    )
    before, after = compute(ind, as_of=D(2025, 6, 30)), compute(ind, as_of=D(2025, 7, 1))
    assert (before.numerator, before.denominator) == (1, 2)
    assert (after.numerator, after.denominator) == (1, 1)


def test_qualification_counts_from_the_date_obtained(province):
    p = province
    an = make.person("Trần Văn An")
    make.assign(an, p["dept"], p["head"], D(2015, 1, 1))
    master = make.level(QualificationKind.EDUCATION, "THAC_SI", "Thạc sĩ", 5)
    qualification_create(actor=None, person=an, data={"level": master, "obtained_on": D(2021, 6, 1)})
    ind = indicator(
        p["programme"],
        "Q",
        {
            "population": {"source": "posts", "leadership": True},
            "numerator": [{"field": "qualification", "kind": "education", "min_level": "THAC_SI"}],
        },
    )
    assert compute(ind, as_of=D(2021, 5, 31)).numerator == 0
    assert compute(ind, as_of=D(2021, 6, 1)).numerator == 1


def test_drill_down_lists_the_people_counted(province):
    p = province
    an = make.person("Trần Văn An", birth_date=D(1990, 1, 1))
    binh = make.person("Lê Văn Bình", birth_date=D(1960, 1, 1))
    make.assign(an, p["dept"], p["head"], D(2015, 1, 1))
    make.assign(binh, p["other"], p["deputy"], D(2015, 1, 1))
    ind = indicator(p["programme"], "Y", YOUNG_LEADERS)
    assert list(people(ind, as_of=AS_OF)) == [an]
    assert list(people(ind, as_of=AS_OF, part="denominator")) == [an, binh]
    assert list(people(ind, as_of=AS_OF, unit=p["other"])) == []


def test_units_are_compared_in_one_query(province, backend, django_assert_num_queries):
    p = province
    make.assign(make.person("Trần Văn An", birth_date=D(1990, 1, 1)), p["dept"], p["head"], D(2015, 1, 1))
    make.assign(make.person("Lê Văn Bình", birth_date=D(1960, 1, 1)), p["other"], p["head"], D(2015, 1, 1))
    ind = indicator(p["programme"], "Y", YOUNG_LEADERS, [(2025, "at_least", 50, None)])
    compare_units(ind, as_of=AS_OF, parent=p["root"])  # the snapshot is built here, not in the count below
    # Children, target, then one grouped count (database) or "has anything changed?" (snapshot: the
    # grouped count runs in DuckDB).
    with django_assert_num_queries(3):
        rows = compare_units(ind, as_of=AS_OF, parent=p["root"])
    by_unit = {r.unit.code: (r.numerator, r.denominator) for r in rows}
    assert by_unit == {"SNV": (1, 1), "STC": (0, 1), "BT": (0, 0)}


def test_a_programme_costs_one_query_per_indicator(province, backend, django_assert_num_queries):
    p = province
    for i in range(5):
        indicator(p["programme"], f"Y{i}", YOUNG_LEADERS, [(2025, "range", 5, 10)])
    programme = Programme.objects.select_related("territory").get(pk=p["programme"].pk)
    compute_programme(programme, as_of=AS_OF)  # the snapshot is built here
    # Indicators, targets, then one count each (database) or one "has anything changed?" (snapshot).
    with django_assert_num_queries(1 + 1 + 5 if backend == "database" else 1 + 1 + 1):
        results = compute_programme(programme, as_of=AS_OF)
    assert len(results) == 5
    assert all((r.data_as_of is None) == (backend == "database") for r in results)


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        (
            {"population": {"source": "posts"}, "numerator": [{"field": "salary", "op": ">", "value": 1}]},
            "salary",
        ),
        (
            {
                "population": {"source": "posts", "colour": "red"},
                "numerator": [{"field": "sex", "value": "nu"}],
            },
            "colour",
        ),
        ({"population": {"source": "people"}, "numerator": [{"field": "sex", "value": "nu"}]}, "source"),
        (
            {
                "population": {"source": "posts", "titles": ["KHONG_CO"]},
                "numerator": [{"field": "sex", "value": "nu"}],
            },
            "KHONG_CO",
        ),
        (
            {
                "population": {"source": "posts"},
                "numerator": [{"field": "qualification", "kind": "education", "min_level": "XYZ"}],
            },
            "XYZ",
        ),
        ({"population": {"source": "posts"}, "numerator": []}, "ít nhất một điều kiện"),
    ],
)
def test_bad_definitions_are_refused_and_nothing_is_stored(province, definition, message):
    ind = indicator(province["programme"], "Y", YOUNG_LEADERS)
    with pytest.raises(ValidationError) as err:
        indicator_update(actor=None, indicator=ind, data={"definition": definition})
    assert message in str(err.value)
    ind.refresh_from_db()
    assert ind.definition == YOUNG_LEADERS


def test_targets_outside_0_to_100_are_refused(province):
    ind = indicator(province["programme"], "Y", YOUNG_LEADERS)
    with pytest.raises(ValidationError) as err:
        target_set(
            actor=None, indicator=ind, year=2025, data={"comparison": "at_least", "low": Decimal("120")}
        )
    assert "low" in err.value.message_dict
    with pytest.raises(ValidationError):
        target_set(actor=None, indicator=ind, year=2025, data={"comparison": "range", "low": 10, "high": 5})
    assert not ind.targets.exists()


def test_future_dates_and_units_outside_the_territory_are_refused(province):
    ind = indicator(province["programme"], "Y", YOUNG_LEADERS)
    with pytest.raises(ValidationError) as err:
        compute(ind, as_of=D(2999, 1, 1))
    assert "sau hôm nay" in str(err.value)
    outside = make.unit("Tỉnh khác", code="X")
    with pytest.raises(ValidationError) as err:
        compute(ind, as_of=AS_OF, unit=outside)
    assert "ngoài phạm vi" in str(err.value)


def test_the_command_prints_json_per_indicator(province):
    p = province
    make.assign(make.person("Trần Văn An", birth_date=D(1990, 1, 1)), p["dept"], p["head"], D(2015, 1, 1))
    indicator(p["programme"], "Y", YOUNG_LEADERS, [(2025, "range", 5, 10)])
    out = StringIO()
    call_command("indicators", "--programme", "T", "--as-of", "2020-12-11", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["indicators"]["Y"] == {
        **payload["indicators"]["Y"],
        "numerator": 1,
        "denominator": 1,
        "value": 100.0,
        "status": "not_yet",
    }
    table = StringIO()
    call_command("indicators", "--programme", "T", "--as-of", "2020-12-11", stdout=table)
    assert "1/1 100,00%" in table.getvalue()
    with pytest.raises(CommandError):
        call_command("indicators", "--programme", "NONE")
    with pytest.raises(CommandError):
        call_command("indicators", "--programme", "T", "--as-of", "2999-01-01")
