"""The download addresses: sign-in, not found, the as-of date, selections and their cap, audit, query budget."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from canbo.audit.models import AuditAction, AuditEvent
from canbo.documents import views
from canbo.people.choices import Sex

from .conftest import grant

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def person_url(person: Any, fmt: str = "docx") -> str:
    return reverse(f"web:person_form2c_{fmt}", args=[person.pk])


def selection_url(fmt: str = "docx") -> str:
    return reverse(f"web:form2c_selection_{fmt}")


def docx_text(response: Any) -> str:
    document = Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_urls_are_the_documented_ones(province: dict[str, Any]) -> None:
    hang = province["hang"]
    assert person_url(hang) == f"/can-bo/{hang.pk}/mau-2c.docx"
    assert person_url(hang, "pdf") == f"/can-bo/{hang.pk}/mau-2c.pdf"
    assert selection_url() == "/can-bo/mau-2c.docx"
    assert selection_url("pdf") == "/can-bo/mau-2c.pdf"
    assert reverse("web:person_list_xlsx") == "/can-bo/xuat.xlsx"


def test_it_requires_sign_in(client: Any, province: dict[str, Any]) -> None:
    hang = province["hang"]
    for url in (
        person_url(hang),
        person_url(hang, "pdf"),
        selection_url() + f"?ids={hang.pk}",
        reverse("web:person_list_xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_missing_person_is_not_found(client_in: Any, province: dict[str, Any]) -> None:
    missing = province["hang"].pk + 1000
    assert client_in.get(reverse("web:person_form2c_docx", args=[missing])).status_code == 404
    assert client_in.get(reverse("web:person_form2c_pdf", args=[missing])).status_code == 404
    assert client_in.get(selection_url(), {"ids": f"{province['hang'].pk},{missing}"}).status_code == 404
    assert client_in.get(selection_url(), {"ids": "1,abc"}).status_code == 404
    assert client_in.get(selection_url(), {"ids": ""}).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_it_checks_the_users_scope(client: Any, province: dict[str, Any], django_user_model: Any) -> None:
    """A district's HR officer gets the district's people only; the others answer "not found"."""
    officer = django_user_model.objects.create_user("to-chuc-huyen")
    grant(officer, "hr_officer", province["district"])
    client.force_login(officer)
    assert client.get(person_url(province["hang"])).status_code == 404
    assert (
        client.get(selection_url(), {"ids": f"{province['anh'].pk},{province['hang'].pk}"}).status_code == 404
    )
    assert client.get(person_url(province["anh"])).status_code == 200
    response = client.get(reverse("web:person_list_xlsx"), {"as_of": "30/06/2025"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)] == ["Lò Thị Ánh"]


def test_it_works_for_one_person(client_in: Any, province: dict[str, Any], specialist: Any) -> None:
    hang = province["hang"]
    response = client_in.get(person_url(hang), {"as_of": "30/06/2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="mau-2c-nguyen-thi-hang.docx"'
    assert "NGUYỄN THỊ HẰNG" in docx_text(response)
    pdf = client_in.get(person_url(hang, "pdf"), {"as_of": "30/06/2025"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_every_export_is_audited(client_in: Any, province: dict[str, Any], specialist: Any) -> None:
    hang, an = province["hang"], province["an"]
    client_in.get(person_url(hang), {"as_of": "30/06/2025"}, REMOTE_ADDR="10.0.0.7")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.object_type, event.object_id, event.person_id) == (
        specialist,
        "people.person",
        str(hang.pk),
        hang.pk,
    )
    assert event.changes["format"] == [None, "docx"]
    assert event.changes["as_of"] == [None, "2025-06-30"]
    assert (event.source, event.client_ip) == ("web", "10.0.0.7")

    client_in.get(selection_url("pdf"), {"ids": f"{an.pk},{hang.pk}"})
    selection = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("-id").first()
    assert selection.object_id == str(an.pk)  # the first person of the selection
    assert selection.changes["person_ids"] == [None, [an.pk, hang.pk]]
    assert selection.changes["format"] == [None, "pdf"]

    client_in.get(reverse("web:person_list_xlsx"), {"sex": Sex.FEMALE, "as_of": "30/06/2025"})
    listing = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("-id").first()
    assert (listing.object_type, listing.object_id, listing.person_id) == ("people.person", "list", None)
    assert listing.changes["filters"] == [None, {"sex": "nu"}]
    assert listing.changes["count"] == [None, 2]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 3


def test_it_respects_the_as_of_date(client_in: Any, province: dict[str, Any]) -> None:
    text = docx_text(client_in.get(person_url(province["hang"]), {"as_of": "01/01/2016"}))
    assert "07/2015 – nay" in text
    assert "Phó Giám đốc Sở" not in text


def test_a_selection_by_ids_keeps_the_order_given(client_in: Any, province: dict[str, Any]) -> None:
    hang, an, duc = province["hang"], province["an"], province["duc"]
    response = client_in.get(selection_url(), {"ids": f"{hang.pk},{duc.pk},{an.pk},{hang.pk}"})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert len(document.sections) == 3
    names = [p.runs[-1].text for p in document.paragraphs if p.text.startswith("1) Họ và tên")]
    assert names == ["NGUYỄN THỊ HẰNG", "ĐẶNG VĂN ĐỨC", "TRẦN VĂN AN"]
    assert 'filename="mau-2c-3-can-bo-' in response["Content-Disposition"]


def test_a_selection_by_the_list_filters(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.get(selection_url(), {"sex": Sex.FEMALE, "as_of": "30/06/2025"})
    document = Document(io.BytesIO(response.content))
    names = [p.runs[-1].text for p in document.paragraphs if p.text.startswith("1) Họ và tên")]
    assert names == ["LÒ THỊ ÁNH", "NGUYỄN THỊ HẰNG"]  # the list page's order


def test_a_selection_over_the_cap_is_refused_with_a_message(
    client_in: Any, province: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "SELECTION_CAPS", {"docx": 2, "pdf": 2})
    response = client_in.get(selection_url(), {"as_of": "30/06/2025", "minority": "0"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:person_list") + "?as_of=30%2F06%2F2025&minority=0"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (
        "Mỗi lần in mẫu 2C được tối đa 2 người, danh sách đang chọn có 3 người. Hãy lọc bớt rồi in lại."
    )
    ids = ",".join(str(province[key].pk) for key in ("hang", "an", "duc"))
    assert client_in.get(selection_url("pdf"), {"ids": ids}).status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_empty_selection_goes_back_to_the_list(client_in: Any, province: dict[str, Any]) -> None:
    response = client_in.get(selection_url(), {"q": "khong co ai"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Không có cán bộ nào phù hợp để in mẫu 2C."
    ]


def queries(client: Any, url: str, **params: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_history_rows(client_in: Any, province: dict[str, Any]) -> None:
    # Hằng has five posts, seven qualifications and five relatives; Dũng has one post and nothing else.
    queries(client_in, person_url(province["dung"]))  # the first request of a session also saves the session
    rich = queries(client_in, person_url(province["hang"]))
    plain = queries(client_in, person_url(province["dung"]))
    assert rich == plain


def test_queries_per_person_are_bounded_in_a_selection(client_in: Any, province: dict[str, Any]) -> None:
    two = ",".join(str(province[key].pk) for key in ("hang", "an"))
    five = ",".join(str(province[key].pk) for key in ("hang", "an", "duc", "dung", "anh"))
    queries(client_in, selection_url(), ids=two)  # the first request of a session also saves the session
    base = queries(client_in, selection_url(), ids=two)
    more = queries(client_in, selection_url(), ids=five)
    # The dossier: person, posts, qualifications, training courses, memberships, family, attachments,
    # nominations, discipline records.
    per_person = 9
    assert more - base <= 3 * per_person
    assert more <= 5 * per_person + 12


def test_the_form_stays_vietnamese_when_the_interface_is_english(
    client_in: Any, province: dict[str, Any]
) -> None:
    client_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = docx_text(client_in.get(person_url(province["hang"]), {"as_of": "30/06/2025"}))
    assert "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC" in text
    assert "Giới tính (nam, nữ): Nữ" in text  # the sex label too, not "Female"
    assert "Chính quy" in text  # and the study mode
    response = client_in.get(reverse("web:person_list_xlsx"), {"as_of": "30/06/2025"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == "STAFF LIST"
    assert [cell.value for cell in sheet[4]][:3] == ["No.", "Full name", "Date of birth"]
    assert sheet["A2"].value == "As of 30/06/2025. No filters."
