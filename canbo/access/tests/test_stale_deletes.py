"""No lost updates on deletes and nominations: a confirmation page carries the version it showed; a row
saved since is not deleted (409, with what changed), and a deliberate second confirmation deletes it. A
nomination edited by someone else meanwhile is not overwritten."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from canbo.audit.models import AuditAction, AuditEvent
from canbo.org import services as org_services
from canbo.org.models import Membership, Nomination
from canbo.people import services as people_services
from canbo.people import training
from canbo.people.models import FamilyMember, Qualification, TrainingCourse
from canbo.posts import services as posts_services
from canbo.posts.models import Assignment

from .conftest import client_for

pytestmark = pytest.mark.django_db
D = dt.date
VERSION = re.compile(r'name="version" value="(\d+)"')


def _cases(world: dict[str, Any]) -> list[tuple[str, list[int], Any, Any, str]]:
    """(delete URL name, its arguments, the row, a change someone else saves, the value it shows)."""
    a = world["a"]
    pk = a["person"].pk
    return [
        (
            "web:qualification_delete",
            [pk, a["qualification"].pk],
            a["qualification"],
            lambda row: people_services.qualification_update(
                actor=None, qualification=row, data={"institution": "Đại học Huế"}
            ),
            "Đại học Huế",
        ),
        (
            "web:family_delete",
            [pk, a["relative"].pk],
            a["relative"],
            lambda row: people_services.family_member_update(
                actor=None, member=row, data={"details": "Nông dân, Phú Vang"}
            ),
            "Nông dân, Phú Vang",
        ),
        (
            "web:assignment_delete",
            [a["post"].pk],
            a["post"],
            lambda row: posts_services.assignment_update(
                actor=None, assignment=row, data={"description": "Chuyên viên tổ chức"}
            ),
            "Chuyên viên tổ chức",
        ),
        (
            "web:membership_delete",
            [pk, a["seat"].pk],
            a["seat"],
            lambda row: org_services.membership_update(
                actor=None, membership=row, data={"note": "Bầu bổ sung"}
            ),
            "Bầu bổ sung",
        ),
        (
            "web:training_course_delete",
            [pk, a["course"].pk],
            a["course"],
            lambda row: training.training_course_update(
                actor=None, course=row, data={"institution": "Trường Chính trị tỉnh"}
            ),
            "Trường Chính trị tỉnh",
        ),
        (
            "web:nomination_delete",
            [pk, a["nomination"].pk],
            a["nomination"],
            lambda row: org_services.nomination_update(
                actor=None, nomination=row, data={"constituency": "Đơn vị bầu cử số 3"}
            ),
            "Đơn vị bầu cử số 3",
        ),
    ]


def test_a_delete_of_a_row_saved_since_the_page_opened_is_refused(world: dict[str, Any]) -> None:
    client = client_for(world["officer_a"])
    for name, args, row, change, shown in _cases(world):
        url = reverse(name, args=args)
        page = client.get(url).content.decode()
        [opened] = VERSION.findall(page)
        change(type(row).objects.get(pk=row.pk))  # someone else saves the row meanwhile
        refused = client.post(url, {"version": opened})
        assert refused.status_code == 409, name
        text = refused.content.decode()
        assert "Chưa xóa: bản ghi đã được người khác sửa" in text and shown in text, name
        assert type(row).objects.filter(pk=row.pk).exists(), name
        assert not AuditEvent.objects.filter(
            action=AuditAction.DELETE, object_type=row._meta.label_lower, object_id=str(row.pk)
        ).exists()
        [current] = VERSION.findall(text)
        assert int(current) == int(opened) + 1
        # A deliberate second confirmation, from the refreshed page, deletes the row.
        assert client.post(url, {"version": current}).status_code == 302, name
        assert not type(row).objects.filter(pk=row.pk).exists(), name


def test_an_unchanged_row_is_deleted_with_its_version(world: dict[str, Any]) -> None:
    client = client_for(world["officer_a"])
    models = (Qualification, FamilyMember, Assignment, Membership, TrainingCourse, Nomination)
    for (name, args, row, _change, _shown), model in zip(_cases(world), models, strict=True):
        url = reverse(name, args=args)
        [opened] = VERSION.findall(client.get(url).content.decode())
        assert client.post(url, {"version": opened}).status_code == 302, name
        assert not model.objects.filter(pk=row.pk).exists(), name


def test_a_nomination_edit_does_not_overwrite_a_newer_save(world: dict[str, Any]) -> None:
    nomination = world["a"]["nomination"]
    url = reverse("web:nomination_update", args=[world["a"]["person"].pk, nomination.pk])
    client = client_for(world["officer_a"])
    [opened] = VERSION.findall(client.get(url).content.decode())
    org_services.nomination_update(
        actor=world["officer_a"], nomination=nomination, data={"outcome": "elected"}, version=int(opened)
    )
    data = {
        "term": world["term"].pk,
        "nominated_on": "01/09/2020",
        "constituency": "Đơn vị số 1",
        "outcome": "pending",
        "version": opened,
    }
    refused = client.post(url, data)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "đã được người khác sửa" in text and "Trúng cử" in text
    nomination.refresh_from_db()
    assert nomination.outcome == "elected" and nomination.constituency == ""
    # The refreshed form carries the current version: saving again is deliberate and goes in.
    [current] = VERSION.findall(text)
    assert client.post(url, {**data, "version": current}).status_code == 302
    nomination.refresh_from_db()
    assert (nomination.outcome, nomination.constituency, nomination.version) == ("pending", "Đơn vị số 1", 3)
