"""Fixtures of the API tests: a signed-in user with a token, and a small province."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from canbo.core import testing as make
from canbo.org.choices import Level, Sector, UnitKind
from canbo.posts.choices import TitleRank

D = dt.date


@pytest.fixture
def user(db):
    return make.make_user("chuyenvien", role="specialist")


@pytest.fixture
def token(user):
    return Token.objects.create(user=user)


@pytest.fixture
def api(token):
    """A client authenticated with the user's token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous(db):
    return APIClient()


@pytest.fixture
def province(db):
    """A province with two departments and a district, three people and their posts."""
    root = make.unit("Tỉnh Lào Cai", kind=UnitKind.ADMINISTRATION, code="LC", sector=Sector.STATE)
    home = make.unit("Sở Nội vụ", parent=root, code="SNV")
    division = make.unit("Phòng Công chức", parent=home, code="SNV-CC", kind=UnitKind.DIVISION)
    finance = make.unit("Sở Tài chính", parent=root, code="STC")
    party = make.unit(
        "Ban Tổ chức Tỉnh ủy", parent=root, code="BTC", sector=Sector.PARTY, kind=UnitKind.PARTY_AGENCY
    )
    district = make.unit(
        "Huyện Bảo Thắng", parent=root, level=Level.DISTRICT, valid_to=D(2025, 6, 30), code="BT"
    )
    director = make.title("Giám đốc Sở", rank=TitleRank.HEAD, sole=True, leadership=True)
    deputy = make.title("Phó Giám đốc Sở", rank=TitleRank.DEPUTY, leadership=True)
    staff = make.title("Chuyên viên")
    hang = make.person("Nguyễn Thị Hằng", birth_date=D(1980, 5, 17), national_id="001180000001")
    an = make.person("Trần Văn An", birth_date=D(1970, 1, 1))
    binh = make.person("Lê Văn Bình", birth_date=D(1990, 3, 3))
    # Hằng: staff in the division until 2019, then deputy director of the department.
    make.assign(hang, division, staff, D(2010, 1, 1), D(2019, 12, 31))
    make.assign(hang, home, deputy, D(2020, 1, 1))
    make.assign(an, finance, director, D(2015, 1, 1))
    # Bình left in 2022: former on today's date.
    make.assign(binh, finance, staff, D(2015, 1, 1), D(2022, 12, 31))
    return {
        "root": root,
        "home": home,
        "division": division,
        "finance": finance,
        "party": party,
        "district": district,
        "director": director,
        "deputy": deputy,
        "staff": staff,
        "hang": hang,
        "an": an,
        "binh": binh,
    }
