"""Training-course pages: listed on the person page, added, edited (with the version check) and deleted
through the services; bad input shown in Vietnamese; another unit's officer gets "not found"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from canbo.access.models import Role
from canbo.audit.models import AuditAction, AuditEvent
from canbo.core import testing as make
from canbo.core.dates import today
from canbo.org.choices import Level
from canbo.people.choices import TrainingKind
from canbo.people.models import TrainingCourse
from canbo.people.services import qualification_create
from canbo.people.training import training_course_create

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def setting() -> dict[str, Any]:
    """Two districts, each with a cadre and an HR officer; district A's cadre has a degree and a course."""
    root = make.unit("Tỉnh", kind="administration")
    title = make.title("Chuyên viên huyện", level=Level.DISTRICT)
    a = make.unit("Huyện An Phú", parent=root, level=Level.DISTRICT)
    b = make.unit("Huyện Bình Sơn", parent=root, level=Level.DISTRICT)
    hang = make.person("Nguyễn Thị Hằng", birth_date=D(1980, 5, 17))
    bay = make.person("Lê Văn Bảy", birth_date=D(1975, 1, 2))
    make.assign(hang, a, title, D(2005, 1, 1))
    make.assign(bay, b, title, D(2005, 1, 1))
    qualification_create(
        actor=None,
        person=hang,
        data={
            "level": make.level(),
            "field": "Luật",
            "institution": "Trường Đại học Luật Hà Nội",
            "started_on": D(1998, 9, 1),
            "obtained_on": D(2002, 6, 30),
        },
    )
    course = training_course_create(
        actor=None,
        person=hang,
        data={
            "name": "Bồi dưỡng đối tượng 4",
            "kind": TrainingKind.KNOWLEDGE_UPDATE,
            "institution": "Trường Chính trị tỉnh",
            "started_on": D(2015, 3, 16),
            "ended_on": D(2015, 6, 12),
            "note": "Giấy chứng nhận",
        },
    )
    return {
        "a": a,
        "hang": hang,
        "bay": bay,
        "course": course,
        "officer_a": make.make_user("to-chuc-an-phu", role=Role.HR_OFFICER, unit=a),
        "officer_b": make.make_user("to-chuc-binh-son", role=Role.HR_OFFICER, unit=b),
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def course_data(**overrides: str) -> dict[str, str]:
    return {
        "name": "Tin học văn phòng",
        "kind": TrainingKind.OTHER,
        "institution": "Sở Thông tin và Truyền thông",
        "started_on": "05/10/2020",
        "ended_on": "30/11/2020",
        "note": "Chứng chỉ",
        **overrides,
    }


def test_the_person_page_lists_courses_with_degrees_in_date_order(setting: Any) -> None:
    hang, course = setting["hang"], setting["course"]
    page = client_for(setting["officer_a"]).get(reverse("web:person_detail", args=[hang.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="dao-tao"') :]
    section = section[: section.index("</section>")]
    assert section.index("Trường Đại học Luật Hà Nội") < section.index("Bồi dưỡng đối tượng 4")
    assert "03/2015 – 06/2015" in section
    assert "Bồi dưỡng cập nhật kiến thức" in section and "Giấy chứng nhận" in section
    assert reverse("web:training_course_update", args=[hang.pk, course.pk]) in section
    assert reverse("web:training_course_delete", args=[hang.pk, course.pk]) in section
    assert reverse("web:training_course_create", args=[hang.pk]) in section


def test_it_adds_a_course_through_the_service(setting: Any) -> None:
    hang, officer = setting["hang"], setting["officer_a"]
    response = client_for(officer).post(reverse("web:training_course_create", args=[hang.pk]), course_data())
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("web:person_detail", args=[hang.pk]) + "#dao-tao"
    added = TrainingCourse.objects.get(person=hang, name="Tin học văn phòng")
    assert (added.started_on, added.ended_on, added.kind) == (D(2020, 10, 5), D(2020, 11, 30), "khac")
    event = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="people.trainingcourse", object_id=str(added.pk)
    )
    assert (event.actor, event.person_id) == (officer, hang.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"started_on": "30/11/2020", "ended_on": "05/10/2020"},
            "ended_on",
            "Ngày kết thúc khóa học không được trước ngày bắt đầu.",
        ),
        (
            {"ended_on": (today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")},
            "ended_on",
            "Ngày kết thúc khóa học không được sau ngày hôm nay.",
        ),
        ({"started_on": "01/01/1979"}, "started_on", "Ngày bắt đầu khóa học không được trước ngày sinh."),
        ({"name": "   "}, "name", "Trường này là bắt buộc."),
        ({"ended_on": "31/02/2020"}, "ended_on", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1978."),
    ],
)
def test_bad_input_is_shown_on_the_form_and_changes_nothing(
    setting: Any, overrides: dict[str, str], field: str, message: str
) -> None:
    hang, client = setting["hang"], client_for(setting["officer_a"])
    before = AuditEvent.objects.count()  # after the sign-in, which is audited
    response = client.post(reverse("web:training_course_create", args=[hang.pk]), course_data(**overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors.get(field, [])) == [message]
    assert message in response.content.decode()
    assert not TrainingCourse.objects.filter(name="Tin học văn phòng").exists()
    assert AuditEvent.objects.count() == before


def test_it_edits_a_course_and_refuses_a_stale_save(setting: Any) -> None:
    hang, course = setting["hang"], setting["course"]
    url = reverse("web:training_course_update", args=[hang.pk, course.pk])
    first = client_for(setting["officer_a"])
    second = client_for(make.make_user("to-chuc-2", role=Role.HR_OFFICER, unit=setting["a"]))
    form = first.get(url).context["form"]
    assert form["started_on"].value() == D(2015, 3, 16) and form["version"].value() == 1
    loaded = course_data(name="Bồi dưỡng đối tượng 4", started_on="16/03/2015", ended_on="12/06/2015")
    saved = first.post(url, {**loaded, "version": "1", "institution": "Trường Chính trị Lê Hồng Phong"})
    assert saved.status_code == 302, saved.context["form"].errors
    refused = second.post(url, {**loaded, "version": "1", "note": "Chứng chỉ B"})
    assert refused.status_code == 409
    assert "đã được người khác sửa" in refused.content.decode()
    course.refresh_from_db()
    assert (course.institution, course.note, course.version) == (
        "Trường Chính trị Lê Hồng Phong",
        "Chứng chỉ",
        2,
    )
    # The refused form now carries the current version: a deliberate second save goes in.
    assert refused.context["form"].data["version"] == "2"
    assert second.post(url, refused.context["form"].data).status_code == 302
    course.refresh_from_db()
    assert (course.note, course.version) == ("Chứng chỉ B", 3)
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE, object_type="people.trainingcourse", object_id=str(course.pk)
        ).count()
        == 2
    )


def test_it_deletes_a_course(setting: Any) -> None:
    hang, course = setting["hang"], setting["course"]
    client = client_for(setting["officer_a"])
    url = reverse("web:training_course_delete", args=[hang.pk, course.pk])
    assert "Bồi dưỡng đối tượng 4" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not TrainingCourse.objects.filter(pk=course.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="people.trainingcourse", object_id=str(course.pk)
    ).exists()


def test_another_units_officer_gets_not_found_and_changes_nothing(setting: Any) -> None:
    hang, course = setting["hang"], setting["course"]
    outsider = client_for(setting["officer_b"])
    urls = [
        reverse("web:training_course_create", args=[hang.pk]),
        reverse("web:training_course_update", args=[hang.pk, course.pk]),
        reverse("web:training_course_delete", args=[hang.pk, course.pk]),
    ]
    for url in urls:
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, course_data()).status_code == 404
    assert TrainingCourse.objects.filter(person=hang).count() == 1
    course.refresh_from_db()
    assert (course.name, course.version) == ("Bồi dưỡng đối tượng 4", 1)
    # A course of someone else reached through the wrong person answers "not found" too.
    bay = setting["bay"]
    own = client_for(setting["officer_b"])
    assert own.get(reverse("web:training_course_update", args=[bay.pk, course.pk])).status_code == 404
