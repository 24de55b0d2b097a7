"""The programme endpoints: list, detail and the indicator results computed by the engine."""

import datetime as dt

import pytest

from canbo.core import testing as make
from canbo.programmes.models import Indicator, Programme
from canbo.programmes.services import target_set

pytestmark = pytest.mark.django_db
D = dt.date

WOMEN_LEADERS = {
    "population": {"source": "posts", "levels": ["province"], "ranks": ["head", "deputy"]},
    "numerator": [{"field": "sex", "value": "nu"}],
}


@pytest.fixture
def programme(province):
    programme = Programme.objects.create(
        code="T-1",
        title="Đề án thử",
        kind="scheme",
        issuer="Tỉnh ủy",
        period_start=2020,
        period_end=2030,
        territory=province["root"],
    )
    indicator = Indicator.objects.create(
        programme=programme, code="NU", name="Nữ lãnh đạo", subject="cán bộ nữ", definition=WOMEN_LEADERS
    )
    target_set(
        actor=None, indicator=indicator, year=2030, data={"comparison": "at_least", "low": 75, "high": None}
    )
    return programme


def test_it_requires_authentication(anonymous, programme):
    assert anonymous.get("/api/programmes/").status_code == 401
    assert anonymous.get("/api/programmes/T-1/results/").status_code == 401


def test_it_lists_and_shows_programmes(api, programme):
    rows = api.get("/api/programmes/").json()["results"]
    assert [row["code"] for row in rows] == ["T-1"]
    detail = api.get("/api/programmes/T-1/").json()
    assert detail["indicators"][0]["code"] == "NU"
    assert detail["indicators"][0]["targets"][0]["year"] == 2030
    assert api.get("/api/programmes/NOPE/").status_code == 404
    assert api.get("/api/programmes/a%00b/").status_code == 404


def test_results_are_the_engines_figures(api, programme):
    body = api.get("/api/programmes/T-1/results/").json()
    assert body["unit"]["code"] == "LC"
    (row,) = body["results"]
    # Two leaders today (An, director; Hằng, deputy); one woman: 50% against ≥ 75%.
    assert (row["indicator"], row["numerator"], row["denominator"]) == ("NU", 1, 2)
    assert row["value"] == 50.0 and row["value_display"] == "50,00%"
    assert row["target"] == "≥ 75%"
    assert row["status"] == "not_yet" and row["gap"] == 1
    assert "Cần thêm 1 cán bộ nữ" in row["note"]


def test_results_follow_as_of_and_unit(api, province, programme):
    early = api.get("/api/programmes/T-1/results/", {"as_of": "01/01/2016"}).json()["results"][0]
    assert (early["numerator"], early["denominator"]) == (0, 1)
    home = api.get("/api/programmes/T-1/results/", {"unit": province["home"].pk}).json()
    assert home["unit"]["code"] == "SNV"
    assert (home["results"][0]["numerator"], home["results"][0]["denominator"]) == (1, 1)


def test_engine_refusals_become_400_with_the_message(api, province, programme):
    outside = make.unit("Tỉnh khác", code="KHAC")
    response = api.get("/api/programmes/T-1/results/", {"unit": outside.pk})
    assert response.status_code == 400
    assert "nằm ngoài phạm vi" in response.json()["unit"][0]
    future = api.get("/api/programmes/T-1/results/", {"as_of": "01/01/2999"})
    assert future.status_code == 400 and "as_of" in future.json()
    for bad in ("abc", "999999", "99999999999999999999999"):
        response = api.get("/api/programmes/T-1/results/", {"unit": bad})
        assert response.status_code == 400 and response.json()["unit"]
