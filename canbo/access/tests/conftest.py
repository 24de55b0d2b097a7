"""Fixtures of the scope tests: a province with districts A and B, their HR officers and their records."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from canbo.access.models import Role
from canbo.core import testing as make
from canbo.org.choices import BodyKind, Level, MemberRole
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit
from canbo.org.services import membership_create, nomination_create, term_create
from canbo.people.choices import FamilyRelation, QualificationKind, TrainingKind
from canbo.people.models import Attachment, FamilyMember, Person, Qualification
from canbo.people.services import attachment_create, family_member_create, qualification_create
from canbo.people.training import training_course_create
from canbo.posts.choices import TitleRank
from canbo.posts.models import Assignment
from canbo.programmes.models import Indicator, Programme

D = dt.date
A_NAME, B_NAME = "Nguyễn Văn Ất", "Hoàng Thị Bê"
A_UNIT, B_UNIT = "Huyện An Phú", "Huyện Bình Sơn"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def _district(root: OrgUnit, name: str, code: str, person_name: str, world: dict[str, Any]) -> dict[str, Any]:
    """A district with one officer-managed cadre and one row of each kind of history."""
    unit = make.unit(name, parent=root, level=Level.DISTRICT, code=code)
    office = make.unit(f"Phòng Nội vụ {name}", parent=unit, level=Level.DISTRICT, kind="division")
    person = make.person(
        person_name,
        birth_date=D(1980, 4, 5),
        managing_unit=unit,
        photo=ContentFile(PNG, name=f"{code}.png"),
    )
    post = make.assign(person, office, world["title"], D(2010, 1, 1))
    qualification = qualification_create(
        actor=None, person=person, data={"level": world["level"], "obtained_on": D(2005, 6, 1)}
    )
    course = training_course_create(
        actor=None,
        person=person,
        data={
            "name": f"Bồi dưỡng của {person_name}",
            "kind": TrainingKind.KNOWLEDGE_UPDATE,
            "started_on": D(2019, 3, 4),
            "ended_on": D(2019, 5, 31),
        },
    )
    relative = family_member_create(
        actor=None,
        person=person,
        data={"relation": FamilyRelation.FATHER, "full_name": f"Bố của {person_name}", "birth_year": 1950},
    )
    attachment = attachment_create(
        actor=None,
        person=person,
        kind="other",
        title="Quyết định",
        file=SimpleUploadedFile(f"qd-{code}.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    seat = membership_create(
        actor=None,
        person=person,
        data={"term": world["term"], "role": MemberRole.MEMBER, "valid_from": D(2020, 10, 15)},
    )
    nomination = nomination_create(
        actor=None, person=person, data={"term": world["term"], "nominated_on": D(2020, 9, 1)}
    )
    return {
        "unit": unit,
        "office": office,
        "person": person,
        "post": post,
        "qualification": qualification,
        "course": course,
        "relative": relative,
        "attachment": attachment,
        "seat": seat,
        "nomination": nomination,
    }


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """A province with districts A and B, their HR officers, a programme and an elected body."""
    root = make.unit("Tỉnh Thử Nghiệm", kind="administration", code="TTN")
    body = ElectedBody.objects.create(
        org_unit=root, kind=BodyKind.PARTY_EXECUTIVE, level=Level.PROVINCE, name="Ban Chấp hành Tỉnh"
    )
    term = term_create(
        actor=None,
        body=body,
        data={"name": "2020–2025", "valid_from": D(2020, 10, 15), "election_date": D(2020, 10, 15)},
    )
    world: dict[str, Any] = {
        "root": root,
        "term": term,
        "title": make.title("Chuyên viên huyện", level=Level.DISTRICT, rank=TitleRank.STAFF),
        "level": make.level(QualificationKind.EDUCATION, "DH", "Đại học", 6),
    }
    world["a"] = _district(root, A_UNIT, "HAP", A_NAME, world)
    world["b"] = _district(root, B_UNIT, "HBS", B_NAME, world)
    programme = Programme.objects.create(
        code="T-1",
        title="Đề án thử",
        kind="scheme",
        issuer="Tỉnh ủy",
        document_number="1-ĐA/TU",
        document_date=D(2020, 12, 11),
        period_start=2020,
        period_end=2025,
        territory=root,
    )
    Indicator.objects.create(
        programme=programme,
        code="T-1a",
        name="Cán bộ cấp huyện dưới 50 tuổi",
        subject="cán bộ",
        definition={
            "population": {"source": "posts", "levels": ["district"], "include_concurrent": False},
            "numerator": [{"field": "age", "op": "<", "value": 50}],
        },
        position=0,
    )
    world["programme"] = programme
    world["officer_a"] = make.make_user("to-chuc-an-phu", role=Role.HR_OFFICER, unit=world["a"]["unit"])
    world["officer_b"] = make.make_user("to-chuc-binh-son", role=Role.HR_OFFICER, unit=world["b"]["unit"])
    return world


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_for(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def body_text(response: Any) -> str:
    """The response as text: HTML/JSON as is, a workbook or Word file by its XML parts."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def fingerprint(world: dict[str, Any]) -> dict[str, Any]:
    """Everything a refused write could have changed: every row of every record a page writes."""
    from canbo.conduct.models import AnnualRating, DisciplineRecord, PoliticalStandardConclusion
    from canbo.people.models import TrainingCourse
    from canbo.posts.models import PlanningEntry
    from canbo.rotation.models import Movement, PositionChangeExemption
    from canbo.rules.models import AppointmentFile, EarlyRetirement, ReappointmentNotice

    b = world["b"]
    return {
        "rows": [
            list(model.objects.order_by("pk").values())
            for model in (
                Person,
                Assignment,
                Qualification,
                FamilyMember,
                Attachment,
                Membership,
                Nomination,
                OrgUnit,
                TrainingCourse,
                PlanningEntry,
                AnnualRating,
                DisciplineRecord,
                PoliticalStandardConclusion,
                EarlyRetirement,
                AppointmentFile,
                ReappointmentNotice,
                Movement,
                PositionChangeExemption,
            )
        ],
        "person": Person.objects.filter(pk=b["person"].pk).values().get(),
        "a_person": Person.objects.filter(pk=world["a"]["person"].pk).values().get(),
        "post": Assignment.objects.filter(pk=b["post"].pk).values().get(),
        "unit": OrgUnit.objects.filter(pk=b["unit"].pk).values().get(),
    }
