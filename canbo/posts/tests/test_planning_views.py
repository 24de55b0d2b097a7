"""Planning pages and the appointment form: scoped writes through the services, the eligibility checklist as advice."""

import datetime as dt

import pytest
from django.urls import reverse

from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.people.models import Qualification
from canbo.posts.choices import TitleRank
from canbo.posts.models import Assignment, PlanningEntry
from canbo.rules.services import rules_load

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def case(db):
    rules_load()
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    inside = make.person("Trần Văn An", birth_date=D(1980, 5, 1), sex="nam")
    outside = make.person("Lê Văn Bình")
    staff = make.title()
    make.assign(inside, home, staff, D(2020, 1, 1))
    make.assign(outside, other, staff, D(2020, 1, 1))
    target = make.title("Giám đốc Sở", code="GIAM_DOC_SO", rank=TitleRank.HEAD, leadership=True, sole=True)
    college = make.level("education", "CAO_DANG", "Cao đẳng", 3)
    make.level("education", "DAI_HOC", "Đại học", 4)
    Qualification.objects.create(person=inside, kind="education", level=college, obtained_on=D(2002, 6, 1))
    officer = make.make_user("hr", role="hr_officer", unit=home)
    return {
        "home": home,
        "other": other,
        "inside": inside,
        "outside": outside,
        "target": target,
        "officer": officer,
    }


def _data(case, **extra):
    return {
        "title": case["target"].pk,
        "unit": case["home"].pk,
        "term_label": "2025-2030",
        "valid_from": "01/03/2026",
        "approved_by": "Ban Thường vụ Tỉnh ủy",
        "decision_number": "12-QĐ/TU",
        "decision_date": "",
        "expertise_field": "",
        **extra,
    }


def test_an_entry_is_added_shown_with_its_checklist_corrected_and_removed(client, case):
    inside = case["inside"]
    client.force_login(case["officer"])
    assert f"/can-bo/{inside.pk}/quy-hoach/" in client.get(f"/can-bo/{inside.pk}/").content.decode()
    form = client.get(reverse("web:planning_create", args=[inside.pk]), {"title": case["target"].pk})
    assert 'data-rule="title.standards" data-status="fail"' in form.content.decode()  # prefilled title

    saved = client.post(reverse("web:planning_create", args=[inside.pk]), _data(case))
    entry = PlanningEntry.objects.get(person=inside)
    assert saved.status_code == 302 and saved["Location"] == reverse(
        "web:planning_detail", args=[inside.pk, entry.pk]
    )
    page = client.get(saved["Location"]).content.decode()
    assert "12-QĐ/TU" in page and "01/03/2026" in page
    assert 'data-rule="title.standards" data-status="fail"' in page  # advice: a fail did not block the save
    assert "Cao đẳng, yêu cầu Đại học trở lên" in page and "29/2024" in page
    assert "Giám đốc Sở" in client.get(reverse("web:planning_list", args=[inside.pk])).content.decode()

    update = reverse("web:planning_update", args=[inside.pk, entry.pk])
    assert 'data-rule="title.standards"' in client.get(update).content.decode()  # the saved entry's checklist
    assert client.post(update, _data(case, term_label="2026-2031", version=1)).status_code == 302
    entry.refresh_from_db()
    assert entry.term_label == "2026-2031" and entry.version == 2
    stale = client.post(update, _data(case, term_label="2030-2035", version=1))
    assert stale.status_code == 409 and "phiên bản 1" in stale.content.decode()
    entry.refresh_from_db()
    assert entry.term_label == "2026-2031"

    client.post(reverse("web:planning_delete", args=[inside.pk, entry.pk]))
    assert not PlanningEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(object_type="posts.planningentry").count() == 3


def test_bad_input_is_answered_on_the_form_and_nothing_is_saved(client, case):
    inside = case["inside"]
    client.force_login(case["officer"])
    reply = client.post(
        reverse("web:planning_create", args=[inside.pk]),
        _data(case, valid_from="01/03/2026", valid_to="01/01/2026"),
    )
    assert (
        reply.status_code == 200 and "Ngày kết thúc không được trước ngày bắt đầu" in reply.content.decode()
    )
    assert 'data-rule="title.standards"' in reply.content.decode()  # the checklist of what was typed
    assert not PlanningEntry.objects.exists()


def test_other_units_people_and_units_are_out_of_reach(client, case):
    inside, outside = case["inside"], case["outside"]
    entry = PlanningEntry.objects.create(
        person=outside,
        title=case["target"],
        unit=case["other"],
        term_label="2025-2030",
        valid_from=D(2025, 1, 1),
    )
    client.force_login(case["officer"])
    for name in ("planning_list", "planning_create"):
        assert client.get(reverse(name.join(["web:", ""]), args=[outside.pk])).status_code == 404
    for name in ("planning_detail", "planning_update", "planning_delete"):
        assert client.get(reverse(f"web:{name}", args=[outside.pk, entry.pk])).status_code == 404
        assert client.get(reverse(f"web:{name}", args=[inside.pk, entry.pk])).status_code == 404
    client.post(reverse("web:planning_delete", args=[outside.pk, entry.pk]))
    assert PlanningEntry.objects.filter(pk=entry.pk).exists()
    tampered = client.post(
        reverse("web:planning_create", args=[inside.pk]), _data(case, unit=case["other"].pk)
    )
    assert tampered.status_code == 200 and not PlanningEntry.objects.filter(person=inside).exists()


def test_the_panel_follows_the_choices_and_the_scope(client, case):
    inside, outside = case["inside"], case["outside"]
    client.force_login(case["officer"])
    url = reverse("web:eligibility_panel")
    shown = client.get(url, {"person": inside.pk, "title": case["target"].pk, "valid_from": "01/03/2026"})
    assert 'data-rule="title.standards" data-status="fail"' in shown.content.decode()
    assert "không ngăn việc lưu" in shown.content.decode()
    hidden = client.get(url, {"person": outside.pk, "title": case["target"].pk}).content.decode()
    assert "data-rule" not in hidden and "Chọn cán bộ và chức vụ" in hidden
    bad = client.get(url, {"person": inside.pk, "title": case["target"].pk, "valid_from": "31/02/2026"})
    assert "Ngày “31/02/2026” không hợp lệ" in bad.content.decode()
    assert client.get(url, {"person": "x", "title": "y", "unit": "z"}).status_code == 200


def test_the_appointment_form_shows_the_checklist_and_a_fail_does_not_block(client, case):
    inside = case["inside"]
    client.force_login(case["officer"])
    create = reverse("web:assignment_create")
    form = client.get(create, {"person": inside.pk, "title": case["target"].pk})
    assert 'data-rule="title.standards" data-status="fail"' in form.content.decode()
    assert 'hx-get="/dieu-kien/bang/"' in form.content.decode()
    saved = client.post(
        create,
        {
            "person": inside.pk,
            "title": case["target"].pk,
            "unit": case["home"].pk,
            "valid_from": "01/03/2026",
            "is_concurrent": "on",
        },
    )
    assert saved.status_code == 302
    post = Assignment.objects.get(person=inside, title=case["target"])
    page = client.get(reverse("web:assignment_update", args=[post.pk])).content.decode()
    assert 'data-rule="title.standards" data-status="fail"' in page and "01/03/2026" in page
    assert f'hx-get="/dieu-kien/bang/?person={inside.pk}"' in page
