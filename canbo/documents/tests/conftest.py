"""Fixtures of the document tests: a province with one fully recorded cadre, and three users."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from canbo.core import testing as make
from canbo.geo.models import Locality
from canbo.org.choices import BodyKind, Level, MemberRole, UnitKind
from canbo.org.models import ElectedBody
from canbo.org.services import membership_create, term_create
from canbo.people.choices import FamilyRelation, QualificationKind, StudyMode
from canbo.people.models import Ethnicity, QualificationLevel, Religion
from canbo.people.services import family_member_create, qualification_create
from canbo.posts.models import Title
from canbo.reference.loader import reference_load

D = dt.date
AS_OF = D(2025, 6, 30)
PASSWORD = "mat-khau-thu-nghiem"


def photo_png() -> bytes:
    """A 3×4 portrait-ish image (not 2×3, so the crop to the 4×6 box is exercised)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 400), (70, 120, 190))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 70, 200, 190), fill=(240, 210, 180))
    draw.rectangle((60, 210, 240, 400), fill=(30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def locality(name: str, kind: str, level: str, code: str, parent: Locality | None = None) -> Locality:
    return Locality.objects.create(
        code=code,
        code_system="QD124/2004",
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        province_code="10",
    )


def qualification(person: Any, kind: str, code: str, **data: Any) -> Any:
    level = QualificationLevel.objects.get(kind=kind, code=code)
    return qualification_create(actor=None, person=person, data={"level": level, **data})


def build_province() -> dict[str, Any]:
    """Reference data, a small unit tree and Nguyễn Thị Hằng with every part of form 2C filled in."""
    reference_load()
    kinh = Ethnicity.objects.get(code_system="QD121-TCTK/1979", code="01")
    tay = Ethnicity.objects.get(code_system="QD121-TCTK/1979", code="02")
    none = Religion.objects.get(code="00")
    province = locality("Lào Cai", "tỉnh", "province", "10")
    district = locality("Bảo Thắng", "huyện", "district", "085", province)
    commune = locality("Phố Lu", "thị trấn", "commune", "02815", district)
    home = locality("Xuân Quang", "xã", "commune", "02818", district)

    root = make.unit("Tỉnh Lào Cai", kind=UnitKind.ADMINISTRATION, code="LC")
    ubnd = make.unit("UBND tỉnh Lào Cai", parent=root, kind=UnitKind.PEOPLES_COMMITTEE, code="UBND")
    dept = make.unit("Sở Nội vụ", parent=ubnd, kind=UnitKind.DEPARTMENT, code="SNV")
    division = make.unit("Phòng Công chức, viên chức", parent=dept, kind=UnitKind.DIVISION, code="SNV-CC")
    bt = make.unit(
        "UBND huyện Bảo Thắng",
        level=Level.DISTRICT,
        kind=UnitKind.PEOPLES_COMMITTEE,
        code="BT",
        valid_to=D(2025, 6, 30),
    )
    titles = {
        code: Title.objects.get(code=code)
        for code in ("GIAM_DOC_SO", "PHO_GIAM_DOC_SO", "TRUONG_PHONG_TINH", "CHUYEN_VIEN")
    }
    district_staff = make.title("Chuyên viên Phòng Nội vụ huyện", level=Level.DISTRICT)

    hang = make.person(
        "Nguyễn Thị Hằng",
        code="LC-000123",
        other_names="Hằng Nga",
        birth_date=D(1978, 3, 2),
        ethnicity=kinh,
        religion=none,
        birthplace=commune,
        home_town=home,
        permanent_address="Số 12, đường Hoàng Liên, phường Cốc Lếu, TP Lào Cai",
        current_address="Số 12, đường Hoàng Liên, phường Cốc Lếu, TP Lào Cai",
        national_id="010178001234",
        national_id_issued_on=D(2021, 4, 10),
        occupation_at_recruitment="Giáo viên",
        recruited_on=D(2001, 9, 1),
        recruiting_agency="UBND huyện Bảo Thắng",
        general_education="12/12",
        party_joined_on=D(2003, 5, 19),
        party_official_on=D(2004, 5, 19),
        mass_org_joined="26/03/1994: Đoàn TNCS Hồ Chí Minh",
        honorary_title="",
        strengths="Tổ chức cán bộ",
        health="Tốt",
        social_insurance_no="1001234567",
        photo=ContentFile(photo_png(), name="hang.png"),
    )
    make.assign(hang, bt, district_staff, D(2001, 9, 1), D(2010, 12, 31))
    make.assign(hang, division, titles["CHUYEN_VIEN"], D(2011, 1, 1), D(2015, 6, 30))
    make.assign(
        hang,
        division,
        titles["TRUONG_PHONG_TINH"],
        D(2015, 7, 1),
        D(2020, 3, 31),
        decision_number="88/QĐ-SNV",
        decision_signed_on=D(2015, 6, 20),
    )
    make.assign(hang, dept, titles["PHO_GIAM_DOC_SO"], D(2020, 4, 1))
    make.assign(hang, division, titles["TRUONG_PHONG_TINH"], D(2024, 1, 1), is_concurrent=True)

    qualification(
        hang,
        QualificationKind.EDUCATION,
        "DAI_HOC",
        field="Luật",
        institution="Trường Đại học Luật Hà Nội",
        mode=StudyMode.FULL_TIME,
        started_on=D(1996, 9, 1),
        obtained_on=D(2000, 6, 30),
    )
    qualification(
        hang,
        QualificationKind.EDUCATION,
        "THAC_SI",
        field="Quản lý công",
        institution="Học viện Hành chính Quốc gia",
        mode=StudyMode.IN_SERVICE,
        started_on=D(2012, 10, 1),
        obtained_on=D(2014, 12, 1),
    )
    qualification(
        hang,
        QualificationKind.POLITICAL_THEORY,
        "CAO_CAP",
        institution="Học viện Chính trị khu vực I",
        mode=StudyMode.IN_SERVICE,
        started_on=D(2016, 3, 1),
        obtained_on=D(2017, 12, 1),
    )
    qualification(hang, QualificationKind.STATE_MANAGEMENT, "CHUYEN_VIEN_CHINH", obtained_on=D(2018, 5, 1))
    qualification(
        hang, QualificationKind.FOREIGN_LANGUAGE, "BAC_3", language="Tiếng Anh", obtained_on=D(2019, 8, 1)
    )
    qualification(hang, QualificationKind.IT, "CO_BAN", obtained_on=D(2019, 9, 1))
    # Obtained after the as-of date: not on the form as it stood then.
    qualification(hang, QualificationKind.EDUCATION, "TIEN_SI", field="Luật học", obtained_on=D(2025, 9, 1))

    for relation, name, year, details in (
        (FamilyRelation.FATHER, "Nguyễn Văn Bảy", 1950, "Xuân Quang, Bảo Thắng, Lào Cai; nghỉ hưu"),
        (FamilyRelation.MOTHER, "Trần Thị Lan", 1953, "Xuân Quang, Bảo Thắng, Lào Cai; làm ruộng"),
        (FamilyRelation.SPOUSE, "Lê Văn Quang", 1976, "Kỹ sư, Sở Xây dựng tỉnh Lào Cai"),
        (FamilyRelation.CHILD, "Lê Minh Anh", 2005, "Sinh viên"),
        (FamilyRelation.FATHER_IN_LAW, "Lê Văn Hòa", 1948, "Phố Lu, Bảo Thắng, Lào Cai; nghỉ hưu"),
    ):
        family_member_create(
            actor=None,
            person=hang,
            data={"relation": relation, "full_name": name, "birth_year": year, "details": details},
        )

    body = ElectedBody.objects.create(
        org_unit=root, kind=BodyKind.PARTY_EXECUTIVE, level=Level.PROVINCE, name="Ban Chấp hành Đảng bộ tỉnh"
    )
    term = term_create(actor=None, body=body, data={"name": "2020–2025", "valid_from": D(2020, 10, 15)})
    membership_create(
        actor=None, person=hang, data={"term": term, "role": MemberRole.MEMBER, "valid_from": D(2020, 10, 15)}
    )

    # Colleagues for the lists: names whose Vietnamese order differs from plain code-point order.
    an = make.person("Trần Văn An", birth_date=D(1970, 12, 11), birth_date_precision="y", ethnicity=kinh)
    duc = make.person("Đặng Văn Đức", birth_date=D(1985, 7, 1), birth_date_precision="m", ethnicity=kinh)
    dung = make.person("Dương Văn Dũng", birth_date=D(1990, 1, 15), ethnicity=tay)
    anh = make.person("Lò Thị Ánh", birth_date=D(1992, 2, 20), ethnicity=tay)
    make.assign(an, dept, titles["GIAM_DOC_SO"], D(2018, 1, 1))
    make.assign(duc, division, titles["CHUYEN_VIEN"], D(2012, 1, 1))
    make.assign(dung, division, titles["CHUYEN_VIEN"], D(2014, 1, 1))
    make.assign(anh, bt, district_staff, D(2016, 1, 1), D(2025, 6, 30))
    qualification(an, QualificationKind.POLITICAL_THEORY, "CU_NHAN", obtained_on=D(2010, 1, 1))
    qualification(duc, QualificationKind.EDUCATION, "DAI_HOC", field="Kinh tế", obtained_on=D(2008, 6, 1))
    return {
        "root": root,
        "dept": dept,
        "division": division,
        "district": bt,
        "hang": hang,
        "an": an,
        "duc": duc,
        "dung": dung,
        "anh": anh,
        "titles": titles,
    }


def grant(user: Any, role: str, unit: Any = None) -> None:
    """Give a user a role on a unit's subtree (no unit: the whole province), when access control is installed."""
    from django.apps import apps

    if apps.is_installed("canbo.access"):
        apps.get_model("access", "Grant").objects.create(
            user=user, role=role, unit=unit, valid_from=D(2000, 1, 1)
        )


@pytest.fixture
def specialist(db: Any) -> Any:
    """A Board specialist who sees the whole province and downloads the documents."""
    user = get_user_model().objects.create_user("chuyenvien", password=PASSWORD)
    grant(user, "specialist")
    return user


@pytest.fixture
def client_in(client: Any, specialist: Any) -> Any:
    """A test client signed in as the specialist."""
    client.force_login(specialist)
    return client


@pytest.fixture
def province(db: Any) -> dict[str, Any]:
    """The province of build_province()."""
    return build_province()
