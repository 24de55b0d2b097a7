"""A real browser: a relative is corrected while another user's delete confirmation is open; the delete is
refused with what changed and nothing is deleted, and confirming again deletes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from canbo.access.models import Role
from canbo.core import testing as make
from canbo.people.choices import FamilyRelation
from canbo.people.models import FamilyMember
from canbo.people.services import family_member_create

from .test_conflict_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_delete_confirmed_after_someone_else_saved_is_refused(
    page: Any, browser: Any, live_server: Any
) -> None:
    dept = make.unit("Sở Nội vụ", parent=make.unit("Tỉnh", kind="administration"))
    hang = make.person("Nguyễn Thị Hằng")
    make.assign(hang, dept, make.title(), dt.date(2020, 1, 1))
    father = family_member_create(
        actor=None, person=hang, data={"relation": FamilyRelation.FATHER, "full_name": "Nguyễn Văn Bố"}
    )
    make.make_user("nguoi-mot", role=Role.SPECIALIST)
    make.make_user("nguoi-hai", role=Role.SPECIALIST)
    edit = reverse("web:family_update", args=[hang.pk, father.pk])
    delete = reverse("web:family_delete", args=[hang.pk, father.pk])
    other = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    try:
        sign_in(other, "nguoi-hai", delete)  # the confirmation is open at version 1
        sign_in(page, "nguoi-mot", edit)
        page.fill("textarea[name=details]", "Nông dân, Phú Vang")
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url(f"**/can-bo/{hang.pk}/**")
        other.get_by_role("button", name="Xóa").click()
        warning = other.locator("#xung-dot")
        warning.wait_for()
        text = warning.inner_text()
        assert "Chưa xóa" in text and "Nông dân, Phú Vang" in text and "nguoi-mot" in text
        assert FamilyMember.objects.filter(pk=father.pk).exists()
        other.get_by_role("button", name="Xóa").click()  # a deliberate second confirmation
        other.wait_for_url(f"**/can-bo/{hang.pk}/**")
        assert not FamilyMember.objects.filter(pk=father.pk).exists()
    finally:
        other.context.close()
