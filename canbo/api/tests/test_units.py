"""The unit endpoints: filters, as_of, scope."""

import pytest

pytestmark = pytest.mark.django_db


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_it_requires_authentication(anonymous, province):
    response = anonymous.get("/api/units/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_it_lists_units_existing_today_in_tree_order(api, province):
    rows = codes(api.get("/api/units/"))
    assert rows[0] == "LC"
    assert set(rows) == {"LC", "SNV", "SNV-CC", "STC", "BTC"}
    assert rows.index("SNV-CC") == rows.index("SNV") + 1


def test_as_of_includes_units_that_existed_then(api, province):
    assert "BT" not in codes(api.get("/api/units/"))
    assert "BT" in codes(api.get("/api/units/", {"as_of": "01/01/2024"}))
    assert "BT" in codes(api.get("/api/units/", {"as_of": "2024-01-01"}))


def test_it_filters_by_parent_level_sector_kind_and_subtree(api, province):
    p = province
    assert set(codes(api.get("/api/units/", {"parent": p["root"].pk}))) == {"SNV", "STC", "BTC"}
    assert codes(api.get("/api/units/", {"level": "district", "as_of": "01/01/2024"})) == ["BT"]
    assert codes(api.get("/api/units/", {"sector": "party"})) == ["BTC"]
    assert codes(api.get("/api/units/", {"kind": "division"})) == ["SNV-CC"]
    assert set(codes(api.get("/api/units/", {"unit": p["home"].pk}))) == {"SNV", "SNV-CC"}


@pytest.mark.parametrize(
    "params",
    [
        {"level": "galaxy"},
        {"parent": "abc"},
        {"unit": "999999"},
        {"unit": "99999999999999999999999"},
        {"as_of": "31/02/2020"},
        {"as_of": "01/01/2999"},
        {"as_of": "01/01/0001"},
    ],
)
def test_bad_filter_values_answer_400(api, province, params):
    response = api.get("/api/units/", params)
    assert response.status_code == 400
    assert response.json()


def test_a_future_date_is_refused_in_vietnamese(api, province):
    response = api.get("/api/units/", {"as_of": "01/01/2999"})
    assert response.status_code == 400
    assert "không được sau hôm nay" in response.json()["as_of"][0]


def test_the_detail_shows_the_parent(api, province):
    response = api.get(f"/api/units/{province['home'].pk}/")
    assert response.status_code == 200
    assert response.json()["parent_name"] == "Tỉnh Lào Cai"


@pytest.mark.parametrize("pk", ["999999", "abc", "99999999999999999999999", "-1"])
def test_unknown_or_malformed_ids_answer_404(api, province, pk):
    assert api.get(f"/api/units/{pk}/").status_code == 404


def test_units_outside_scope_answer_404_like_missing_ones(api, province, monkeypatch):
    from canbo.org.models import OrgUnit

    def narrowed(user):
        return OrgUnit.objects.filter(path__startswith=province["finance"].path)

    monkeypatch.setattr("canbo.org.selectors.visible_units", narrowed)
    monkeypatch.setattr("canbo.api.filters.visible_units", narrowed)
    missing = api.get("/api/units/999999/")
    hidden = api.get(f"/api/units/{province['home'].pk}/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert codes(api.get("/api/units/")) == ["STC"]
    assert api.get("/api/units/", {"unit": province["home"].pk}).status_code == 400
