"""The audit search page: inspectors read it, other roles are refused, filters narrow it."""

import datetime as dt

import pytest
from django.urls import reverse

from canbo.access.models import Grant, Role
from canbo.core import testing as make

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def people():
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    other = make.unit("Sở Tài chính", parent=root)
    staff = make.title()
    hang, an = make.person("Nguyễn Thị Hằng"), make.person("Trần Văn An")
    make.assign(hang, dept, staff, D(2020, 1, 1))
    make.assign(an, other, staff, D(2020, 1, 1))
    return {"root": root, "dept": dept, "other": other, "hang": hang, "an": an}


def login(client, role, unit=None):
    user = make.make_user(f"u-{role}")
    Grant.objects.create(user=user, role=role, unit=unit, valid_from=D(2020, 1, 1))
    client.force_login(user)
    return user


def test_an_inspector_searches_the_trail(client, people):
    login(client, Role.INSPECTOR)
    page = client.get(reverse("web:audit_list"))
    assert page.status_code == 200
    assert "Nguyễn Thị Hằng" in page.content.decode()
    found = client.get(reverse("web:audit_list"), {"person": "nguyen thi hang"}).context["page"]
    assert {e.person_id for e in found} == {people["hang"].pk}
    by_unit = client.get(reverse("web:audit_list"), {"unit": people["other"].pk}).context["page"]
    assert {e.person_id for e in by_unit} == {people["an"].pk}
    none_yet = client.get(reverse("web:audit_list"), {"from": "01/01/2999"}).context["page"]
    assert len(none_yet) == 0


def test_a_unit_inspector_reads_only_their_subtree(client, people):
    login(client, Role.INSPECTOR, unit=people["dept"])
    events = client.get(reverse("web:audit_list")).context["page"]
    assert {e.person_id for e in events} == {people["hang"].pk}


def test_other_roles_and_outsiders_are_refused(client, people):
    assert client.get(reverse("web:audit_list")).status_code == 302  # to the login page
    login(client, Role.HR_OFFICER, unit=people["dept"])
    assert client.get(reverse("web:audit_list")).status_code == 403
