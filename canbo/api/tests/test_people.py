"""The people endpoints: filters, as_of, sub-resources, the audit of detail views, scope and bad input."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.audit.models import AuditAction, AuditEvent
from canbo.core import testing as make
from canbo.org.choices import BodyKind, Level
from canbo.org.services import elected_body_create, membership_create, term_create
from canbo.people.services import qualification_create

pytestmark = pytest.mark.django_db
D = dt.date


def names(response):
    assert response.status_code == 200, response.content
    return [row["full_name"] for row in response.json()["results"]]


def test_it_requires_authentication(anonymous, province):
    assert anonymous.get("/api/people/").status_code == 401
    assert anonymous.get(f"/api/people/{province['hang'].pk}/").status_code == 401
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_a_wrong_token_is_refused(province):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/people/").status_code == 401


def test_session_authentication_works_for_the_browser_docs(user, province, client):
    client.force_login(user)
    assert client.get("/api/people/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "<script>" not in html  # the start-up script is a file: the CSP allows no inline script
    assert client.get("/api/docs/", {"script": ""}).status_code == 200


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_require_authentication(anonymous, path):
    assert anonymous.get(path).status_code in (401, 403)


def test_the_schema_is_openapi_3(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/people/{id}/assignments/" in schema["paths"]


def test_it_lists_people_holding_a_post_without_national_ids(api, province):
    response = api.get("/api/people/")
    assert names(response) == ["Trần Văn An", "Nguyễn Thị Hằng"]  # given name order: An, Hằng
    row = response.json()["results"][1]
    assert "national_id" not in row and "sensitive" not in row
    assert row["current_post"]["title"] == "Phó Giám đốc Sở"
    assert row["current_post"]["unit_name"] == "Sở Nội vụ"


def test_as_of_changes_the_current_post(api, province):
    rows = api.get("/api/people/", {"as_of": "01/06/2015"}).json()["results"]
    hang = next(row for row in rows if row["full_name"] == "Nguyễn Thị Hằng")
    assert hang["current_post"]["title"] == "Chuyên viên"
    assert hang["current_post"]["unit_name"] == "Phòng Công chức"
    assert "Lê Văn Bình" in [row["full_name"] for row in rows]
    detail = api.get(f"/api/people/{province['hang'].pk}/", {"as_of": "2015-06-01"}).json()
    assert detail["current_post"]["title"] == "Chuyên viên"
    assert api.get(f"/api/people/{province['hang'].pk}/").json()["current_post"]["title"] == "Phó Giám đốc Sở"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "nguyen thi hang"}, ["Nguyễn Thị Hằng"]),
        ({"q": "HẰNG"}, ["Nguyễn Thị Hằng"]),
        ({"sex": "nu"}, ["Nguyễn Thị Hằng"]),
        ({"age_min": 50}, ["Trần Văn An"]),
        ({"age_max": 50}, ["Nguyễn Thị Hằng"]),
        ({"leadership_only": "true"}, ["Trần Văn An", "Nguyễn Thị Hằng"]),
        (
            {"leadership_only": "false", "as_of": "01/01/2016"},
            ["Trần Văn An", "Lê Văn Bình", "Nguyễn Thị Hằng"],
        ),
        ({"rank": "head"}, ["Trần Văn An"]),
        ({"include_former": "true"}, ["Trần Văn An", "Lê Văn Bình", "Nguyễn Thị Hằng"]),
        ({"minority": "true"}, []),
        ({"staff_category": "vien_chuc"}, []),
        ({"level": "district"}, []),
        ({"q": "' OR 1=1 --"}, []),
        ({"q": "<script>alert(1)</script>"}, []),
        ({"q": "%"}, []),
    ],
)
def test_it_filters_like_the_web_list(api, province, params, expected):
    assert names(api.get("/api/people/", params)) == expected


def test_it_filters_by_unit_subtree_title_and_ethnicity(api, province):
    p = province
    assert names(api.get("/api/people/", {"unit": p["home"].pk})) == ["Nguyễn Thị Hằng"]
    assert names(api.get("/api/people/", {"unit": p["division"].pk, "as_of": "01/01/2015"})) == [
        "Nguyễn Thị Hằng"
    ]
    assert names(api.get("/api/people/", {"title": p["director"].pk})) == ["Trần Văn An"]
    assert len(names(api.get("/api/people/", {"ethnicity": p["hang"].ethnicity_id}))) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"sex": "x"},
        {"age_min": "abc"},
        {"age_min": "1.5"},
        {"age_min": 3},
        {"age_min": 60, "age_max": 40},
        {"unit": "abc"},
        {"unit": "99999999999999999999"},
        {"title": "0"},
        {"leadership_only": "maybe"},
        {"q": "x" * 500},
        {"q": "a\x00b"},
        {"as_of": "hôm qua"},
        {"as_of": "2999-01-01"},
        {"page": "abc"},
    ],
)
def test_bad_input_answers_400_or_404_with_a_message(api, province, params):
    response = api.get("/api/people/", params)
    assert response.status_code in (400, 404)
    assert response.json()


def test_writes_and_malformed_json_are_refused_without_a_server_error(api, province):
    for body in ('{"full_name": ', "x" * (11 * 1024 * 1024)):
        response = api.post("/api/people/", data=body, content_type="application/json")
        assert response.status_code in (400, 405, 413)
    assert api.delete(f"/api/people/{province['hang'].pk}/").status_code == 405


def test_the_people_list_runs_a_fixed_number_of_queries(api, province):
    p = province
    for n in range(15):
        make.assign(
            make.person(f"Phạm Văn Số{n}", birth_date=D(1985, 1, 1 + n)),
            p["finance"],
            p["staff"],
            D(2020, 1, 1),
        )
    api.get("/api/people/")  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = api.get("/api/people/")
    assert len(response.json()["results"]) == 17
    # Token lookup, count, page, and the download's audit row (the chain's lock on PostgreSQL, its head,
    # the insert): nothing per row.
    assert len(ctx.captured_queries) <= 7, [q["sql"] for q in ctx.captured_queries]


def test_the_detail_has_the_national_id_in_its_sensitive_block_and_is_audited(api, user, province):
    hang = province["hang"]
    response = api.get(f"/api/people/{hang.pk}/", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 200
    body = response.json()
    assert body["sensitive"]["national_id"] == "001180000001"
    assert "national_id" not in body
    event = AuditEvent.objects.get(action=AuditAction.VIEW, person_id=hang.pk)
    assert (event.actor, event.source, event.client_ip) == (user, "api", "10.0.0.7")


def test_the_detail_lists_concurrent_posts(api, province):
    p = province
    make.assign(p["hang"], p["party"], p["staff"], D(2021, 1, 1), is_concurrent=True)
    body = api.get(f"/api/people/{p['hang'].pk}/").json()
    assert [post["unit_name"] for post in body["concurrent_posts"]] == ["Ban Tổ chức Tỉnh ủy"]


def test_sub_resources_follow_as_of(api, user, province):
    p = province
    hang = p["hang"]
    qualification_create(
        actor=None,
        person=hang,
        data={"level": make.level(), "obtained_on": D(2005, 6, 1)},
    )
    body = elected_body_create(
        actor=None,
        data={
            "org_unit": p["root"],
            "kind": BodyKind.PARTY_EXECUTIVE,
            "level": Level.PROVINCE,
            "name": "BCH Tỉnh",
        },
    )
    term = term_create(actor=None, body=body, data={"name": "2020-2025", "valid_from": D(2020, 10, 1)})
    membership_create(actor=None, person=hang, data={"term": term, "valid_from": D(2020, 10, 1)})

    work = api.get(f"/api/people/{hang.pk}/assignments/").json()["results"]
    assert [(row["title"], row["is_active"]) for row in work] == [
        ("Chuyên viên", False),
        ("Phó Giám đốc Sở", True),
    ]
    early = api.get(f"/api/people/{hang.pk}/assignments/", {"as_of": "01/01/2015"}).json()["results"]
    assert [(row["title"], row["is_active"]) for row in early] == [("Chuyên viên", True)]
    assert api.get(f"/api/people/{hang.pk}/qualifications/").json()["results"][0]["level"] == "Đại học"
    assert api.get(f"/api/people/{hang.pk}/qualifications/", {"as_of": "01/01/2000"}).json()["results"] == []
    seats = api.get(f"/api/people/{hang.pk}/memberships/").json()["results"]
    assert [(row["body"], row["is_active"]) for row in seats] == [("BCH Tỉnh", True)]
    assert api.get(f"/api/people/{hang.pk}/memberships/", {"as_of": "01/01/2019"}).json()["results"] == []
    # Sub-resources are not detail views: only opening the record itself is audited.
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_people_outside_scope_answer_404_like_missing_ones(api, province, monkeypatch):
    from canbo.people.models import Person

    an = province["an"]
    monkeypatch.setattr(
        "canbo.people.selectors.visible_persons", lambda user: Person.objects.filter(pk=an.pk)
    )
    hidden = province["hang"].pk
    for suffix in ("", "assignments/", "qualifications/", "memberships/"):
        missing = api.get(f"/api/people/999999/{suffix}")
        refused = api.get(f"/api/people/{hidden}/{suffix}")
        assert refused.status_code == missing.status_code == 404
        assert refused.json() == missing.json()
    assert names(api.get("/api/people/")) == ["Trần Văn An"]
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()
