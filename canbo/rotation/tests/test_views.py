"""Entry pages of rotation records: add and end through the services, in scope, errors on the form."""

import datetime as dt

import pytest
from django.urls import reverse

from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.rotation.models import Movement, MovementKind, PositionChangeExemption, SensitivePosition
from canbo.rules.services import rules_load

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db, client):
    rules_load()
    mine, theirs, third = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính"), make.unit("Sở Xây dựng")
    staff = make.title(code="CV_V")
    person = make.person("Nguyễn Văn Một", birth_date=D(1985, 1, 1))
    stranger = make.person("Trần Văn Hai", birth_date=D(1985, 1, 1))
    make.assign(person, mine, staff, D(2010, 1, 1))
    make.assign(stranger, theirs, staff, D(2010, 1, 1))
    user = make.make_user("tochuc", role="hr_officer", unit=None)
    client.force_login(user)
    return {
        "person": person,
        "stranger": stranger,
        "mine": mine,
        "theirs": theirs,
        "third": third,
        "user": user,
    }


def test_person_page_links_the_records_and_outsiders_get_404(client, world):
    person = world["person"]
    detail = client.get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert reverse("rotation:records", args=[person.pk]) in detail
    page = client.get(reverse("rotation:records", args=[person.pk])).content.decode()
    assert reverse("rotation:movement_create", args=[person.pk]) in page
    narrow = make.make_user("hep", role="hr_officer", unit=world["mine"])
    client.force_login(narrow)
    assert client.get(reverse("rotation:records", args=[world["stranger"].pk])).status_code == 404
    assert client.get(reverse("rotation:movement_create", args=[world["stranger"].pk])).status_code == 404


def test_add_and_end_a_sensitive_position(client, world):
    person = world["person"]
    url = reverse("rotation:position_create", args=[person.pk])
    form = client.get(url).content.decode()
    assert "to_chuc_can_bo" in form
    response = client.post(
        url,
        {
            "unit": world["mine"].pk,
            "field": "to_chuc_can_bo",
            "position": "Chuyên viên theo dõi cán bộ",
            "valid_from": "10/01/2022",
        },
    )
    assert response.status_code == 302
    position = SensitivePosition.objects.get(person=person)
    assert position.valid_from == D(2022, 1, 10)
    records = client.get(reverse("rotation:records", args=[person.pk])).content.decode()
    assert "Chuyên viên theo dõi cán bộ" in records and "10/01/2022" in records
    assert "to_chuc_can_bo" not in records  # the field is shown by its name in the rule
    end = reverse("rotation:position_end", args=[person.pk, position.pk])
    refused = client.post(end, {"ended_on": "01/01/2020"}).content.decode()
    assert "không được trước ngày bắt đầu (10/01/2022)" in refused
    position.refresh_from_db()
    assert position.valid_to is None
    assert client.post(end, {"ended_on": "31/12/2024"}).status_code == 302
    position.refresh_from_db()
    assert position.valid_to == D(2024, 12, 31)
    assert AuditEvent.objects.filter(object_id=str(position.pk)).count() >= 2


def test_exemption_add_and_end(client, world):
    person = world["person"]
    url = reverse("rotation:exemption_create", args=[person.pk])
    data = {"reason": "thai_san", "basis": "Giấy khai sinh", "valid_from": "01/05/2024", "valid_to": ""}
    assert client.post(url, data).status_code == 302
    exemption = PositionChangeExemption.objects.get(person=person)
    end = reverse("rotation:exemption_end", args=[person.pk, exemption.pk])
    assert client.post(end, {"ended_on": "01/05/2027"}).status_code == 302
    exemption.refresh_from_db()
    assert exemption.valid_to == D(2027, 5, 1)


