"""The people list and dossier: as-of reads across a history, search without diacritics, sort, filters."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from canbo.access.scopes import user_scope
from canbo.core import testing as make
from canbo.org.choices import Level
from canbo.people.choices import QualificationKind
from canbo.people.selectors import PersonFilters, person_dossier, person_get, person_list
from canbo.posts.choices import TitleRank

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def province():
    """A department and a district with a few people whose posts change over time."""
    user = make.make_user(role="specialist")
    dept = make.unit("Sở Nội vụ")
    division = make.unit("Phòng Công chức", parent=dept, kind="division")
    district = make.unit("UBND huyện Bảo Thắng", level=Level.DISTRICT, valid_to=D(2025, 6, 30))
    staff = make.title("Chuyên viên")
    head = make.title("Trưởng phòng", rank=TitleRank.DIVISION_HEAD, sole=True, leadership=True)
    d_staff = make.title("Chuyên viên huyện", level=Level.DISTRICT)
    hang = make.person("Nguyễn Thị Hằng", birth_date=D(1985, 3, 2))
    an = make.person("Trần Văn An", birth_date=D(1980, 12, 11))
    binh = make.person("Lò Văn Bình", ethnicity=make.ethnicity("Tày", "02"), birth_date=D(1990, 1, 1))
    # Hằng: staff in the district, then head of division from 01/06/2021 (changed the day before: 31/05).
    make.assign(hang, district, d_staff, D(2008, 9, 1), D(2021, 5, 31))
    make.assign(hang, division, head, D(2021, 6, 1))
    make.assign(an, dept, staff, D(2005, 1, 1))
    make.assign(binh, district, d_staff, D(2015, 1, 1), D(2025, 6, 30))
    return {
        "user": user,
        "dept": dept,
        "division": division,
        "district": district,
        "hang": hang,
        "an": an,
        "binh": binh,
        "head": head,
    }


def names(qs):
    return [p.full_name for p in qs]


def test_list_shows_people_as_they_stood_on_each_date(province):
    user = province["user"]
    on_2020 = person_list(user=user, as_of=D(2020, 12, 11))
    assert names(on_2020) == ["Trần Văn An", "Lò Văn Bình", "Nguyễn Thị Hằng"]
    hang_then = next(p for p in on_2020 if p.full_name == "Nguyễn Thị Hằng")
    assert hang_then.cur_unit_name == "UBND huyện Bảo Thắng"
    day_before = person_list(user=user, as_of=D(2021, 5, 31)).get(pk=province["hang"].pk)
    day_of = person_list(user=user, as_of=D(2021, 6, 1)).get(pk=province["hang"].pk)
    assert day_before.cur_title_name == "Chuyên viên huyện"
    assert day_of.cur_title_name == "Trưởng phòng"
    # After the district ended, Bình has no post and leaves the list unless former staff are included.
    assert "Lò Văn Bình" not in names(person_list(user=user, as_of=D(2025, 7, 1)))
    assert "Lò Văn Bình" in names(
        person_list(user=user, as_of=D(2025, 7, 1), filters=PersonFilters(include_former=True))
    )


def test_search_ignores_diacritics_and_case(province):
    user = province["user"]
    for query in ("nguyen thi hang", "NGUYỄN THỊ HẰNG", "hang", "Hằng"):
        assert names(person_list(user=user, as_of=D(2024, 1, 1), filters=PersonFilters(q=query))) == [
            "Nguyễn Thị Hằng"
        ]


def test_unit_subtree_level_and_leadership_filters(province):
    user, dept = province["user"], province["dept"]
    as_of = D(2024, 1, 1)
    assert names(person_list(user=user, as_of=as_of, filters=PersonFilters(unit=dept))) == [
        "Trần Văn An",
        "Nguyễn Thị Hằng",
    ]
    assert names(person_list(user=user, as_of=as_of, filters=PersonFilters(level=Level.DISTRICT))) == [
        "Lò Văn Bình"
    ]
    assert names(person_list(user=user, as_of=as_of, filters=PersonFilters(leadership_only=True))) == [
        "Nguyễn Thị Hằng"
    ]
    assert names(person_list(user=user, as_of=as_of, filters=PersonFilters(minority=True))) == ["Lò Văn Bình"]
    assert names(person_list(user=user, as_of=as_of, filters=PersonFilters(sex="nu"))) == ["Nguyễn Thị Hằng"]


def test_age_band_counts_the_birthday(province):
    user = province["user"]
    # Trần Văn An turns 40 on 11/12/2020.
    under_40 = PersonFilters(age_max=39)
    assert "Trần Văn An" in names(person_list(user=user, as_of=D(2020, 12, 10), filters=under_40))
    assert "Trần Văn An" not in names(person_list(user=user, as_of=D(2020, 12, 11), filters=under_40))


def test_qualification_filter_uses_the_date_obtained(province):
    from canbo.people.services import qualification_create

    user, hang = province["user"], province["hang"]
    university = make.level(QualificationKind.EDUCATION, "DH", "Đại học", 6)
    master = make.level(QualificationKind.EDUCATION, "THS", "Thạc sĩ", 7)
    qualification_create(actor=None, person=hang, data={"level": master, "obtained_on": D(2022, 9, 1)})
    filters = PersonFilters(education_min=university)
    assert names(person_list(user=user, as_of=D(2022, 8, 31), filters=filters)) == []
    assert names(person_list(user=user, as_of=D(2022, 9, 1), filters=filters)) == ["Nguyễn Thị Hằng"]


def test_list_is_one_query_whatever_the_size(province, django_assert_num_queries):
    user = province["user"]
    for i in range(30):
        make.assign(make.person(f"Phạm Văn Số{i}"), province["dept"], make.title(f"CV{i}"), D(2010, 1, 1))
    officer = make.make_user("to-chuc-so", role="hr_officer", unit=province["dept"])
    # The province (33 people), and the department's HR officer: its 30, Hằng and An, not Bình's district.
    for reader, expected in ((user, 33), (officer, 32)):
        user_scope(reader)  # the grants are read once per request (cached on the user object)
        with django_assert_num_queries(1):
            rows = list(person_list(user=reader, as_of=D(2024, 1, 1))[:50])
            _ = [(r.cur_title_name, r.cur_unit_name, r.ethnicity.name) for r in rows]
        assert len(rows) == expected


def test_dossier_as_of(province):
    user, hang = province["user"], province["hang"]
    then = person_dossier(user=user, person=hang, as_of=D(2020, 1, 1))
    now = person_dossier(user=user, person=hang, as_of=D(2024, 1, 1))
    assert then.main_post.title.name == "Chuyên viên huyện"
    assert len(then.work_history) == 1
    assert now.main_post.title.name == "Trưởng phòng"
    assert len(now.work_history) == 2


def test_outsiders_get_not_found(province):
    with pytest.raises(Http404):
        person_get(user=AnonymousUser(), pk=province["hang"].pk)
    with pytest.raises(Http404):
        person_get(user=province["user"], pk=999999)
    assert not person_list(user=AnonymousUser(), as_of=D(2024, 1, 1)).exists()
