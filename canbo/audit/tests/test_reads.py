"""Sensitive reads and sign-ins leave their audit rows, and the chain still verifies with them in it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from canbo.access.models import Role
from canbo.audit.chain import verify
from canbo.audit.models import AuditAction, AuditEvent
from canbo.core import testing as make
from canbo.people import services as people_services

# The programme pages' own small province, user and signed-in client.
from canbo.programmes.tests.test_views import province, signed_in, user  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def people() -> dict[str, Any]:
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    staff = make.title()
    hang, an = make.person("Nguyễn Thị Hằng"), make.person("Trần Văn An")
    make.assign(hang, dept, staff, D(2020, 1, 1))
    make.assign(an, dept, staff, D(2020, 1, 1))
    return {"root": root, "dept": dept, "hang": hang, "an": an}


def reads(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_opening_a_dossier_is_recorded_with_actor_address_and_person(client: Any, people: Any) -> None:
    reader = make.make_user("doc", role=Role.SPECIALIST)
    client.force_login(reader)
    hang = people["hang"]
    response = client.get(reverse("web:person_detail", args=[hang.pk]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    [event] = reads(AuditAction.VIEW)
    assert (event.actor_id, event.person_id, event.object_id) == (reader.pk, hang.pk, str(hang.pk))
    assert event.client_ip == "10.1.2.3" and event.source == "web"
    assert event.changes["page"] == [None, "person_detail"]
    assert list(verify()) == []


def test_a_dossier_outside_scope_is_not_recorded_as_read(client: Any, people: Any) -> None:
    other = make.unit("Sở Tài chính", parent=people["root"])
    client.force_login(make.make_user("ngoai", role=Role.HR_OFFICER, unit=other))
    assert client.get(reverse("web:person_detail", args=[people["hang"].pk])).status_code == 404
    assert reads(AuditAction.VIEW) == []


def test_downloading_an_attached_scan_is_recorded(
    client: Any, people: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    reader = make.make_user("doc", role=Role.SPECIALIST)
    scan = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    attachment = people_services.attachment_create(
        actor=reader, person=people["hang"], kind="decision", title="Quyết định", file=scan
    )
    client.force_login(reader)
    url = reverse("web:attachment_download", args=[people["hang"].pk, attachment.pk])
    assert client.get(url).status_code == 200
    [event] = reads(AuditAction.EXPORT)
    assert event.object_type == "people.attachment" and event.person_id == people["hang"].pk


def test_an_indicator_export_is_recorded(signed_in: Any, province: dict[str, Any]) -> None:  # noqa: F811
    response = signed_in.get(reverse("web:programme_export", args=["T-18", "xlsx"]), {"as_of": "11/12/2024"})
    assert response.status_code == 200
    [event] = reads(AuditAction.EXPORT)
    assert event.object_type == "programmes.programme" and event.object_id == "T-18"
    assert event.changes["format"] == [None, "xlsx"] and event.changes["count"][1] > 0
    assert list(verify()) == []


def test_an_api_list_download_is_recorded_with_ids_and_filters(people: Any) -> None:
    reader = make.make_user("api", role=Role.SPECIALIST)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}")
    response = api.get("/api/people/", {"q": "hang"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200
    [event] = reads(AuditAction.EXPORT)
    assert event.source == "api" and event.client_ip == "10.9.9.9" and event.actor_id == reader.pk
    assert event.changes["person_ids"] == [None, [people["hang"].pk]]
    assert event.changes["count"] == [None, 1] and event.changes["filters"] == [None, {"q": "hang"}]


@override_settings(AXES_ENABLED=False)
def test_logins_failed_logins_and_logouts_are_recorded(client: Any) -> None:
    person_user = make.make_user("dangnhap")
    login = reverse("login")
    client.post(login, {"username": "dangnhap", "password": "sai-mat-khau"}, REMOTE_ADDR="10.0.0.7")
    client.post(login, {"username": "dangnhap", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.7")
    [failed] = reads(AuditAction.LOGIN_FAILED)
    assert failed.actor_id is None and failed.object_repr == "dangnhap" and failed.client_ip == "10.0.0.7"
    [signed] = reads(AuditAction.LOGIN)
    [left] = reads(AuditAction.LOGOUT)
    assert signed.actor_id == left.actor_id == person_user.pk
    assert list(verify()) == []
    call_command("audit_verify")


def test_a_tampered_read_row_breaks_the_chain(client: Any, people: Any) -> None:
    client.force_login(make.make_user("doc", role=Role.SPECIALIST))
    for person in (people["hang"], people["an"], people["hang"]):
        client.get(reverse("web:person_detail", args=[person.pk]))
    target = reads(AuditAction.VIEW)[1]
    with connection.cursor() as cursor:  # hide who was read: point the row at someone else
        cursor.execute(
            "UPDATE audit_auditevent SET person_id = %s WHERE id = %s", [people["hang"].pk, target.pk]
        )
    assert [b.event_id for b in verify()] == [target.pk]
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_the_audit_page_filters_by_the_new_actions(client: Any, people: Any) -> None:
    make.make_user("doc", role=Role.SPECIALIST)
    client.post(reverse("login"), {"username": "doc", "password": PASSWORD})
    client.get(reverse("web:person_detail", args=[people["hang"].pk]))
    client.force_login(make.make_user("thanhtra", role=Role.INSPECTOR))
    for action in (AuditAction.VIEW, AuditAction.LOGIN):
        page = client.get(reverse("web:audit_list"), {"action": action}).context["page"]
        assert {e.action for e in page} == {action}, action
        assert any(e.actor and e.actor.username == "doc" for e in page), action