def test_movement_errors_are_shown_on_the_form_and_nothing_is_stored(client, world):
    person = world["person"]
    url = reverse("rotation:movement_create", args=[person.pk])
    data = {
        "kind": MovementKind.SECONDMENT,
        "from_unit": world["mine"].pk,
        "to_unit": world["third"].pk,
        "decision": "QĐ 1",
        "decided_on": "01/03/2025",
        "valid_from": "01/03/2025",
        "planned_end": "01/03/2029",
    }
    page = client.post(url, data).content.decode()
    assert "Thời hạn biệt phái không quá" in page and "is-invalid" in page
    same = client.post(url, {**data, "to_unit": world["mine"].pk, "planned_end": ""}).content.decode()
    assert "Đơn vị đến phải khác đơn vị đi." in same
    assert not Movement.objects.exists()
    assert client.post(url, {**data, "planned_end": "28/02/2027"}).status_code == 302
    moved = Movement.objects.get(person=person)
    end = reverse("rotation:movement_end", args=[person.pk, moved.pk])
    assert "không được trước ngày bắt đầu" in client.post(end, {"ended_on": "01/01/2025"}).content.decode()
    assert client.post(end, {"ended_on": "31/12/2026"}).status_code == 302
    moved.refresh_from_db()
    assert moved.valid_to == D(2026, 12, 31)


def test_units_outside_scope_are_not_offered(client, world):
    narrow = make.make_user("hep2", role="hr_officer", unit=world["mine"])
    client.force_login(narrow)
    person = world["person"]
    url = reverse("rotation:position_create", args=[person.pk])
    data = {
        "unit": world["theirs"].pk,
        "field": "to_chuc_can_bo",
        "position": "X",
        "valid_from": "10/01/2022",
    }
    page = client.post(url, data)
    assert page.status_code == 200 and not SensitivePosition.objects.exists()


def test_edit_each_record_through_its_service(client, world):
    person = world["person"]
    client.post(
        reverse("rotation:position_create", args=[person.pk]),
        {"unit": world["mine"].pk, "field": "to_chuc_can_bo", "position": "Cũ", "valid_from": "10/01/2022"},
    )
    position = SensitivePosition.objects.get(person=person)
    url = reverse("rotation:position_update", args=[person.pk, position.pk])
    form = client.get(url).content.decode()
    assert 'value="Cũ"' in form and "10/01/2022" in form
    bad = client.post(
        url, {"unit": world["mine"].pk, "field": "khong_co", "position": "Mới", "valid_from": "10/01/2022"}
    )
    assert bad.status_code == 200
    position.refresh_from_db()
    assert position.position == "Cũ"
    data = {
        "unit": world["mine"].pk,
        "field": "to_chuc_can_bo",
        "position": "Mới",
        "valid_from": "10/02/2022",
    }
    assert client.post(url, data).status_code == 302
    position.refresh_from_db()
    assert (position.position, position.valid_from) == ("Mới", D(2022, 2, 10))
    assert AuditEvent.objects.filter(object_id=str(position.pk), action="update").exists()

    client.post(
        reverse("rotation:movement_create", args=[person.pk]),
        {
            "kind": MovementKind.TRANSFER,
            "from_unit": world["mine"].pk,
            "to_unit": world["third"].pk,
            "decision": "QĐ 2",
            "decided_on": "01/03/2025",
            "valid_from": "01/03/2025",
        },
    )
    moved = Movement.objects.get(person=person)
    url = reverse("rotation:movement_update", args=[person.pk, moved.pk])
    same_unit = {
        "kind": MovementKind.TRANSFER,
        "from_unit": world["mine"].pk,
        "to_unit": world["mine"].pk,
        "decision": "QĐ 2",
        "decided_on": "01/03/2025",
        "valid_from": "01/03/2025",
    }
    assert "Đơn vị đến phải khác đơn vị đi." in client.post(url, same_unit).content.decode()
    assert (
        client.post(url, {**same_unit, "to_unit": world["third"].pk, "decision": "QĐ 2b"}).status_code == 302
    )
    moved.refresh_from_db()
    assert moved.decision == "QĐ 2b" and moved.to_unit == world["third"]

    client.post(
        reverse("rotation:exemption_create", args=[person.pk]),
        {"reason": "hoc_tap", "basis": "", "valid_from": "01/09/2024", "valid_to": ""},
    )
    exemption = PositionChangeExemption.objects.get(person=person)
    url = reverse("rotation:exemption_update", args=[person.pk, exemption.pk])
    data = {
        "reason": "hoc_tap",
        "basis": "QĐ cử đi học",
        "valid_from": "01/09/2024",
        "valid_to": "31/08/2026",
    }
    assert client.post(url, data).status_code == 302
    exemption.refresh_from_db()
    assert exemption.basis == "QĐ cử đi học" and exemption.valid_to == D(2026, 8, 31)
