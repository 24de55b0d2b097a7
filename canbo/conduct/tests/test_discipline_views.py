"""The discipline and political-standard pages of a person: list, add, edit, delete; scoped, in the
discipline tier (a leader gets 404 and no link, an inspector reads, an HR officer edits), audited, bad
input shown on the form in Vietnamese with nothing stored, stale edits and deletes refused with what changed."""

import datetime as dt

import pytest
from django.test import Client

from canbo.access.models import Role
from canbo.audit.models import AuditAction, AuditEvent
from canbo.conduct import services
from canbo.conduct.models import DisciplineRecord, PoliticalStandardConclusion
from canbo.core import testing as make

pytestmark = pytest.mark.django_db
D = dt.date
WARNING = {
    "system": "party",
    "form": "canh_cao",
    "decision_number": "15-QĐ/UBKT",
    "decision_date": "10/01/2025",
    "issued_by": "Ủy ban Kiểm tra Tỉnh ủy",
    "valid_from": "10/01/2025",
    "valid_to": "",
    "reason": "Vi phạm quy định về kê khai tài sản",
}
MEETS = {"concluded_on": "05/03/2024", "conclusion": "dat", "concluded_by": "Ban Thường vụ Tỉnh ủy"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: D(2026, 11, 22))


@pytest.fixture
def case(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    inside = make.person("Trần Văn An", birth_date=D(1980, 4, 5))
    outside = make.person("Lê Văn Bình")
    make.assign(inside, home, make.title(), D(2020, 1, 1))
    make.assign(outside, other, make.title(), D(2020, 1, 1))
    users = {
        role: make.make_user(f"u-{role}", role=role, unit=home)
        for role in (Role.HR_OFFICER, Role.LEADER, Role.INSPECTOR)
    }
    return {"inside": inside, "outside": outside, **users}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def a_warning(person, **data):
    values = {
        "form": "canh_cao",
        "system": "party",
        "decision_number": "15-QĐ/UBKT",
        "decision_date": D(2025, 1, 10),
        "valid_from": D(2025, 1, 10),
        **data,
    }
    return services.discipline_record_create(actor=None, person=person, data=values)


def a_conclusion(person, **data):
    values = {"concluded_on": D(2024, 3, 5), "conclusion": "dat", "concluded_by": "BTV Tỉnh ủy", **data}
    return services.political_standard_record(actor=None, person=person, data=values)


def created(model):
    return AuditEvent.objects.filter(object_type=model._meta.label_lower, action=AuditAction.CREATE).count()


# ------------------------------------------------------------------------------------------ discipline


def test_the_discipline_list_shows_the_bar_and_is_linked_from_the_person_page(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    a_warning(inside)
    client = as_user(officer)
    page = client.get(f"/can-bo/{inside.pk}/ky-luat/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Cảnh cáo" in text and "15-QĐ/UBKT" in text and "10/01/2025" in text
    assert "Đến hết ngày 09/01/2028" in text and "đang áp dụng" in text  # 36 months (QĐ 377)
    assert "377-QĐ/TW" in text
    person_page = client.get(f"/can-bo/{inside.pk}/").content.decode()
    assert f"/can-bo/{inside.pk}/ky-luat/" in person_page
    assert f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/" in person_page


def test_a_discipline_record_is_added_and_audited(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    reply = as_user(officer).post(f"/can-bo/{inside.pk}/ky-luat/them/", WARNING)
    assert reply.status_code == 302 and reply["Location"] == f"/can-bo/{inside.pk}/ky-luat/"
    item = DisciplineRecord.objects.get()
    assert (item.form, item.valid_from, item.valid_to, item.version) == ("canh_cao", D(2025, 1, 10), None, 1)
    event = AuditEvent.objects.get(object_type="conduct.disciplinerecord", action=AuditAction.CREATE)
    assert event.actor == officer and event.person_id == inside.pk


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"valid_to": "01/01/2025"}, "Kỷ luật kết thúc (01/01/2025) trước khi có hiệu lực (10/01/2025)."),
        (
            {"decision_date": "01/12/2026", "valid_from": "01/12/2026"},
            "Ngày 01/12/2026 là ngày trong tương lai.",
        ),
        (
            {"decision_date": "01/01/1979", "valid_from": "01/01/1979"},
            "Ngày 01/01/1979 trước ngày sinh của cán bộ (05/04/1980).",
        ),
        ({"form": "phat_tien"}, "Hãy chọn một lựa chọn hợp lệ. phat_tien không phải"),
        ({"form": "ha_bac_luong"}, "Hình thức “Hạ bậc lương” không thuộc kỷ luật đảng."),
        ({"valid_from": "05/01/2025"}, "không được trước ngày quyết định (10/01/2025)"),
        ({"decision_date": "31/02/2025"}, "Nhập ngày theo dạng dd/mm/yyyy"),
    ],
)
def test_bad_discipline_input_is_shown_on_the_form_and_nothing_stored(case, change, field_message):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    page = as_user(officer).post(f"/can-bo/{inside.pk}/ky-luat/them/", {**WARNING, **change})
    assert page.status_code == 200
    text = page.content.decode()
    assert field_message in text and "is-invalid" in text
    assert not DisciplineRecord.objects.exists() and created(DisciplineRecord) == 0


