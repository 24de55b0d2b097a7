"""The as-of control: every page can show the records as they stood on a past date."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_person_page_shows_posts_as_of_the_date(client_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:person_detail", args=[province["hang"].pk])
    now = client_in.get(url).content.decode()
    assert "Trưởng phòng" in now and "Đang xem dữ liệu tại ngày" not in now
    then = client_in.get(url, {"as_of": "15/03/2020"}).content.decode()
    assert "Đang xem dữ liệu tại ngày <strong>15/03/2020</strong>" in then
    assert "Về hôm nay" in then
    assert "Trưởng phòng" not in then  # appointed on 01/06/2021
    assert "Chuyên viên huyện" in then
    assert "Thạc sĩ" not in then  # obtained on 01/10/2022
    # The date is kept in the session for the next pages, until "Về hôm nay".
    assert "15/03/2020" in client_in.get(reverse("web:person_list")).content.decode()
    back = client_in.get(url, {"as_of": ""}).content.decode()
    assert "Đang xem dữ liệu tại ngày" not in back and "Trưởng phòng" in back


def test_unit_tree_counts_as_of_the_date(client_in: Any, province: dict[str, Any]) -> None:
    roots = client_in.get(reverse("web:unit_tree"), {"as_of": "01/01/2020"}).context["roots"]
    counts = {node.unit.name: (node.direct_count, node.subtree_count) for node in roots}
    assert counts["Sở Nội vụ"] == (1, 1)
    assert counts["UBND huyện Bảo Thắng"] == (2, 2)
    roots = client_in.get(reverse("web:unit_tree"), {"as_of": "01/01/2024"}).context["roots"]
    counts = {node.unit.name: (node.direct_count, node.subtree_count) for node in roots}
    assert counts["Sở Nội vụ"] == (1, 2)


def test_invalid_or_future_date_is_refused_with_a_message(client_in: Any, province: dict[str, Any]) -> None:
    body = client_in.get(reverse("web:person_list"), {"as_of": "31/02/2020"}).content.decode()
    assert "không hợp lệ" in body
    assert "Đang xem dữ liệu tại ngày" not in body


def test_unit_page_lists_people_and_bodies(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.get(
        reverse("web:unit_detail", args=[province["division"].pk]), {"as_of": "01/01/2024"}
    )
    assert [p.full_name for p in response.context["people"]] == ["Nguyễn Thị Hằng"]


def test_api_calls_neither_move_nor_follow_the_web_date(client_in: Any, province: dict[str, Any]) -> None:
    client_in.get(reverse("web:person_list"), {"as_of": "15/03/2020"})
    api = client_in.get("/api/people/", {"as_of": "2015-01-01"})
    assert api.status_code == 200
    assert client_in.session["canbo_as_of"] == "2020-03-15"
    assert "15/03/2020" in client_in.get(reverse("web:person_list")).content.decode()
