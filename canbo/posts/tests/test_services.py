"""Work history: overlaps, sole posts, units' lifetimes, decisions, and the audit row of each write."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.posts.choices import TitleRank
from canbo.posts.models import Assignment
from canbo.posts.services import assignment_create, assignment_end, assignment_update

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def world():
    dept = make.unit("Sở Tài chính")
    staff = make.title("Chuyên viên")
    head = make.title("Giám đốc Sở", rank=TitleRank.HEAD, sole=True, leadership=True)
    deputy = make.title("Phó Giám đốc Sở", rank=TitleRank.DEPUTY, leadership=True)
    return dept, staff, head, deputy


def test_it_records_a_post_and_its_decision_and_audits_it(world):
    dept, _, head, _ = world
    hang = make.person("Nguyễn Thị Hằng")
    post = assignment_create(
        actor=None,
        person=hang,
        data={
            "unit": dept,
            "title": head,
            "valid_from": D(2021, 3, 1),
            "decision_number": "45/QĐ-UBND",
            "decision_signed_on": D(2021, 2, 25),
            "decision_signer": "Trịnh Xuân Trường",
            "decision_issuer": "UBND tỉnh Lào Cai",
            "term_ends_on": D(2026, 2, 28),
        },
    )
    assert post.is_sole_post
    assert post.decision.number == "45/QĐ-UBND"
    event = AuditEvent.objects.get(object_type="posts.assignment", object_id=str(post.pk))
    assert event.action == "create" and event.person_id == hang.pk
    assert event.changes["valid_from"] == [None, "2021-03-01"]


def test_it_refuses_an_end_before_the_start(world):
    dept, staff, _, _ = world
    hang = make.person()
    with pytest.raises(ValidationError) as err:
        make.assign(hang, dept, staff, D(2020, 1, 1), D(2019, 12, 31))
    assert "Ngày kết thúc không được trước ngày bắt đầu." in str(err.value)
    assert not Assignment.objects.exists()


def test_it_refuses_two_main_posts_at_once_but_allows_a_concurrent_one(world):
    dept, staff, _, deputy = world
    hang = make.person()
    make.assign(hang, dept, staff, D(2010, 1, 1), D(2015, 6, 30))
    with pytest.raises(ValidationError) as err:
        make.assign(hang, dept, deputy, D(2015, 6, 30))
    assert "Trùng thời gian với chức vụ chính" in str(err.value)
    make.assign(hang, dept, deputy, D(2015, 7, 1))
    other = make.unit("Ban Chỉ đạo")
    make.assign(hang, other, staff, D(2016, 1, 1), is_concurrent=True)
    assert Assignment.objects.filter(person=hang).count() == 3


def test_it_refuses_overlapping_holders_of_a_sole_post(world):
    dept, _, head, _ = world
    first, second = make.person("Trần Văn An"), make.person("Lê Thị Bích")
    make.assign(first, dept, head, D(2016, 1, 1), D(2020, 12, 31))
    with pytest.raises(ValidationError) as err:
        make.assign(second, dept, head, D(2020, 12, 31))
    assert "Trần Văn An đang giữ" in str(err.value)
    make.assign(second, dept, head, D(2021, 1, 1))
    assert Assignment.objects.filter(title=head).count() == 2


def test_it_refuses_a_post_outside_the_units_lifetime(world):
    _, staff, _, _ = world
    closed = make.unit("Sở cũ", valid_to=D(2025, 6, 30))
    hang = make.person()
    with pytest.raises(ValidationError) as err:
        make.assign(hang, closed, staff, D(2024, 1, 1))  # open-ended past the unit's end
    assert "chỉ tồn tại" in str(err.value)
    make.assign(hang, closed, staff, D(2024, 1, 1), D(2025, 6, 30))


def test_it_refuses_a_title_of_another_level(world):
    dept, _, _, _ = world
    commune_chair = make.title("Chủ tịch UBND xã", level="commune", rank=TitleRank.KEY, sole=True)
    with pytest.raises(ValidationError) as err:
        make.assign(make.person(), dept, commune_chair, D(2020, 1, 1))
    assert "thuộc cấp xã" in str(err.value)


def test_it_refuses_a_start_before_birth_or_in_the_future(world):
    dept, staff, _, _ = world
    hang = make.person(birth_date=D(1990, 1, 1))
    with pytest.raises(ValidationError):
        make.assign(hang, dept, staff, D(1989, 1, 1))
    with pytest.raises(ValidationError):
        make.assign(hang, dept, staff, D(2100, 1, 1))
    assert not Assignment.objects.exists()


def test_ending_and_updating_a_post_is_audited(world):
    dept, staff, _, _ = world
    hang = make.person()
    post = make.assign(hang, dept, staff, D(2010, 1, 1))
    assignment_end(actor=None, assignment=post, valid_to=D(2020, 5, 31))
    post.refresh_from_db()
    assert post.valid_to == D(2020, 5, 31)
    event = AuditEvent.objects.filter(object_id=str(post.pk), action="update").get()
    assert event.changes == {"valid_to": [None, "2020-05-31"], "version": [1, 2]}


def test_update_that_would_overlap_changes_nothing(world):
    dept, staff, _, deputy = world
    hang = make.person()
    first = make.assign(hang, dept, staff, D(2010, 1, 1), D(2014, 12, 31))
    make.assign(hang, dept, deputy, D(2015, 1, 1))
    with pytest.raises(ValidationError):
        assignment_update(actor=None, assignment=first, data={"valid_to": D(2016, 1, 1)})
    first.refresh_from_db()
    assert first.valid_to == D(2014, 12, 31)


def test_unknown_fields_are_refused(world):
    dept, staff, _, _ = world
    with pytest.raises(ValidationError) as err:
        assignment_create(
            actor=None,
            person=make.person(),
            data={"unit": dept, "title": staff, "valid_from": D(2020, 1, 1), "salary": 9},
        )
    assert "salary" in err.value.message_dict
