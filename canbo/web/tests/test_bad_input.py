"""SQL and script injection in the search boxes, the person form and the audit search (issue 5, "What bad
input gets"): the text is taken as text — stored verbatim, found by search, shown escaped, never run —
and the tables stay intact."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from canbo.core import testing as make
from canbo.people.models import Person

pytestmark = pytest.mark.django_db
PAYLOADS = [
    "'; DROP TABLE people_person; --",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
]
TEXT_FIELDS = ("full_name", "other_names", "birthplace_text", "strengths", "notes")


def html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def assert_inert(page: str, payload: str) -> None:
    """Every payload holds a character HTML must escape (' < or "): raw, it would break out of its place."""
    assert payload not in page
    assert escape(payload) in page


def intact() -> None:
    """The people table is still there, with its rows (three from the fixture)."""
    assert "people_person" in connection.introspection.table_names()
    assert Person.objects.count() == 3


@pytest.fixture
def inspector_client(db: Any) -> Client:
    client = Client()
    client.force_login(make.make_user("thanh-tra", role="inspector"))
    return client


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_people_search_box_takes_injection_as_text(
    client_in: Any, province: dict[str, Any], payload: str
) -> None:
    page = html(client_in.get(reverse("web:person_list"), {"q": payload}))
    assert_inert(page, payload)  # echoed in the search box, escaped
    assert province["an"].full_name not in page  # and it matched nobody
    assert client_in.get(reverse("web:lookup_people"), {"q": payload}).status_code == 200
    intact()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_person_forms_text_fields_store_injection_verbatim_and_show_it_escaped(
    client_in: Any, province: dict[str, Any], inspector_client: Client, payload: str
) -> None:
    an = province["an"]
    url = reverse("web:person_update", args=[an.pk])
    form = client_in.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "photo"}
    data.update(birth_date="11/12/1970", ethnicity=an.ethnicity_id, religion=an.religion_id)
    data.update({name: f"{payload} {name}" for name in TEXT_FIELDS})
    response = client_in.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    an.refresh_from_db()
    assert {name: getattr(an, name) for name in TEXT_FIELDS} == {n: f"{payload} {n}" for n in TEXT_FIELDS}
    intact()
    # Shown escaped on the record, in the list (found by its own text) and in the audit trail.
    assert_inert(html(client_in.get(reverse("web:person_detail", args=[an.pk]))), payload)
    assert_inert(html(client_in.get(reverse("web:person_list"), {"q": payload})), payload)
    assert_inert(html(inspector_client.get(reverse("web:audit_list"))), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_audit_search_takes_injection_as_text(
    inspector_client: Client, province: dict[str, Any], payload: str
) -> None:
    url = reverse("web:audit_list")
    for key in ("person", "actor", "source", "action", "from", "to", "page"):
        assert payload not in html(inspector_client.get(url, {key: payload})), key
    assert_inert(html(inspector_client.get(url, {"person": payload, "actor": payload})), payload)
    # A unit that is not an id of a unit in scope is "not found", like any other.
    assert inspector_client.get(url, {"unit": payload}).status_code == 404
    intact()
