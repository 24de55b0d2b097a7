"""What bad input gets at the API (issue 5): the API is read-only, so writes answer 405 whatever the body
(malformed or oversized JSON included) and change nothing; guessed ids answer 404; bodies are bounded."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from canbo.audit.models import AuditAction, AuditEvent
from canbo.org.models import OrgUnit
from canbo.people.models import Person
from canbo.posts.models import Assignment

pytestmark = pytest.mark.django_db
MALFORMED = '{"full_name": "Nguyễn Văn Giả", "managing_unit": '
BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def counts() -> list[int]:
    """Rows a write could add or remove, and the trail's write rows (reads of lists are recorded too)."""
    writes = AuditEvent.objects.filter(
        action__in=(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)
    )
    return [model.objects.count() for model in (Person, Assignment, OrgUnit)] + [writes.count()]


def endpoints(province: dict[str, Any]) -> list[str]:
    person, unit = province["hang"].pk, province["home"].pk
    return [
        reverse("api:person-list"),
        reverse("api:person-detail", args=[person]),
        reverse("api:unit-list"),
        reverse("api:unit-detail", args=[unit]),
        reverse("api:programme-list"),
        reverse("api:person-eligibility", args=[person]),
    ]


def test_request_bodies_are_bounded() -> None:
    """Django refuses (400) form and raw bodies above this size before anything parses them."""
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert 0 < settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_with_malformed_json_are_refused_and_change_nothing(
    api: Any, anonymous: Any, province: dict[str, Any], method: str
) -> None:
    before = counts()
    for url in endpoints(province):
        response = getattr(api, method)(url, MALFORMED, content_type="application/json")
        assert response.status_code == 405, (method, url, response.status_code)
        assert response.json()["detail"], url  # a message, not a server error page
        assert getattr(anonymous, method)(url, MALFORMED, content_type="application/json").status_code in (
            401,
            403,
        )
    assert counts() == before


def test_an_oversized_body_does_not_break_the_api(api: Any, province: dict[str, Any]) -> None:
    before = counts()
    body = '{"notes": "' + "x" * (BIG + 1) + '"}'
    response = api.post(reverse("api:person-list"), body, content_type="application/json")
    assert response.status_code in (400, 405, 413)
    assert counts() == before


def test_an_oversized_form_post_is_refused_with_400(province: dict[str, Any]) -> None:
    """A page that reads the body (the sign-in form) answers 400 instead of reading megabytes into memory."""
    response = Client().post(
        reverse("login"),
        "username=a&password=" + "x" * (BIG + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "pk"),
    [
        ("api:person-detail", 987654321),
        ("api:person-assignments", 987654321),
        ("api:unit-detail", 987654321),
        ("api:person-eligibility", 987654321),
    ],
)
def test_guessed_ids_are_not_found(api: Any, province: dict[str, Any], name: str, pk: int) -> None:
    assert api.get(reverse(name, args=[pk])).status_code == 404
    assert api.get(reverse(name, args=[pk]).replace(str(pk), "0")).status_code == 404


def test_malformed_ids_and_filters_are_not_server_errors(api: Any, province: dict[str, Any]) -> None:
    base = reverse("api:person-list")
    assert api.get(base.rstrip("/") + "/abc/").status_code == 404
    for query in (
        "unit=abc",
        "unit='; DROP TABLE people_person; --",
        "page=-1",
        "page=abc",
        "as_of=31/02/2024",
    ):
        assert api.get(f"{base}?{query}").status_code in (200, 400, 404), query
    assert counts()[0] == 3
