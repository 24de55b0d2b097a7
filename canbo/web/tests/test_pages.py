"""Every page renders for a signed-in user and sends anonymous users to the login page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(p: dict[str, Any]) -> list[str]:
    hang = p["hang"]
    assignment = hang.assignments.first()
    qualification = hang.qualifications.first()
    return [
        reverse("web:home"),
        reverse("web:person_list"),
        reverse("web:person_create"),
        reverse("web:person_detail", args=[hang.pk]),
        reverse("web:person_update", args=[hang.pk]),
        reverse("web:qualification_create", args=[hang.pk]),
        reverse("web:qualification_update", args=[hang.pk, qualification.pk]),
        reverse("web:qualification_delete", args=[hang.pk, qualification.pk]),
        reverse("web:family_create", args=[hang.pk]),
        reverse("web:attachment_create", args=[hang.pk]),
        reverse("web:membership_create", args=[hang.pk]),
        reverse("web:assignment_create") + f"?person={hang.pk}",
        reverse("web:assignment_update", args=[assignment.pk]),
        reverse("web:assignment_delete", args=[assignment.pk]),
        reverse("web:unit_tree"),
        reverse("web:unit_create"),
        reverse("web:unit_detail", args=[p["dept"].pk]),
        reverse("web:unit_update", args=[p["dept"].pk]),
        reverse("web:codelist_index"),
        *[
            reverse("web:codelist_detail", args=[slug])
            for slug in ("dan-toc", "ton-giao", "trinh-do", "chuc-vu", "dien-quan-ly")
        ],
        *[
            reverse("web:codelist_create", args=[slug])
            for slug in ("dan-toc", "ton-giao", "trinh-do", "chuc-vu", "dien-quan-ly")
        ],
        reverse("web:codelist_update", args=["dan-toc", hang.ethnicity_id]),
        reverse("web:lookup_units") + "?q=noi vu",
        reverse("web:lookup_titles") + "?q=truong",
        reverse("web:lookup_people") + "?q=hang",
        reverse("web:lookup_terms") + "?q=",
        reverse("web:lookup_localities") + "?q=",
    ]


def test_it_renders_every_page(client_in: Any, province: dict[str, Any]) -> None:
    for url in page_urls(province):
        response = client_in.get(url)
        assert response.status_code == 200, url


def test_it_requires_login(client: Any, province: dict[str, Any]) -> None:
    for url in page_urls(province):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_login_page_signs_in(client: Any, specialist: Any) -> None:
    page = client.get(reverse("login"))
    assert "Đăng nhập" in page.content.decode()
    response = client.post(reverse("login"), {"username": "chuyenvien", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


def test_missing_person_is_not_found(client_in: Any, province: dict[str, Any]) -> None:
    assert client_in.get(reverse("web:person_detail", args=[999999])).status_code == 404
    assert client_in.get(reverse("web:unit_detail", args=[999999])).status_code == 404
    assert client_in.get(reverse("web:codelist_detail", args=["khong-co"])).status_code == 404


def test_lookups_answer_json_without_diacritics(client_in: Any, province: dict[str, Any]) -> None:
    units = client_in.get(reverse("web:lookup_units") + "?q=cong chuc").json()["results"]
    assert [row["text"] for row in units] == ["Phòng Công chức"]
    titles = client_in.get(reverse("web:lookup_titles") + "?q=truong phong").json()["results"]
    assert [row["text"] for row in titles] == ["Trưởng phòng"]
    people = client_in.get(reverse("web:lookup_people") + "?q=nguyen thi hang").json()["results"]
    assert [row["text"] for row in people] == ["Nguyễn Thị Hằng"]
