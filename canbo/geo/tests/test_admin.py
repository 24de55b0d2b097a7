"""The admin shows the lists read-only and searches them without diacritics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from canbo.geo.models import CodeSystem, Locality, LocalityLevel, LocalityMapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> dict[str, Locality]:
    """A few old and new units, with one crosswalk link."""
    old_province = Locality.objects.create(
        code="10",
        code_system=CodeSystem.QD124_2004,
        name="Lào Cai",
        kind="tỉnh",
        level=LocalityLevel.PROVINCE,
        province_code="10",
        valid_to=dt.date(2025, 6, 30),
    )
    commune = Locality.objects.create(
        code="02911",
        code_system=CodeSystem.QD124_2004,
        name="Bản Phiệt",
        kind="xã",
        level=LocalityLevel.COMMUNE,
        parent=old_province,
        province_code="10",
        valid_to=dt.date(2025, 6, 30),
    )
    new_province = Locality.objects.create(
        code="15",
        code_system=CodeSystem.QD19_2025,
        name="Lào Cai",
        kind="tỉnh",
        level=LocalityLevel.PROVINCE,
        province_code="15",
        valid_from=dt.date(2025, 7, 1),
    )
    LocalityMapping.objects.create(old=old_province, new=new_province, effective_on=dt.date(2025, 7, 1))
    return {"old_province": old_province, "commune": commune, "new_province": new_province}


def test_save_fills_search_and_sort_columns(units: dict[str, Locality]) -> None:
    assert units["commune"].search_name == "ban phiet"
    assert units["commune"].sort_key


def test_it_searches_without_diacritics(admin_client: Any, units: dict[str, Locality]) -> None:
    url = reverse("admin:geo_locality_changelist")
    response = admin_client.get(url, {"q": "Bản Phiệt"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [units["commune"]]
    response = admin_client.get(url, {"q": "02911"})
    assert list(response.context["cl"].result_list) == [units["commune"]]


def test_it_is_read_only(admin_client: Any, units: dict[str, Locality]) -> None:
    assert admin_client.get(reverse("admin:geo_locality_add")).status_code == 403
    page = admin_client.get(reverse("admin:geo_locality_change", args=[units["old_province"].pk]))
    assert page.status_code == 200
    assert b'name="name"' not in page.content
    response = admin_client.post(
        reverse("admin:geo_locality_change", args=[units["commune"].pk]), {"name": "Khác"}
    )
    assert response.status_code == 403
    units["commune"].refresh_from_db()
    assert units["commune"].name == "Bản Phiệt"


def test_it_lists_the_crosswalk(admin_client: Any, units: dict[str, Locality]) -> None:
    response = admin_client.get(reverse("admin:geo_localitymapping_changelist"), {"q": "lao cai"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
