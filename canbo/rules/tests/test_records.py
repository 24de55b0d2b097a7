"""The records rules read — early retirement, appointment file, reappointment notice — and their pages.

Through the services: add, edit with the loaded version (a stale save is refused and stores nothing),
delete, scope, audit. Through the pages: bad input shown on the form in Vietnamese, nothing stored.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canbo.access.models import Role
from canbo.access.scopes import ScopeDenied
from canbo.audit.models import AuditAction, AuditEvent
from canbo.audit.versions import StaleVersion
from canbo.core import testing as make
from canbo.rules.models import AppointmentFile, EarlyRetirement, ReappointmentNotice
from canbo.rules.services import (
    appointment_file_delete,
    appointment_file_record,
    early_retirement_delete,
    early_retirement_record,
    reappointment_notice_delete,
    reappointment_notice_record,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def setting(shipped):
    """A province with two departments; a director in each; an officer of the first department."""
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Tài chính", parent=root)
    other = make.unit("Sở Xây dựng", parent=root)
    head = make.title("Giám đốc Sở", rank="head", leadership=True, sole=True)
    person = make.person("Phạm Văn Hùng", sex="nam", birth_date=D(1966, 5, 10), managing_unit=dept)
    post = make.assign(person, dept, head, D(2021, 9, 1))
    stranger = make.person("Lê Văn Bình", sex="nam", birth_date=D(1970, 1, 1), managing_unit=other)
    stranger_post = make.assign(stranger, other, head, D(2021, 9, 1))
    officer = make.make_user("to-chuc", role=Role.HR_OFFICER, unit=dept)
    return {
        "person": person,
        "post": post,
        "stranger": stranger,
        "stranger_post": stranger_post,
        "officer": officer,
    }


def events(instance, action):
    return AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk), action=action
    ).count()


def test_early_retirement_add_edit_delete_with_versions(setting):
    person, officer = setting["person"], setting["officer"]
    data = {"retires_on": D(2026, 12, 31), "reason": "work_capacity", "basis": "  QĐ   12/QĐ-UBND "}
    item = early_retirement_record(actor=officer, person=person, data=data, version=0)
    assert (item.version, item.basis) == (1, "QĐ 12/QĐ-UBND")
    assert events(item, AuditAction.CREATE) == 1
    # Two editors loaded version 1: the first save goes in, the second is refused and changes nothing.
    early_retirement_record(actor=officer, person=person, data={"retires_on": D(2027, 1, 31)}, version=1)
    with pytest.raises(StaleVersion) as conflict:
        early_retirement_record(actor=officer, person=person, data={"basis": "QĐ 99"}, version=1)
    assert "ngày nghỉ hưu" in " ".join(conflict.value.messages) and "31/01/2027" in " ".join(
        conflict.value.messages
    )
    item.refresh_from_db()
    assert (item.version, item.retires_on, item.basis) == (2, D(2027, 1, 31), "QĐ 12/QĐ-UBND")
    # A form opened when there was no record, saved after someone created one: refused too.
    with pytest.raises(StaleVersion):
        early_retirement_record(actor=officer, person=person, data=data, version=0)
    pk = item.pk
    early_retirement_delete(actor=officer, item=item)
    assert not EarlyRetirement.objects.exists()
    item.pk = pk
    assert events(item, AuditAction.DELETE) == 1


def test_early_retirement_bad_input_stores_nothing(setting):
    person, officer = setting["person"], setting["officer"]
    cases = [
        (
            {"retires_on": D(2028, 5, 31), "reason": "other", "basis": "x"},
            "retires_on",
            "trước ngày nghỉ hưu",
        ),
        ({"retires_on": D(2023, 4, 30), "reason": "other", "basis": "x"}, "retires_on", "tối đa 60 tháng"),
        ({"retires_on": D(2026, 12, 31), "reason": "bogus", "basis": "x"}, "reason", ""),
        ({"retires_on": D(2026, 12, 31), "reason": "other", "basis": ""}, "basis", ""),
        ({"retires_on": D(2026, 12, 31), "reason": "other", "basis": "x", "person": 1}, "person", "person"),
    ]
    for data, field, words in cases:
        with pytest.raises(ValidationError) as exc:
            early_retirement_record(actor=officer, person=person, data=data)
        assert field in exc.value.message_dict, data
        assert words in " ".join(exc.value.message_dict[field])
    assert not EarlyRetirement.objects.exists()
    assert not AuditEvent.objects.filter(object_type="rules.earlyretirement").exists()


def test_post_records_add_edit_delete(setting):
    post, officer = setting["post"], setting["officer"]
    file = appointment_file_record(
        actor=officer, assignment=post, data={"received_on": D(2021, 7, 1), "age_exception": ""}, version=0
    )
    file = appointment_file_record(
        actor=officer, assignment=post, data={"is_first_or_higher": False}, version=1
    )
    assert (file.version, file.received_on, file.is_first_or_higher) == (2, D(2021, 7, 1), False)
    with pytest.raises(StaleVersion):
        appointment_file_record(
            actor=officer, assignment=post, data={"received_on": D(2021, 6, 1)}, version=1
        )
    notice = reappointment_notice_record(
        actor=officer, assignment=post, data={"notified_on": D(2026, 3, 2), "reference": "TB 5"}, version=0
    )
    assert notice.version == 1 and events(notice, AuditAction.CREATE) == 1
    reappointment_notice_delete(actor=officer, item=notice)
    appointment_file_delete(actor=officer, item=file)
    assert not ReappointmentNotice.objects.exists() and not AppointmentFile.objects.exists()
    # A record deleted while someone had its form open: their save says so and stores nothing.
    with pytest.raises(ValidationError) as exc:
        reappointment_notice_record(
            actor=officer, assignment=post, data={"notified_on": D(2026, 3, 2)}, version=1
        )
    assert "đã bị người khác xóa" in " ".join(exc.value.messages)
    assert not ReappointmentNotice.objects.exists()


def test_post_records_bad_input(setting):
    post, officer = setting["post"], setting["officer"]
    for data, field in [
        ({"notified_on": D(2021, 8, 31)}, "notified_on"),  # before the post began
        ({"notified_on": dt.date.today() + dt.timedelta(days=1)}, "notified_on"),  # in the future
        ({"notified_on": None}, "notified_on"),
    ]:
        with pytest.raises(ValidationError) as exc:
            reappointment_notice_record(actor=officer, assignment=post, data=data)
        assert field in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        appointment_file_record(actor=officer, assignment=post, data={"received_on": D(2021, 9, 2)})
    assert "Ngày nhận hồ sơ không được sau ngày bổ nhiệm có hiệu lực (01/09/2021)." in exc.value.messages
    assert not ReappointmentNotice.objects.exists() and not AppointmentFile.objects.exists()


def test_records_outside_scope_are_refused_and_recorded(setting):
    officer = setting["officer"]
    with pytest.raises(ScopeDenied):
        early_retirement_record(
            actor=officer,
            person=setting["stranger"],
            data={"retires_on": D(2029, 12, 31), "reason": "other", "basis": "x"},
        )
    with pytest.raises(ScopeDenied):
        reappointment_notice_record(
            actor=officer, assignment=setting["stranger_post"], data={"notified_on": D(2026, 3, 2)}
        )
    notice = reappointment_notice_record(
        actor=None, assignment=setting["stranger_post"], data={"notified_on": D(2026, 3, 2)}
    )
    with pytest.raises(ScopeDenied):
        reappointment_notice_delete(actor=officer, item=notice)
    assert ReappointmentNotice.objects.count() == 1 and not EarlyRetirement.objects.exists()
    assert AuditEvent.objects.filter(actor=officer, action=AuditAction.DENIED).count() == 3


def test_the_pages_add_edit_and_delete(client, setting):
    person, post = setting["person"], setting["post"]
    client.force_login(setting["officer"])
    url = reverse("rules:early_retirement_update", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200 and "nghỉ hưu theo quy định: 31/05/2028" in page.content.decode()
    assert 'data-testid="delete-record"' not in page.content.decode()  # nothing to delete yet
    answer = client.post(
        url, {"retires_on": "31/12/2026", "reason": "work_capacity", "basis": "QĐ 12", "version": 0}
    )
    assert answer.status_code == 302 and answer["Location"].startswith(
        reverse("web:person_detail", args=[person.pk])
    )
    detail = client.get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert "Nghỉ hưu trước tuổi: 31/12/2026" in detail
    assert reverse("rules:appointment_file_update", args=[post.pk]) in detail
    assert reverse("rules:reappointment_notice_update", args=[post.pk]) in detail
    # A second tab still holding the form of "no record yet" is refused with the conflict message.
    stale = client.post(
        url, {"retires_on": "30/11/2026", "reason": "work_capacity", "basis": "QĐ 13", "version": 0}
    )
    assert stale.status_code == 409 and "người khác lưu" in stale.content.decode()
    assert EarlyRetirement.objects.get().retires_on == D(2026, 12, 31)
    delete = reverse("rules:early_retirement_delete", args=[person.pk])
    assert f'href="{delete}" data-testid="delete-record"' in client.get(url).content.decode()
    assert client.post(delete).status_code == 302 and not EarlyRetirement.objects.exists()
    assert client.get(delete).status_code == 404  # nothing left to delete

    notice_url = reverse("rules:reappointment_notice_update", args=[post.pk])
    form = client.get(notice_url).content.decode()
    assert "hạn thông báo: chậm nhất ngày" in form and "377-QĐ/TW" in form
    assert (
        client.post(notice_url, {"notified_on": "02/03/2026", "reference": "TB 5", "version": 0}).status_code
        == 302
    )
    edit = client.post(notice_url, {"notified_on": "03/03/2026", "reference": "TB 5", "version": 1})
    assert edit.status_code == 302 and ReappointmentNotice.objects.get().notified_on == D(2026, 3, 3)
    file_url = reverse("rules:appointment_file_update", args=[post.pk])
    assert (
        client.post(
            file_url, {"received_on": "01/07/2021", "is_first_or_higher": "on", "version": 0}
        ).status_code
        == 302
    )


def test_the_pages_show_bad_input_in_vietnamese_and_store_nothing(client, setting):
    person, post = setting["person"], setting["post"]
    client.force_login(setting["officer"])
    cases = [
        (
            reverse("rules:early_retirement_update", args=[person.pk]),
            {"retires_on": "01/06/2028", "reason": "other", "basis": "QĐ 1", "version": 0},
            "Ngày nghỉ hưu trước tuổi phải trước ngày nghỉ hưu theo quy định (31/05/2028).",
        ),
        (
            reverse("rules:early_retirement_update", args=[person.pk]),
            {"retires_on": "31/13/2026", "reason": "other", "basis": "QĐ 1", "version": 0},
            "Nhập ngày theo dạng dd/mm/yyyy",
        ),
        (
            reverse("rules:appointment_file_update", args=[post.pk]),
            {"received_on": "02/09/2021", "version": 0},
            "Ngày nhận hồ sơ không được sau ngày bổ nhiệm có hiệu lực (01/09/2021).",
        ),
        (
            reverse("rules:reappointment_notice_update", args=[post.pk]),
            {"notified_on": "01/01/2020", "version": 0},
            "Ngày thông báo không được trước ngày bắt đầu giữ chức vụ (01/09/2021).",
        ),
    ]
    for url, data, message in cases:
        page = client.post(url, data)
        assert page.status_code == 200, url
        assert message in page.content.decode(), message
    assert not EarlyRetirement.objects.exists()
    assert not AppointmentFile.objects.exists() and not ReappointmentNotice.objects.exists()
