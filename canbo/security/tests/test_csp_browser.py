"""The Content-Security-Policy does not block anything on the main pages in a real browser."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from canbo.core import testing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = [
    "web:home",
    "web:person_list",
    "web:unit_tree",
    "web:programme_list",
    "web:import_list",
    "web:codelist_index",
    "admin:index",
]


def test_main_pages_have_no_csp_violations(page: Any) -> None:
    get_user_model().objects.create_superuser("quantri", "q@canbo.invalid", "mat-khau-thu-nghiem")
    office = testing.unit("Sở Nội vụ")
    testing.assign(testing.person("Nguyễn Thị Hằng"), office, testing.title(), dt.date(2020, 1, 1))
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(reverse("login"))
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "mat-khau-thu-nghiem")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url("**/")
    for name in PAGES:
        response = page.goto(reverse(name))
        assert response is not None and response.status == 200, name
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # Alpine ran (it needs 'unsafe-eval'): the unit tree's x-data component initialised.
    page.goto(reverse("web:unit_tree"))
    assert page.evaluate("typeof window.Alpine") == "object"
    assert violations == []
