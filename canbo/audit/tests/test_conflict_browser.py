"""A real browser: two people edit the same record; the second save shows the conflict and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from canbo.access.models import Role
from canbo.core import testing as make
from canbo.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem"


def sign_in(page: Any, username: str, target: str) -> None:
    page.goto(f"/dang-nhap/?next={target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{target}")


def test_the_second_editor_sees_what_changed_and_nothing_is_overwritten(
    page: Any, browser: Any, live_server: Any
) -> None:
    dept = make.unit("Sở Nội vụ", parent=make.unit("Tỉnh", kind="administration"))
    hang = make.person("Nguyễn Thị Hằng")
    make.assign(hang, dept, make.title(), dt.date(2020, 1, 1))
    make.make_user("nguoi-mot", role=Role.SPECIALIST)
    make.make_user("nguoi-hai", role=Role.SPECIALIST)
    url = reverse("web:person_update", args=[hang.pk])
    other = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    try:
        sign_in(page, "nguoi-mot", url)
        sign_in(other, "nguoi-hai", url)  # both forms are open at version 1
        page.fill("input[name=other_names]", "Hằng Nga")
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url(f"**/can-bo/{hang.pk}/")
        other.fill("input[name=other_names]", "Cô Hằng")
        other.get_by_role("button", name="Lưu").click()
        other.wait_for_load_state()
        warning = other.locator("#xung-dot")
        warning.wait_for()
        text = warning.inner_text()
        assert "đã được người khác sửa" in text
        assert "Hằng Nga" in text and "nguoi-mot" in text
        assert other.input_value("input[name=other_names]") == "Cô Hằng"  # their typing is kept
        assert Person.objects.get(pk=hang.pk).other_names == "Hằng Nga"  # and nothing was overwritten
        other.get_by_role("button", name="Lưu").click()  # a deliberate second save goes in
        other.wait_for_url(f"**/can-bo/{hang.pk}/")
        assert Person.objects.get(pk=hang.pk).other_names == "Cô Hằng"
    finally:
        other.context.close()
