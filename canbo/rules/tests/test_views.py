"""The rules administration page: administrators only; add and confirm versions through the services."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from canbo.access.models import Grant, Role
from canbo.core import testing as make
from canbo.rules.models import RuleVersion

pytestmark = pytest.mark.django_db
D = dt.date


def login(client, role, unit=None):
    user = make.make_user(f"u-{role}")
    Grant.objects.create(user=user, role=role, unit=unit, valid_from=D(2020, 1, 1))
    client.force_login(user)
    return user


def test_an_administrator_sees_every_rule_and_the_menu(client, shipped):
    login(client, Role.ADMIN)
    page = client.get(reverse("rules:rule_index"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Tuổi nghỉ hưu trong điều kiện lao động bình thường" in body
    assert "Quy định 377-QĐ/TW" in body and 'data-testid="awaiting"' in body
    assert reverse("rules:rule_index") in client.get(reverse("web:home")).content.decode()


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.INSPECTOR, Role.LEADER])
def test_other_roles_find_nothing(client, shipped, role):
    login(client, role)
    assert client.get(reverse("rules:rule_index")).status_code == 404
    assert client.get(reverse("rules:rule_version_create")).status_code == 404
    version = RuleVersion.objects.get(rule="reappointment.extension_under_years")
    assert client.post(reverse("rules:rule_version_confirm", args=[version.pk])).status_code == 404
    assert RuleVersion.objects.get(pk=version.pk).confirmed_at is None
    assert reverse("rules:rule_index") not in client.get(reverse("web:home")).content.decode()


def test_adding_a_version_through_the_form(client, shipped):
    login(client, Role.ADMIN)
    form = client.get(reverse("rules:rule_version_create"), {"rule": "reappointment.notice"})
    assert "working_days" in form.content.decode()
    post = {
        "rule": "reappointment.notice",
        "valid_from": "01/01/2027",
        "valid_to": "",
        "parameters": json.dumps({"days": 60, "working_days": True}),
        "source": "Quy định 999-QĐ/TW",
        "article": "Điều 5",
        "confidence": "V",
        "close_previous": "on",
    }
    answer = client.post(reverse("rules:rule_version_create"), post)
    assert answer.status_code == 302
    assert (
        RuleVersion.objects.get(rule="reappointment.notice", valid_from=D(2027, 1, 1)).parameters["days"]
        == 60
    )


@pytest.mark.parametrize(
    ("parameters", "words"),
    [("{days: 60}", "không phải JSON hợp lệ"), ('{"days": "60", "working_days": true}', "phải là số nguyên")],
)
def test_bad_parameters_are_shown_and_nothing_is_stored(client, shipped, parameters, words):
    login(client, Role.ADMIN)
    count = RuleVersion.objects.count()
    post = {
        "rule": "reappointment.notice",
        "valid_from": "01/01/2027",
        "parameters": parameters,
        "source": "Quy định 999-QĐ/TW",
        "confidence": "V",
        "close_previous": "on",
    }
    answer = client.post(reverse("rules:rule_version_create"), post)
    assert answer.status_code == 200 and words in answer.content.decode()
    assert RuleVersion.objects.count() == count


def test_confirming_a_placeholder(client, shipped):
    user = login(client, Role.ADMIN)
    version = RuleVersion.objects.get(rule="reappointment.extension_under_years")
    client.post(reverse("rules:rule_version_confirm", args=[version.pk]))
    version.refresh_from_db()
    assert version.confirmed_by == user and version.confirmed_at is not None


def test_the_holiday_page_shows_tet_and_the_swaps(client, shipped):
    login(client, Role.ADMIN)
    body = client.get(reverse("rules:holiday_index"), {"year": 2026}).content.decode()
    assert "Tết Nguyên Đán" in body and "Làm bù cho ngày nghỉ 02/01/2026" in body