def test_a_stale_discipline_edit_is_refused_with_what_changed(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    item = a_warning(inside)
    client = as_user(officer)
    url = f"/can-bo/{inside.pk}/ky-luat/{item.pk}/sua/"
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, {**WARNING, "valid_to": "09/01/2026", "version": "1"}).status_code == 302
    stale = client.post(url, {**WARNING, "decision_number": "16-QĐ/UBKT", "version": "1"})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert 'id="xung-dot"' in text
    assert "<td>—</td><td><strong>09/01/2026</strong></td>" in text
    item.refresh_from_db()
    assert (item.decision_number, item.valid_to, item.version) == ("15-QĐ/UBKT", D(2026, 1, 9), 2)
    # The page now carries the current version: a deliberate second save goes in.
    assert 'name="version" value="2"' in text
    again = client.post(url, {**WARNING, "decision_number": "16-QĐ/UBKT", "version": "2"})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.decision_number, item.valid_to, item.version) == ("16-QĐ/UBKT", None, 3)


def test_a_bad_edit_changes_nothing(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    item = a_warning(inside)
    url = f"/can-bo/{inside.pk}/ky-luat/{item.pk}/sua/"
    page = as_user(officer).post(url, {**WARNING, "valid_to": "01/01/2025", "version": "1"})
    assert page.status_code == 200 and "trước khi có hiệu lực" in page.content.decode()
    item.refresh_from_db()
    assert (item.valid_to, item.version) == (None, 1)
    assert not AuditEvent.objects.filter(object_type="conduct.disciplinerecord", action=AuditAction.UPDATE)


def test_a_stale_discipline_delete_is_refused_then_confirmed(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    item = a_warning(inside)
    client = as_user(officer)
    url = f"/can-bo/{inside.pk}/ky-luat/{item.pk}/xoa/"
    assert 'name="version" value="1"' in client.get(url).content.decode()
    services.discipline_record_update(actor=None, record_=item, data={"valid_to": D(2026, 1, 9)}, version=1)
    refused = client.post(url, {"version": "1"})
    assert refused.status_code == 409
    text = refused.content.decode()
    assert 'id="xung-dot"' in text and "<strong>09/01/2026</strong>" in text
    assert 'name="version" value="2"' in text
    assert DisciplineRecord.objects.filter(pk=item.pk).exists()
    assert client.post(url, {"version": "2"}).status_code == 302
    assert not DisciplineRecord.objects.exists()
    deleted = AuditEvent.objects.get(object_type="conduct.disciplinerecord", action=AuditAction.DELETE)
    assert deleted.actor == officer and deleted.person_id == inside.pk


def test_another_units_discipline_is_not_found_and_unchanged(case):
    inside, outside, officer = case["inside"], case["outside"], case[Role.HR_OFFICER]
    theirs = a_warning(outside)
    client = as_user(officer)
    for url in (
        f"/can-bo/{outside.pk}/ky-luat/",
        f"/can-bo/{outside.pk}/ky-luat/them/",
        f"/can-bo/{outside.pk}/ky-luat/{theirs.pk}/sua/",
        f"/can-bo/{outside.pk}/ky-luat/{theirs.pk}/xoa/",
        f"/can-bo/{inside.pk}/ky-luat/{theirs.pk}/sua/",  # someone else's record under one's own person
        f"/can-bo/{inside.pk}/ky-luat/{theirs.pk}/xoa/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/can-bo/{outside.pk}/ky-luat/them/", WARNING).status_code == 404
    assert (
        client.post(f"/can-bo/{inside.pk}/ky-luat/{theirs.pk}/sua/", {**WARNING, "version": "1"}).status_code
        == 404
    )
    assert client.post(f"/can-bo/{outside.pk}/ky-luat/{theirs.pk}/xoa/", {"version": "1"}).status_code == 404
    assert list(DisciplineRecord.objects.values_list("pk", "version", "decision_number")) == [
        (theirs.pk, 1, "15-QĐ/UBKT")
    ]


# ------------------------------------------------------------------------------------ the discipline tier


def test_a_leader_gets_not_found_and_no_link(case):
    inside, leader = case["inside"], case[Role.LEADER]
    item, conclusion = a_warning(inside), a_conclusion(inside)
    client = as_user(leader)
    assert client.get(f"/can-bo/{inside.pk}/").status_code == 200  # the person is in the leader's scope
    person_page = client.get(f"/can-bo/{inside.pk}/").content.decode()
    assert "/ky-luat/" not in person_page and "/tieu-chuan-chinh-tri/" not in person_page
    for url in (
        f"/can-bo/{inside.pk}/ky-luat/",
        f"/can-bo/{inside.pk}/ky-luat/them/",
        f"/can-bo/{inside.pk}/ky-luat/{item.pk}/sua/",
        f"/can-bo/{inside.pk}/ky-luat/{item.pk}/xoa/",
        f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/",
        f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/them/",
        f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/{conclusion.pk}/sua/",
        f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/{conclusion.pk}/xoa/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/can-bo/{inside.pk}/ky-luat/{item.pk}/xoa/", {"version": "1"}).status_code == 404
    assert DisciplineRecord.objects.count() == 1 and PoliticalStandardConclusion.objects.count() == 1


def test_an_inspector_reads_but_does_not_edit(case):
    inside, inspector = case["inside"], case[Role.INSPECTOR]
    item, conclusion = a_warning(inside), a_conclusion(inside)
    client = as_user(inspector)
    assert "/ky-luat/" in client.get(f"/can-bo/{inside.pk}/").content.decode()
    listed = client.get(f"/can-bo/{inside.pk}/ky-luat/")
    assert listed.status_code == 200 and "15-QĐ/UBKT" in listed.content.decode()
    standard = client.get(f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/")
    assert standard.status_code == 200 and "BTV Tỉnh ủy" in standard.content.decode()
    for url in (
        f"/can-bo/{inside.pk}/ky-luat/them/",
        f"/can-bo/{inside.pk}/ky-luat/{item.pk}/sua/",
        f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/{conclusion.pk}/xoa/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/can-bo/{inside.pk}/ky-luat/them/", WARNING).status_code == 404
    assert DisciplineRecord.objects.count() == 1


# ------------------------------------------------------------------------------------ political standard


def test_the_conclusions_list_marks_the_valid_one(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    old = a_conclusion(inside, concluded_on=D(2015, 6, 1), conclusion="khong_dat", concluded_by="Huyện ủy cũ")
    recent = a_conclusion(inside)
    text = as_user(officer).get(f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/").content.decode()
    assert "05/03/2024" in text and "01/06/2015" in text and "Không đủ tiêu chuẩn chính trị" in text
    row = text[text.index(f'data-conclusion="{recent.pk}"') :]
    assert "còn giá trị" in row[: row.index("</tr>")]
    old_row = text[text.index(f'data-conclusion="{old.pk}"') :]
    assert "còn giá trị" not in old_row[: old_row.index("</tr>")]


def test_a_conclusion_is_added_and_bad_input_is_refused(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    client = as_user(officer)
    url = f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/them/"
    future = client.post(url, {**MEETS, "concluded_on": "01/01/2027"})
    assert "Ngày 01/01/2027 là ngày trong tương lai." in future.content.decode()
    before_birth = client.post(url, {**MEETS, "concluded_on": "01/01/1979"})
    assert "trước ngày sinh của cán bộ (05/04/1980)" in before_birth.content.decode()
    unknown = client.post(url, {**MEETS, "conclusion": "tam_dat"})
    assert unknown.status_code == 200 and "tam_dat" in unknown.content.decode()
    nobody = client.post(url, {**MEETS, "concluded_by": ""})
    assert nobody.status_code == 200 and "is-invalid" in nobody.content.decode()
    assert not PoliticalStandardConclusion.objects.exists() and created(PoliticalStandardConclusion) == 0
    reply = client.post(url, MEETS)
    assert reply.status_code == 302 and reply["Location"] == f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/"
    conclusion = PoliticalStandardConclusion.objects.get()
    assert (conclusion.concluded_on, conclusion.conclusion, conclusion.version) == (D(2024, 3, 5), "dat", 1)
    event = AuditEvent.objects.get(
        object_type="conduct.politicalstandardconclusion", action=AuditAction.CREATE
    )
    assert event.actor == officer and event.person_id == inside.pk


def test_a_stale_conclusion_edit_and_delete_are_refused(case):
    inside, officer = case["inside"], case[Role.HR_OFFICER]
    conclusion = a_conclusion(inside)
    client = as_user(officer)
    edit = f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/{conclusion.pk}/sua/"
    delete = f"/can-bo/{inside.pk}/tieu-chuan-chinh-tri/{conclusion.pk}/xoa/"
    assert 'name="version" value="1"' in client.get(edit).content.decode()
    assert 'name="version" value="1"' in client.get(delete).content.decode()
    corrected = client.post(edit, {**MEETS, "conclusion": "khong_dat", "version": "1"})
    assert corrected.status_code == 302
    stale = client.post(edit, {**MEETS, "document": "12-KL/TU", "version": "1"})
    assert stale.status_code == 409
    assert "<td>Đủ tiêu chuẩn chính trị</td><td><strong>Không đủ tiêu chuẩn chính trị</strong></td>" in (
        stale.content.decode()
    )
    refused = client.post(delete, {"version": "1"})
    assert refused.status_code == 409 and 'id="xung-dot"' in refused.content.decode()
    conclusion.refresh_from_db()
    assert (conclusion.conclusion, conclusion.document, conclusion.version) == ("khong_dat", "", 2)
    assert client.post(delete, {"version": "2"}).status_code == 302
    assert not PoliticalStandardConclusion.objects.exists()
    kinds = list(
        AuditEvent.objects.filter(object_type="conduct.politicalstandardconclusion")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert kinds == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]


def test_a_user_whose_grants_differ_in_tiers_is_answered_per_person(case):
    """Leader of one agency and HR officer of another: the pages of the latter's people only."""
    inside, outside = case["inside"], case["outside"]
    both = make.make_user("lanhdao-tccb", role=Role.LEADER, unit=outside.assignments.get().unit)
    make.grant(both, Role.HR_OFFICER, inside.assignments.get().unit)
    client = as_user(both)
    assert client.get(f"/can-bo/{outside.pk}/").status_code == 200  # in scope through the leader grant
    assert client.get(f"/can-bo/{outside.pk}/ky-luat/").status_code == 404
    assert client.get(f"/can-bo/{outside.pk}/tieu-chuan-chinh-tri/").status_code == 404
    assert "/ky-luat/" not in client.get(f"/can-bo/{outside.pk}/").content.decode()
    assert client.get(f"/can-bo/{inside.pk}/ky-luat/").status_code == 200
    assert client.post(f"/can-bo/{inside.pk}/ky-luat/them/", WARNING).status_code == 302
