"""Fixtures of the web tests: a small province built through the services, and three users."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from canbo.core import testing as make
from canbo.org.choices import Level
from canbo.people.choices import QualificationKind
from canbo.people.models import Qualification
from canbo.posts.choices import TitleRank

D = dt.date
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def specialist(db: Any) -> Any:
    """A Board specialist who uses the web interface."""
    user = get_user_model().objects.create_user("chuyenvien", password=PASSWORD, first_name="Chuyên viên")
    make.grant(user, "specialist")  # the whole province
    return user


@pytest.fixture
def client_in(client: Any, specialist: Any) -> Any:
    """A test client signed in as the specialist."""
    client.force_login(specialist)
    return client


@pytest.fixture
def province(db: Any, specialist: Any) -> dict[str, Any]:
    """A department with a division, a district that ended on 30/06/2025, and three people."""
    dept = make.unit("Sở Nội vụ")
    division = make.unit("Phòng Công chức", parent=dept, kind="division")
    district = make.unit("UBND huyện Bảo Thắng", level=Level.DISTRICT, valid_to=D(2025, 6, 30))
    staff = make.title("Chuyên viên")
    head = make.title("Trưởng phòng", rank=TitleRank.DIVISION_HEAD, sole=True, leadership=True)
    d_staff = make.title("Chuyên viên huyện", level=Level.DISTRICT)
    hang = make.person("Nguyễn Thị Hằng", birth_date=D(1985, 3, 2))
    an = make.person("Trần Văn An", birth_date=D(1970, 12, 11))
    binh = make.person("Lò Văn Bình", ethnicity=make.ethnicity("Tày", "02"), birth_date=D(1990, 1, 1))
    make.assign(hang, district, d_staff, D(2008, 9, 1), D(2021, 5, 31))
    make.assign(
        hang,
        division,
        head,
        D(2021, 6, 1),
        decision_number="125/QĐ-UBND",
        decision_signed_on=D(2021, 5, 20),
        decision_signer="Chủ tịch UBND tỉnh",
        term_ends_on=D(2024, 6, 1),
    )
    make.assign(an, dept, staff, D(2005, 1, 1))
    make.assign(binh, district, d_staff, D(2015, 1, 1), D(2025, 6, 30))
    university = make.level(QualificationKind.EDUCATION, "DH", "Đại học", 6)
    master = make.level(QualificationKind.EDUCATION, "THS", "Thạc sĩ", 7)
    middle = make.level(QualificationKind.POLITICAL_THEORY, "TC", "Trung cấp", 2)
    senior = make.level(QualificationKind.POLITICAL_THEORY, "CC", "Cao cấp", 3)
    Qualification.objects.create(
        person=hang, kind=university.kind, level=university, field="Luật", obtained_on=D(2007, 6, 30)
    )
    Qualification.objects.create(
        person=hang, kind=master.kind, level=master, field="Quản lý công", obtained_on=D(2022, 10, 1)
    )
    Qualification.objects.create(person=hang, kind=senior.kind, level=senior, obtained_on=D(2020, 12, 1))
    Qualification.objects.create(person=an, kind=middle.kind, level=middle, obtained_on=D(2010, 1, 1))
    return {
        "user": specialist,
        "dept": dept,
        "division": division,
        "district": district,
        "staff": staff,
        "head": head,
        "hang": hang,
        "an": an,
        "binh": binh,
        "university": university,
        "master": master,
        "senior": senior,
        "middle": middle,
    }
