"""Forms write through the services; bad input shows Vietnamese messages next to the fields, saving nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from canbo.audit.models import AuditEvent
from canbo.core.dates import DatePrecision, today
from canbo.people.models import Attachment, FamilyMember, Person, Qualification
from canbo.posts.models import Assignment

pytestmark = pytest.mark.django_db
D = dt.date


def person_data(province: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    hang = province["hang"]
    data = {
        "full_name": "Hoàng Thị Mai",
        "birth_date": "5/9/1978",
        "sex": "nu",
        "ethnicity": hang.ethnicity_id,
        "religion": hang.religion_id,
        "staff_category": "cong_chuc",
    }
    data.update(overrides)
    return data


def field_errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_it_creates_a_person(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.post(reverse("web:person_create"), person_data(province))
    mai = Person.objects.get(full_name="Hoàng Thị Mai")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:person_detail", args=[mai.pk])
    assert mai.birth_date == D(1978, 9, 5)
    assert AuditEvent.objects.filter(object_type="people.person", object_id=str(mai.pk)).exists()


def test_dates_may_be_typed_without_separators(client_in: Any, province: dict[str, Any]) -> None:
    client_in.post(reverse("web:person_create"), person_data(province, recruited_on="01092004"))
    assert Person.objects.get(full_name="Hoàng Thị Mai").recruited_on == D(2004, 9, 1)


def test_partial_birth_dates_keep_their_precision(client_in: Any, province: dict[str, Any]) -> None:
    client_in.post(reverse("web:person_create"), person_data(province, birth_date="1978"))
    mai = Person.objects.get(full_name="Hoàng Thị Mai")
    assert (mai.birth_date, mai.birth_date_precision) == (D(1978, 1, 1), DatePrecision.YEAR)
    body = client_in.get(reverse("web:person_detail", args=[mai.pk])).content.decode()
    assert "1978" in body and "01/01/1978" not in body


def test_future_birth_date_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    future = today() + dt.timedelta(days=3)
    response = client_in.post(
        reverse("web:person_create"), person_data(province, birth_date=future.strftime("%d/%m/%Y"))
    )
    assert response.status_code == 200
    assert field_errors(response, "birth_date") == ["Ngày sinh không được sau ngày hôm nay."]
    assert "Ngày sinh không được sau ngày hôm nay." in response.content.decode()
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()


@pytest.mark.parametrize("birth", ["05/09/1920", "1929"])
def test_birth_year_before_1930_is_refused(client_in: Any, province: dict[str, Any], birth: str) -> None:
    response = client_in.post(reverse("web:person_create"), person_data(province, birth_date=birth))
    assert response.status_code == 200
    assert field_errors(response, "birth_date") == ["Năm sinh không được trước năm 1930."]
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()


@pytest.mark.parametrize("national_id", ["12345678901", "0123456789AB", "1234567890123"])
def test_malformed_national_id_is_refused(client_in: Any, province: dict[str, Any], national_id: str) -> None:
    response = client_in.post(reverse("web:person_create"), person_data(province, national_id=national_id))
    assert response.status_code == 200
    errors = field_errors(response, "national_id")
    assert errors, response.context["form"].errors
    assert any("12" in message or "định danh" in message for message in errors)
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()


def test_malformed_date_says_which_format(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.post(reverse("web:person_create"), person_data(province, birth_date="31/02/1980"))
    assert field_errors(response, "birth_date") == ["Nhập ngày theo dạng dd/mm/yyyy, mm/yyyy hoặc yyyy."]
    response = client_in.post(reverse("web:person_create"), person_data(province, recruited_on="2005-13-01x"))
    assert field_errors(response, "recruited_on") == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1978."]
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()


def test_required_fields_are_reported_in_vietnamese(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.post(reverse("web:person_create"), {})
    assert field_errors(response, "full_name") == ["Trường này là bắt buộc."]
    assert "Chưa lưu: vui lòng sửa các lỗi dưới đây." in response.content.decode()


def test_it_edits_a_person(client_in: Any, province: dict[str, Any]) -> None:
    an = province["an"]
    url = reverse("web:person_update", args=[an.pk])
    form = client_in.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "photo"}
    data.update(
        birth_date="11/12/1970", other_names="Ba An", ethnicity=an.ethnicity_id, religion=an.religion_id
    )
    response = client_in.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    an.refresh_from_db()
    assert an.other_names == "Ba An"


def assignment_data(province: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    data = {
        "person": province["an"].pk,
        "title": province["staff"].pk,
        "unit": province["division"].pk,
        "valid_from": "01/01/2024",
        "is_concurrent": "on",
        "decision_number": "15/QĐ-SNV",
        "decision_signed_on": "20/12/2023",
        "decision_signer": "Giám đốc Sở",
    }
    data.update(overrides)
    return data


def test_it_adds_an_assignment_with_its_decision(client_in: Any, province: dict[str, Any]) -> None:
    before = Assignment.objects.count()
    response = client_in.post(reverse("web:assignment_create"), assignment_data(province))
    assert response.status_code == 302, response.context["form"].errors
    assert Assignment.objects.count() == before + 1
    added = Assignment.objects.latest("pk")
    assert added.is_concurrent and added.decision is not None and added.decision.number == "15/QĐ-SNV"


def test_assignment_ending_before_it_starts_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    before = Assignment.objects.count()
    response = client_in.post(
        reverse("web:assignment_create"), assignment_data(province, valid_to="31/12/2023")
    )
    assert response.status_code == 200
    messages = [m for errors in response.context["form"].errors.values() for m in errors]
    assert "Ngày kết thúc không được trước ngày bắt đầu." in messages
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert Assignment.objects.count() == before


def test_overlapping_main_post_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    before = Assignment.objects.count()
    response = client_in.post(reverse("web:assignment_create"), assignment_data(province, is_concurrent=""))
    assert response.status_code == 200
    assert any("Trùng thời gian" in m for m in field_errors(response, "valid_from"))
    assert Assignment.objects.count() == before


def test_it_edits_and_deletes_an_assignment(client_in: Any, province: dict[str, Any]) -> None:
    post = province["an"].assignments.get()
    url = reverse("web:assignment_update", args=[post.pk])
    response = client_in.post(
        url,
        {
            "title": post.title_id,
            "unit": post.unit_id,
            "valid_from": "01/01/2005",
            "valid_to": "31/12/2023",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    post.refresh_from_db()
    assert post.valid_to == D(2023, 12, 31)
    assert client_in.post(reverse("web:assignment_delete", args=[post.pk])).status_code == 302
    assert not Assignment.objects.filter(pk=post.pk).exists()


def test_qualification_family_and_attachment(client_in: Any, province: dict[str, Any]) -> None:
    an = province["an"]
    response = client_in.post(
        reverse("web:qualification_create", args=[an.pk]),
        {
            "level": province["university"].pk,
            "field": "Kinh tế",
            "obtained_on": "06/2000",
            "mode": "chinh_quy",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    degree = Qualification.objects.get(person=an, field="Kinh tế")
    assert degree.obtained_on_precision == DatePrecision.MONTH
    response = client_in.post(
        reverse("web:family_create", args=[an.pk]),
        {
            "relation": "vo_chong",
            "full_name": "Lê Thị Lan",
            "birth_year": "1972",
        },
    )
    assert response.status_code == 302
    assert FamilyMember.objects.filter(person=an, full_name="Lê Thị Lan").exists()
    scan = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_in.post(
        reverse("web:attachment_create", args=[an.pk]),
        {
            "kind": "decision",
            "title": "Quyết định tuyển dụng",
            "file": scan,
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(person=an)
    download = client_in.get(reverse("web:attachment_download", args=[an.pk, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_qualification_in_the_future_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    an = province["an"]
    future = (today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    response = client_in.post(
        reverse("web:qualification_create", args=[an.pk]),
        {
            "level": province["university"].pk,
            "obtained_on": future,
        },
    )
    assert field_errors(response, "obtained_on") == ["Ngày cấp bằng không được sau ngày hôm nay."]
    assert not Qualification.objects.filter(person=an, level=province["university"]).exists()


def test_attachment_of_a_forbidden_type_is_refused(client_in: Any, province: dict[str, Any]) -> None:
    an = province["an"]
    script = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client_in.post(
        reverse("web:attachment_create", args=[an.pk]),
        {
            "kind": "other",
            "title": "Tệp lạ",
            "file": script,
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "file")
    assert not Attachment.objects.filter(person=an).exists()


def test_code_list_entry_is_created_and_edited(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.post(
        reverse("web:codelist_create", args=["dan-toc"]),
        {
            "code": "08",
            "code_system": "QD121-TCTK/1979",
            "name": "Mông",
            "is_minority": "on",
            "is_active": "on",
            "aliases": "HMông\nH'Mông\nMèo",
        },
    )
    assert response.status_code == 302
    from canbo.people.models import Ethnicity

    mong = Ethnicity.objects.get(name="Mông")
    assert sorted(a.alias_folded for a in mong.aliases.all()) == ["h'mong", "hmong", "meo"]
    duplicate = client_in.post(
        reverse("web:codelist_create", args=["dan-toc"]),
        {
            "code": "08",
            "code_system": "QD121-TCTK/1979",
            "name": "Mông 2",
        },
    )
    assert duplicate.status_code == 200
    assert Ethnicity.objects.filter(code="08").count() == 1
