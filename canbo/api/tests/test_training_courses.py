"""Training courses in the API: in the person detail and as a sub-resource, dated and scoped."""

import datetime as dt

import pytest

from canbo.audit.models import AuditAction, AuditEvent
from canbo.people.choices import TrainingKind
from canbo.people.models import Person
from canbo.people.training import training_course_create

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def courses(province):
    hang = province["hang"]

    def course(name, started, ended, **data):
        return training_course_create(
            actor=None,
            person=hang,
            data={
                "name": name,
                "kind": TrainingKind.KNOWLEDGE_UPDATE,
                "started_on": started,
                "ended_on": ended,
            }
            | data,
        )

    return [
        course("Tin học văn phòng", D(2021, 3, 1), D(2021, 4, 30), kind=TrainingKind.OTHER),
        course(
            "Bồi dưỡng đối tượng 4",
            D(2016, 9, 5),
            D(2016, 11, 25),
            institution="Trường Chính trị tỉnh",
            note="Giấy chứng nhận",
        ),
    ]


def test_the_detail_lists_the_courses_in_date_order(api, province, courses):
    body = api.get(f"/api/people/{province['hang'].pk}/").json()
    assert body["training_courses"] == [
        {
            "id": courses[1].pk,
            "name": "Bồi dưỡng đối tượng 4",
            "kind": "cap_nhat_kien_thuc",
            "institution": "Trường Chính trị tỉnh",
            "started_on": "2016-09-05",
            "ended_on": "2016-11-25",
            "note": "Giấy chứng nhận",
        },
        {
            "id": courses[0].pk,
            "name": "Tin học văn phòng",
            "kind": "khac",
            "institution": "",
            "started_on": "2021-03-01",
            "ended_on": "2021-04-30",
            "note": "",
        },
    ]
    early = api.get(f"/api/people/{province['hang'].pk}/", {"as_of": "01/01/2020"}).json()
    assert [row["name"] for row in early["training_courses"]] == ["Bồi dưỡng đối tượng 4"]
    assert api.get(f"/api/people/{province['an'].pk}/").json()["training_courses"] == []


def test_the_sub_resource_follows_as_of_and_is_not_audited_as_a_view(api, province, courses):
    url = f"/api/people/{province['hang'].pk}/training-courses/"
    rows = api.get(url).json()["results"]
    assert [(row["name"], row["kind"]) for row in rows] == [
        ("Bồi dưỡng đối tượng 4", "cap_nhat_kien_thuc"),
        ("Tin học văn phòng", "khac"),
    ]
    assert api.get(url, {"as_of": "01/01/2016"}).json()["results"] == []
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_courses_outside_scope_answer_404_like_missing_ones(api, province, courses, monkeypatch):
    an = province["an"]
    monkeypatch.setattr(
        "canbo.people.selectors.visible_persons", lambda user: Person.objects.filter(pk=an.pk)
    )
    hidden = province["hang"].pk
    refused = api.get(f"/api/people/{hidden}/training-courses/")
    missing = api.get("/api/people/999999/training-courses/")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()


def test_the_schema_describes_the_courses(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    assert "/api/people/{id}/training-courses/" in schema["paths"]
    detail = schema["components"]["schemas"]["PersonDetail"]["properties"]
    assert detail["training_courses"]["type"] == "array"
    course = schema["components"]["schemas"]["TrainingCourse"]["properties"]
    assert set(course) == {"id", "name", "kind", "institution", "started_on", "ended_on", "note"}
