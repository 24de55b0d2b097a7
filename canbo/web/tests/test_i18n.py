"""The interface is Vietnamese by default and English after choosing it in the language switch."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_switching_to_english_translates_the_pages(client_in: Any, province: dict[str, Any]) -> None:
    url = reverse("web:person_list")
    assert "Bộ lọc" in client_in.get(url).content.decode()
    response = client_in.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    body = client_in.get(url).content.decode()
    assert "Filters" in body and "Bộ lọc" not in body
    assert 'lang="en"' in body
    detail = client_in.get(reverse("web:person_detail", args=[province["hang"].pk])).content.decode()
    assert "Work history" in detail
    client_in.post(reverse("set_language"), {"language": "vi", "next": url})
    assert "Bộ lọc" in client_in.get(url).content.decode()
